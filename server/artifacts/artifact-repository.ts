import type { FileInfo } from '@/lib/domain';

/** An artifact file opened for reading: its bytes as a stream, and its size in bytes. */
export interface ArtifactFile {
  stream: ReadableStream<Uint8Array>;
  size: number;
}

/**
 * Storage for artifact files under one root (a local directory today; an S3 prefix later).
 * Paths are relative to the root, '/'-separated, and go through the path-safety rules
 * (safe-path.ts) inside every implementation, whoever the caller is.
 */
export interface ArtifactRepository {
  /**
   * Creates or replaces the file at `relPath` with the streamed bytes (`null` = empty file).
   * Readers see either the old file or the complete new one, never a partial write. Missing
   * parent directories are created.
   */
  write(relPath: string, body: ReadableStream<Uint8Array> | null): Promise<void>;
  /** Opens the file at `relPath` for streaming; null when there is no file there. */
  open(relPath: string): Promise<ArtifactFile | null>;
  /**
   * The entries directly inside the directory `relDir` (`''` = the root), each with `path` set
   * to its basename, sorted by name. A missing directory, or a file, lists as [].
   */
  list(relDir: string): Promise<FileInfo[]>;
  /** Deletes the file or the whole directory tree at `relPath`; a missing path is no error. */
  delete(relPath: string): Promise<void>;
}
