import type { ArtifactFile } from './artifact-repository';
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
export function artifactFileResponse(file: ArtifactFile, fileName: string): Response {
  return new Response(file.stream, {
    status: 200,
    headers: {
      'content-type': guessContentType(fileName),
      'content-length': String(file.size),
      'content-disposition': attachmentDisposition(fileName),
      'x-content-type-options': 'nosniff',
      // Defence in depth for HTML/SVG artifacts opened directly: no scripts, no same-origin.
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
}
