import type { ArtifactFile, ByteRange } from './artifact-repository';
import { guessContentType } from './content-type';

/** A filename that is safe inside a quoted header value: printable ASCII without `"` or `\`. */
function asciiFallback(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
}

/** RFC 5987 `ext-value` encoding: everything outside attr-char is percent-encoded UTF-8. */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266), whatever characters the name has. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/**
 * The response for an artifact download (the proxy, and any UI route serving artifact bytes):
 * streamed, always an attachment, never sniffed or run as a document.
 */
export function artifactFileResponse(file: ArtifactFile, fileName: string, contentType = guessContentType(fileName)): Response {
  const { range } = file;
  return new Response(file.stream, {
    status: range ? 206 : 200,
    headers: {
      'content-type': contentType,
      'content-length': String(range ? range.end - range.start + 1 : file.size),
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${range.start}-${range.end}/${file.size}` } : {}),
      'content-disposition': attachmentDisposition(fileName),
      'x-content-type-options': 'nosniff',
      // Defence in depth for HTML/SVG artifacts opened directly: no scripts, no same-origin.
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}

/**
 * The one byte range of a `Range: bytes=a-b` / `bytes=a-` header; anything else (several ranges,
 * suffix ranges, other units, nonsense) is ignored and the whole file is sent, as RFC 9110 allows.
 */
export function parseRangeHeader(header: string | null): ByteRange | undefined {
  const m = header ? /^bytes=(\d{1,15})-(\d{1,15})?$/.exec(header.trim()) : null;
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] === undefined ? undefined : Number(m[2]);
  return end !== undefined && end < start ? undefined : { start, ...(end !== undefined ? { end } : {}) };
}
