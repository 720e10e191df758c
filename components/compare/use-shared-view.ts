'use client';

import { useEffect, useState } from 'react';
import { ApiError, getSharedView } from '@/lib/api-client';
import { decodeCompareState, type SavedState } from './compare-state';

export interface SharedViewState {
  state: SavedState | null;
  /** Parts of the saved state that were not valid and were left out. */
  dropped: string[];
  error: string | null;
  loading: boolean;
}

/** Loads and validates a shared compare view (`/compare?v=<id>`); null id: nothing to load. */
export function useSharedView(viewId: string | null): SharedViewState {
  const [result, setResult] = useState<{ id: string; state: SavedState | null; dropped: string[]; error: string | null } | null>(null);

  useEffect(() => {
    if (!viewId) return;
    const controller = new AbortController();
    getSharedView(viewId, { signal: controller.signal }).then(
      (view) => {
        if (controller.signal.aborted) return;
        if (view.kind !== 'compare') {
          setResult({ id: viewId, state: null, dropped: [], error: 'This link is not a compare view.' });
          return;
        }
        const decoded = decodeCompareState(view.state);
        if ('error' in decoded) setResult({ id: viewId, state: null, dropped: [], error: decoded.error });
        else setResult({ id: viewId, state: decoded.state, dropped: decoded.dropped, error: null });
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        const notFound = e instanceof ApiError && e.code === 'RESOURCE_DOES_NOT_EXIST';
        const message = notFound
          ? 'This shared link does not exist (it may have been mistyped or cut short). Ask for the link again.'
          : `Could not load the shared view: ${e instanceof Error ? e.message : String(e)}. Reload to try again.`;
        setResult({ id: viewId, state: null, dropped: [], error: message });
      },
    );
    return () => controller.abort();
  }, [viewId]);

  if (!viewId) return { state: null, dropped: [], error: null, loading: false };
  if (!result || result.id !== viewId) return { state: null, dropped: [], error: null, loading: true };
  return { state: result.state, dropped: result.dropped, error: result.error, loading: false };
}
