import { z } from 'zod';
import { endpoint } from '../http/endpoint';

/** The UI reads it; the newest client probes it for multipart support, which Runboard does not offer. */
export const serverInfoEndpoints = [
  endpoint({
    method: 'GET',
    version: 3,
    path: '/mlflow/server-info',
    request: z.object({}),
    handle: async () => ({ store_type: 'SqlStore', workspaces_enabled: false }),
  }),
];
