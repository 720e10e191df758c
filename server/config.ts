import path from 'node:path';
import { z } from 'zod';

/**
 * Server configuration, parsed once from the environment. `scripts/start.mjs` turns the
 * `mlflow server`-style flags into these variables, so flags and env behave the same.
 */
const booleanFromEnv = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.enum(['1', 'true', 'yes', 'on', '0', 'false', 'no', 'off']))
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  MLFLOW_BACKEND_STORE_URI: z.string().min(1).default('sqlite:///runboard.db'),
  MLFLOW_ARTIFACTS_DESTINATION: z.string().min(1).default('./mlartifacts'),
  MLFLOW_DEFAULT_ARTIFACT_ROOT: z.string().min(1).optional(),
  MLFLOW_SERVE_ARTIFACTS: booleanFromEnv.default(true),
  RUNBOARD_BASE_DIR: z.string().optional(),
});

export type BackendStore =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgresql'; url: string };

export interface Config {
  backendStore: BackendStore;
  /** Absolute directory where the artifact proxy keeps files. */
  artifactsDestination: string;
  /** Root URI for experiments created without an artifact_location (joined with joinUri). */
  defaultArtifactRoot: string;
  serveArtifacts: boolean;
}

/** `sqlite:///rel.db`, `sqlite:////abs.db`, a plain file path, or a postgres URL. */
export function parseBackendStoreUri(uri: string, baseDir: string): BackendStore {
  if (/^postgres(ql)?:\/\//.test(uri)) return { kind: 'postgresql', url: uri };
  if (uri.startsWith('sqlite:')) {
    const rest = uri.slice('sqlite:'.length);
    if (!rest.startsWith('///')) {
      throw new Error(`Unsupported backend store URI "${uri}": use sqlite:///relative.db or sqlite:////absolute.db`);
    }
    const file = rest.slice(3);
    if (!file) throw new Error(`Backend store URI "${uri}" names no database file`);
    return { kind: 'sqlite', file: path.resolve(baseDir, file) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) {
    throw new Error(`Unsupported backend store URI scheme in "${uri}": use sqlite:/// or postgresql://`);
  }
  return { kind: 'sqlite', file: path.resolve(baseDir, uri) };
}

function localDirectory(uri: string, baseDir: string): string {
  if (uri.startsWith('file://')) return path.resolve(decodeURIComponent(new URL(uri).pathname));
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    throw new Error(`Unsupported artifacts destination "${uri}": use a local directory or file:// URI`);
  }
  return path.resolve(baseDir, uri);
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
  }
  const e = parsed.data;
  const baseDir = e.RUNBOARD_BASE_DIR ?? process.cwd();
  const givenRoot = e.MLFLOW_DEFAULT_ARTIFACT_ROOT;
  // A root without a scheme is a local directory, relative to where the server was started.
  const defaultRoot = givenRoot
    ? (/^[a-z][a-z0-9+.-]*:/i.test(givenRoot) ? givenRoot : `file://${path.resolve(baseDir, givenRoot)}`)
    : (e.MLFLOW_SERVE_ARTIFACTS ? 'mlflow-artifacts:/' : `file://${path.resolve(baseDir, 'mlruns')}`);
  return {
    backendStore: parseBackendStoreUri(e.MLFLOW_BACKEND_STORE_URI, baseDir),
    artifactsDestination: localDirectory(e.MLFLOW_ARTIFACTS_DESTINATION, baseDir),
    defaultArtifactRoot: defaultRoot,
    serveArtifacts: e.MLFLOW_SERVE_ARTIFACTS,
  };
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
