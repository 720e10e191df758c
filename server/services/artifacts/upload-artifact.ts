import type { ArtifactRepository } from '../../artifacts/artifact-repository';
import { safeArtifactFilePath } from '../../artifacts/safe-path';

/**
 * Stores an uploaded file (the proxy's PUT): the body is streamed to storage as it arrives, with
 * no size cap beyond the disk, and replaces any file already at `rawPath`.
 */
export async function uploadArtifact(
  repository: ArtifactRepository,
  rawPath: string,
  body: ReadableStream<Uint8Array> | null,
): Promise<void> {
  await repository.write(safeArtifactFilePath(rawPath), body);
}
