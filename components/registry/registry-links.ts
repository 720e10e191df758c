/**
 * Links of the registry pages. Every segment built from user data is encoded: model names may hold
 * `/`, spaces, `#`, `%` or `?`.
 */
const seg = encodeURIComponent;

export function modelsHref(): string {
  return '/models';
}

export function modelHref(name: string): string {
  return `/models/${seg(name)}`;
}

export function versionHref(name: string, version: string): string {
  return `${modelHref(name)}/versions/${seg(version)}`;
}

export function lineageHref(name: string, version: string): string {
  return `${versionHref(name, version)}/lineage`;
}

/** Champion vs challenger; `a` and `b` are alias names or `v<number>` for a bare version. */
export function championChallengerHref(name: string, a?: string, b?: string): string {
  const q = new URLSearchParams();
  if (a) q.set('a', a);
  if (b) q.set('b', b);
  const text = q.toString();
  return `${modelHref(name)}/champion-challenger${text ? `?${text}` : ''}`;
}

export function runHref(experimentId: string, runId: string): string {
  return `/experiments/${seg(experimentId)}/runs/${seg(runId)}`;
}

export function loggedModelHref(experimentId: string, modelId: string): string {
  return `/experiments/${seg(experimentId)}/models/${seg(modelId)}`;
}

/**
 * A route param as the user meant it. Next hands dynamic segments over still percent-encoded in
 * some versions and decoded in others; decoding text that has no valid escapes must not throw.
 */
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
