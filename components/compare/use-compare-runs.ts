'use client';

import { useEffect, useState } from 'react';
import { ApiError, countRunTable, getRun, searchRunTable, type RunTableQuery, type TableRun } from '@/lib/api-client';
import { MAX_COMPARE_RUNS, type RunSource } from './compare-url';

const PAGE = 1000;
/** Ids per `run_id IN (...)` filter: short enough for any server's statement limits. */
const IDS_PER_QUERY = 200;

export interface LoadedRuns {
  runs: TableRun[];
  /** How many runs the source names or matches (more than `runs` when capped). */
  total: number;
  capped: boolean;
  /** Explicit ids no run was found for (deleted for good, or mistyped). */
  missing: string[];
}

export interface CompareRunsState {
  data: LoadedRuns | null;
  /** Runs received so far, while loading. */
  progress: number;
  error: string | null;
}

type Signal = { signal: AbortSignal };

async function searchAll(q: RunTableQuery, limit: number, init: Signal, onPage: (n: number) => void): Promise<TableRun[]> {
  const out: TableRun[] = [];
  let pageToken: string | undefined;
  do {
    const page = await searchRunTable(q, { maxResults: Math.min(PAGE, limit - out.length), pageToken }, init);
    out.push(...page.runs);
    onPage(page.runs.length);
    pageToken = page.nextPageToken;
  } while (pageToken && out.length < limit);
  return out;
}

/**
 * Runs named by id, in their order. The runs table's filter needs experiment ids, which a bare
 * run id does not carry: ask for one unfound run to learn its experiment, then fetch every
 * remaining id in that experiment by `run_id IN (...)`. A selection from one experiment costs one
 * `runs/get` and a search per 200 ids.
 */
async function loadByIds(ids: string[], init: Signal, onPage: (n: number) => void): Promise<LoadedRuns> {
  const wanted = ids.slice(0, MAX_COMPARE_RUNS);
  const found = new Map<string, TableRun>();
  const missing: string[] = [];
  const searched = new Set<string>();
  let pending = wanted;
  while (pending.length) {
    const probe = pending[0];
    let experimentId: string;
    try {
      experimentId = (await getRun(probe, init)).info.experiment_id;
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 'RESOURCE_DOES_NOT_EXIST') throw e;
      missing.push(probe);
      pending = pending.slice(1);
      continue;
    }
    if (searched.has(experimentId)) {
      // Its experiment was searched and the id still not found (MLflow's IN ignores upper-case ids).
      missing.push(probe);
      pending = pending.slice(1);
      continue;
    }
    searched.add(experimentId);
    for (let at = 0; at < pending.length; at += IDS_PER_QUERY) {
      const chunk = pending.slice(at, at + IDS_PER_QUERY);
      const filter = `attributes.run_id IN (${chunk.map((id) => `'${id}'`).join(', ')})`;
      for (const run of await searchAll({ experimentIds: [experimentId], filter, viewType: 'ALL' }, IDS_PER_QUERY, init, onPage)) found.set(run.info.run_id, run);
    }
    pending = pending.filter((id) => !found.has(id));
  }
  const runs = wanted.flatMap((id) => found.get(id) ?? []);
  return { runs, total: ids.length, capped: ids.length > wanted.length, missing };
}

async function loadByQuery(source: Extract<RunSource, { kind: 'query' }>, init: Signal, onPage: (n: number) => void): Promise<LoadedRuns> {
  const q = { experimentIds: source.experimentIds, filter: source.filter || undefined, viewType: 'ACTIVE_ONLY' as const };
  const [runs, total] = await Promise.all([
    searchAll({ ...q, orderBy: source.orderBy }, MAX_COMPARE_RUNS, init, onPage),
    countRunTable(q, init),
  ]);
  return { runs, total: Math.max(total, runs.length), capped: total > runs.length, missing: [] };
}

/** Loads the runs of a source (up to 5,000), with progress; a new source cancels the old load. */
export function useCompareRuns(source: RunSource | null): CompareRunsState {
  const key = source ? JSON.stringify(source) : '';
  const [state, setState] = useState<CompareRunsState & { key: string }>({ data: null, progress: 0, error: null, key: '' });

  useEffect(() => {
    if (!key) return;
    const src = JSON.parse(key) as RunSource;
    const controller = new AbortController();
    const init = { signal: controller.signal };
    let received = 0;
    const onPage = (n: number) => {
      received += n;
      if (!controller.signal.aborted) setState((s) => ({ ...s, progress: received }));
    };
    setState({ data: null, progress: 0, error: null, key });
    (src.kind === 'runs' ? loadByIds(src.runIds, init, onPage) : loadByQuery(src, init, onPage)).then(
      (data) => !controller.signal.aborted && setState({ data, progress: data.runs.length, error: null, key }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        const message = e instanceof Error ? e.message : String(e);
        setState({ data: null, progress: 0, error: message, key });
      },
    );
    return () => controller.abort();
  }, [key]);

  return state.key === key ? state : { data: null, progress: 0, error: null };
}
