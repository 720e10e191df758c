import { handleApiRequest } from '@/server/http/handle-api-request';

// The UI prefix: served exactly like /api.
export const dynamic = 'force-dynamic';
export const GET = handleApiRequest;
export const POST = handleApiRequest;
export const PUT = handleApiRequest;
export const PATCH = handleApiRequest;
export const DELETE = handleApiRequest;
