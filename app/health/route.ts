export const dynamic = 'force-dynamic';

export function GET(): Response {
  return new Response('OK', { headers: { 'content-type': 'text/plain' } });
}
