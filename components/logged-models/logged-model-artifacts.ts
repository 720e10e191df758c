import { listLoggedModelArtifacts, loggedModelArtifactUrl, queryString } from '@/lib/api-client';
import type { ArtifactSource } from '@/components/artifacts/artifact-source';

/**
 * The artifact browser's source for a logged model's files (rooted at its `artifact_uri`).
 * The server has no zip route for logged-model folders yet: `zipUrl` names the route it would
 * have, and the page hides the zip links until then (see HIDE_ZIP_LINKS).
 */
export function loggedModelArtifactSource(info: { model_id: string; artifact_uri: string }): ArtifactSource {
  return {
    list: async (path) => (await listLoggedModelArtifacts(info.model_id, path)).files,
    fileUrl: (path) => loggedModelArtifactUrl(info, path),
    zipUrl: (path) => `/ajax-api/2.0/runboard/logged-models/artifacts/zip${queryString({ model_id: info.model_id, path: path || undefined })}`,
  };
}

/** Hides the browser's zip links (descendant selectors on a wrapper; the browser itself is shared). */
export const HIDE_ZIP_LINKS = '[&_[data-testid=artifact-zip-all]]:hidden [&_[data-testid=artifact-zip]]:hidden';
