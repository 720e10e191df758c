/**
 * MIME types for artifact downloads, guessed from the file name. Unknown names are
 * `application/octet-stream`; responses also carry `X-Content-Type-Options: nosniff`, so a
 * browser never second-guesses the answer.
 */
const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  jsonl: 'application/jsonl',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  toml: 'application/toml',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'text/javascript',
  py: 'text/x-python',
  ipynb: 'application/x-ipynb+json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  ico: 'image/vnd.microsoft.icon',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  tar: 'application/x-tar',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
  parquet: 'application/vnd.apache.parquet',
};

/** Extension-less files MLflow writes into every model directory; all of them are text. */
const BY_NAME: Record<string, string> = {
  MLmodel: 'text/plain',
  MLproject: 'text/plain',
};

export function guessContentType(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  if (base in BY_NAME) return BY_NAME[base];
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return 'application/octet-stream';
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}
