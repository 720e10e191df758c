'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, searchLoggedModels, type WireLoggedModel } from '@/lib/api-client';
import { orderByOf, type ModelsViewState } from './models-url-state';

export interface LoggedModelsState {
  /** null until the first page arrives. */
  models: WireLoggedModel[] | null;
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  /** The server rejected the filter: its message, shown under the box. Rows of the last good query stay. */
  filterError: string | null;
  /** Anything else that failed. */
  error: string | null;
  loadMore: () => void;
  retry: () => void;
}

/**
 * An experiment's logged models for the current filter and sort, a page at a time: the first page
 * on every query change, further pages on demand (keyset tokens from the server).
 */
export function useLoggedModels(experimentId: string, state: ModelsViewState): LoggedModelsState {
  const [models, setModels] = useState<WireLoggedModel[] | null>(null);
  const [token, setToken] = useState<string | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [filterError, setFilterError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const queryKey = JSON.stringify([experimentId, state.filter, state.sort]);
  const current = useRef(queryKey);

  useEffect(() => {
    current.current = queryKey;
    const controller = new AbortController();
    const [id, filter, sort] = JSON.parse(queryKey) as [string, string, ModelsViewState['sort']];
    setLoading(true);
    searchLoggedModels({ experimentIds: [id], filter, orderBy: orderByOf(sort) }, {}, { signal: controller.signal })
      .then((page) => {
        setModels(page.models);
        setToken(page.nextPageToken);
        setFilterError(null);
        setError(null);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.code === 'INVALID_PARAMETER_VALUE' && filter.trim()) {
          setFilterError(e.message);
          setError(null);
        } else {
          setError(e instanceof Error ? e.message : String(e));
        }
      })
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [queryKey, attempt]);

  const loadMore = useCallback(() => {
    if (!token || loadingMore) return;
    const key = queryKey;
    const [id, filter, sort] = JSON.parse(key) as [string, string, ModelsViewState['sort']];
    setLoadingMore(true);
    searchLoggedModels({ experimentIds: [id], filter, orderBy: orderByOf(sort) }, { pageToken: token })
      .then((page) => {
        if (current.current !== key) return;
        setModels((prev) => [...(prev ?? []), ...page.models]);
        setToken(page.nextPageToken);
        setError(null);
      })
      .catch((e: unknown) => current.current === key && setError(`Could not load more models: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setLoadingMore(false));
  }, [token, loadingMore, queryKey]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { models, hasMore: !!token, loading, loadingMore, filterError, error, loadMore, retry };
}
