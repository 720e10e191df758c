'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnSizingState } from '@tanstack/react-table';
import { getExperiment, getRunKeys, type TableRun } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { ErrorNote } from '@/components/ui/Notice';
import { ExperimentSections } from '@/components/logged-models/ExperimentSections';
import { ColumnChooser, type RunKeys } from './ColumnChooser';
import { CompareMatching } from './CompareMatching';
import { dataColumnId, defaultDataColumns, type Agg, type DataColumn, type DataKind } from './columns';
import { ExportCsv } from './ExportCsv';
import { FilterBar } from './FilterBar';
import type { GridMeta } from './grid-columns';
import { flattenSubtree, RowIndex, type PlacedExpansion } from './row-model';
import { RunsGrid } from './RunsGrid';
import { SelectionActions } from './SelectionActions';
import { aggOf, columnLayout, effectiveSort, isGrouped } from './table-query';
import { useChildren } from './use-children';
import { useViewState } from './use-view-state';
import { DEFAULT_PINNED, type TableViewState } from './url-state';

/** `/experiments/1` or `/experiments/1,4`: the runs of one or several experiments. */
export function RunsPage({ experimentIds }: { experimentIds: string[] }) {
  const key = experimentIds.join(',');
  // The same ids from a re-rendered parent must not refetch; different ids are a different table.
  const ids = useMemo(() => key.split(',').filter(Boolean), [key]);
  return <RunsTableView key={key} experimentIds={ids} />;
}

function useExperimentNames(experimentIds: string[]) {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.allSettled(experimentIds.map((id) => getExperiment(id))).then((results) => {
      if (!live) return;
      const map = new Map<string, string>();
      const failed: string[] = [];
      results.forEach((r, i) => (r.status === 'fulfilled' ? map.set(experimentIds[i], r.value.name) : failed.push(`${experimentIds[i]} (${(r.reason as Error).message})`)));
      setNames(map);
      setError(failed.length ? `Could not load experiment ${failed.join(', ')}.` : null);
    });
    return () => {
      live = false;
    };
  }, [experimentIds]);
  return { names, error };
}

/** Keys for the column chooser; asked for only once rows are shown, so they never delay them. */
function useRunKeys(experimentIds: string[], ready: boolean) {
  const [keys, setKeys] = useState<RunKeys | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!ready) return;
    let live = true;
    getRunKeys(experimentIds).then(
      (k) => live && setKeys(k),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [experimentIds, ready]);
  return { keys, error };
}

/** The param and metric keys present in some rows. */
function keysOfRows(rows: readonly TableRun[]): RunKeys {
  const of = (pick: (r: TableRun) => { key: string }[] | undefined) => [...new Set(rows.flatMap((r) => (pick(r) ?? []).map((kv) => kv.key)))].sort();
  return { params: of((r) => r.data.params), metrics: of((r) => r.data.metrics), tags: of((r) => r.data.tags) };
}

const toggle = (list: readonly string[], id: string, on: boolean) => (on ? (list.includes(id) ? [...list] : [...list, id]) : list.filter((x) => x !== id));

function RunsTableView({ experimentIds }: { experimentIds: string[] }) {
  const { view, committed, update, refresh, queryError, loadError, data, pending, version } = useViewState(experimentIds);
  const experiments = useExperimentNames(experimentIds);
  const runKeys = useRunKeys(experimentIds, (data?.cache.loadedRows().length ?? 0) > 0 || version > 1);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  const [refreshKey, setRefreshKey] = useState(0);
  const multi = experimentIds.length > 1;
  // Rows follow the committed query; controls show a change still waiting for the server.
  const grouped = isGrouped(committed);
  // Default columns are chosen once, from the first page (or, for an empty one, the experiments'
  // keys), so they never reshuffle and never wait for the key listing.
  const [defaults, setDefaults] = useState<DataColumn[] | null>(null);
  useEffect(() => {
    if (defaults || !data) return;
    const rows = data.cache.loadedRows();
    if (rows.length > 0) setDefaults(defaultDataColumns(keysOfRows(rows), rows));
    else if (runKeys.keys) setDefaults(defaultDataColumns(runKeys.keys, rows));
  }, [defaults, runKeys.keys, data, version]);
  const layout = useMemo(() => columnLayout(view, defaults, multi), [view, defaults, multi]);
  // Edits start from the columns shown at the time they happen (the defaults until changed).
  const defaultsRef = useRef(defaults);
  useEffect(() => {
    defaultsRef.current = defaults;
  }, [defaults]);

  /** The data columns as the user sees them (defaults until changed), for edits. */
  const columnsOf = useCallback((v: TableViewState): DataColumn[] => columnLayout(v, defaultsRef.current, multi).dataColumns, [multi]);

  const cache = data?.cache;
  const expandedIds = useMemo(() => (grouped ? view.expanded : []), [grouped, view.expanded]);
  const children = useChildren(data?.query ?? null, data?.key ?? '', expandedIds, refreshKey);

  // Expanded parents' rows, remembered so their subtree survives their page being evicted.
  const parentRuns = useRef(new Map<string, TableRun>());
  const expansions: PlacedExpansion[] = useMemo(() => {
    if (!cache || !grouped) return [];
    const expanded = new Set(expandedIds);
    cache.watch(expandedIds);
    const out: PlacedExpansion[] = [];
    for (const id of expandedIds) {
      const at = cache.positionOf(id);
      if (at === undefined) continue;
      const parent = cache.row(at) ?? parentRuns.current.get(id);
      if (!parent || parent.info.run_id !== id) continue;
      parentRuns.current.set(id, parent);
      out.push({ parentId: id, topIndex: at, rows: flattenSubtree(parent, children, expanded) });
    }
    return out;
    // `version`: pages (and so parent positions) arrived in the mutable cache.
  }, [cache, grouped, expandedIds, children, version]);

  const total = data ? Math.min(data.total, cache?.endRow ?? Number.POSITIVE_INFINITY) : 0;
  const rowIndex = useMemo(() => new RowIndex(total, expansions), [total, expansions]);

  const selected = useMemo(() => new Set(view.selected), [view.selected]);
  const loadedIds = useMemo(() => {
    const ids = new Set<string>();
    cache?.loadedRows().forEach((r) => ids.add(r.info.run_id));
    for (const id of expandedIds) {
      const s = children.get(id);
      if (s?.status === 'ready') s.runs.forEach((r) => ids.add(r.info.run_id));
    }
    return ids;
  }, [cache, children, expandedIds, version]);
  const selectedLoaded = [...loadedIds].filter((id) => selected.has(id)).length;
  const headerCheck = selectedLoaded === 0 ? 'none' : selectedLoaded === loadedIds.size ? 'all' : 'some';

  const meta: GridMeta = {
    experimentNames: experiments.names,
    grouped,
    expanded: new Set(expandedIds),
    selected,
    toggleExpanded: (run) => {
      const id = run.info.run_id;
      parentRuns.current.set(id, run);
      update((v) => {
        if (!v.expanded.includes(id)) return { ...v, expanded: [...v.expanded, id] };
        // Collapsing closes the expanded runs inside, so their children are not fetched unseen.
        const closing = new Set([id]);
        for (const open of [id, ...v.expanded]) {
          if (!closing.has(open)) continue;
          const state = children.get(open);
          if (state?.status === 'ready') state.runs.forEach((r) => closing.add(r.info.run_id));
        }
        return { ...v, expanded: v.expanded.filter((x) => !closing.has(x)) };
      });
    },
    toggleSelected: (id) => update((v) => ({ ...v, selected: toggle(v.selected, id, !v.selected.includes(id)) })),
    headerCheck,
    toggleAllLoaded: () =>
      update((v) => ({
        ...v,
        selected: headerCheck === 'all' ? v.selected.filter((id) => !loadedIds.has(id)) : [...new Set([...v.selected, ...loadedIds])],
      })),
    sort: effectiveSort(view),
    rowsSort: effectiveSort(committed),
    setSort: (col, desc) => update((v) => ({ ...v, sort: { col, desc } })),
    aggOf: (id) => aggOf(view, id),
    setAgg: (id, agg: Agg) =>
      update((v) => ({ ...v, columns: columnsOf(v).map((c) => (dataColumnId(c) === id ? { ...c, agg: agg === 'last' ? undefined : agg } : c)) })),
    pinned: new Set(layout.pinned),
    togglePin: (id) =>
      update((v) => {
        const pins = v.pinned ?? DEFAULT_PINNED;
        return { ...v, pinned: toggle(pins, id, !pins.includes(id)) };
      }),
    hideColumn: (id) =>
      update((v) =>
        id.includes(':')
          ? { ...v, columns: columnsOf(v).filter((c) => dataColumnId(c) !== id) }
          : { ...v, hidden: toggle(columnLayout(v, defaultsRef.current, multi).hidden, id, true) },
      ),
  };

  const title = experimentIds.map((id) => experiments.names.get(id) ?? `Experiment ${id}`).join(' · ');
  const cacheError = cache?.error();

  return (
    <section aria-labelledby="runs-heading" className="flex h-[calc(100dvh-5.5rem)] min-h-[26rem] flex-col gap-2.5">
      <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 id="runs-heading" className="truncate text-xl font-semibold" title={title}>
          {title}
        </h1>
        {!multi && <ExperimentSections experimentId={experimentIds[0]} current="runs" />}
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {data ? (
            <>
              <span data-testid="runs-count" className="font-medium tabular-nums text-slate-900 dark:text-slate-100">
                {data.total}
              </span>{' '}
              {data.total === 1 ? 'run' : 'runs'}
              {grouped && (
                <span className="text-slate-500" title="The filter and status choices select top-level runs; expanding a parent shows all its child runs. Use the flat list to filter child runs too.">
                  {' '}
                  at top level
                </span>
              )}
            </>
          ) : (
            'Loading runs…'
          )}
          {pending && data && <span className="ml-2 text-slate-500">Searching…</span>}
        </p>
      </header>
      {experiments.error && <ErrorNote>{experiments.error}</ErrorNote>}
      <FilterBar
        filter={committed.filter}
        error={queryError}
        onSubmit={(filter) => update((v) => ({ ...v, filter }))}
        statuses={view.statuses}
        onStatuses={(statuses) => update((v) => ({ ...v, statuses }))}
        view={view.view}
        onView={(lifecycle) => update((v) => ({ ...v, view: lifecycle, selected: lifecycle === v.view ? v.selected : [] }))}
        flat={view.flat}
        onFlat={(flat) => update((v) => ({ ...v, flat }))}
        flatForced={view.view === 'deleted'}
      />
      <div className="flex flex-wrap items-center gap-2">
        <SelectionActions
          selected={view.selected}
          view={committed.view}
          onClear={() => update((v) => ({ ...v, selected: [] }))}
          onChanged={() => {
            update((v) => ({ ...v, selected: [] }));
            setRefreshKey((k) => k + 1);
            refresh();
          }}
        />
        <CompareMatching query={data?.query ?? null} total={data?.total ?? 0} />
        <div className="ml-auto flex items-center gap-2">
          <ExportCsv
            query={data?.query ?? null}
            columns={layout.visible.map((id) => ({ id, agg: aggOf(view, id) }))}
            experimentNames={experiments.names}
            fileName={`runs-${experimentIds.join('-')}.csv`}
          />
          <ColumnChooser
            keys={runKeys.keys}
            keysError={runKeys.error}
            columns={layout.dataColumns}
            hidden={layout.hidden}
            multiExperiment={multi}
            onToggleData={(kind: DataKind, key, on) =>
              update((v) => {
                const cols = columnsOf(v);
                const id = dataColumnId({ kind, key });
                return { ...v, columns: on ? (cols.some((c) => dataColumnId(c) === id) ? cols : [...cols, { kind, key }]) : cols.filter((c) => dataColumnId(c) !== id) };
              })
            }
            onToggleAttr={(id, on) => update((v) => ({ ...v, hidden: toggle(columnLayout(v, defaultsRef.current, multi).hidden, id, !on) }))}
            onReset={() => update((v) => ({ ...v, columns: null, hidden: null, pinned: null }))}
          />
        </div>
      </div>
      {loadError && (
        <ErrorNote>
          Could not load the runs: {loadError.message}{' '}
          <Button variant="ghost" onClick={loadError.retry}>
            Retry
          </Button>
        </ErrorNote>
      )}
      {cacheError && (
        <ErrorNote>
          Some rows could not be loaded: {cacheError}{' '}
          <Button variant="ghost" onClick={() => cache?.retry()}>
            Retry
          </Button>
        </ErrorNote>
      )}
      {data && cache ? (
        <RunsGrid
          cache={cache}
          total={total}
          rowIndex={rowIndex}
          generation={data.generation}
          version={version}
          columns={layout.visible}
          pinned={layout.pinned}
          meta={meta}
          columnSizing={columnSizing}
          onColumnSizingChange={setColumnSizing}
          loading={pending}
        />
      ) : (
        <div data-testid="runs-table" role="table" aria-label="Runs" aria-busy="true" className="flex-1 rounded-md border border-slate-200 p-4 text-sm text-slate-500 dark:border-slate-800">
          Loading runs…
        </div>
      )}
    </section>
  );
}
