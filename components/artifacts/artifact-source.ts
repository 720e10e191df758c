import { listRunArtifacts, runArtifactUrl, runArtifactZipUrl, type WireFileInfo } from '@/lib/api-client';

/**
 * Where the browser reads artifacts from. A run's artifacts today; a logged model's (or a model
 * version's) tomorrow, with the same browser. Paths are relative to the artifact root, `/`-separated;
 * `list` returns one folder's direct entries with paths relative to the root (as MLflow's
 * `artifacts/list` does). Keep one object per root (useMemo): the browser reloads when it changes.
 */
export interface ArtifactSource {
  list(path?: string): Promise<WireFileInfo[]>;
  fileUrl(path: string): string;
  zipUrl(path?: string): string;
}

export function runArtifactSource(runId: string): ArtifactSource {
  return {
    list: async (path) => (await listRunArtifacts(runId, path)).files,
    fileUrl: (path) => runArtifactUrl(runId, path),
    zipUrl: (path) => runArtifactZipUrl(runId, path),
  };
}
