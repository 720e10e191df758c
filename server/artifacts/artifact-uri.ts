import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, type Config } from '../config';
import { invalidParameter } from '../errors';
import type { ArtifactRepository } from './artifact-repository';
import { LocalArtifactRepository } from './local-artifact-repository';
import { isPathInside, safeArtifactPath } from './safe-path';

/** Where the proxy routes live on a server; an http(s) artifact URI must contain this anchor. */
export const PROXY_ARTIFACTS_ANCHOR = '/api/2.0/mlflow-artifacts/artifacts';

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/**
 * Appends path segments to an artifact root URI or path, with exactly one '/' between parts:
 * `joinUri('mlflow-artifacts:/', '1', 'abc/artifacts')` → `mlflow-artifacts:/1/abc/artifacts`,
 * `joinUri('file:///', 'x')` → `file:///x`, `joinUri('s3://bucket', 'x')` → `s3://bucket/x`.
 * A query or fragment on the root stays at the end.
 */
export function joinUri(root: string, ...parts: string[]): string {
  const suffix = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
  if (suffix === '') return root;
  let tail = '';
  let base = root;
  if (SCHEME.test(root)) {
    const at = root.search(/[?#]/);
    if (at >= 0) {
      tail = root.slice(at);
      base = root.slice(0, at);
    }
  }
  // Keep `scheme:` and `scheme://authority` intact; only the path part loses trailing slashes.
  const prefix = /^[A-Za-z][A-Za-z0-9+.-]*:(\/\/[^/]*)?/.exec(base)?.[0] ?? '';
  const pathPart = base.slice(prefix.length).replace(/\/+$/, '');
  return `${prefix}${pathPart}${base === '' ? '' : '/'}${suffix}${tail}`;
}

/** The local directories that `file:` and plain-path artifact URIs may point into. */
export interface ArtifactRoots {
  /** Where the proxy stores files (`mlflow-artifacts:` URIs map here). */
  artifactsDestination: string;
  /** Absolute directories a local artifact URI must lie inside. */
  localRoots: string[];
}

function decodeOnce(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The local directory a `file:` URI or plain path names; null for any other scheme. */
export function localPathOfUri(uri: string): string | null {
  if (/^file:/i.test(uri)) {
    try {
      return path.resolve(fileURLToPath(uri));
    } catch (error) {
      throw invalidParameter(`Invalid file: artifact URI '${uri}': ${(error as Error).message}. Use file:///absolute/path.`);
    }
  }
  if (SCHEME.test(uri)) return null; // s3:, gs:, … and also Windows drives (C:\…), unreadable here
  // A relative path is resolved against the server's working directory, as MLflow does.
  return path.resolve(uri);
}

/**
 * Local artifact URIs are honoured only inside the artifacts destination and the default
 * artifact root (when that is local): the directories the operator configured for artifacts.
 * Anything else would let whoever creates an experiment make the server list and serve any
 * directory it can read.
 */
export function configuredArtifactRoots(config: Config = getConfig()): ArtifactRoots {
  const localRoots = [config.artifactsDestination];
  const defaultRoot = localPathOfUri(config.defaultArtifactRoot);
  if (defaultRoot !== null && !localRoots.includes(defaultRoot)) localRoots.push(defaultRoot);
  return { artifactsDestination: config.artifactsDestination, localRoots };
}

/** An artifact URI resolved to storage: a repository, and the path inside it that the URI names. */
export interface ArtifactLocation {
  repository: ArtifactRepository;
  /** Relative to the repository root, '/'-separated, already checked; `''` = the root. */
  path: string;
}

/** `pathPart` is the URI's path after the scheme/host or the proxy anchor: `/x/y` names `x/y`. */
function proxied(pathPart: string, uri: string, roots: ArtifactRoots): ArtifactLocation {
  let rel: string;
  try {
    rel = safeArtifactPath(decodeOnce(pathPart).replace(/^\/+/, ''));
  } catch (error) {
    throw invalidParameter(`Invalid artifact URI '${uri}': ${(error as Error).message}`);
  }
  return { repository: new LocalArtifactRepository(roots.artifactsDestination), path: rel };
}

/**
 * Maps an artifact URI (a run's `artifact_uri`, an experiment's location) to where its files
 * are. Schemes are allow-listed:
 * - `mlflow-artifacts:/x/y`, `mlflow-artifacts://host:port/x/y` and
 *   `http(s)://…/api/2.0/mlflow-artifacts/artifacts/x/y` → `x/y` in the artifacts destination;
 * - `file:///abs/dir` or a plain path → that directory, if it lies inside one of `roots.localRoots`.
 * Any other scheme is INVALID_PARAMETER_VALUE.
 */
export function resolveArtifactUri(uri: string, roots: ArtifactRoots = configuredArtifactRoots()): ArtifactLocation {
  const scheme = SCHEME.exec(uri)?.[1].toLowerCase();

  if (scheme === 'mlflow-artifacts') {
    const rest = uri.slice(scheme.length + 1);
    // `//authority` names the server the client talks to; storage is always ours.
    const pathPart = rest.startsWith('//') ? rest.slice(2).replace(/^[^/]*/, '') : rest;
    return proxied(pathPart, uri, roots);
  }

  if (scheme === 'http' || scheme === 'https') {
    let pathname: string;
    try {
      pathname = new URL(uri).pathname;
    } catch {
      throw invalidParameter(`Invalid artifact URI '${uri}': not a valid URL.`);
    }
    const at = pathname.indexOf(PROXY_ARTIFACTS_ANCHOR);
    const rest = at < 0 ? null : pathname.slice(at + PROXY_ARTIFACTS_ANCHOR.length);
    if (rest === null || (rest !== '' && !rest.startsWith('/'))) {
      throw invalidParameter(
        `Unsupported artifact URI '${uri}': an http(s) artifact URI must point at an artifact proxy (…${PROXY_ARTIFACTS_ANCHOR}/…).`,
      );
    }
    return proxied(rest, uri, roots);
  }

  if (scheme === 'file' || scheme === undefined) {
    const local = localPathOfUri(uri);
    if (local !== null) {
      for (const root of roots.localRoots) {
        const absRoot = path.resolve(root);
        if (!isPathInside(absRoot, local)) continue;
        const rel = path.relative(absRoot, local).split(path.sep).join('/');
        return { repository: new LocalArtifactRepository(absRoot), path: safeArtifactPath(rel) };
      }
      throw invalidParameter(
        `Artifact location '${uri}' is outside the directories this server keeps artifacts in ` +
          `(the artifacts destination and the default artifact root); ` +
          `use an mlflow-artifacts:/ location or a directory inside one of those.`,
      );
    }
  }

  throw invalidParameter(
    `Unsupported artifact URI scheme '${scheme}' in '${uri}': this server reads artifacts from ` +
      `mlflow-artifacts:, http(s) artifact-proxy URLs and local file: paths.`,
  );
}
