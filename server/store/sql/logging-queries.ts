import { randomUUID } from 'node:crypto';
import type { DatasetInput, KeyValue, MetricPoint } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { LogBatchInput } from '../tracking-store';
import type { SqlDatabase, SqlSession } from './database';
import { chunks, storedDouble } from './values';

const ROWS_PER_STATEMENT = 400;

function valuesList(rowCount: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rowCount }, () => row).join(', ');
}

/** Inserts rows in multi-row statements of at most ROWS_PER_STATEMENT rows. */
async function insertRows(s: SqlSession, head: string, tail: string, rows: unknown[][]): Promise<void> {
  for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
    await s.execute(`${head} VALUES ${valuesList(part.length, part[0].length)} ${tail}`, part.flat());
  }
}

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

async function writeParams(s: SqlSession, runId: string, params: KeyValue[]): Promise<void> {
  if (params.length === 0) return;
  await insertRows(s, 'INSERT INTO params (run_uuid, key, value)', 'ON CONFLICT (run_uuid, key) DO NOTHING',
    params.map((p) => [runId, p.key, p.value]));
  // Checked after the insert so that a concurrent writer of the same key is seen too.
  const wanted = new Map(params.map((p) => [p.key, p.value]));
  for (const part of chunks([...wanted.keys()])) {
    const stored = await s.query<{ key: string; value: string }>(
      `SELECT key, value FROM params WHERE run_uuid = ? AND key IN (${part.map(() => '?').join(', ')})`,
      [runId, ...part],
    );
    for (const row of stored) {
      if (row.value !== wanted.get(row.key)) {
        throw invalidParameter(
          `Changing param values is not allowed. Param with key='${row.key}' was already logged with value='${row.value}' for run ID='${runId}'. Attempted logging new value '${wanted.get(row.key)}'.`,
        );
      }
    }
  }
}

async function writeTags(s: SqlSession, runId: string, tags: KeyValue[]): Promise<void> {
  const last = new Map(tags.map((t) => [t.key, t.value]));
  if (last.size === 0) return;
  await insertRows(s, 'INSERT INTO tags (run_uuid, key, value)', 'ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value',
    [...last].map(([key, value]) => [runId, key, value]));
  const runName = last.get('mlflow.runName');
  if (runName !== undefined) await s.execute('UPDATE runs SET name = ? WHERE run_uuid = ?', [runName, runId]);
}

async function writeMetrics(s: SqlSession, runId: string, metrics: MetricPoint[]): Promise<void> {
  if (metrics.length === 0) return;
  const d = s.dialect;
  await insertRows(s, 'INSERT INTO metrics (run_uuid, key, step, timestamp, value, is_nan)',
    'ON CONFLICT (run_uuid, key, step, timestamp, value, is_nan) DO NOTHING',
    metrics.map((m) => {
      const nan = Number.isNaN(m.value);
      return [runId, m.key, m.step, m.timestamp, nan ? 0 : storedDouble(m.value), d.boolParam(nan)];
    }));
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

export async function logBatch(db: SqlDatabase, runId: string, batch: LogBatchInput): Promise<void> {
  await db.transaction(async (s) => {
    await writeParams(s, runId, batch.params);
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
