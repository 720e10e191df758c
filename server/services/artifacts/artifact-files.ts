import type { ByteRange } from '../../artifacts/artifact-repository';
import type { ArtifactLocation } from '../../artifacts/artifact-uri';
import { safeArtifactFilePath, safeArtifactPath } from '../../artifacts/safe-path';
import { ZIP_MAX_BYTES, zipStream, type ZipEntry } from '../../artifacts/zip-stream';
import { invalidParameter, notFound } from '../../errors';
import type { LoggedModelStore } from '../../store/logged-model-store';
import type { TrackingStore } from '../../store/tracking-store';
import type { ArtifactDownload } from './download-artifact';

/**
 * Files of whatever owns an artifact root (a run, a logged model), for the UI's downloads,
 * previews and folder zips. Paths are checked before they are joined to the owner's root, and the
 * repository resolves them again inside its own root.
 */
export interface ArtifactOwner {
  /** For messages: `Run <id>`, `Logged model <id>`. */
  label: string;
  location: ArtifactLocation;
  /** The zip's name when the whole root is downloaded. */
  rootZipName: string;
}

export interface RunArtifactDeps {
  store: Pick<TrackingStore, 'getRunInfo'>;
  resolveUri: (uri: string) => ArtifactLocation;
}

export interface LoggedModelArtifactDeps {
  store: Pick<LoggedModelStore, 'getLoggedModel'>;
  resolveUri: (uri: string) => ArtifactLocation;
}

/** Files per zip: the zip format without zip64 counts entries in 16 bits. */
const ZIP_MAX_FILES = 65_535;

export async function runArtifactOwner(deps: RunArtifactDeps, runId: string): Promise<ArtifactOwner> {
  const run = await deps.store.getRunInfo(runId);
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return { label: `Run ${runId}`, location: deps.resolveUri(run.artifactUri), rootZipName: `run-${runId.slice(0, 8)}-artifacts` };
}

export async function loggedModelArtifactOwner(deps: LoggedModelArtifactDeps, modelId: string): Promise<ArtifactOwner> {
  const model = await deps.store.getLoggedModel(modelId);
  if (!model) throw notFound(`Logged model with ID '${modelId}' not found.`);
  return { label: `Logged model ${modelId}`, location: deps.resolveUri(model.artifactUri), rootZipName: `${modelId}-artifacts` };
}

const inside = (base: string, rel: string) => (base === '' ? rel : rel === '' ? base : `${base}/${rel}`);

/** One artifact file, whole or a byte range (previews read only the first part of a large file). */
export async function openOwnedArtifact(owner: ArtifactOwner, path: string | undefined, range?: ByteRange): Promise<ArtifactDownload> {
  const rel = safeArtifactFilePath(path);
  const { location } = owner;
  const file = await location.repository.open(inside(location.path, rel), range);
  if (!file) throw notFound(`${owner.label} has no artifact file at '${rel}'.`);
  return { ...file, fileName: rel.slice(rel.lastIndexOf('/') + 1) };
}

/** An artifact folder (or the whole root) as a streamed zip, paths relative to that folder. */
export async function zipOwnedArtifacts(owner: ArtifactOwner, path: string | undefined): Promise<{ stream: ReadableStream<Uint8Array>; fileName: string }> {
  const dir = safeArtifactPath(path);
  const { location } = owner;
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
  if (entries.length === 0) throw notFound(`${owner.label} has no artifact files under '${dir || '/'}'.`);
  const base = dir === '' ? owner.rootZipName : dir.slice(dir.lastIndexOf('/') + 1);
  return { stream: zipStream(entries), fileName: `${base}.zip` };
}
