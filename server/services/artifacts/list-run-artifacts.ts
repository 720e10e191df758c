import type { FileInfo } from '@/lib/domain';
import type { ArtifactLocation } from '../../artifacts/artifact-uri';
import { safeArtifactPath } from '../../artifacts/safe-path';
import { notFound } from '../../errors';
import { listArtifactsAtUri } from './list-artifacts-at-uri';
import type { TrackingStore } from '../../store/tracking-store';

export interface ListRunArtifactsDeps {
  store: Pick<TrackingStore, 'getRunInfo'>;
  /** Maps the run's artifact URI to storage (resolveArtifactUri in production). */
  resolveUri: (uri: string) => ArtifactLocation;
}

export interface RunArtifactListing {
  /** The run's artifact URI. */
  rootUri: string;
  /** Entries of the requested directory, their paths relative to the run's artifact root. */
  files: FileInfo[];
}

/**
 * Lists one directory of a run's artifacts (tracking `artifacts/list`). The whole directory comes
 * back in one page, so no page token is ever returned.
 */
export async function listRunArtifacts(
  deps: ListRunArtifactsDeps,
  input: { runId: string; path?: string },
): Promise<RunArtifactListing> {
  safeArtifactPath(input.path);
  const run = await deps.store.getRunInfo(input.runId);
  if (!run) throw notFound(`Run with id=${input.runId} not found`);
  return { rootUri: run.artifactUri, files: await listArtifactsAtUri(deps.resolveUri, run.artifactUri, input.path) };
}
