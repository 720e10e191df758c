import type { ArtifactRepository } from '../../artifacts/artifact-repository';
import { safeArtifactFilePath } from '../../artifacts/safe-path';

/** Deletes a stored file or directory tree; deleting what is not there succeeds. */
export async function deleteArtifact(repository: ArtifactRepository, rawPath: string): Promise<void> {
  await repository.delete(safeArtifactFilePath(rawPath));
}
