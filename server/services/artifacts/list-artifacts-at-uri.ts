import type { FileInfo } from '@/lib/domain';
import type { ArtifactLocation } from '../../artifacts/artifact-uri';
import { safeArtifactPath } from '../../artifacts/safe-path';

/**
 * Lists one directory below an artifact root URI (a run's or a logged model's). Entry paths are
 * relative to the root, e.g. `model/MLmodel`. A directory is always listed in one page.
 */
export async function listArtifactsAtUri(
  resolveUri: (uri: string) => ArtifactLocation,
  rootUri: string,
  path: string | undefined,
): Promise<FileInfo[]> {
  const dir = safeArtifactPath(path);
  const location = resolveUri(rootUri);
  const base = [location.path, dir].filter((p) => p !== '').join('/');
  const entries = await location.repository.list(base);
  return entries.map((entry) => ({ ...entry, path: dir === '' ? entry.path : `${dir}/${entry.path}` }));
}
