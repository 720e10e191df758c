import type { ArtifactFile, ArtifactRepository } from '../../artifacts/artifact-repository';
import { safeArtifactFilePath } from '../../artifacts/safe-path';
import { notFound } from '../../errors';

export interface ArtifactDownload extends ArtifactFile {
  /** The file's basename, for Content-Disposition and the MIME guess. */
  fileName: string;
}

/** Opens a stored file for streaming; RESOURCE_DOES_NOT_EXIST when there is no file there. */
export async function downloadArtifact(repository: ArtifactRepository, rawPath: string): Promise<ArtifactDownload> {
  const rel = safeArtifactFilePath(rawPath);
  const file = await repository.open(rel);
  if (!file) {
    throw notFound(`No artifact file at '${rel}'. List the directory with GET /api/2.0/mlflow-artifacts/artifacts?path=… to see what it holds.`);
  }
  return { ...file, fileName: rel.slice(rel.lastIndexOf('/') + 1) };
}
