import { listLoggedModelArtifacts, loggedModelArtifactUrl, loggedModelZipUrl } from '@/lib/api-client';
import type { ArtifactSource } from '@/components/artifacts/artifact-source';

/** The artifact browser's source for a logged model's files (rooted at its `artifact_uri`). */
export function loggedModelArtifactSource(info: { model_id: string }): ArtifactSource {
  return {
    list: async (path) => (await listLoggedModelArtifacts(info.model_id, path)).files,
    fileUrl: (path) => loggedModelArtifactUrl(info, path),
    zipUrl: (path) => loggedModelZipUrl(info, path ?? ''),
  };
}
