import { getConfig } from '../config';
import type { ArtifactRepository } from './artifact-repository';
import { LocalArtifactRepository } from './local-artifact-repository';

let cached: { root: string; repository: ArtifactRepository } | undefined;

/** The repository behind the `mlflow-artifacts` proxy: the configured artifacts destination. */
export function getProxyArtifactRepository(): ArtifactRepository {
  const root = getConfig().artifactsDestination;
  if (cached?.root !== root) cached = { root, repository: new LocalArtifactRepository(root) };
  return cached.repository;
}
