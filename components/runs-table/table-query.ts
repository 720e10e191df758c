/**
 * From the table's view state to the server query, and the column layout the view implies.
 * Pure, unit-tested.
 */
import type { RunTableQuery } from '@/lib/api-client';
import { ATTR_COLUMNS, dataColumnId, DEFAULT_ORDER_BY, orderByFor, type Agg, type DataColumn } from './columns';
import { DEFAULT_HIDDEN, DEFAULT_PINNED, type TableViewState } from './url-state';

/** Deleted runs are listed flat: a deleted child's parent may still be active (and not listed). */
export function isGrouped(v: TableViewState): boolean {
  return !v.flat && v.view !== 'deleted';
}

export function aggOf(v: TableViewState, colId: string): Agg {
  return v.columns?.find((c) => dataColumnId(c) === colId)?.agg ?? 'last';
}

/** The sort the table shows: the chosen one, else newest first. */
export function effectiveSort(v: TableViewState): { col: string; desc: boolean } {
  return v.sort ?? { col: 'start', desc: true };
}

export function buildQuery(experimentIds: string[], v: TableViewState): RunTableQuery {
  const order = v.sort ? orderByFor(v.sort.col, v.sort.desc, aggOf(v, v.sort.col)) : null;
  return {
    experimentIds,
    filter: v.filter.trim() || undefined,
    orderBy: [order ?? DEFAULT_ORDER_BY],
    viewType: v.view === 'deleted' ? 'DELETED_ONLY' : 'ACTIVE_ONLY',
    topLevelOnly: isGrouped(v) ? true : undefined,
    statuses: v.statuses.length ? [...v.statuses] : undefined,
  };
}

export interface ColumnLayout {
  dataColumns: DataColumn[];
  hidden: string[];
  /** Visible column ids in display order (before pinning moves pinned ones left). */
  visible: string[];
  pinned: string[];
}

/** `defaults`: the data columns shown until the user chooses (see defaultDataColumns). */
export function columnLayout(v: TableViewState, defaults: readonly DataColumn[] | null, multiExperiment: boolean): ColumnLayout {
  const dataColumns = v.columns ?? [...(defaults ?? [])];
  const hidden = v.hidden ?? DEFAULT_HIDDEN;
  const attrs = ATTR_COLUMNS.filter((c) => (c.id === 'experiment' ? multiExperiment : true) && !hidden.includes(c.id)).map((c) => c.id as string);
  const visible = [...attrs, ...dataColumns.map(dataColumnId)];
  const pinned = (v.pinned ?? DEFAULT_PINNED).filter((id) => visible.includes(id));
  return { dataColumns, hidden, visible, pinned };
}
