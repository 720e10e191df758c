import { handleApiRequest } from '@/server/http/handle-api-request';

// Every /api route (MLflow REST, artifact proxy, unknown paths) goes through the one wrapper.
export const dynamic = 'force-dynamic';
export const GET = handleApiRequest;
export const POST = handleApiRequest;
export const PUT = handleApiRequest;
export const PATCH = handleApiRequest;
export const DELETE = handleApiRequest;
