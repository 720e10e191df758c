import type { ByteRange } from '../../artifacts/artifact-repository';
import type { ArtifactLocation } from '../../artifacts/artifact-uri';
import { safeArtifactFilePath, safeArtifactPath } from '../../artifacts/safe-path';
import { ZIP_MAX_BYTES, zipStream, type ZipEntry } from '../../artifacts/zip-stream';
import { invalidParameter, notFound } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import type { ArtifactDownload } from './download-artifact';

export interface RunArtifactDeps {
  store: Pick<TrackingStore, 'getRunInfo'>;
  resolveUri: (uri: string) => ArtifactLocation;
}

/** Files per zip: the zip format without zip64 counts entries in 16 bits. */
const ZIP_MAX_FILES = 65_535;

async function runLocation(deps: RunArtifactDeps, runId: string): Promise<ArtifactLocation> {
  const run = await deps.store.getRunInfo(runId);
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return deps.resolveUri(run.artifactUri);
}

const inside = (base: string, rel: string) => (base === '' ? rel : rel === '' ? base : `${base}/${rel}`);

/**
 * One file of a run's artifacts, whole or a byte range (previews read only the first part of a
 * large file). The path is checked before it is joined to the run's root, and the repository
 * resolves it again inside its own root.
 */
export async function openRunArtifact(
  deps: RunArtifactDeps,
  input: { runId: string; path: string | undefined; range?: ByteRange },
): Promise<ArtifactDownload> {
  const rel = safeArtifactFilePath(input.path);
  const location = await runLocation(deps, input.runId);
  const file = await location.repository.open(inside(location.path, rel), input.range);
  if (!file) throw notFound(`Run ${input.runId} has no artifact file at '${rel}'.`);
  return { ...file, fileName: rel.slice(rel.lastIndexOf('/') + 1) };
}

/** A run's artifact folder (or all its artifacts) as a streamed zip, paths relative to that folder. */
export async function zipRunArtifacts(
  deps: RunArtifactDeps,
  input: { runId: string; path: string | undefined },
): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  const dir = safeArtifactPath(input.path);
  const location = await runLocation(deps, input.runId);
  const root = inside(location.path, dir);
  const entries: ZipEntry[] = [];
  let total = 0;
  const walk = async (rel: string): Promise<void> => {
    for (const info of await location.repository.list(inside(root, rel))) {
      const child = rel === '' ? info.path : `${rel}/${info.path}`;
      if (info.isDir) {
        await walk(child);
        continue;
      }
      total += info.fileSize ?? 0;
      if (entries.length >= ZIP_MAX_FILES || total > ZIP_MAX_BYTES) {
        throw invalidParameter(`'${dir || '/'}' is too large to download as one zip (over 65,535 files or 4 GiB); download its subfolders or files instead.`);
      }
      entries.push({
        name: child,
        open: async () => {
          const file = await location.repository.open(inside(root, child));
          if (!file) throw new Error(`artifact ${child} vanished while zipping`);
          return file.stream;
        },
      });
    }
  };
  await walk('');
  if (entries.length === 0) throw notFound(`Run ${input.runId} has no artifact files under '${dir || '/'}'.`);
  const base = dir === '' ? `run-${input.runId.slice(0, 8)}-artifacts` : dir.slice(dir.lastIndexOf('/') + 1);
  return { stream: zipStream(entries), fileName: `${base}.zip` };
}
