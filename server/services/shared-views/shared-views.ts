import { createHash } from 'node:crypto';
import { invalidParameter, notFound } from '../../errors';
import type { SharedView, SharedViewStore } from '../../store/shared-view-store';

export const SHARED_VIEW_KINDS = ['compare'] as const;
export const SHARED_VIEW_MAX_STATE_BYTES = 1024 * 1024;

/** 12 base64url characters (72 bits) make short links; a clash with other content takes more. */
const ID_LENGTHS = [12, 16, 24, 43];
const ID_PATTERN = /^[A-Za-z0-9_-]{12,43}$/;

function validateState(kind: string | undefined, state: string | undefined): { kind: string; state: string } {
  if (!kind) throw invalidParameter("Missing value for required parameter 'kind'.");
  if (!(SHARED_VIEW_KINDS as readonly string[]).includes(kind)) {
    throw invalidParameter(`Invalid value '${kind}' for parameter 'kind': it must be one of ${SHARED_VIEW_KINDS.join(', ')}.`);
  }
  if (state === undefined || state === '') throw invalidParameter("Missing value for required parameter 'state'.");
  const bytes = Buffer.byteLength(state, 'utf8');
  if (bytes > SHARED_VIEW_MAX_STATE_BYTES) {
    throw invalidParameter(`The view's state is ${bytes} bytes; at most ${SHARED_VIEW_MAX_STATE_BYTES} bytes can be shared.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch {
    throw invalidParameter("Invalid value for parameter 'state': it must be JSON text.");
  }
  if (parsed === null || typeof parsed !== 'object') throw invalidParameter("Invalid value for parameter 'state': it must be a JSON object or array.");
  return { kind, state };
}

/**
 * Keeps a view's state and returns its short id. The id is a digest of kind and state, so saving
 * the same view again (from any server behind a balancer) yields the same link and no new row.
 */
export async function saveSharedView(store: SharedViewStore, req: { kind?: string; state?: string }): Promise<string> {
  const { kind, state } = validateState(req.kind, req.state);
  const digest = createHash('sha256').update(`${kind}\n${state}`).digest('base64url');
  for (const length of ID_LENGTHS) {
    const view: SharedView = { viewId: digest.slice(0, length), kind, state, creationTimestamp: Date.now() };
    const stored = await store.saveIfAbsent(view);
    if (stored.kind === kind && stored.state === state) return stored.viewId;
  }
  // All prefixes of a sha256 digest taken by other content: not a thing that happens.
  throw new Error('Could not find a free id for a shared view');
}

export async function getSharedView(store: SharedViewStore, viewId: string | undefined): Promise<SharedView> {
  if (!viewId) throw invalidParameter("Missing value for required parameter 'view_id'.");
  const view = ID_PATTERN.test(viewId) ? await store.getSharedView(viewId) : null;
  if (!view) throw notFound(`Shared view '${viewId}' does not exist.`);
  return view;
}
