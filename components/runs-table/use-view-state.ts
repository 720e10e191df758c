'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { buildQuery } from './table-query';
import { isQueryError, queryKey, useRunTable } from './use-run-table';
import { decodeViewState, encodeViewState, type TableViewState } from './url-state';

export type ViewUpdate = (v: TableViewState) => TableViewState;

/**
 * The table's view state, mirrored into the URL, with server-validated commits: a change that
 * alters the query (filter, sort, quick filters) takes effect only once the server has answered
 * it, so a rejected filter leaves the previous results, URL and state in place and its message
 * is shown. Other changes (columns, selection, expansion) apply at once.
 */
export function useViewState(experimentIds: string[]) {
  const search = useSearchParams();
  const [view, setView] = useState<TableViewState>(() => decodeViewState(new URLSearchParams(search?.toString() ?? '')));
  const table = useRunTable();
  const { load, clear } = table;
  const [queryError, setQueryError] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<{ message: string; retry: () => void } | null>(null);
  const committed = useRef(view);
  const pending = useRef<TableViewState | null>(null);
  // The waiting view, shown by the controls (sort arrow, chips) while the rows are still the old ones.
  const [pendingView, setPendingView] = useState<TableViewState | null>(null);
  const setPending = useCallback((v: TableViewState | null) => {
    pending.current = v;
    setPendingView(v);
  }, []);
  const seq = useRef(0);
  const ids = useRef(experimentIds);

  useEffect(() => {
    const url = new URL(window.location.href);
    const qs = encodeViewState(view, url.searchParams);
    const next = `${url.pathname}${qs ? `?${qs}` : ''}${url.hash}`;
    if (next !== `${url.pathname}${url.search}${url.hash}`) window.history.replaceState(null, '', next);
  }, [view]);

  const apply = useCallback((v: TableViewState) => {
    committed.current = v;
    setView(v);
  }, []);

  const start = useCallback(
    (next: TableViewState, opts: { initial?: boolean; refresh?: boolean } = {}) => {
      const n = ++seq.current;
      setPending(opts.refresh ? null : next);
      const q = buildQuery(ids.current, next);
      load(q, { refresh: opts.refresh }).then((res) => {
        if (n !== seq.current || ('aborted' in res && res.aborted)) return;
        const latest = pending.current ?? next;
        setPending(null);
        if (res.ok) {
          setQueryError(null);
          setLoadError(null);
          if (!opts.refresh) apply(latest);
          return;
        }
        const error = 'error' in res ? res.error : new Error('Unknown error');
        if (isQueryError(error)) {
          setQueryError(error.message);
          setLoadError(null);
        } else {
          setLoadError({ message: error.message, retry: () => start(latest, opts) });
        }
        // A first query the server rejects (a bad filter in a shared link) shows an empty table
        // with the reason; a first query that failed otherwise waits for Retry.
        if (opts.initial && isQueryError(error)) clear(q);
      });
    },
    [load, clear, apply, setPending],
  );

  useEffect(() => {
    start(committed.current, { initial: true });
    // Once per mount: later changes go through `update`.
  }, []);

  const update = useCallback(
    (f: ViewUpdate) => {
      const base = pending.current ?? committed.current;
      const next = f(base);
      if (queryKey(buildQuery(ids.current, next)) === queryKey(buildQuery(ids.current, base))) {
        // Not a query change: shown now, and kept in the query change still waiting, if any.
        if (pending.current) {
          setPending(next);
          apply(f(committed.current));
        } else apply(next);
        return;
      }
      start(next);
    },
    [apply, start, setPending],
  );

  /** Reloads the same query (after runs were deleted or restored), keeping the scroll position. */
  const refresh = useCallback(() => start(committed.current, { refresh: true }), [start]);

  /** `view` is what the controls show (a waiting change included); `committed` is what the rows show. */
  return { view: pendingView ?? view, committed: view, update, refresh, queryError, loadError, ...table };
}
