/**
 * Pure helpers of the logged-model pages: the registry link tag, metric and param columns of a
 * page of models, the metric rows of one model. No React, unit-tested.
 */
import type { WireLoggedModel, WireMetric } from '@/lib/api-client';
import { keyValueMap, wireNumber } from '@/lib/format';

/** Set by the MLflow client on a logged model when a version is registered from it (§4.5). */
export const MODEL_VERSIONS_TAG = 'mlflow.modelVersions';

export interface VersionRef {
  name: string;
  version: string;
}

/**
 * The `mlflow.modelVersions` tag: a JSON list of `{name, version}`. Anything malformed (user
 * edited tag, other client) yields the entries that are well formed, never an exception.
 */
export function parseModelVersionsTag(value: string | undefined): VersionRef[] {
  if (!value) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: VersionRef[] = [];
  const seen = new Set<string>();
  for (const item of parsed) {
    if (!item || typeof item !== 'object') continue;
    const { name, version } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !name) continue;
    if (typeof version !== 'string' && typeof version !== 'number') continue;
    const ref = { name, version: String(version) };
    const key = `${ref.name}\u0000${ref.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(ref);
  }
  return out;
}

export function registeredVersionsOf(model: WireLoggedModel): VersionRef[] {
  return parseModelVersionsTag(keyValueMap(model.info.tags).get(MODEL_VERSIONS_TAG));
}

/** The union of two version lists, without duplicates, ordered by name then version number. */
export function mergeVersionRefs(a: readonly VersionRef[], b: readonly VersionRef[]): VersionRef[] {
  const byKey = new Map<string, VersionRef>();
  for (const v of [...a, ...b]) byKey.set(`${v.name}\u0000${v.version}`, v);
  return [...byKey.values()].sort((x, y) => x.name.localeCompare(y.name) || Number(x.version) - Number(y.version) || x.version.localeCompare(y.version));
}

/** `LOGGED_MODEL_READY` → `READY`. */
export function statusText(status: string | undefined): string {
  if (!status) return 'UNKNOWN';
  return status.replace(/^LOGGED_MODEL_/, '').replace('STATUS_UNSPECIFIED', 'UNSPECIFIED');
}

/**
 * A metric column of the models table. A model may carry the same key measured on several
 * datasets; each (key, dataset) pair is its own column, as the values are not comparable.
 */
export interface MetricColumn {
  id: string;
  key: string;
  datasetName?: string;
  datasetDigest?: string;
}

function columnOf(m: WireMetric): MetricColumn {
  const datasetName = m.dataset_name || undefined;
  const datasetDigest = datasetName ? m.dataset_digest || undefined : undefined;
  const id = datasetName ? `${m.key}\u0000${datasetName}\u0000${datasetDigest ?? ''}` : m.key;
  return { id, key: m.key, datasetName, datasetDigest };
}

/** Metric columns over a list of models, sorted by key, then dataset (none first). */
export function metricColumns(models: readonly WireLoggedModel[]): MetricColumn[] {
  const byId = new Map<string, MetricColumn>();
  for (const model of models) for (const m of model.data?.metrics ?? []) {
    const col = columnOf(m);
    if (!byId.has(col.id)) byId.set(col.id, col);
  }
  return [...byId.values()].sort(
    (a, b) =>
      a.key.localeCompare(b.key) ||
      (a.datasetName ?? '').localeCompare(b.datasetName ?? '') ||
      (a.datasetDigest ?? '').localeCompare(b.datasetDigest ?? ''),
  );
}

/** Later step wins, then later timestamp: the value a model "has" for a metric. */
function isLater(a: WireMetric, b: WireMetric): boolean {
  return a.step !== b.step ? a.step > b.step : a.timestamp > b.timestamp;
}

/** A model's value in a metric column (its latest point there), or null. */
export function metricCell(model: WireLoggedModel, column: MetricColumn): { value: number; step: number } | null {
  let best: WireMetric | null = null;
  for (const m of model.data?.metrics ?? []) {
    if (columnOf(m).id !== column.id) continue;
    if (!best || isLater(m, best)) best = m;
  }
  const value = best ? wireNumber(best.value) : null;
  return best && value !== null ? { value, step: best.step } : null;
}

/** Param keys over a list of models, sorted. */
export function paramKeys(models: readonly WireLoggedModel[]): string[] {
  return [...new Set(models.flatMap((m) => (m.data?.params ?? []).map((p) => p.key)))].sort((a, b) => a.localeCompare(b));
}

export interface ModelMetricRow {
  key: string;
  value: number | null;
  step: number;
  timestamp: number;
  datasetName?: string;
  datasetDigest?: string;
  runId?: string;
}

/** Every metric entry of one model, by key, then dataset, then step. */
export function modelMetricRows(model: WireLoggedModel): ModelMetricRow[] {
  return (model.data?.metrics ?? [])
    .map((m) => ({
      key: m.key,
      value: wireNumber(m.value),
      step: m.step,
      timestamp: m.timestamp,
      datasetName: m.dataset_name || undefined,
      datasetDigest: m.dataset_digest || undefined,
      runId: m.run_id || undefined,
    }))
    .sort((a, b) => a.key.localeCompare(b.key) || (a.datasetName ?? '').localeCompare(b.datasetName ?? '') || a.step - b.step);
}

/** The parent run id recorded on a run (`mlflow.parentRunId`), if any. */
export function parentRunIdOf(tags: { key: string; value: string }[] | undefined): string | undefined {
  return keyValueMap(tags).get('mlflow.parentRunId') || undefined;
}
