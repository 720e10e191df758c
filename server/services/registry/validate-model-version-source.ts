import { joinUri, resolveArtifactUri } from '../../artifacts/artifact-uri';
import { safeArtifactPath } from '../../artifacts/safe-path';
import { invalidParameter } from '../../errors';
import type { LoggedModelStore } from '../../store/logged-model-store';
import type { RegistryStore } from '../../store/registry-store';
import type { TrackingStore } from '../../store/tracking-store';

export interface SourceDeps {
  tracking: Pick<TrackingStore, 'getRunInfo'>;
  loggedModels: Pick<LoggedModelStore, 'getLoggedModel'>;
  registry: Pick<RegistryStore, 'getModelVersion'>;
}

const reject = (source: string, why: string) =>
  invalidParameter(`Invalid model version source '${source}': ${why}. Use models:/<model_id>, runs:/<run_id>/<path> or an mlflow-artifacts:/ location.`);

/** Decodes %-escapes until stable, so that double-encoded `..` or NUL cannot slip through. */
function decodedForms(source: string): string[] {
  const forms = [source];
  let current = source;
  for (let i = 0; i < 8; i += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

function checkEveryDecoding(source: string): void {
  for (const form of decodedForms(source)) {
    if (/[\u0000-\u001f]/.test(form)) throw reject(source, 'it contains control characters');
    const pathPart = form.replace(/^[a-z][a-z0-9+.-]*:/i, '');
    if (pathPart.split(/[\\/]/).some((segment) => segment === '..')) throw reject(source, "it contains a '..' path segment");
  }
}

/** `mlflow-artifacts:` URI → its path inside the proxy store, without leading slashes; remote hosts refused. */
function proxyPath(source: string, uri: string): string {
  if (/^mlflow-artifacts:\/\//i.test(uri)) throw reject(source, 'an mlflow-artifacts URI must not name another host');
  resolveArtifactUri(uri);
  return uri.replace(/^mlflow-artifacts:\/*/i, '').replace(/\/+$/, '');
}

function isInside(source: string, root: string): boolean {
  if (!/^mlflow-artifacts:/i.test(root)) return false;
  const inner = proxyPath(source, source);
  const base = proxyPath(source, root);
  return inner === base || inner.startsWith(`${base}/`);
}

/** What the request says the version comes from. */
export interface SourceOwner {
  runId?: string;
  modelId?: string;
}

/**
 * Model-version sources are checked before anything is written (a security measure): only
 * allow-listed schemes, and only locations inside the run or logged model that the request names
 * (the logged model when both are named). Returns where the version's files are, which
 * `get-download-uri` hands to the client.
 */
export async function resolveModelVersionSource(deps: SourceDeps, source: string | undefined, owner: SourceOwner = {}): Promise<string> {
  if (!source) throw invalidParameter("Missing value for required parameter 'source'.");
  checkEveryDecoding(source);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(source)?.[1].toLowerCase();

  if (scheme === 'models') {
    const rest = source.slice('models:/'.length);
    if (!source.startsWith('models:/') || rest === '') throw reject(source, 'expected models:/<model_id> or models:/<name>/<version>');
    const [first, second, ...more] = rest.split('/');
    if (more.length > 0) throw reject(source, 'expected models:/<model_id> or models:/<name>/<version>');
    if (second === undefined) {
      if (owner.modelId !== first) throw reject(source, `a models:/<model_id> source must be sent with model_id '${first}'`);
      const model = await deps.loggedModels.getLoggedModel(first);
      if (!model || model.lifecycleStage !== 'active') throw reject(source, `no logged model '${first}' exists`);
      return model.artifactUri;
    }
    // A copy of an existing registry version: its files were checked when it was registered.
    const version = /^\d+$/.test(second) ? await deps.registry.getModelVersion(first, Number(second)) : null;
    if (!version) throw reject(source, `no version ${second} of registered model '${first}' exists`);
    return version.storageLocation ?? version.source;
  }

  if (scheme === 'runs') {
    const m = /^runs:\/([^/]+)(?:\/(.*))?$/.exec(source);
    if (!m) throw reject(source, 'expected runs:/<run_id>/<path>');
    if (owner.runId !== m[1]) throw reject(source, `a runs:/ source must be sent with run_id '${m[1]}'`);
    const run = await deps.tracking.getRunInfo(m[1]);
    if (!run) throw reject(source, `no run '${m[1]}' exists`);
    const rel = safeArtifactPath(m[2] ?? '');
    return rel ? joinUri(run.artifactUri, rel) : run.artifactUri;
  }

  if (scheme === 'mlflow-artifacts') {
    proxyPath(source, source);
    const root = owner.modelId
      ? (await deps.loggedModels.getLoggedModel(owner.modelId))?.artifactUri
      : owner.runId
        ? (await deps.tracking.getRunInfo(owner.runId))?.artifactUri
        : undefined;
    if (!root || !isInside(source, root)) {
      throw reject(source, 'it must lie inside the artifacts of the run (run_id) or logged model (model_id) sent with it');
    }
    return source;
  }

  throw reject(source, scheme === undefined || scheme === 'file' ? 'local paths are not accepted' : `the '${scheme}' scheme is not accepted`);
}
