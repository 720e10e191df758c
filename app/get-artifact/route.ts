import { handleApiRequest } from '@/server/http/handle-api-request';

// MLflow's artifact download URL, served by the one API wrapper.
export const dynamic = 'force-dynamic';
export const GET = handleApiRequest;
