import { randomUUID } from 'node:crypto';
import { mkdir, open as openFile, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { FileInfo } from '@/lib/domain';
import { MlflowError, invalidParameter } from '../errors';
import { clampRange, type ByteRange } from './artifact-repository';
import type { ArtifactFile, ArtifactRepository } from './artifact-repository';
import { resolveInside, safeArtifactFilePath, safeArtifactPath } from './safe-path';

/** Uploads in progress live next to their destination under this prefix; listings hide them. */
const TEMP_PREFIX = '.runboard-upload-';
const READ_CHUNK_BYTES = 256 * 1024;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** File-system errors a request can cause become 4xx; the rest stay internal errors. */
function translateFsError(error: unknown, relPath: string): unknown {
  switch (errorCode(error)) {
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return invalidParameter(`Cannot write artifact '${relPath}': a directory is in the way. Delete it first or choose another path.`);
    case 'ENOTDIR':
      return invalidParameter(`Cannot use artifact path '${relPath}': one of its parent directories is a file.`);
    case 'ENAMETOOLONG':
      return invalidParameter(`Artifact path '${relPath.slice(0, 200)}' is too long for the artifact store.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new MlflowError('INTERNAL_ERROR', 'The artifact store is out of disk space; free space on the server and retry.');
    default:
      return error;
  }
}

async function writeFully(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

/** A pull-based stream over an open file; the handle is closed at the end, on error or on cancel. */
/** Streams the file from `start` for `length` bytes (to its end without a length), then closes it. */
function fileStream(handle: FileHandle, start = 0, length = Number.POSITIVE_INFINITY): ReadableStream<Uint8Array> {
  let position = start;
  let remaining = length;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const want = Math.min(READ_CHUNK_BYTES, remaining);
          const buffer = new Uint8Array(want);
          const { bytesRead } = want > 0 ? await handle.read(buffer, 0, want, position) : { bytesRead: 0 };
          position += bytesRead;
          remaining -= bytesRead;
          if (bytesRead === 0) {
            await close();
            controller.close();
          } else {
            controller.enqueue(buffer.subarray(0, bytesRead));
          }
        } catch (error) {
          await close().catch(() => undefined);
          controller.error(error);
        }
      },
      cancel: close,
    },
    { highWaterMark: 1 },
  );
}

/** Artifacts as plain files under a local directory. */
export class LocalArtifactRepository implements ArtifactRepository {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async write(relPath: string, body: ReadableStream<Uint8Array> | null): Promise<void> {
    const rel = safeArtifactFilePath(relPath);
    const target = await resolveInside(this.root, rel);
    const dir = path.dirname(target);
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      throw translateFsError(error, rel);
    }
    // Written beside the target, then renamed over it: same file system, atomic for readers.
    const temp = path.join(dir, `${TEMP_PREFIX}${randomUUID()}`);
    let handle: FileHandle;
    try {
      handle = await openFile(temp, 'wx');
    } catch (error) {
      throw translateFsError(error, rel);
    }
    try {
      if (body) {
        const reader = body.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await writeFully(handle, value);
          }
        } catch (error) {
          await reader.cancel(error).catch(() => undefined);
          throw error;
        }
      }
      await handle.close();
      await rename(temp, target);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
      throw translateFsError(error, rel);
    }
  }

  async open(relPath: string, range?: ByteRange): Promise<ArtifactFile | null> {
    const target = await resolveInside(this.root, safeArtifactFilePath(relPath));
    let handle: FileHandle;
    try {
      handle = await openFile(target, 'r');
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
      throw error;
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        return null;
      }
      const bounds = range ? clampRange(range, info.size) : null;
      if (!bounds) return { stream: fileStream(handle), size: info.size };
      return { stream: fileStream(handle, bounds.start, bounds.end - bounds.start + 1), size: info.size, range: bounds };
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  }

  async list(relDir: string): Promise<FileInfo[]> {
    const rel = safeArtifactPath(relDir);
    const dir = await resolveInside(this.root, rel);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
    const files: FileInfo[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(TEMP_PREFIX)) continue;
      const info = await this.describeEntry(rel, entry.name, entry.isSymbolicLink());
      if (info) files.push(info);
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * One listing entry, or null for entries the API could not serve: names the path rules refuse
   * (the client rejects a listing that contains one), links leading out of the root, and
   * anything that is neither a file nor a directory.
   */
  private async describeEntry(relDir: string, name: string, isLink: boolean): Promise<FileInfo | null> {
    const relChild = relDir === '' ? name : `${relDir}/${name}`;
    let child: string;
    try {
      if (safeArtifactPath(name) !== name) return null;
      child = isLink ? await resolveInside(this.root, relChild) : path.join(this.root, ...relChild.split('/'));
    } catch (error) {
      if (error instanceof MlflowError) return null;
      throw error;
    }
    try {
      const info = await stat(child);
      if (info.isDirectory()) return { path: name, isDir: true };
      if (info.isFile()) return { path: name, isDir: false, fileSize: info.size };
      return null;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null; // deleted while listing
      throw error;
    }
  }

  async delete(relPath: string): Promise<void> {
    const target = await resolveInside(this.root, safeArtifactFilePath(relPath));
    // rm does not follow a link it removes, so a link inside the root is removed, not its target.
    await rm(target, { recursive: true, force: true });
  }
}
