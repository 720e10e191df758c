import { z } from 'zod';
import type { FileInfo } from '@/lib/domain';
import { int64 } from './primitives';

/** FileInfo on the wire (reference §2.3): `is_dir` always present, `file_size` only for files. */
export const fileInfoWire = z.object({
  path: z.string(),
  is_dir: z.boolean(),
  file_size: int64.optional(),
});

export type FileInfoWire = z.input<typeof fileInfoWire>;

export function fileInfoToWire(info: FileInfo): { path: string; is_dir: boolean; file_size?: number } {
  return info.isDir || info.fileSize === undefined
    ? { path: info.path, is_dir: info.isDir }
    : { path: info.path, is_dir: false, file_size: info.fileSize };
}

export function fileInfoFromWire(wire: z.output<typeof fileInfoWire>): FileInfo {
  return wire.is_dir || wire.file_size === undefined
    ? { path: wire.path, isDir: wire.is_dir }
    : { path: wire.path, isDir: false, fileSize: wire.file_size };
}
