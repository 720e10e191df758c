'use client';

import type { MouseEvent, ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import type { ColumnDef, Table } from '@tanstack/react-table';
import type { TableRun } from '@/lib/api-client';
import { formatDuration, formatNumber, formatRelative, formatTime, keyValueMap, runDuration } from '@/lib/format';
import {
  attrColumn,
  basename,
  COMMIT_TAG,
  metricValue,
  modelIds,
  parseColumnId,
  SOURCE_TAG,
  tagValue,
  type Agg,
} from './columns';
import type { SubRow } from './row-model';

/** What the grid renders per virtual row: a run, a placeholder while its page loads, or a note. */
export type GridRow = SubRow & { v: number };

/** Page state the cells and headers need, passed as the table's meta (column defs stay stable). */
export interface GridMeta {
  experimentNames: Map<string, string>;
  /** Grouped rows can be expanded; the flat list has no toggles. */
  grouped: boolean;
  expanded: ReadonlySet<string>;
  selected: ReadonlySet<string>;
  toggleExpanded: (run: TableRun) => void;
  toggleSelected: (runId: string) => void;
  headerCheck: 'all' | 'some' | 'none';
  toggleAllLoaded: () => void;
  /** The sort the controls show (a change waiting for the server included). */
  sort: { col: string; desc: boolean };
  /** The sort the rows are in (aria-sort follows it, so it never claims an order not yet shown). */
  rowsSort: { col: string; desc: boolean };
  setSort: (col: string, desc: boolean) => void;
  aggOf: (colId: string) => Agg;
  setAgg: (colId: string, agg: Agg) => void;
  pinned: ReadonlySet<string>;
  togglePin: (colId: string) => void;
  hideColumn: (colId: string) => void;
}

/** The part of the meta that run cells read (rows re-render only when it changes). */
export type CellMeta = Pick<GridMeta, 'experimentNames' | 'grouped' | 'expanded' | 'selected' | 'toggleExpanded' | 'toggleSelected' | 'aggOf'>;

export const metaOf = (table: Table<GridRow>) => table.options.meta as unknown as GridMeta;

export const SELECT_COLUMN = 'select';
const DATA_WIDTH = 130;

const STATUS_STYLE: Record<string, string> = {
  RUNNING: 'bg-blue-500',
  SCHEDULED: 'bg-slate-400',
  FINISHED: 'bg-emerald-500',
  FAILED: 'bg-red-500',
  KILLED: 'bg-amber-500',
};

/** A single-line cell; the full value in its tooltip. */
function Text({ value, className = '' }: { value: string; className?: string }) {
  return (
    <span className={`block truncate ${className}`} title={value}>
      {value}
    </span>
  );
}

function runHref(run: TableRun): string {
  return `/experiments/${encodeURIComponent(run.info.experiment_id)}/runs/${encodeURIComponent(run.info.run_id)}`;
}

/** Opens in-app like next/link, without its per-link machinery (rows mount by the dozen while scrolling). */
function RunLink({ href, title, children }: { href: string; title: string; children: ReactNode }) {
  const router = useRouter();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab/window: the browser's
    e.preventDefault();
    router.push(href);
  };
  return (
    <a href={href} onClick={onClick} title={title} className="truncate text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300">
      {children}
    </a>
  );
}

function NameCell({ run, depth, meta }: { run: TableRun; depth: number; meta: CellMeta }) {
  const name = run.info.run_name || run.info.run_id;
  const open = meta.expanded.has(run.info.run_id);
  const canExpand = meta.grouped && run.child_run_count > 0;
  return (
    <span className="flex min-w-0 items-center gap-1" style={{ paddingLeft: depth * 16 }}>
      {canExpand ? (
        <button
          type="button"
          aria-expanded={open}
          aria-label={`${open ? 'Hide' : 'Show'} ${run.child_run_count} child runs of ${name}`}
          onClick={() => meta.toggleExpanded(run)}
          className="inline-flex h-5 shrink-0 items-center gap-0.5 rounded px-0.5 text-xs text-slate-500 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-700"
        >
          <svg aria-hidden="true" viewBox="0 0 10 10" className={`h-2.5 w-2.5 transition-transform ${open ? 'rotate-90' : ''}`}>
            <path d="M3 1l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
          <span aria-hidden="true" className="tabular-nums">{run.child_run_count}</span>
        </button>
      ) : (
        meta.grouped && <span className="w-[1.1rem] shrink-0" />
      )}
      <RunLink href={runHref(run)} title={name}>
        {name}
      </RunLink>
    </span>
  );
}

function SourceCell({ run }: { run: TableRun }) {
  const source = tagValue(run, SOURCE_TAG);
  const commit = tagValue(run, COMMIT_TAG);
  if (!source && !commit) return null;
  const tip = [source, commit && `commit ${commit}`].filter(Boolean).join('\n');
  return (
    <span className="flex min-w-0 items-baseline gap-1.5" title={tip}>
      <span className="truncate">{source ? basename(source) : ''}</span>
      {commit && <span className="shrink-0 font-mono text-xs text-slate-500">{commit.slice(0, 7)}</span>}
    </span>
  );
}

function attrCell(id: string, run: TableRun, meta: CellMeta, depth: number) {
  const info = run.info;
  switch (id) {
    case 'name':
      return <NameCell run={run} depth={depth} meta={meta} />;
    case 'experiment':
      return <Text value={meta.experimentNames.get(info.experiment_id) ?? info.experiment_id} />;
    case 'status':
      return (
        <span className="inline-flex max-w-full items-center gap-1.5 align-middle">
          <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${STATUS_STYLE[info.status] ?? 'bg-slate-400'}`} />
          <span className="truncate text-xs font-medium">{info.status}</span>
        </span>
      );
    case 'start':
      return <span title={formatRelative(info.start_time)} className="tabular-nums">{formatTime(info.start_time)}</span>;
    case 'end':
      return <span className="tabular-nums">{formatTime(info.end_time)}</span>;
    case 'duration':
      return <span className="tabular-nums">{formatDuration(runDuration(info))}</span>;
    case 'user':
      return <Text value={info.user_id} />;
    case 'source':
      return <SourceCell run={run} />;
    case 'models': {
      const ids = modelIds(run);
      return ids.length ? <span title={ids.join('\n')} className="tabular-nums">{ids.length}</span> : null;
    }
    default:
      return null;
  }
}

function dataCell(colId: string, run: TableRun, meta: CellMeta) {
  const parsed = parseColumnId(colId);
  if (!parsed || 'attr' in parsed) return null;
  if (parsed.kind === 'm') {
    const v = metricValue(run, parsed.key, meta.aggOf(colId));
    if (v === null) return null;
    return (
      <span className="block truncate text-right tabular-nums" title={String(v)}>
        {formatNumber(v)}
      </span>
    );
  }
  const value = parsed.kind === 'p' ? keyValueMap(run.data.params).get(parsed.key) : tagValue(run, parsed.key);
  return value === undefined ? null : <Text value={value} />;
}

/** What one cell of a run row shows; cells read page state from the grid's meta. */
export function renderCell(colId: string, row: Extract<GridRow, { kind: 'run' }>, meta: CellMeta): ReactNode {
  const run = row.run;
  if (colId === SELECT_COLUMN) {
    return (
      <input
        type="checkbox"
        aria-label={`Select run ${run.info.run_name || run.info.run_id}`}
        checked={meta.selected.has(run.info.run_id)}
        onChange={() => meta.toggleSelected(run.info.run_id)}
        className="h-4 w-4 align-middle accent-blue-600"
      />
    );
  }
  return attrColumn(colId) ? attrCell(colId, run, meta, row.depth) : dataCell(colId, run, meta);
}

/**
 * Column definitions for the visible columns: headers, sizes, resizing and pinning. Rows are not
 * TanStack rows: the grid draws them itself with `renderCell`, memoised per row.
 */
export function buildColumnDefs(visible: readonly string[]): ColumnDef<GridRow>[] {
  const select: ColumnDef<GridRow> = { id: SELECT_COLUMN, size: 36, enableResizing: false, header: 'Select' };
  return [
    select,
    ...visible.map(
      (id): ColumnDef<GridRow> => ({ id, size: attrColumn(id)?.width ?? DATA_WIDTH, minSize: 56, maxSize: 800, header: id }),
    ),
  ];
}
