import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBackendStoreUri, parseConfig } from '@/server/config';

const BASE = '/srv/runboard';
const cfg = (env: Record<string, string>) => parseConfig({ RUNBOARD_BASE_DIR: BASE, ...env });

function configError(env: Record<string, string>): string {
  try {
    cfg(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('parseConfig defaults', () => {
  it('uses runboard.db and ./mlartifacts under the base directory, serves artifacts, and roots experiments at mlflow-artifacts:/', () => {
    expect(cfg({})).toEqual({
      backendStore: { kind: 'sqlite', file: `${BASE}/runboard.db` },
      artifactsDestination: `${BASE}/mlartifacts`,
      defaultArtifactRoot: 'mlflow-artifacts:/',
      serveArtifacts: true,
    });
  });

  it('resolves relative paths against the working directory when no base directory is set', () => {
    const c = parseConfig({});
    expect(c.backendStore).toEqual({ kind: 'sqlite', file: path.resolve(process.cwd(), 'runboard.db') });
    expect(c.artifactsDestination).toBe(path.resolve(process.cwd(), 'mlartifacts'));
  });

  it('ignores unrelated environment variables', () => {
    expect(cfg({ PATH: '/bin', HOME: '/root' }).backendStore.kind).toBe('sqlite');
  });
});

describe('backend store URI', () => {
  it('sqlite:///rel.db is relative to the base directory', () => {
    expect(cfg({ MLFLOW_BACKEND_STORE_URI: 'sqlite:///rel.db' }).backendStore).toEqual({ kind: 'sqlite', file: `${BASE}/rel.db` });
    expect(cfg({ MLFLOW_BACKEND_STORE_URI: 'sqlite:///data/sub/x.db' }).backendStore).toEqual({ kind: 'sqlite', file: `${BASE}/data/sub/x.db` });
  });

  it('sqlite:////abs.db is an absolute path', () => {
    expect(cfg({ MLFLOW_BACKEND_STORE_URI: 'sqlite:////var/lib/abs.db' }).backendStore).toEqual({ kind: 'sqlite', file: '/var/lib/abs.db' });
  });

  it('a plain path is a SQLite file, relative or absolute', () => {
    expect(cfg({ MLFLOW_BACKEND_STORE_URI: 'store/mlflow.db' }).backendStore).toEqual({ kind: 'sqlite', file: `${BASE}/store/mlflow.db` });
    expect(cfg({ MLFLOW_BACKEND_STORE_URI: '/tmp/mlflow.db' }).backendStore).toEqual({ kind: 'sqlite', file: '/tmp/mlflow.db' });
  });

  it('postgresql:// and postgres:// URLs select PostgreSQL with the URL unchanged', () => {
    for (const url of ['postgresql://user:pw@db:5432/mlflow', 'postgres://db/mlflow?sslmode=require']) {
      expect(cfg({ MLFLOW_BACKEND_STORE_URI: url }).backendStore).toEqual({ kind: 'postgresql', url });
    }
  });

  it('refuses sqlite URIs without three slashes or without a file, saying which forms work', () => {
    expect(configError({ MLFLOW_BACKEND_STORE_URI: 'sqlite://x.db' })).toContain('sqlite:///relative.db');
    expect(configError({ MLFLOW_BACKEND_STORE_URI: 'sqlite:x.db' })).toContain('sqlite:////absolute.db');
    expect(configError({ MLFLOW_BACKEND_STORE_URI: 'sqlite:///' })).toContain('names no database file');
  });

  it('refuses other schemes instead of treating them as file names', () => {
    for (const uri of ['mysql://u@h/db', 'mssql+pyodbc://h/db', 'file:///tmp/store', 'databricks://profile']) {
      expect(configError({ MLFLOW_BACKEND_STORE_URI: uri })).toContain('Unsupported backend store URI');
    }
  });

  it('refuses an empty URI', () => {
    expect(configError({ MLFLOW_BACKEND_STORE_URI: '' })).toContain('MLFLOW_BACKEND_STORE_URI');
  });

  it('parseBackendStoreUri resolves against the given base directory', () => {
    expect(parseBackendStoreUri('sqlite:///a.db', '/x')).toEqual({ kind: 'sqlite', file: '/x/a.db' });
  });
});

describe('MLFLOW_SERVE_ARTIFACTS', () => {
  it.each([
    ['true', true],
    ['True', true],
    [' TRUE ', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['False', false],
    ['0', false],
    ['no', false],
    ['off', false],
  ])('%j means %s', (value, expected) => {
    expect(cfg({ MLFLOW_SERVE_ARTIFACTS: value }).serveArtifacts).toBe(expected);
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['maybe', '2', '']) {
      const message = configError({ MLFLOW_SERVE_ARTIFACTS: value });
      expect(message).toMatch(/^Invalid configuration: MLFLOW_SERVE_ARTIFACTS/);
    }
  });
});

describe('default artifact root', () => {
  it('is mlflow-artifacts:/ when serving artifacts and no root is given', () => {
    expect(cfg({ MLFLOW_SERVE_ARTIFACTS: 'true' }).defaultArtifactRoot).toBe('mlflow-artifacts:/');
  });

  it('is a local ./mlruns directory (as a file:// URI) when not serving artifacts', () => {
    expect(cfg({ MLFLOW_SERVE_ARTIFACTS: 'false' }).defaultArtifactRoot).toBe(`file://${BASE}/mlruns`);
  });

  it('keeps a given root that has a scheme', () => {
    for (const root of ['s3://bucket/prefix', 'file:///data/art', 'mlflow-artifacts:/custom', 'gs://b']) {
      expect(cfg({ MLFLOW_DEFAULT_ARTIFACT_ROOT: root }).defaultArtifactRoot).toBe(root);
      expect(cfg({ MLFLOW_DEFAULT_ARTIFACT_ROOT: root, MLFLOW_SERVE_ARTIFACTS: 'false' }).defaultArtifactRoot).toBe(root);
    }
  });

  it('turns a given root without a scheme into a file:// URI of a directory under the base', () => {
    expect(cfg({ MLFLOW_DEFAULT_ARTIFACT_ROOT: 'artifacts/root' }).defaultArtifactRoot).toBe(`file://${BASE}/artifacts/root`);
    expect(cfg({ MLFLOW_DEFAULT_ARTIFACT_ROOT: '/data/art' }).defaultArtifactRoot).toBe('file:///data/art');
  });
});

describe('artifacts destination', () => {
  it('resolves a relative directory against the base and keeps an absolute one', () => {
    expect(cfg({ MLFLOW_ARTIFACTS_DESTINATION: 'store/art' }).artifactsDestination).toBe(`${BASE}/store/art`);
    expect(cfg({ MLFLOW_ARTIFACTS_DESTINATION: '/mnt/art' }).artifactsDestination).toBe('/mnt/art');
  });

  it('accepts a file:// URI, percent-decoded', () => {
    expect(cfg({ MLFLOW_ARTIFACTS_DESTINATION: 'file:///mnt/my%20art' }).artifactsDestination).toBe('/mnt/my art');
  });

  it('refuses remote destinations, saying what is supported', () => {
    expect(configError({ MLFLOW_ARTIFACTS_DESTINATION: 's3://bucket/x' })).toContain('use a local directory or file:// URI');
  });
});

describe('getConfig', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  it('parses the environment once and keeps the result', async () => {
    process.env.MLFLOW_BACKEND_STORE_URI = 'sqlite:////tmp/first.db';
    vi.resetModules();
    const { getConfig } = await import('@/server/config');
    expect(getConfig().backendStore).toEqual({ kind: 'sqlite', file: '/tmp/first.db' });
    process.env.MLFLOW_BACKEND_STORE_URI = 'sqlite:////tmp/second.db';
    expect(getConfig().backendStore).toEqual({ kind: 'sqlite', file: '/tmp/first.db' });
  });
});
