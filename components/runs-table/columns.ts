/**
 * The runs table's columns as plain data: ids, labels, the server order_by each sorts by, and
 * each cell's value. Pure (no React) so the URL codec, the CSV export and the grid share it.
 */
import type { TableRun } from '@/lib/api-client';
import { dslKey, keyValueMap, runDuration, wireNumber } from '@/lib/format';

export type AttrId = 'name' | 'experiment' | 'status' | 'start' | 'end' | 'duration' | 'user' | 'source' | 'models';
export type DataKind = 'm' | 'p' | 't';
export type Agg = 'last' | 'min' | 'max';

/** A chosen param (`p`), metric (`m`) or tag (`t`) column; metrics show their last, min or max value. */
export interface DataColumn {
  kind: DataKind;
  key: string;
  agg?: Agg;
}

export interface AttrColumn {
  id: AttrId;
  label: string;
  /** The order_by key; absent when the server cannot sort by it. */
  orderKey?: string;
  /** Why sorting is off, for the header's tooltip. */
  noSortReason?: string;
  defaultHidden?: boolean;
  width: number;
}

export const SOURCE_TAG = 'mlflow.source.name';
export const COMMIT_TAG = 'mlflow.source.git.commit';
export const PARENT_TAG = 'mlflow.parentRunId';

/** Attribute columns in display order. Duration is not sortable: use End time to sort by finish. */
export const ATTR_COLUMNS: readonly AttrColumn[] = [
  { id: 'name', label: 'Run name', orderKey: 'attributes.run_name', width: 240 },
  { id: 'experiment', label: 'Experiment', noSortReason: 'Experiments cannot be sorted by', width: 160 },
  { id: 'status', label: 'Status', orderKey: 'attributes.status', width: 110 },
  { id: 'start', label: 'Start time', orderKey: 'attributes.start_time', width: 160 },
  { id: 'end', label: 'End time', orderKey: 'attributes.end_time', defaultHidden: true, width: 160 },
  { id: 'duration', label: 'Duration', noSortReason: 'Duration cannot be sorted by; sort by End time or Start time instead', width: 96 },
  { id: 'user', label: 'User', orderKey: 'attributes.user_id', width: 120 },
  { id: 'source', label: 'Source', orderKey: `${dslKey('tags', SOURCE_TAG)}`, width: 160 },
  { id: 'models', label: 'Models', noSortReason: 'Models cannot be sorted by', width: 80 },
];

const ATTR_BY_ID = new Map(ATTR_COLUMNS.map((c) => [c.id, c]));

export function attrColumn(id: string): AttrColumn | undefined {
  return ATTR_BY_ID.get(id as AttrId);
}

export const KIND_LABEL: Record<DataKind, string> = { m: 'Metric', p: 'Param', t: 'Tag' };
const KIND_PREFIX = { m: 'metrics', p: 'params', t: 'tags' } as const;

/** `m:loss`, `p:lr`, `t:team`: the agg mode is not part of the id (one column per metric). */
export function dataColumnId(c: { kind: DataKind; key: string }): string {
  return `${c.kind}:${c.key}`;
}

export function parseColumnId(id: string): { kind: DataKind; key: string } | { attr: AttrColumn } | null {
  const m = /^([mpt]):([\s\S]+)$/.exec(id);
  if (m) return { kind: m[1] as DataKind, key: m[2] };
  const attr = attrColumn(id);
  return attr ? { attr } : null;
}

/** The order_by term for sorting by a column, or null when it cannot be sorted. */
export function orderByFor(id: string, desc: boolean, agg: Agg = 'last'): string | null {
  const parsed = parseColumnId(id);
  if (!parsed) return null;
  const dir = desc ? 'DESC' : 'ASC';
  if ('attr' in parsed) return parsed.attr.orderKey ? `${parsed.attr.orderKey} ${dir}` : null;
  const key = dslKey(KIND_PREFIX[parsed.kind], parsed.key);
  if (parsed.kind === 'm' && agg !== 'last') return `${agg}(${key}) ${dir}`;
  return `${key} ${dir}`;
}

export const DEFAULT_ORDER_BY = 'attributes.start_time DESC';

/** `jobs/train.py` → `train.py` (either slash). */
export function basename(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : path;
}

export function tagValue(run: TableRun, key: string): string | undefined {
  return run.data.tags?.find((t) => t.key === key)?.value;
}

/** Distinct logged-model ids the run produced. */
export function modelIds(run: TableRun): string[] {
  return [...new Set((run.outputs?.model_outputs ?? []).map((m) => m.model_id))];
}

/** A metric column's number: the latest value, or min/max over the history from the server. */
export function metricValue(run: TableRun, key: string, agg: Agg = 'last'): number | null {
  if (agg === 'last') {
    const m = run.data.metrics?.find((x) => x.key === key);
    return m ? wireNumber(m.value) : null;
  }
  const range = run.metric_ranges?.[key];
  return range ? wireNumber(range[agg]) : null;
}

/** Values as they go into a CSV cell: numbers stay numbers, times are ISO 8601 (UTC). */
export function exportValue(run: TableRun, col: { id: string; agg?: Agg }, experimentNames: Map<string, string>): string | number | null {
  const parsed = parseColumnId(col.id);
  if (!parsed) return null;
  const info = run.info;
  if ('attr' in parsed) {
    switch (parsed.attr.id) {
      case 'name':
        return info.run_name;
      case 'experiment':
        return experimentNames.get(info.experiment_id) ?? info.experiment_id;
      case 'status':
        return info.status;
      case 'start':
        return info.start_time ? new Date(info.start_time).toISOString() : null;
      case 'end':
        return info.end_time ? new Date(info.end_time).toISOString() : null;
      case 'duration': {
        const d = runDuration(info);
        return d === null ? null : d / 1000;
      }
      case 'user':
        return info.user_id;
      case 'source':
        return tagValue(run, SOURCE_TAG) ?? null;
      case 'models':
        return modelIds(run).length;
    }
  }
  if (parsed.kind === 'm') return metricValue(run, parsed.key, col.agg);
  if (parsed.kind === 'p') return keyValueMap(run.data.params).get(parsed.key) ?? null;
  return tagValue(run, parsed.key) ?? null;
}

/** A header's text: the key for data columns; metric min/max columns say so. */
export function columnLabel(id: string, agg?: Agg): string {
  const parsed = parseColumnId(id);
  if (!parsed) return id;
  if ('attr' in parsed) return parsed.attr.label;
  return parsed.kind === 'm' && agg && agg !== 'last' ? `${parsed.key} (${agg})` : parsed.key;
}

/** CSV header: unambiguous across kinds (`metrics.loss (max)`, `params.lr`). */
export function exportLabel(id: string, agg?: Agg): string {
  const parsed = parseColumnId(id);
  if (!parsed) return id;
  if ('attr' in parsed) return parsed.attr.id === 'duration' ? 'Duration (s)' : parsed.attr.label;
  const base = `${KIND_PREFIX[parsed.kind]}.${parsed.key}`;
  return parsed.kind === 'm' && agg && agg !== 'last' ? `${base} (${agg})` : base;
}

/**
 * Default data columns: the user metrics and params most runs of a sample (the first page) have,
 * the first few of each (alphabetical among equals; system metrics skipped).
 */
export function defaultDataColumns(keys: { params: string[]; metrics: string[] }, sample: readonly TableRun[] = [], perKind = 3): DataColumn[] {
  const frequent = (all: string[], of: (r: TableRun) => { key: string }[] | undefined) => {
    const counts = new Map<string, number>();
    for (const run of sample) for (const { key } of of(run) ?? []) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...all].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0)).slice(0, perKind);
  };
  const metrics = frequent(keys.metrics.filter((k) => !k.startsWith('system/')), (r) => r.data.metrics);
  const params = frequent(keys.params, (r) => r.data.params);
  return [...metrics.map((key) => ({ kind: 'm' as const, key })), ...params.map((key) => ({ kind: 'p' as const, key }))];
}
