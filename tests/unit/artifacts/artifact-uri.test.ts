import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  configuredArtifactRoots,
  joinUri,
  resolveArtifactUri,
  type ArtifactRoots,
} from '@/server/artifacts/artifact-uri';
import { LocalArtifactRepository } from '@/server/artifacts/local-artifact-repository';
import type { Config } from '@/server/config';

describe('joinUri', () => {
  it.each([
    [['mlflow-artifacts:/', '1'], 'mlflow-artifacts:/1'],
    [['mlflow-artifacts:/', '1', 'abc', 'artifacts'], 'mlflow-artifacts:/1/abc/artifacts'],
    [['mlflow-artifacts:/1', 'abc', 'artifacts'], 'mlflow-artifacts:/1/abc/artifacts'],
    [['mlflow-artifacts:/x/', '/1/'], 'mlflow-artifacts:/x/1'],
    [['mlflow-artifacts://host:5000/', '1'], 'mlflow-artifacts://host:5000/1'],
    [['mlflow-artifacts://host:5000', '1'], 'mlflow-artifacts://host:5000/1'],
    [['file:///', 'x'], 'file:///x'],
    [['file:///tmp/mlruns/', '0'], 'file:///tmp/mlruns/0'],
    [['file:///tmp/mlruns', '0', 'r1', 'artifacts'], 'file:///tmp/mlruns/0/r1/artifacts'],
    [['s3://bucket', 'x'], 's3://bucket/x'],
    [['s3://bucket/prefix/', 'x/y'], 's3://bucket/prefix/x/y'],
    [['/abs/dir/', 'x'], '/abs/dir/x'],
    [['/', 'x'], '/x'],
    [['mlruns', '0'], 'mlruns/0'],
    [['http://h/api/2.0/mlflow-artifacts/artifacts?a=b', 'x'], 'http://h/api/2.0/mlflow-artifacts/artifacts/x?a=b'],
    [['mlflow-artifacts:/1', '', '/'], 'mlflow-artifacts:/1'],
  ] as const)('joinUri(%j) = %j', (args, expected) => {
    const [root, ...parts] = args;
    expect(joinUri(root, ...parts)).toBe(expected);
  });
});

describe('resolveArtifactUri', () => {
  const destination = path.resolve('/srv/runboard/mlartifacts');
  const roots: ArtifactRoots = { artifactsDestination: destination, localRoots: [destination, '/srv/runboard/mlruns'] };

  function resolved(uri: string) {
    const location = resolveArtifactUri(uri, roots);
    expect(location.repository).toBeInstanceOf(LocalArtifactRepository);
    return { root: (location.repository as LocalArtifactRepository).root, path: location.path };
  }

  it.each([
    ['mlflow-artifacts:/1/abc/artifacts', '1/abc/artifacts'],
    ['mlflow-artifacts:///1/abc/artifacts', '1/abc/artifacts'],
    ['mlflow-artifacts://otherhost:9000/1/abc/artifacts', '1/abc/artifacts'],
    ['mlflow-artifacts:/', ''],
    ['mlflow-artifacts:/1/models/m-1/artifacts/', '1/models/m-1/artifacts'],
    ['mlflow-artifacts:/my%20exp/a', 'my exp/a'],
    ['http://localhost:5000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts', '1/abc/artifacts'],
    ['https://mlflow.example.com/prefix/api/2.0/mlflow-artifacts/artifacts/x/y', 'x/y'],
    ['http://h/api/2.0/mlflow-artifacts/artifacts', ''],
  ])('maps %j into the artifacts destination as %j', (uri, rel) => {
    expect(resolved(uri)).toEqual({ root: destination, path: rel });
  });

  it.each([
    ['file:///srv/runboard/mlruns/0/r1/artifacts', '/srv/runboard/mlruns', '0/r1/artifacts'],
    ['file://localhost/srv/runboard/mlruns/0', '/srv/runboard/mlruns', '0'],
    ['/srv/runboard/mlruns/0/r1/artifacts', '/srv/runboard/mlruns', '0/r1/artifacts'],
    ['/srv/runboard/mlruns', '/srv/runboard/mlruns', ''],
    ['file:///srv/runboard/mlartifacts/1/x', destination, '1/x'],
  ])('maps local %j under the allowed root %j as %j', (uri, root, rel) => {
    expect(resolved(uri)).toEqual({ root: path.resolve(root), path: rel });
  });

  it.each([
    ['file:///etc'],
    ['/etc/passwd'],
    ['file:///srv/runboard/mlruns-other/0'],
    ['/srv/runboard/mlruns/../secrets'],
  ])('refuses the local location %j outside the allowed roots', (uri) => {
    expect(() => resolveArtifactUri(uri, roots)).toThrow(/outside the directories this server keeps artifacts in/);
  });

  it.each([['s3://bucket/x'], ['gs://b/x'], ['hdfs://nn/x'], ['dbfs:/x'], ['ftp://h/x'], ['runs:/abc/model'], ['C:\\mlruns']])(
    'refuses the unsupported scheme of %j',
    (uri) => {
      expect(() => resolveArtifactUri(uri, roots)).toThrow(/^Unsupported artifact URI scheme/);
    },
  );

  it('refuses an http URL that is not an artifact proxy URL', () => {
    expect(() => resolveArtifactUri('http://h/some/files/x', roots)).toThrow(/must point at an artifact proxy/);
    expect(() => resolveArtifactUri('http://h/api/2.0/mlflow-artifacts/artifactsx/y', roots)).toThrow(/must point at an artifact proxy/);
  });

  it('refuses proxied paths that break the path rules', () => {
    for (const uri of ['mlflow-artifacts:/../etc', 'mlflow-artifacts:/a/%2e%2e/%2e%2e/etc', 'http://h/api/2.0/mlflow-artifacts/artifacts/a/%252e%252e/x']) {
      expect(() => resolveArtifactUri(uri, roots), uri).toThrow(/Invalid path/);
    }
  });

  it('refuses a file: URI naming another host', () => {
    expect(() => resolveArtifactUri('file://otherhost/srv/runboard/mlruns/0', roots)).toThrow(/Invalid file: artifact URI/);
  });
});

describe('configuredArtifactRoots', () => {
  const base: Config = {
    backendStore: { kind: 'sqlite', file: '/srv/x.db' },
    artifactsDestination: '/srv/mlartifacts',
    defaultArtifactRoot: 'mlflow-artifacts:/',
    serveArtifacts: true,
  };

  it('allows only the artifacts destination when the default root is the proxy', () => {
    expect(configuredArtifactRoots(base)).toEqual({ artifactsDestination: '/srv/mlartifacts', localRoots: ['/srv/mlartifacts'] });
  });

  it('adds a local default artifact root', () => {
    expect(configuredArtifactRoots({ ...base, defaultArtifactRoot: 'file:///srv/mlruns' }).localRoots).toEqual(['/srv/mlartifacts', '/srv/mlruns']);
    expect(configuredArtifactRoots({ ...base, defaultArtifactRoot: '/srv/mlruns2' }).localRoots).toEqual(['/srv/mlartifacts', '/srv/mlruns2']);
  });

  it('ignores a remote default artifact root', () => {
    expect(configuredArtifactRoots({ ...base, defaultArtifactRoot: 's3://bucket/root' }).localRoots).toEqual(['/srv/mlartifacts']);
  });
});
