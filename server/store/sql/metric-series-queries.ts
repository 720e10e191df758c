import type { MetricSeries, SeriesBucket } from '@/lib/domain';
import type { MetricSeriesQuery } from '../tracking-store';
import type { SqlDatabase, SqlSession } from './database';
import { int, loadedDouble } from './values';

/** ±Infinity is stored as ±DBL_MAX (values.ts); a chart cannot draw it, so buckets leave it out. */
const FINITE = `is_nan = ? AND value > ? AND value < ?`;
const finiteParams = (db: SqlDatabase) => [db.dialect.boolParam(false), -Number.MAX_VALUE, Number.MAX_VALUE];

/**
 * A metric's history per run, reduced on the server to at most `maxPoints` buckets of equal step
 * width, each with the mean, min and max of its finite points, so a chart of a 1M-point history
 * draws ~1,000 buckets and still shows every spike. Short histories come back point by point.
 */
export async function getMetricSeries(db: SqlDatabase, q: MetricSeriesQuery): Promise<MetricSeries[]> {
  return db.run(async (s) => {
    const out: MetricSeries[] = [];
    for (const runId of q.runIds) out.push(await seriesOf(s, db, runId, q));
    return out;
  });
}

async function seriesOf(s: SqlSession, db: SqlDatabase, runId: string, q: MetricSeriesQuery): Promise<MetricSeries> {
  const where = ['run_uuid = ?', 'key = ?'];
  const params: unknown[] = [runId, q.metricKey];
  if (q.startStep !== undefined) {
    where.push('step >= ?');
    params.push(q.startStep);
  }
  if (q.endStep !== undefined) {
    where.push('step <= ?');
    params.push(q.endStep);
  }
  const base = where.join(' AND ');
  const [stats] = await s.query<{ n: unknown; lo: unknown; hi: unknown }>(
    `SELECT COUNT(*) AS n, MIN(step) AS lo, MAX(step) AS hi FROM metrics WHERE ${base}`,
    params,
  );
  const totalPoints = int(stats.n);
  const empty = { runId, metricKey: q.metricKey, totalPoints, buckets: [] };
  if (totalPoints === 0) return empty;

  if (totalPoints <= q.maxPoints) {
    const rows = await s.query<{ step: unknown; timestamp: unknown; value: unknown }>(
      `SELECT step, timestamp, value FROM metrics WHERE ${base} AND ${FINITE} ORDER BY step, timestamp`,
      [...params, ...finiteParams(db)],
    );
    const buckets = rows.map((r) => {
      const value = loadedDouble(r.value);
      return { step: int(r.step), timestamp: int(r.timestamp), value, min: value, max: value, count: 1 };
    });
    return { ...empty, buckets };
  }

  const lo = int(stats.lo);
  const width = int(stats.hi) - lo + 1;
  // Integer arithmetic gives the same buckets on SQLite and PostgreSQL. (step - lo) * maxPoints
  // must fit a BIGINT (SQLite turns an overflow into REAL, one bucket per step; PostgreSQL fails),
  // so a huge step range divides by a whole bucket width instead.
  const bucket =
    width * q.maxPoints <= Number.MAX_SAFE_INTEGER
      ? { sql: '((step - CAST(? AS BIGINT)) * CAST(? AS BIGINT)) / CAST(? AS BIGINT)', params: [lo, q.maxPoints, width] }
      : {
          sql: '(step - CAST(? AS BIGINT)) / CAST(? AS BIGINT)',
          params: [lo, Number((BigInt(int(stats.hi)) - BigInt(lo) + BigInt(q.maxPoints)) / BigInt(q.maxPoints))],
        };
  const rows = await s.query<Record<string, unknown>>(
    `SELECT ${bucket.sql} AS b, MIN(step) AS step,
            MIN(timestamp) AS ts, AVG(value) AS mean, MIN(value) AS lo, MAX(value) AS hi, COUNT(*) AS n
     FROM metrics WHERE ${base} AND ${FINITE} GROUP BY b ORDER BY b`,
    [...bucket.params, ...params, ...finiteParams(db)],
  );
  const buckets: SeriesBucket[] = rows.map((r) => ({
    step: int(r.step),
    timestamp: int(r.ts),
    value: Number(r.mean),
    min: Number(r.lo),
    max: Number(r.hi),
    count: int(r.n),
  }));
  return { ...empty, buckets };
}
