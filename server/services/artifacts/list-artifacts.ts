import type { FileInfo } from '@/lib/domain';
import type { ArtifactRepository } from '../../artifacts/artifact-repository';
import { safeArtifactPath } from '../../artifacts/safe-path';

/**
 * The entries of one stored directory (the proxy's list): basenames, as the client joins them
 * onto the directory it asked for. A missing directory lists as empty.
 */
export async function listArtifacts(repository: ArtifactRepository, rawPath: string | undefined): Promise<FileInfo[]> {
  return repository.list(safeArtifactPath(rawPath));
}
