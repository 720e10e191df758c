import { randomUUID } from 'node:crypto';
import type { DatasetInput, KeyValue, MetricPoint } from '@/lib/domain';
import { notFound } from '../../errors';
import type { LogBatchInput } from '../tracking-store';
import type { SqlDatabase, SqlSession } from './database';
import { insertRows, insertWriteOnce, upsertKeyValues } from './key-value-rows';
import { storedDouble } from './values';

/** Latest point by (step, timestamp, value) — the rule the latest_metrics upsert also applies. */
function isNewer(a: MetricPoint, b: MetricPoint): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  if (Number.isNaN(b.value)) return !Number.isNaN(a.value);
  return a.value > b.value;
}

interface KeySummary {
  latest: MetricPoint;
  min: number | null;
  max: number | null;
}

function summarise(metrics: MetricPoint[]): Map<string, KeySummary> {
  const out = new Map<string, KeySummary>();
  for (const m of metrics) {
    const finiteOrInf = Number.isNaN(m.value) ? null : m.value;
    const cur = out.get(m.key);
    if (!cur) {
      out.set(m.key, { latest: m, min: finiteOrInf, max: finiteOrInf });
      continue;
    }
    if (isNewer(m, cur.latest)) cur.latest = m;
    if (finiteOrInf !== null) {
      cur.min = cur.min === null ? finiteOrInf : Math.min(cur.min, finiteOrInf);
      cur.max = cur.max === null ? finiteOrInf : Math.max(cur.max, finiteOrInf);
    }
  }
  return out;
}

const RUN_PARAMS = { table: 'params', owner: 'run_uuid' };
const RUN_TAGS = { table: 'tags', owner: 'run_uuid' };

async function writeTags(s: SqlSession, runId: string, tags: KeyValue[]): Promise<void> {
  await upsertKeyValues(s, RUN_TAGS, runId, tags);
  const runName = tags.findLast((t) => t.key === 'mlflow.runName')?.value;
  if (runName !== undefined) await s.execute('UPDATE runs SET name = ? WHERE run_uuid = ?', [runName, runId]);
}

async function writeMetrics(s: SqlSession, runId: string, metrics: MetricPoint[]): Promise<void> {
  if (metrics.length === 0) return;
  const d = s.dialect;
  await insertRows(s, 'INSERT INTO metrics (run_uuid, key, step, timestamp, value, is_nan, model_id, dataset_name, dataset_digest)',
    'ON CONFLICT (run_uuid, key, step, timestamp, value, is_nan) DO NOTHING',
    metrics.map((m) => {
      const nan = Number.isNaN(m.value);
      return [runId, m.key, m.step, m.timestamp, nan ? 0 : storedDouble(m.value), d.boolParam(nan),
        m.modelId ?? null, m.datasetName ?? null, m.datasetDigest ?? null];
    }));
  await linkModelMetrics(s, runId, metrics.filter((m) => m.modelId));
  const newer = `(excluded.step > latest_metrics.step OR (excluded.step = latest_metrics.step AND (
      excluded.timestamp > latest_metrics.timestamp OR (excluded.timestamp = latest_metrics.timestamp AND (
        excluded.value > latest_metrics.value OR (latest_metrics.value IS NULL AND excluded.value IS NOT NULL))))))`;
  const pick = (col: string) => `${col} = CASE WHEN ${newer} THEN excluded.${col} ELSE latest_metrics.${col} END`;
  const summaries = [...summarise(metrics)].map(([key, sum]) => {
    const nan = Number.isNaN(sum.latest.value);
    return [
      runId, key, sum.latest.step, sum.latest.timestamp, nan ? null : storedDouble(sum.latest.value), d.boolParam(nan),
      sum.min === null ? null : storedDouble(sum.min), sum.max === null ? null : storedDouble(sum.max),
    ];
  });
  await insertRows(s, 'INSERT INTO latest_metrics (run_uuid, key, step, timestamp, value, is_nan, min_value, max_value)',
    `ON CONFLICT (run_uuid, key) DO UPDATE SET ${['step', 'timestamp', 'value', 'is_nan'].map(pick).join(', ')},
       min_value = ${d.least('latest_metrics.min_value', 'excluded.min_value')},
       max_value = ${d.greatest('latest_metrics.max_value', 'excluded.max_value')}`,
    summaries);
}

/**
 * Metrics that name a logged model are linked to it (any run may link). The client re-logs a run's
 * metrics with model_id after log_model; those add links, not history.
 */
async function linkModelMetrics(s: SqlSession, runId: string, metrics: MetricPoint[]): Promise<void> {
  if (metrics.length === 0) return;
  const ids = [...new Set(metrics.map((m) => m.modelId!))];
  const found = await s.query<{ model_id: string }>(
    `SELECT model_id FROM logged_models WHERE model_id IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  const missing = ids.filter((id) => !found.some((f) => f.model_id === id));
  if (missing.length > 0) throw notFound(`Logged model with id=${missing[0]} not found; metrics can only be linked to an existing model.`);
  await insertRows(s,
    'INSERT INTO logged_model_metrics (model_id, key, run_uuid, step, timestamp, dataset_name, dataset_digest, value, is_nan)',
    'ON CONFLICT (model_id, key, run_uuid, step, timestamp, dataset_name, dataset_digest) DO UPDATE SET value = excluded.value, is_nan = excluded.is_nan',
    [...new Map(metrics.map((m) => {
      const nan = Number.isNaN(m.value);
      const row = [m.modelId, m.key, runId, m.step, m.timestamp, m.datasetName ?? '', m.datasetDigest ?? '',
        nan ? 0 : storedDouble(m.value), s.dialect.boolParam(nan)];
      return [row.slice(0, 7).join('\u0000'), row] as const;
    })).values()]);
  await s.execute(
    `UPDATE logged_models SET last_updated_timestamp_ms = ? WHERE model_id IN (${ids.map(() => '?').join(', ')})`,
    [Date.now(), ...ids],
  );
}

export async function logBatch(db: SqlDatabase, runId: string, batch: LogBatchInput): Promise<void> {
  await db.transaction(async (s) => {
    await insertWriteOnce(s, RUN_PARAMS, runId, batch.params, `run ID='${runId}'`);
    await writeTags(s, runId, batch.tags);
    await writeMetrics(s, runId, batch.metrics);
  });
}

export async function deleteRunTag(db: SqlDatabase, runId: string, key: string): Promise<boolean> {
  const changed = await db.run((s) => s.execute('DELETE FROM tags WHERE run_uuid = ? AND key = ?', [runId, key]));
  return changed > 0;
}

/** Datasets are shared per (experiment, name, digest); each run–dataset input is recorded once. */
export async function logInputs(db: SqlDatabase, runId: string, experimentId: string, inputs: DatasetInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const expId = Number(experimentId);
  await db.transaction(async (s) => {
    for (const { dataset, tags } of inputs) {
      await s.execute(
        `INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (experiment_id, name, digest) DO NOTHING`,
        [randomUUID().replace(/-/g, ''), expId, dataset.name, dataset.digest, dataset.sourceType, dataset.source,
          dataset.schema ?? null, dataset.profile ?? null],
      );
      const [row] = await s.query<{ dataset_uuid: string }>(
        'SELECT dataset_uuid FROM datasets WHERE experiment_id = ? AND name = ? AND digest = ?',
        [expId, dataset.name, dataset.digest],
      );
      const inserted = await s.execute(
        'INSERT INTO run_dataset_inputs (run_uuid, dataset_uuid) VALUES (?, ?) ON CONFLICT (run_uuid, dataset_uuid) DO NOTHING',
        [runId, row.dataset_uuid],
      );
      const lastTags = [...new Map(tags.map((t) => [t.key, t.value]))];
      if (inserted > 0 && lastTags.length > 0) {
        await insertRows(s, 'INSERT INTO run_dataset_input_tags (run_uuid, dataset_uuid, key, value)', '',
          lastTags.map(([key, value]) => [runId, row.dataset_uuid, key, value]));
      }
    }
  });
}
