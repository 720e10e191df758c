/**
 * The compared runs as plain records, and the "fields" every view picks from: a param, a metric's
 * last / min / max value, or a tag. A field id is `p:lr`, `m:loss`, `m.min:loss`, `m.max:loss` or
 * `t:team` (the runs table's column tokens), so ids survive in shared state. Pure.
 */
import type { TableRun } from '@/lib/api-client';
import { wireNumber } from '@/lib/format';

export type FieldKind = 'p' | 'm' | 'm.min' | 'm.max' | 't';

export interface Field {
  id: string;
  kind: FieldKind;
  key: string;
}

export interface MetricValue {
  last: number;
  min: number | null;
  max: number | null;
}

export interface RunRecord {
  id: string;
  name: string;
  experimentId: string;
  startTime: number;
  params: Map<string, string>;
  metrics: Map<string, MetricValue>;
  /** User tags only: `mlflow.*` system tags are left out. */
  tags: Map<string, string>;
}

export type FieldValue = string | number | undefined;

const KINDS: readonly FieldKind[] = ['p', 'm', 'm.min', 'm.max', 't'];

export function fieldId(kind: FieldKind, key: string): string {
  return `${kind}:${key}`;
}

export function parseFieldId(id: string): Field | null {
  const colon = id.indexOf(':');
  if (colon < 0) return null;
  const kind = id.slice(0, colon) as FieldKind;
  const key = id.slice(colon + 1);
  return KINDS.includes(kind) && key.length > 0 ? { id, kind, key } : null;
}

const KIND_SUFFIX: Record<FieldKind, string> = { p: '', m: '', 'm.min': ' (min)', 'm.max': ' (max)', t: '' };
const KIND_SECTION: Record<FieldKind, string> = { p: 'Param', m: 'Metric', 'm.min': 'Metric', 'm.max': 'Metric', t: 'Tag' };

/** `loss (min)`: what an axis or a picker option is called. */
export function fieldLabel(f: Field): string {
  return `${f.key}${KIND_SUFFIX[f.kind]}`;
}

/** `Metric loss (min)`: the label with its kind, for pickers and accessible names. */
export function fieldLongLabel(f: Field): string {
  return `${KIND_SECTION[f.kind]} ${fieldLabel(f)}`;
}

export function isMetricField(f: Field): boolean {
  return f.kind === 'm' || f.kind === 'm.min' || f.kind === 'm.max';
}

export function toRunRecord(run: TableRun): RunRecord {
  const metrics = new Map<string, MetricValue>();
  for (const m of run.data.metrics ?? []) {
    const range = run.metric_ranges?.[m.key];
    metrics.set(m.key, { last: wireNumber(m.value) ?? Number.NaN, min: wireNumber(range?.min), max: wireNumber(range?.max) });
  }
  const tags = new Map<string, string>();
  for (const t of run.data.tags ?? []) if (!t.key.startsWith('mlflow.')) tags.set(t.key, t.value);
  return {
    id: run.info.run_id,
    name: run.info.run_name || run.info.run_id,
    experimentId: run.info.experiment_id,
    startTime: run.info.start_time,
    params: new Map((run.data.params ?? []).map((p) => [p.key, p.value])),
    metrics,
    tags,
  };
}

export function fieldValue(r: RunRecord, f: Field): FieldValue {
  switch (f.kind) {
    case 'p':
      return r.params.get(f.key);
    case 't':
      return r.tags.get(f.key);
    case 'm':
      return r.metrics.get(f.key)?.last;
    case 'm.min':
      return r.metrics.get(f.key)?.min ?? undefined;
    case 'm.max':
      return r.metrics.get(f.key)?.max ?? undefined;
  }
}

export interface FieldCatalog {
  params: string[];
  metrics: string[];
  tags: string[];
  /** Every field, params first, then each metric's last/min/max, then tags. */
  all: Field[];
  byId: Map<string, Field>;
}

/** The keys the runs hold, sorted, as fields. */
export function fieldCatalog(records: readonly RunRecord[]): FieldCatalog {
  const keysOf = (pick: (r: RunRecord) => Map<string, unknown>) => [...new Set(records.flatMap((r) => [...pick(r).keys()]))].sort();
  const params = keysOf((r) => r.params);
  const metrics = keysOf((r) => r.metrics);
  const tags = keysOf((r) => r.tags);
  const all: Field[] = [
    ...params.map((key) => ({ id: fieldId('p', key), kind: 'p' as const, key })),
    ...metrics.flatMap((key) => (['m', 'm.min', 'm.max'] as const).map((kind) => ({ id: fieldId(kind, key), kind, key }))),
    ...tags.map((key) => ({ id: fieldId('t', key), kind: 't' as const, key })),
  ];
  return { params, metrics, tags, all, byId: new Map(all.map((f) => [f.id, f])) };
}

/** A param or tag string as a number, when it is one (`"0.01"`, `"1e-3"`); null otherwise. */
export function numericText(s: string): number | null {
  if (s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/**
 * The field's values as numbers when every present value is numeric (metrics always are; params
 * such as `"0.01"` usually); null when some value is text, so the field is categorical.
 * Missing and non-finite values are NaN.
 */
export function numericValues(values: readonly FieldValue[]): Float64Array | null {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (v === undefined) out[i] = Number.NaN;
    else if (typeof v === 'number') out[i] = Number.isFinite(v) ? v : Number.NaN;
    else {
      const n = numericText(v);
      if (n === null) return null;
      out[i] = n;
    }
  }
  return out;
}
