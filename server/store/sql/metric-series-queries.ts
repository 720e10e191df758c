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
  const reduce = q.reduction === 'sample' ? sampledSeriesOf : seriesOf;
  return db.run(async (s) => {
    const out: MetricSeries[] = [];
    for (const runId of q.runIds) out.push(await reduce(s, db, runId, q));
    return out;
  });
}

/** `run_uuid = ? AND key = ?` and the requested step range. */
function seriesWhere(runId: string, q: MetricSeriesQuery): { base: string; params: unknown[] } {
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
  return { base: where.join(' AND '), params };
}

async function seriesOf(s: SqlSession, db: SqlDatabase, runId: string, q: MetricSeriesQuery): Promise<MetricSeries> {
  const { base, params } = seriesWhere(runId, q);
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
      : { sql: '(step - CAST(? AS BIGINT)) / CAST(? AS BIGINT)', params: [lo, wholeBucketWidth(lo, int(stats.hi), q.maxPoints)] };
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

/** ceil((hi - lo + 1) / n), exact for any BIGINT steps. */
function wholeBucketWidth(lo: number, hi: number, n: number): number {
  return Number((BigInt(hi) - BigInt(lo) + BigInt(n)) / BigInt(n));
}

const pointOf = (r: { step: unknown; timestamp: unknown; value: unknown }): SeriesBucket => {
  const value = loadedDouble(r.value);
  return { step: int(r.step), timestamp: int(r.timestamp), value, min: value, max: value, count: 1 };
};

/**
 * The first finite point at or after the start of each of `maxPoints` equal step buckets, plus
 * the last point: one index seek per bucket, so 100 runs of 100k steps cost 100 x maxPoints
 * seeks, not 10M rows read. What spikes between samples is not shown (overlays of many runs
 * have no room for min-max bands anyway). Not counted: totalPoints is null when sampled (a range
 * with fewer steps than buckets comes back whole, and counted).
 */
async function sampledSeriesOf(s: SqlSession, db: SqlDatabase, runId: string, q: MetricSeriesQuery): Promise<MetricSeries> {
  const { base, params } = seriesWhere(runId, q);
  const finite = [...params, ...finiteParams(db)];
  const edge = (dir: 'ASC' | 'DESC') =>
    s.query<{ step: unknown; timestamp: unknown; value: unknown }>(
      `SELECT step, timestamp, value FROM metrics WHERE ${base} AND ${FINITE} ORDER BY step ${dir}, timestamp ${dir} LIMIT 1`,
      finite,
    );
  const [first] = await edge('ASC');
  const empty = { runId, metricKey: q.metricKey, buckets: [] };
  if (!first) {
    // No finite point: say how many there are only when there are none at all (cheap to know).
    const [any] = await s.query(`SELECT 1 AS x FROM metrics WHERE ${base} LIMIT 1`, params);
    return { ...empty, totalPoints: any ? null : 0 };
  }
  const [last] = await edge('DESC');
  const lo = int(first.step);
  const hi = int(last.step);
  const width = hi - lo + 1;
  let steps: number[];
  if (width <= q.maxPoints) {
    steps = [];
  } else {
    const start =
      width * q.maxPoints <= Number.MAX_SAFE_INTEGER
        ? { sql: 'CAST(? AS BIGINT) + (i * CAST(? AS BIGINT)) / CAST(? AS BIGINT)', params: [lo, width, q.maxPoints] }
        : { sql: 'CAST(? AS BIGINT) + i * CAST(? AS BIGINT)', params: [lo, wholeBucketWidth(lo, hi, q.maxPoints)] };
    const rows = await s.query<{ s: unknown }>(
      `WITH RECURSIVE b(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM b WHERE i < ?)
       SELECT (SELECT step FROM metrics WHERE ${base} AND step >= ${start.sql} AND ${FINITE} ORDER BY step LIMIT 1) AS s FROM b`,
      [q.maxPoints - 1, ...params, ...start.params, ...finiteParams(db)],
    );
    steps = [...new Set(rows.filter((r) => r.s !== null).map((r) => int(r.s)))];
  }
  // A short range (fewer steps than buckets) comes back whole; else the sampled steps' points.
  const pick = width <= q.maxPoints ? '' : ` AND step IN (${steps.map(() => '?').join(', ')})`;
  const rows = await s.query<{ step: unknown; timestamp: unknown; value: unknown }>(
    `SELECT step, timestamp, value FROM metrics WHERE ${base}${pick} AND ${FINITE} ORDER BY step, timestamp LIMIT ?`,
    [...params, ...(pick ? steps : []), ...finiteParams(db), q.maxPoints * 4],
  );
  const buckets: SeriesBucket[] = [];
  for (const r of rows) {
    const point = pointOf(r);
    // Several points at one step: the first stands for it in a sample.
    if (pick && buckets.length && buckets[buckets.length - 1].step === point.step) continue;
    buckets.push(point);
  }
  const tail = pointOf(last);
  if (!buckets.length || buckets[buckets.length - 1].step !== tail.step) buckets.push(tail);
  if (pick) return { ...empty, totalPoints: null, buckets };
  // A short range came back whole: counting it is as cheap as reading it was.
  const [count] = await s.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM metrics WHERE ${base}`, params);
  return { ...empty, totalPoints: int(count.n), buckets };
}
