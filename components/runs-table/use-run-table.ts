'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { ApiError, countRunTable, searchRunTable, type RunTableQuery, type TableRun } from '@/lib/api-client';
import { PageCache } from './page-cache';
import { withRetry } from './retry';

export const PAGE_SIZE = 200;
/** Pages kept in memory: 1,600 rows whatever the run count. */
export const MAX_PAGES = 8;

export interface TableData {
  key: string;
  query: RunTableQuery;
  total: number;
  cache: PageCache<TableRun>;
  /** Changes when a new query (not a refresh of the same one) is shown: the grid scrolls to the top. */
  generation: number;
}

export type LoadResult = { ok: true } | { ok: false; error: ApiError | Error } | { ok: false; aborted: true };

export function queryKey(q: RunTableQuery): string {
  return JSON.stringify([q.experimentIds, q.filter ?? '', q.orderBy ?? [], q.viewType, !!q.topLevelOnly, q.statuses ?? []]);
}

/**
 * The table's data for one query: its count and first page are fetched together and only then
 * replace what is shown, so a query the server rejects leaves the previous results in place.
 * Later pages come from a PageCache as the grid scrolls.
 */
export function useRunTable() {
  const [data, setData] = useState<TableData | null>(null);
  const [pending, setPending] = useState(false);
  const [version, bump] = useReducer((x: number) => x + 1, 0);
  const controller = useRef<AbortController | null>(null);
  const current = useRef<TableData | null>(null);
  const generation = useRef(0);

  const load = useCallback(async (query: RunTableQuery, opts: { refresh?: boolean } = {}): Promise<LoadResult> => {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    setPending(true);
    try {
      const [total, first] = await Promise.all([
        withRetry(() => countRunTable(query, { signal: c.signal }), c.signal),
        withRetry(() => searchRunTable(query, { maxResults: PAGE_SIZE }, { signal: c.signal }), c.signal),
      ]);
      if (c.signal.aborted) return { ok: false, aborted: true };
      const cache = new PageCache<TableRun>(
        (page, signal) => withRetry(() => searchRunTable(query, page, { signal }), signal),
        { pageSize: PAGE_SIZE, maxPages: MAX_PAGES, prefetch: 1, prefetchAhead: 1, onChange: bump, idOf: (r) => r.info.run_id },
        first,
      );
      const key = queryKey(query);
      if (!opts.refresh || current.current?.key !== key) generation.current += 1;
      current.current?.cache.dispose();
      const next = { key, query, total, cache, generation: generation.current };
      current.current = next;
      setData(next);
      return { ok: true };
    } catch (error) {
      if (c.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) return { ok: false, aborted: true };
      return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    } finally {
      if (controller.current === c) {
        controller.current = null;
        setPending(false);
      }
    }
  }, []);

  /** Shows nothing (a first query failed): an empty table rather than a stale one. */
  const clear = useCallback((query: RunTableQuery) => {
    current.current?.cache.dispose();
    generation.current += 1;
    const next: TableData = {
      key: queryKey(query),
      query,
      total: 0,
      cache: new PageCache<TableRun>(async () => ({ runs: [] }), { pageSize: PAGE_SIZE }),
      generation: generation.current,
    };
    current.current = next;
    setData(next);
  }, []);

  useEffect(
    () => () => {
      controller.current?.abort();
      current.current?.cache.dispose();
    },
    [],
  );

  return { data, pending, load, clear, version };
}

/** Is this the server saying the query (filter, order) is wrong, as opposed to a failure? */
export function isQueryError(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'INVALID_PARAMETER_VALUE';
}
