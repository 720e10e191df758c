import type { FileInfo } from '@/lib/domain';

/** An artifact file opened for reading: its bytes as a stream, and its size in bytes. */
export interface ArtifactFile {
  stream: ReadableStream<Uint8Array>;
  /** Size of the whole file. */
  size: number;
  /** Set when only a byte range is streamed: inclusive first and last byte. */
  range?: { start: number; end: number };
}

/** Inclusive byte range as in an HTTP `Range: bytes=start-end` header; `end` absent = to the end. */
export interface ByteRange {
  start: number;
  end?: number;
}

/** The range inside a file of `size` bytes, or null when it starts beyond the end (or the file is empty). */
export function clampRange(range: ByteRange, size: number): { start: number; end: number } | null {
  if (range.start >= size) return null;
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
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
  open(relPath: string, range?: ByteRange): Promise<ArtifactFile | null>;
  /**
   * The entries directly inside the directory `relDir` (`''` = the root), each with `path` set
   * to its basename, sorted by name. A missing directory, or a file, lists as [].
   */
  list(relDir: string): Promise<FileInfo[]>;
  /** Deletes the file or the whole directory tree at `relPath`; a missing path is no error. */
  delete(relPath: string): Promise<void>;
}
