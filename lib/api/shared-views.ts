import { apiCall } from './http';

/** What a shared view shows; one kind today, more (chart walls, tables) can follow. */
export type SharedViewKind = 'compare';

/**
 * Runboard extension: keep a view's state (any JSON, at most 1 MB) on the server under a short id,
 * so a link like `/compare?v=<id>` stays short however many runs and axes it carries. The id is
 * derived from the content: saving the same state twice gives the same id.
 */
export async function saveSharedView(kind: SharedViewKind, state: unknown): Promise<string> {
  const res = await apiCall<{ view_id: string }>('POST', 'runboard/shared-views/create', { kind, state: JSON.stringify(state) });
  return res.view_id;
}

/** The state saved under `viewId`; throws ApiError RESOURCE_DOES_NOT_EXIST (404) for an unknown id. */
export async function getSharedView(viewId: string, init?: { signal?: AbortSignal }): Promise<{ kind: SharedViewKind; state: unknown }> {
  const res = await apiCall<{ view: { view_id: string; kind: SharedViewKind; state: string } }>(
    'GET',
    'runboard/shared-views/get',
    { view_id: viewId },
    init,
  );
  return { kind: res.view.kind, state: JSON.parse(res.view.state) as unknown };
}
