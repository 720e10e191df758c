'use client';

import { useEffect, useRef, useState } from 'react';
import { searchRunTable, type RunTableQuery, type TableRun } from '@/lib/api-client';
import { withRetry } from './retry';
import { CHILD_DISPLAY_CAP, type ChildrenState } from './row-model';

const CHILD_PAGE = 500;

/**
 * All children of one parent, page after page, up to the display cap, in the table's order and
 * lifecycle view. The filter and status chips select top-level rows and do not hide children:
 * the parent's child count (from the server, per lifecycle view) then matches what expands.
 */
async function fetchChildren(query: RunTableQuery, parentRunId: string, signal: AbortSignal): Promise<ChildrenState> {
  const q: RunTableQuery = { experimentIds: query.experimentIds, orderBy: query.orderBy, viewType: query.viewType, parentRunId };
  const runs: TableRun[] = [];
  let pageToken: string | undefined;
  do {
    const at = { maxResults: Math.min(CHILD_PAGE, CHILD_DISPLAY_CAP - runs.length), pageToken };
    const page = await withRetry(() => searchRunTable(q, at, { signal }), signal);
    runs.push(...page.runs);
    pageToken = page.nextPageToken;
  } while (pageToken && runs.length < CHILD_DISPLAY_CAP);
  return { status: 'ready', runs, truncated: !!pageToken };
}

/**
 * Children of the expanded parents, refetched when the table's query changes (they follow its
 * order) or `refreshKey` changes; dropped when their parent collapses.
 */
export function useChildren(query: RunTableQuery | null, queryKeyValue: string, expanded: readonly string[], refreshKey: number) {
  const [states, setStates] = useState<Map<string, ChildrenState>>(() => new Map());
  const inflight = useRef(new Map<string, AbortController>());
  const loadedFor = useRef('');

  useEffect(() => {
    if (!query) return;
    const key = `${queryKeyValue}#${refreshKey}`;
    const reset = loadedFor.current !== key;
    loadedFor.current = key;
    const wanted = new Set(expanded);
    for (const [id, c] of inflight.current) {
      if (reset || !wanted.has(id)) {
        c.abort();
        inflight.current.delete(id);
      }
    }
    setStates((prev) => {
      const next = new Map<string, ChildrenState>();
      if (!reset) for (const [id, s] of prev) if (wanted.has(id)) next.set(id, s);
      return next.size === prev.size && !reset ? prev : next;
    });
    for (const id of wanted) {
      if (!reset && (inflight.current.has(id) || states.has(id))) continue;
      const c = new AbortController();
      inflight.current.set(id, c);
      setStates((prev) => new Map(prev).set(id, { status: 'loading' }));
      fetchChildren(query, id, c.signal).then(
        (state) => {
          if (c.signal.aborted) return;
          inflight.current.delete(id);
          setStates((prev) => new Map(prev).set(id, state));
        },
        (error: unknown) => {
          if (c.signal.aborted) return;
          inflight.current.delete(id);
          setStates((prev) => new Map(prev).set(id, { status: 'error', message: error instanceof Error ? error.message : String(error) }));
        },
      );
    }
    // `states` is read only to skip ids already loaded; re-running on its changes would loop.
  }, [query, queryKeyValue, expanded, refreshKey]);

  useEffect(() => {
    const map = inflight.current;
    return () => {
      map.forEach((c) => c.abort());
      map.clear();
      // A remount (React's dev double effects) must fetch again, not wait on aborted requests.
      loadedFor.current = '';
    };
  }, []);

  return states;
}
