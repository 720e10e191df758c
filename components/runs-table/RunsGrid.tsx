'use client';

import { memo, useEffect, useMemo, useRef, type CSSProperties } from 'react';
import { getCoreRowModel, useReactTable, type ColumnSizingState, type Header, type OnChangeFn } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TableRun } from '@/lib/api-client';
import { buildColumnDefs, renderCell, SELECT_COLUMN, type CellMeta, type GridMeta, type GridRow } from './grid-columns';
import { HeaderCell } from './HeaderCell';
import type { RowIndex } from './row-model';
import type { PageCache } from './page-cache';

export const ROW_HEIGHT = 36;
const NO_ROWS: GridRow[] = [];

/** Where a column's cells go: its width, and its sticky offset when pinned. */
interface CellPlace {
  id: string;
  width: number;
  left: number | false;
}
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
    overscan: 8,
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
  const cellMeta = useCellMeta(meta, columns);
  // TanStack drives the header: sizes, resizing, pinning. The body rows are drawn below.
  const table = useReactTable<GridRow>({
    data: NO_ROWS,
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
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

  // While scrolling, rows ignore the pointer: rows passing under a still mouse would otherwise
  // change hover styles (restyle and repaint) on every frame. Done on the DOM, not in React state.
  const bodyRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const scroller = scrollRef.current;
    const body = bodyRef.current;
    if (!scroller || !body) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pinX = -1;
    const onScroll = () => {
      // Pinned body cells follow the horizontal scroll by this offset (see PINNED_CELL).
      if (scroller.scrollLeft !== pinX) {
        pinX = scroller.scrollLeft;
        body.style.setProperty('--pin-x', `${pinX}px`);
      }
      body.style.pointerEvents = 'none';
      clearTimeout(timer);
      timer = setTimeout(() => (body.style.pointerEvents = ''), 150);
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      scroller.removeEventListener('scroll', onScroll);
      clearTimeout(timer);
    };
  }, []);

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const leftPinned = table.getState().columnPinning.left ?? [];
  const lastPinnedId = leftPinned[leftPinned.length - 1];
  const width = table.getTotalSize();
  const placesNow: CellPlace[] = table.getVisibleLeafColumns().map((c) => ({ id: c.id, width: c.getSize(), left: c.getIsPinned() ? c.getStart('left') : false }));
  const placesKey = placesNow.map((p) => `${p.id}:${p.width}:${p.left}`).join('|');
  // Stable while only scrolling, so the memoised rows already in view do not re-render.
  const places = useMemo(() => placesNow, [placesKey]); // eslint-disable-line react-hooks/exhaustive-deps

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
            <HeaderRow
              headers={headers}
              lastPinnedId={leftPinned.length > 1 ? lastPinnedId : undefined}
              meta={meta}
              placesKey={placesKey}
              resizing={table.getState().columnSizingInfo.isResizingColumn || null}
            />
          </div>
          <div role="rowgroup" ref={bodyRef} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {rows.map((r, i) => (
              <GridRowView key={r.v} r={r} start={items[i]?.start ?? 0} width={width} places={places} meta={cellMeta} lastPinnedId={lastPinnedId} />
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

/**
 * The header row, redrawn only when what it shows may have changed (sizes, the page's meta with
 * sort and selection state, a resize starting or ending), not on every scrolled frame.
 */
const HeaderRow = memo(function HeaderRow({ headers, lastPinnedId }: { headers: Header<GridRow, unknown>[]; lastPinnedId?: string; meta: GridMeta; placesKey: string; resizing: string | null }) {
  return (
    <div role="row" aria-rowindex={1} className="flex h-9 border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      {headers.map((h) => (
        <HeaderCell key={h.id} header={h} lastPinned={h.column.id === lastPinnedId} />
      ))}
    </div>
  );
});

/**
 * The meta the rows see, kept while nothing they show changes: the page rebuilds its meta on every
 * render (e.g. each arriving page), which would otherwise re-render every row in view. Handlers
 * go through a ref to the latest meta, so a row that did not re-render never acts on old state.
 */
function useCellMeta(meta: GridMeta, columns: readonly string[]): CellMeta {
  const latest = useRef(meta);
  useEffect(() => {
    latest.current = meta;
  });
  const aggKey = columns.map((c) => meta.aggOf(c)).join(',');
  const expandedKey = [...meta.expanded].join(',');
  return useMemo<CellMeta>(
    () => ({
      experimentNames: meta.experimentNames,
      grouped: meta.grouped,
      expanded: meta.expanded,
      selected: meta.selected,
      aggOf: meta.aggOf,
      toggleExpanded: (run) => latest.current.toggleExpanded(run),
      toggleSelected: (id) => latest.current.toggleSelected(id),
    }),
    // The keys stand for `expanded` and `aggOf`, which are rebuilt with the same content.
    [meta.experimentNames, meta.grouped, expandedKey, meta.selected, aggKey], // eslint-disable-line react-hooks/exhaustive-deps
  );
}

/**
 * Pinned body cells are moved back by the horizontal scroll offset instead of being
 * `position: sticky`: every sticky cell is a composited layer of its own, and with two per row
 * Chromium spent half of each scrolled frame assigning layers (bench/ui trace: Layerize).
 * Vertical scrolling changes nothing here; a horizontal scroll restyles only these cells.
 */
const PINNED_CELL: CSSProperties = { position: 'relative', transform: 'translateX(var(--pin-x, 0px))' };

interface RowProps {
  r: GridRow;
  start: number;
  width: number;
  places: readonly CellPlace[];
  meta: CellMeta;
  lastPinnedId?: string;
}

/** Re-render a row only when what it shows changed (scrolling re-renders the grid on every frame). */
function sameRow(a: RowProps, b: RowProps): boolean {
  if (a.start !== b.start || a.width !== b.width || a.places !== b.places || a.meta !== b.meta || a.lastPinnedId !== b.lastPinnedId) return false;
  const x = a.r;
  const y = b.r;
  if (x.kind !== y.kind || x.v !== y.v || x.depth !== y.depth) return false;
  if (x.kind === 'run' && y.kind === 'run') return x.run === y.run;
  if (x.kind === 'note' && y.kind === 'note') return x.text === y.text && x.tone === y.tone;
  return true;
}

const GridRowView = memo(function GridRowView({ r, start, width, places, meta, lastPinnedId }: RowProps) {
  // `contain`: a row's layout and paint never affect the others (its size is fixed), so rows
  // mounting while scrolling restyle and repaint only themselves.
  const rowStyle: CSSProperties = { position: 'absolute', top: 0, left: 0, height: ROW_HEIGHT, width, transform: `translateY(${start}px)`, contain: 'strict' };
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
      {places.map((place) => {
        const isSelect = place.id === SELECT_COLUMN;
        // Block cells with a row-high line box: one element per cell, text centred without flexbox.
        return (
          <div
            role="cell"
            key={place.id}
            style={place.left === false ? { width: place.width } : { width: place.width, ...PINNED_CELL }}
            className={`shrink-0 overflow-hidden px-2 leading-[35px] ${isSelect ? 'text-center' : ''} ${place.left !== false ? `z-10 ${pinnedTone}` : ''} ${
              place.id === lastPinnedId && !isSelect ? 'shadow-[2px_0_0_0_rgb(148_163_184/0.5)]' : ''
            }`}
          >
            {r.kind === 'run' ? (
              renderCell(place.id, r, meta)
            ) : isSelect ? null : (
              <span aria-hidden="true" className="inline-block h-2.5 w-2/3 animate-pulse rounded bg-slate-200 align-middle dark:bg-slate-800" />
            )}
          </div>
        );
      })}
    </div>
  );
}, sameRow);
