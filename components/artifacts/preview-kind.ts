/** Which preview an artifact gets, chosen from its name alone (no request needed). Pure. */
import { formatBytes } from '@/lib/format';

export type PreviewKind = 'mlmodel' | 'image' | 'json' | 'yaml' | 'csv' | 'tsv' | 'markdown' | 'text' | 'none';

/** Bytes of a file read for a text preview: enough to read, small enough for any file size. */
export const PREVIEW_HEAD_BYTES = 256 * 1024;

/** Files without a known extension up to this size are tried as text (binary content is detected). */
export const UNKNOWN_TEXT_MAX_BYTES = 1024 * 1024;

/** Images above this size are not loaded until asked for: an <img> always reads the whole file. */
export const IMAGE_AUTO_MAX_BYTES = 20 * 1024 * 1024;

const IMAGE = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'svg']);
const TEXT = new Set([
  'txt', 'log', 'py', 'sh', 'bash', 'zsh', 'xml', 'html', 'htm', 'ini', 'cfg', 'conf', 'toml', 'env', 'properties',
  'r', 'sql', 'js', 'mjs', 'ts', 'java', 'scala', 'go', 'rs', 'c', 'h', 'cpp', 'hpp', 'ipynb', 'jsonl', 'ndjson', 'err', 'out',
]);
// Known binary formats: never fetched for a text preview, whatever their size.
const BINARY = new Set([
  'pkl', 'pickle', 'joblib', 'pt', 'pth', 'ckpt', 'bin', 'safetensors', 'onnx', 'pb', 'h5', 'hdf5', 'keras', 'tflite',
  'npy', 'npz', 'parquet', 'feather', 'arrow', 'avro', 'orc', 'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', 'tar', '7z',
  'lgb', 'ubj', 'cbm', 'xgb', 'model', 'pdf', 'mp3', 'mp4', 'wav', 'avi', 'mov', 'ico', 'tif', 'tiff', 'db', 'sqlite',
  'so', 'dll', 'exe', 'whl', 'jar', 'class', 'pyc',
]);

export function baseName(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

/** Lower-case extension without the dot; '' when the name has none (a leading dot does not count). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

export function previewKind(path: string, size?: number): PreviewKind {
  const name = baseName(path);
  if (name === 'MLmodel') return 'mlmodel';
  const ext = extensionOf(name);
  if (IMAGE.has(ext)) return 'image';
  if (ext === 'json') return 'json';
  if (ext === 'yaml' || ext === 'yml') return 'yaml';
  if (ext === 'csv') return 'csv';
  if (ext === 'tsv') return 'tsv';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (TEXT.has(ext)) return 'text';
  if (BINARY.has(ext)) return 'none';
  // Unknown: small files (LICENSE, requirements, a `.lock`) are worth a look; the content decides.
  return size !== undefined && size <= UNKNOWN_TEXT_MAX_BYTES ? 'text' : 'none';
}

/** Whether text decoded from a file's first bytes looks binary: a NUL byte, or mostly undecodable bytes. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (const ch of sample) if (ch === '\uFFFD') bad += 1;
  return sample.length > 0 && bad / sample.length > 0.1;
}

/** The notice under a cut preview, e.g. `Showing the first 256 KB of 1.2 GB — download for the whole file`. */
export function truncatedNotice(received: number, size: number): string {
  return `Showing the first ${formatBytes(received)} of ${formatBytes(size)} — download for the whole file`;
}

/** Ancestor folders of a path, outermost first: `a/b/c.txt` → [`a`, `a/b`]. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
