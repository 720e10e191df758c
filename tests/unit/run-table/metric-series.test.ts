import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricPoint, MetricSeries, SeriesBucket } from '@/lib/domain';
import type { MetricSeriesQuery } from '@/server/store/tracking-store';
import { random } from '../search/fixtures';
import { openTempStore, type TempStore } from '../support/temp-store';
import { makeRun } from './helpers';

/**
 * store.getMetricSeries (server/store/sql/metric-series-queries.ts) on a real SQLite file: short
 * histories come back point by point, long ones in at most max_points equal-width step buckets
 * whose min/max/mean/count are checked against the raw points.
 */

let t: TempStore;
let experimentId: string;

beforeAll(async () => {
  t = await openTempStore();
  experimentId = await t.store.createExperiment({ name: 'series', tags: [] });
});

afterAll(async () => {
  await t.cleanup();
});

async function runWith(points: MetricPoint[]): Promise<string> {
  const runId = await makeRun(t.store, { experimentId });
  // One transaction per chunk keeps memory flat for the 100k-point histories.
  for (let i = 0; i < points.length; i += 20_000) {
    await t.store.logBatch(runId, { metrics: points.slice(i, i + 20_000), params: [], tags: [] });
  }
  return runId;
}

async function series(runId: string, q: Partial<MetricSeriesQuery> = {}): Promise<MetricSeries> {
  const [s] = await t.store.getMetricSeries({ runIds: [runId], metricKey: 'loss', maxPoints: 1000, reduction: 'buckets', ...q });
  return s;
}

const finite = (v: number) => Number.isFinite(v);

/**
 * The buckets cover contiguous step ranges in order: bucket i holds the points with
 * buckets[i].step <= step < buckets[i + 1].step. Recomputes every bucket from the raw points.
 */
function expectBucketsMatch(buckets: SeriesBucket[], points: MetricPoint[], maxPoints: number) {
  const kept = points.filter((p) => finite(p.value)).sort((a, b) => a.step - b.step);
  expect(buckets.length).toBeLessThanOrEqual(maxPoints);
  expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(kept.length);
  let from = 0;
  for (let i = 0; i < buckets.length; i += 1) {
    const b = buckets[i];
    const upper = i + 1 < buckets.length ? buckets[i + 1].step : Number.POSITIVE_INFINITY;
    expect(upper).toBeGreaterThan(b.step);
    while (from < kept.length && kept[from].step < b.step) from += 1;
    let to = from;
    while (to < kept.length && kept[to].step < upper) to += 1;
    const inside = kept.slice(from, to);
    from = to;
    const values = inside.map((p) => p.value);
    expect({ i, step: b.step, count: b.count, min: b.min, max: b.max, timestamp: b.timestamp }).toEqual({
      i,
      step: Math.min(...inside.map((p) => p.step)),
      count: inside.length,
      min: Math.min(...values),
      max: Math.max(...values),
      timestamp: Math.min(...inside.map((p) => p.timestamp)),
    });
    expect(b.value).toBeCloseTo(values.reduce((a, v) => a + v, 0) / values.length, 9);
  }
}

describe('getMetricSeries: short histories', () => {
  it('returns every point exactly when the history has at most maxPoints points', async () => {
    const points = Array.from({ length: 10 }, (_, i) => ({ key: 'loss', value: 1 / (i + 1), step: i * 3, timestamp: 500 + i }));
    const runId = await runWith(points);
    const s = await series(runId, { maxPoints: 10 });
    expect(s).toEqual({
      runId,
      metricKey: 'loss',
      totalPoints: 10,
      buckets: points.map((p) => ({ step: p.step, timestamp: p.timestamp, value: p.value, min: p.value, max: p.value, count: 1 })),
    });
  });

  it('keeps several points logged at the same step, ordered by timestamp', async () => {
    const runId = await runWith([
      { key: 'loss', value: 2, step: 1, timestamp: 20 },
      { key: 'loss', value: 1, step: 1, timestamp: 10 },
      { key: 'loss', value: 3, step: 0, timestamp: 30 },
    ]);
    const s = await series(runId);
    expect(s.buckets.map((b) => [b.step, b.timestamp, b.value])).toEqual([
      [0, 30, 3],
      [1, 10, 1],
      [1, 20, 2],
    ]);
  });

  it('leaves NaN and ±Infinity out of the points but counts them in totalPoints', async () => {
    const runId = await runWith([
      { key: 'loss', value: 1, step: 0, timestamp: 1 },
      { key: 'loss', value: Number.NaN, step: 1, timestamp: 1 },
      { key: 'loss', value: Number.POSITIVE_INFINITY, step: 2, timestamp: 1 },
      { key: 'loss', value: Number.NEGATIVE_INFINITY, step: 3, timestamp: 1 },
      { key: 'loss', value: -Number.MAX_VALUE / 2, step: 4, timestamp: 1 },
    ]);
    const s = await series(runId);
    expect(s.totalPoints).toBe(5);
    expect(s.buckets.map((b) => [b.step, b.value])).toEqual([
      [0, 1],
      [4, -Number.MAX_VALUE / 2],
    ]);
  });

  it('gives totalPoints 0 and no points for a metric the run never logged, and for an unknown run', async () => {
    const runId = await runWith([{ key: 'other', value: 1, step: 0, timestamp: 1 }]);
    expect(await series(runId)).toEqual({ runId, metricKey: 'loss', totalPoints: 0, buckets: [] });
    expect(await series('0123456789abcdef0123456789abcdef')).toEqual({
      runId: '0123456789abcdef0123456789abcdef',
      metricKey: 'loss',
      totalPoints: 0,
      buckets: [],
    });
  });

  it('only reads the asked metric key', async () => {
    const runId = await runWith([
      { key: 'loss', value: 1, step: 0, timestamp: 1 },
      { key: 'loss_2', value: 9, step: 0, timestamp: 1 },
      { key: 'LOSS', value: 8, step: 0, timestamp: 1 },
    ]);
    expect((await series(runId)).buckets.map((b) => b.value)).toEqual([1]);
  });
});

describe('getMetricSeries: bucketing', () => {
  it('reduces 100k points to at most maxPoints buckets and keeps a single spike as a bucket max', async () => {
    const rand = random(5);
    const points = Array.from({ length: 100_000 }, (_, step) => ({ key: 'loss', value: rand(), step, timestamp: 1_000_000 + step }));
    points[54_321].value = 1e6;
    points[77_777].value = -5e5;
    const runId = await runWith(points);
    const s = await series(runId, { maxPoints: 1000 });
    expect(s.totalPoints).toBe(100_000);
    expect(s.buckets).toHaveLength(1000);
    expectBucketsMatch(s.buckets, points, 1000);
    const spike = s.buckets.filter((b) => b.max === 1e6);
    expect(spike).toHaveLength(1);
    expect(spike[0].step).toBeLessThanOrEqual(54_321);
    expect(s.buckets.filter((b) => b.min === -5e5)).toHaveLength(1);
    expect(Math.max(...s.buckets.map((b) => b.max))).toBe(1e6);
    // Everything else stays in [0, 1).
    expect(s.buckets.filter((b) => b.max !== 1e6).every((b) => b.max < 1)).toBe(true);
  });

  it.each([
    ['irregular steps with gaps and repeats', 11, 10],
    ['a range barely over maxPoints', 12, 37],
    ['many points in few steps', 13, 64],
  ])('bucket min/max/mean/count match the raw points (%s)', async (_name, seed, maxPoints) => {
    const rand = random(seed);
    const points: MetricPoint[] = [];
    const n = seed === 12 ? maxPoints + 1 : 3000;
    let step = -50;
    for (let i = 0; i < n; i += 1) {
      if (seed === 13) step = Math.floor(rand() * 100);
      else step += rand() < 0.2 ? 0 : 1 + Math.floor(rand() * (seed === 11 ? 40 : 2));
      points.push({ key: 'loss', value: Math.round((rand() - 0.5) * 2000) / 7, step, timestamp: 1000 + i });
    }
    const runId = await runWith(points);
    const s = await series(runId, { maxPoints });
    expect(s.totalPoints).toBe(n);
    expect(s.buckets.length).toBeGreaterThan(1);
    expectBucketsMatch(s.buckets, points, maxPoints);
  });

  it('buckets have equal step widths: no bucket spans more than ceil(range / maxPoints) steps', async () => {
    const points = Array.from({ length: 5000 }, (_, i) => ({ key: 'loss', value: i, step: 100 + i * 2, timestamp: i }));
    const runId = await runWith(points);
    const s = await series(runId, { maxPoints: 100 });
    expect(s.buckets).toHaveLength(100);
    const width = Math.ceil((points.at(-1)!.step - points[0].step + 1) / 100);
    for (let i = 0; i + 1 < s.buckets.length; i += 1) expect(s.buckets[i + 1].step - s.buckets[i].step).toBeLessThanOrEqual(width);
    expect(s.buckets.every((b) => b.count === 50)).toBe(true);
  });

  it('keeps to maxPoints buckets when step range × maxPoints overflows a 64-bit integer', async () => {
    // Steps spread over 0..2^52 (e.g. timestamps used as steps): 2^52 × 5000 > 2^63.
    const points = Array.from({ length: 6001 }, (_, i) => ({ key: 'loss', value: i % 97, step: Math.round((2 ** 52 / 6000) * i), timestamp: i }));
    const runId = await runWith(points);
    const s = await series(runId, { maxPoints: 5000 });
    expect(s.totalPoints).toBe(6001);
    expect(s.buckets.length).toBeGreaterThan(2500);
    expectBucketsMatch(s.buckets, points, 5000);
  });

  it('leaves NaN and ±Infinity out of the buckets but counts them in totalPoints', async () => {
    const points = Array.from({ length: 500 }, (_, step) => ({
      key: 'loss',
      value: step % 10 === 3 ? Number.NaN : step % 10 === 5 ? Number.POSITIVE_INFINITY : step % 10 === 7 ? Number.NEGATIVE_INFINITY : step,
      step,
      timestamp: step,
    }));
    const runId = await runWith(points);
    const s = await series(runId, { maxPoints: 20 });
    expect(s.totalPoints).toBe(500);
    expectBucketsMatch(s.buckets, points, 20);
    expect(s.buckets.reduce((n, b) => n + b.count, 0)).toBe(350);
    for (const b of s.buckets) {
      expect(Number.isFinite(b.min) && Number.isFinite(b.max) && Number.isFinite(b.value)).toBe(true);
      expect(Math.abs(b.max)).toBeLessThan(1000);
    }
  });

  it('gives no buckets when every point in a long history is NaN or infinite', async () => {
    const points = Array.from({ length: 50 }, (_, step) => ({ key: 'loss', value: step % 2 ? Number.NaN : Number.POSITIVE_INFINITY, step, timestamp: step }));
    const runId = await runWith(points);
    expect(await series(runId, { maxPoints: 10 })).toEqual({ runId, metricKey: 'loss', totalPoints: 50, buckets: [] });
  });
});

describe('getMetricSeries: step range and several runs', () => {
  let runId: string;
  const points = Array.from({ length: 2000 }, (_, step) => ({ key: 'loss', value: Math.sin(step / 50) * 10, step, timestamp: 7000 + step }));

  beforeAll(async () => {
    runId = await runWith(points);
  });

  it('zooms into [startStep, endStep], both ends included, with exact points when they fit', async () => {
    const s = await series(runId, { startStep: 100, endStep: 149, maxPoints: 50 });
    expect(s.totalPoints).toBe(50);
    expect(s.buckets.map((b) => b.step)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
    expect(s.buckets.every((b) => b.count === 1 && b.min === b.value && b.max === b.value)).toBe(true);
  });

  it('buckets only the points inside the range when they do not fit', async () => {
    const inRange = points.filter((p) => p.step >= 500 && p.step <= 1499);
    const s = await series(runId, { startStep: 500, endStep: 1499, maxPoints: 100 });
    expect(s.totalPoints).toBe(1000);
    expect(s.buckets[0].step).toBe(500);
    expect(s.buckets.every((b) => b.step >= 500 && b.step <= 1499)).toBe(true);
    expectBucketsMatch(s.buckets, inRange, 100);
  });

  it('takes an open range: only startStep, or only endStep', async () => {
    const from = await series(runId, { startStep: 1990 });
    expect(from.totalPoints).toBe(10);
    expect(from.buckets.map((b) => b.step)).toEqual([1990, 1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999]);
    const to = await series(runId, { endStep: 4 });
    expect(to.buckets.map((b) => b.step)).toEqual([0, 1, 2, 3, 4]);
  });

  it('answers a range with no points with totalPoints 0', async () => {
    expect(await series(runId, { startStep: 5000, endStep: 6000 })).toMatchObject({ totalPoints: 0, buckets: [] });
  });

  it('answers every run in the order asked, each with its own history', async () => {
    const short = await runWith([{ key: 'loss', value: 42, step: 3, timestamp: 3 }]);
    const without = await runWith([{ key: 'acc', value: 1, step: 0, timestamp: 0 }]);
    const result = await t.store.getMetricSeries({ runIds: [short, runId, without], metricKey: 'loss', maxPoints: 100, reduction: 'buckets' });
    expect(result.map((s) => [s.runId, s.totalPoints, s.buckets.length])).toEqual([
      [short, 1, 1],
      [runId, 2000, 100],
      [without, 0, 0],
    ]);
    expect(result[0].buckets[0]).toEqual({ step: 3, timestamp: 3, value: 42, min: 42, max: 42, count: 1 });
    expectBucketsMatch(result[1].buckets, points, 100);
  });
});

describe('getMetricSeries: sampled (reduction "sample")', () => {
  const sampled = (runId: string, q: Partial<MetricSeriesQuery> = {}) => series(runId, { reduction: 'sample', ...q });

  it('picks real points, one at or after the start of each equal step bucket, plus the last point', async () => {
    const points = Array.from({ length: 100_000 }, (_, step) => ({ key: 'loss', value: Math.sin(step / 500) + step / 1e5, step, timestamp: 1_000 + step }));
    const runId = await runWith(points);
    const s = await sampled(runId, { maxPoints: 300 });
    expect(s.totalPoints).toBeNull();
    expect(s.buckets.length).toBeGreaterThanOrEqual(300);
    expect(s.buckets.length).toBeLessThanOrEqual(301);
    const byStep = new Map(points.map((p) => [p.step, p]));
    for (const [i, b] of s.buckets.entries()) {
      const p = byStep.get(b.step)!;
      expect(b).toEqual({ step: p.step, timestamp: p.timestamp, value: p.value, min: p.value, max: p.value, count: 1 });
      if (i < 300) expect(b.step).toBe(Math.floor((i * 100_000) / 300));
    }
    expect(s.buckets[s.buckets.length - 1].step).toBe(99_999);
  });

  it('skips NaN and ±Infinity, taking the next finite point, and never repeats a step', async () => {
    const points = Array.from({ length: 2_000 }, (_, step) => ({ key: 'loss', value: step < 1_000 ? Number.NaN : step % 7 === 0 ? Infinity : step, step, timestamp: step }));
    const runId = await runWith(points);
    const s = await sampled(runId, { maxPoints: 50 });
    const steps = s.buckets.map((b) => b.step);
    expect(new Set(steps).size).toBe(steps.length);
    expect(steps[0]).toBe(1_000);
    for (const b of s.buckets) {
      expect(Number.isFinite(b.value)).toBe(true);
      expect(b.value).toBe(b.step);
    }
  });

  it('gives a short range whole, a zoomed range inside its bounds, and nothing for no points', async () => {
    const points = Array.from({ length: 5_000 }, (_, step) => ({ key: 'loss', value: step, step: step * 3, timestamp: step }));
    const runId = await runWith(points);
    const zoom = await sampled(runId, { startStep: 300, endStep: 329, maxPoints: 30 });
    expect(zoom.buckets.map((b) => b.step)).toEqual([300, 303, 306, 309, 312, 315, 318, 321, 324, 327]);
    expect(zoom.totalPoints).toBe(10);
    const wide = await sampled(runId, { startStep: 3_000, endStep: 9_000, maxPoints: 10 });
    expect(wide.buckets.every((b) => b.step >= 3_000 && b.step <= 9_000)).toBe(true);
    expect(wide.buckets.length).toBe(11);
    expect(wide.totalPoints).toBeNull();
    expect(await sampled(runId, { startStep: 20_000 })).toMatchObject({ totalPoints: 0, buckets: [] });
  });

  it('keeps to maxPoints samples when step range × maxPoints overflows a 64-bit integer', async () => {
    const points = Array.from({ length: 6001 }, (_, i) => ({ key: 'loss', value: i, step: Math.round((2 ** 52 / 6000) * i), timestamp: i }));
    const runId = await runWith(points);
    const s = await sampled(runId, { maxPoints: 5000 });
    expect(s.buckets.length).toBeGreaterThan(2500);
    expect(s.buckets.length).toBeLessThanOrEqual(5001);
    expect(s.buckets[s.buckets.length - 1].step).toBe(points[6000].step);
  });
});
