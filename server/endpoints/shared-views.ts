import { endpoint } from '../http/endpoint';
import { SHARED_VIEW_MAX_STATE_BYTES, getSharedView, saveSharedView } from '../services/shared-views/shared-views';
import { getSharedViewStore as store } from '../store';
import { sharedViewRequests as req, sharedViewToWire } from '../wire/shared-view';

/** Short links for the UI's views (`/compare?v=<id>`). */
export const sharedViewEndpoints = [
  endpoint({
    method: 'POST',
    version: 2,
    path: '/runboard/shared-views/create',
    request: req.create,
    // The state may be up to 1 MB of JSON, itself JSON-encoded inside the body.
    maxBodyBytes: 4 * SHARED_VIEW_MAX_STATE_BYTES,
    handle: async (r) => ({ view_id: await saveSharedView(await store(), r) }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: '/runboard/shared-views/get',
    request: req.get,
    handle: async (r) => ({ view: sharedViewToWire(await getSharedView(await store(), r.view_id)) }),
  }),
];
