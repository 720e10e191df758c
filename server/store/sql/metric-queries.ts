import type { MetricPoint, Page, RunMetricPoint } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { BulkIntervalQuery, HistoryQuery } from '../tracking-store';
import type { SqlDatabase, SqlSession } from './database';
import { bool, int, loadedDouble, placeholders } from './values';

interface PointRow {
  step: unknown;
  timestamp: unknown;
  value: unknown;
  is_nan: unknown;
  model_id?: string | null;
  dataset_name?: string | null;
  dataset_digest?: string | null;
}

function toPoint(key: string, r: PointRow): MetricPoint {
  return {
    key,
    step: int(r.step),
    timestamp: int(r.timestamp),
    value: bool(r.is_nan) ? Number.NaN : loadedDouble(r.value),
    ...(r.model_id ? { modelId: r.model_id } : {}),
    ...(r.dataset_name ? { datasetName: r.dataset_name } : {}),
    ...(r.dataset_digest ? { datasetDigest: r.dataset_digest } : {}),
  };
}

/** History cursor: the primary-key position (step, timestamp, value, is_nan) of the last row sent. */
type HistoryCursor = [step: number, timestamp: number, value: number, isNan: 0 | 1];

function encodeCursor(r: PointRow): string {
  const cursor: HistoryCursor = [int(r.step), int(r.timestamp), Number(r.value), bool(r.is_nan) ? 1 : 0];
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(token: string): HistoryCursor {
  try {
    const c = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(c) && c.length === 4 && c.every((v) => typeof v === 'number')) return c as HistoryCursor;
  } catch {
    // fall through
  }
  throw invalidParameter(`Invalid page_token ${JSON.stringify(token)}: pass back the next_page_token of the previous page`);
}

/** The whole history (ordered by step, timestamp, value) or one keyset page of it. */
export async function getMetricHistory(db: SqlDatabase, runId: string, key: string, q: HistoryQuery): Promise<Page<MetricPoint>> {
  const where = ['run_uuid = ?', 'key = ?'];
  const params: unknown[] = [runId, key];
  if (q.pageToken) {
    const [step, ts, value, isNan] = decodeCursor(q.pageToken);
    where.push('(step, timestamp, value, is_nan) > (?, ?, ?, ?)');
    params.push(step, ts, value, db.dialect.boolParam(isNan === 1));
  }
  const limit = q.maxResults !== undefined ? ` LIMIT ${q.maxResults + 1}` : '';
  const rows = await db.run((s) =>
    s.query<PointRow>(
      `SELECT step, timestamp, value, is_nan, model_id, dataset_name, dataset_digest FROM metrics WHERE ${where.join(' AND ')}
       ORDER BY step, timestamp, value, is_nan${limit}`,
      params,
    ),
  );
  const more = q.maxResults !== undefined && rows.length > q.maxResults;
  const page = more ? rows.slice(0, q.maxResults) : rows;
  return { items: page.map((r) => toPoint(key, r)), nextPageToken: more ? encodeCursor(page[page.length - 1]) : undefined };
}

async function sampledSteps(s: SqlSession, runId: string, q: BulkIntervalQuery): Promise<number[] | null> {
  const range: unknown[] = [];
  let rangeSql = '';
  if (q.startStep !== undefined && q.endStep !== undefined) {
    rangeSql = ' AND step BETWEEN ? AND ?';
    range.push(q.startStep, q.endStep);
  }
  const [stats] = await s.query<{ lo: unknown; hi: unknown; n: unknown }>(
    `SELECT MIN(step) AS lo, MAX(step) AS hi, COUNT(DISTINCT step) AS n FROM metrics WHERE run_uuid = ? AND key = ?${rangeSql}`,
    [runId, q.metricKey, ...range],
  );
  if (stats.lo === null || stats.lo === undefined) return [];
  if (int(stats.n) <= q.maxResults) return null;
  const lo = int(stats.lo);
  const hi = int(stats.hi);
  // Evenly sized step buckets; the first step of each bucket, plus the last step overall.
  // Integer division keeps the bucket arithmetic identical on SQLite and PostgreSQL.
  const buckets = q.maxResults - 1;
  const rows = await s.query<{ step: unknown }>(
    `SELECT MIN(step) AS step FROM metrics WHERE run_uuid = ? AND key = ? AND step BETWEEN ? AND ?
     GROUP BY ((step - CAST(? AS BIGINT)) * CAST(? AS BIGINT)) / CAST(? AS BIGINT)`,
    [runId, q.metricKey, lo, hi, lo, buckets, hi - lo + 1],
  );
  const steps = new Set(rows.map((r) => int(r.step)));
  steps.add(hi);
  return [...steps].sort((a, b) => a - b);
}

/** Per run, at most about `maxResults` distinct steps spread over the range; all points at those steps. */
export async function getMetricHistoryBulkInterval(db: SqlDatabase, q: BulkIntervalQuery): Promise<RunMetricPoint[]> {
  return db.run(async (s) => {
    const out: RunMetricPoint[] = [];
    for (const runId of [...q.runIds].sort()) {
      const steps = await sampledSteps(s, runId, q);
      if (steps !== null && steps.length === 0) continue;
      const where = ['run_uuid = ?', 'key = ?'];
      const params: unknown[] = [runId, q.metricKey];
      if (steps !== null) {
        where.push(`step IN (${placeholders(steps.length)})`);
        params.push(...steps);
      } else if (q.startStep !== undefined && q.endStep !== undefined) {
        where.push('step BETWEEN ? AND ?');
        params.push(q.startStep, q.endStep);
      }
      const rows = await s.query<PointRow>(
        `SELECT step, timestamp, value, is_nan FROM metrics WHERE ${where.join(' AND ')} ORDER BY step, timestamp, value`,
        params,
      );
      for (const r of rows) out.push({ ...toPoint(q.metricKey, r), runId });
    }
    return out;
  });
}
