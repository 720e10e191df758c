import { MLFLOW_COMPATIBLE_VERSION } from '@/server/version';

export const dynamic = 'force-dynamic';

export function GET(): Response {
  return new Response(MLFLOW_COMPATIBLE_VERSION, { headers: { 'content-type': 'text/plain' } });
}
