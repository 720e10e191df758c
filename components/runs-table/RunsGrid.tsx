'use client';

import { useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnSizingState, type OnChangeFn, type Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TableRun } from '@/lib/api-client';
import { buildColumnDefs, SELECT_COLUMN, type GridMeta, type GridRow } from './grid-columns';
import { HeaderCell, pinnedStyle } from './HeaderCell';
import type { RowIndex } from './row-model';
import type { PageCache } from './page-cache';

export const ROW_HEIGHT = 36;
/** Range requests to the page cache at most this often while scrolling (the last one always goes). */
const WANT_INTERVAL_MS = 60;

interface Props {
  cache: PageCache<TableRun>;
  /** Top-level rows the server reports (the scrollbar's extent before expansions). */
  total: number;
  rowIndex: RowIndex;
  generation: number;
  /** Bumped by the cache as pages arrive. */
  version: number;
  columns: readonly string[];
  pinned: readonly string[];
  meta: GridMeta;
  columnSizing: ColumnSizingState;
  onColumnSizingChange: OnChangeFn<ColumnSizingState>;
  loading: boolean;
}

/** The virtualised grid: only the rows in view are in the DOM, whatever the run count. */
export function RunsGrid({ cache, total, rowIndex, generation, version, columns, pinned, meta, columnSizing, onColumnSizingChange, loading }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rowIndex.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Re-render with React's batching, not synchronously inside every scroll event (bench/ui:
    // the synchronous re-render was a fifth of the main thread while wheel-scrolling).
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();

  const rows: GridRow[] = useMemo(
    () =>
      items.map((item) => {
        const slot = rowIndex.locate(item.index);
        if (slot.kind === 'sub') return { ...slot.row, v: item.index };
        const run = cache.row(slot.index);
        return run ? { kind: 'run' as const, run, depth: 0, v: item.index } : { kind: 'loading' as const, depth: 0, v: item.index };
      }),
    // `version` marks pages arriving in the (mutable) cache.
    [items, rowIndex, cache, version],
  );

  const defs = useMemo(() => buildColumnDefs(columns), [columns]);
  const table = useReactTable<GridRow>({
    data: rows,
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.v),
    state: { columnPinning: { left: [SELECT_COLUMN, ...pinned.filter((id) => columns.includes(id))] }, columnSizing },
    onColumnSizingChange,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
    manualSorting: true,
    meta: meta as unknown as Record<string, unknown>,
  });

  // Ask the cache for the top-level rows in view, throttled: a dragged scrollbar would otherwise start a fetch per frame.
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const throttle = useRef<{ at: number; timer: ReturnType<typeof setTimeout> | null }>({ at: 0, timer: null });
  useEffect(() => {
    const t = throttle.current;
    const run = () => {
      t.at = Date.now();
      t.timer = null;
      const [a, b] = rowIndex.topRange(first, last);
      cache.want(a, b, total);
    };
    if (t.timer) clearTimeout(t.timer);
    const wait = WANT_INTERVAL_MS - (Date.now() - t.at);
    if (wait <= 0) run();
    else t.timer = setTimeout(run, wait);
  }, [first, last, rowIndex, cache, total]);
  useEffect(() => () => clearTimeout(throttle.current.timer ?? undefined), []);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [generation]);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const leftPinned = table.getState().columnPinning.left ?? [];
  const lastPinnedId = leftPinned[leftPinned.length - 1];
  const width = table.getTotalSize();

  return (
    <div
      role="table"
      aria-label="Runs"
      aria-rowcount={rowIndex.count + 1}
      aria-busy={loading || undefined}
      data-testid="runs-table"
      className="flex min-h-0 flex-1 flex-col overflow-hidden rounded-md border border-slate-200 text-sm dark:border-slate-800"
    >
      <div ref={scrollRef} data-testid="runs-table-scroll" tabIndex={0} aria-label="Runs, scrollable" className="relative min-h-0 flex-1 overflow-auto focus-visible:outline-2 focus-visible:outline-blue-500">
        <div style={{ width, minWidth: '100%' }}>
          <div role="rowgroup" className="sticky top-0 z-20">
            <div role="row" aria-rowindex={1} className="flex h-9 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
              {headers.map((h) => (
                <HeaderCell key={h.id} header={h} lastPinned={h.column.id === lastPinnedId && leftPinned.length > 1} />
              ))}
            </div>
          </div>
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {table.getRowModel().rows.map((row, i) => (
              <GridRowView key={row.id} row={row} start={items[i]?.start ?? 0} width={width} meta={meta} lastPinnedId={lastPinnedId} />
            ))}
          </div>
          {rowIndex.count === 0 && !loading && (
            <p className="sticky left-0 px-3 py-6 text-slate-500" role="status">
              No runs match. Change the filters or the status and lifecycle choices above.
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

function GridRowView({ row, start, width, meta, lastPinnedId }: { row: Row<GridRow>; start: number; width: number; meta: GridMeta; lastPinnedId?: string }) {
  const r = row.original;
  const rowStyle: CSSProperties = { position: 'absolute', top: 0, left: 0, height: ROW_HEIGHT, width, transform: `translateY(${start}px)` };
  if (r.kind === 'note') {
    return (
      <div role="row" aria-rowindex={r.v + 2} style={rowStyle} data-testid="runs-table-note" className="flex border-b border-slate-100 dark:border-slate-900">
        <div role="cell" className={`sticky left-0 flex items-center truncate px-3 text-xs ${r.tone === 'error' ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`} style={{ paddingLeft: 44 + r.depth * 16 }}>
          {r.text}
        </div>
      </div>
    );
  }
  const runId = r.kind === 'run' ? r.run.info.run_id : undefined;
  const selected = runId !== undefined && meta.selected.has(runId);
  const rowTone = selected ? 'bg-blue-50 dark:bg-blue-950' : 'bg-white hover:bg-slate-50 dark:bg-slate-950 dark:hover:bg-slate-900';
  // Pinned cells need an opaque background of their own, following the row's hover and selection.
  const pinnedTone = selected ? 'bg-blue-50 dark:bg-blue-950' : 'bg-white group-hover:bg-slate-50 dark:bg-slate-950 dark:group-hover:bg-slate-900';
  return (
    <div
      role="row"
      aria-rowindex={r.v + 2}
      aria-selected={r.kind === 'run' ? selected : undefined}
      data-testid={r.kind === 'run' ? 'runs-table-row' : 'runs-table-placeholder'}
      data-run-id={runId}
      data-depth={r.depth || undefined}
      style={rowStyle}
      className={`group flex border-b border-slate-100 dark:border-slate-900 ${rowTone}`}
    >
      {row.getVisibleCells().map((cell) => {
        const pinned = cell.column.getIsPinned();
        const style = pinnedStyle(pinned ? cell.column.getStart('left') : false, cell.column.getSize());
        return (
          <div
            role="cell"
            key={cell.id}
            style={style}
            className={`flex shrink-0 items-center overflow-hidden px-2 ${cell.column.id === SELECT_COLUMN ? 'justify-center' : ''} ${
              pinned ? `z-10 ${pinnedTone}` : ''
            } ${cell.column.id === lastPinnedId && cell.column.id !== SELECT_COLUMN ? 'shadow-[2px_0_0_0_rgb(148_163_184/0.5)]' : ''}`}
          >
            {r.kind === 'run' ? (
              cell.column.id === SELECT_COLUMN ? (
                flexRender(cell.column.columnDef.cell, cell.getContext())
              ) : (
                <div className="min-w-0 flex-1">{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
              )
            ) : cell.column.id === SELECT_COLUMN ? null : (
              <span aria-hidden="true" className="block h-2.5 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
            )}
          </div>
        );
      })}
    </div>
  );
}
