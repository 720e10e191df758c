import { z } from 'zod';
import type { SharedView } from '../store/shared-view-store';

/** Runboard's short links ↔ JSON. */
export const sharedViewRequests = {
  create: z.object({ kind: z.string().optional(), state: z.string().optional() }),
  get: z.object({ view_id: z.string().optional() }),
};

export function sharedViewToWire(v: SharedView) {
  return { view_id: v.viewId, kind: v.kind, state: v.state, creation_timestamp: v.creationTimestamp };
}
