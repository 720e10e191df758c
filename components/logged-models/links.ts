/**
 * Page addresses of the things a logged model links to. Every segment built from user data is
 * encoded: model names may hold `/`, spaces or `#`.
 */
const seg = encodeURIComponent;

export function experimentHref(experimentId: string): string {
  return `/experiments/${seg(experimentId)}`;
}

export function runPageHref(experimentId: string, runId: string): string {
  return `/experiments/${seg(experimentId)}/runs/${seg(runId)}`;
}

export function loggedModelsHref(experimentId: string): string {
  return `/experiments/${seg(experimentId)}/models`;
}

export function loggedModelHref(experimentId: string, modelId: string): string {
  return `/experiments/${seg(experimentId)}/models/${seg(modelId)}`;
}

export function registeredModelHref(name: string): string {
  return `/models/${seg(name)}`;
}

export function modelVersionHref(name: string, version: string): string {
  return `/models/${seg(name)}/versions/${seg(version)}`;
}

export function lineageHref(name: string, version: string): string {
  return `${modelVersionHref(name, version)}/lineage`;
}

export const LINK_CLASS = 'text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300';
