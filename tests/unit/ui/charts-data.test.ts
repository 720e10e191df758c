import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '@/lib/api-client';
import { bandPath, buildChartModel, nearestIndex, pointsNote, xRangeToSteps, type ChartOptions, type ChartSeries } from '@/components/charts/chart-data';

const STEP: ChartOptions = { xAxis: 'step', smoothing: 0, logY: false };

function pt(step: number, value: number, extra: Partial<SeriesPoint> = {}): SeriesPoint {
  return { step, timestamp: 1_000_000 + step * 1000, value, min: value, max: value, count: 1, ...extra };
}

function series(id: string, points: SeriesPoint[], totalPoints = points.length, startTime?: number): ChartSeries {
  return { id, label: id, color: '#000', points, totalPoints, startTime };
}

describe('buildChartModel', () => {
  it('makes one row per x with the value, and keeps each bucket\'s min and max for the band', () => {
    const m = buildChartModel([series('a', [pt(0, 1), pt(10, 2, { min: 0.5, max: 4, count: 5 })], 6)], STEP);
    expect(m.rows).toEqual([
      { x: 0, v0: 1, s0: 1 },
      { x: 10, v0: 2, s0: 2 },
    ]);
    expect(m.series[0].mins).toEqual([1, 0.5]);
    expect(m.series[0].maxs).toEqual([1, 4]);
    expect(m.drawnPoints).toBe(2);
    expect(m.totalPoints).toBe(6);
    expect(m.hasBands).toBe(true);
    // The band is drawn, so the value range spans it.
    expect(m.valueRange).toEqual({ min: 0.5, max: 4 });
  });

  it('gives the range of the lines alone when no bucket summarises several points', () => {
    const m = buildChartModel([series('a', [pt(0, 3), pt(1, -2)]), series('b', [pt(0, 7)])], STEP);
    expect(m.hasBands).toBe(false);
    expect(m.valueRange).toEqual({ min: -2, max: 7 });
    expect(buildChartModel([series('a', [])], STEP).valueRange).toBeNull();
  });

  it('merges several series by x, leaving gaps where a series has no point', () => {
    const m = buildChartModel([series('a', [pt(0, 1), pt(2, 3)]), series('b', [pt(1, 5), pt(2, 6)])], STEP);
    expect(m.rows.map((r) => r.x)).toEqual([0, 1, 2]);
    expect(m.rows[1]).toMatchObject({ x: 1, v1: 5 });
    expect(m.rows[1].v0).toBeUndefined();
    expect(m.rows[2]).toMatchObject({ v0: 3, v1: 6 });
  });

  it('uses seconds since the run start on the relative axis and timestamps on the wall axis', () => {
    const s = series('a', [pt(0, 1), pt(5, 2)], 2, 1_000_000 - 2000);
    expect(buildChartModel([s], { ...STEP, xAxis: 'relative' }).rows.map((r) => r.x)).toEqual([2, 7]);
    expect(buildChartModel([s], { ...STEP, xAxis: 'wall' }).rows.map((r) => r.x)).toEqual([1_000_000, 1_005_000]);
  });

  it('hides values <= 0 on the log scale and counts them', () => {
    const m = buildChartModel([series('a', [pt(0, -1), pt(1, 0), pt(2, 5, { min: -2, max: 7, count: 3 })])], { ...STEP, logY: true });
    expect(m.hiddenNonPositive).toBe(2);
    expect(m.rows.map((r) => r.v0)).toEqual([null, null, 5]);
    // A band reaching below zero is dropped on a log axis.
    expect(m.series[0].mins[2]).toBeNull();
    expect(m.valueRange).toEqual({ min: 5, max: 5 });
  });

  it('reads non-finite values sent as strings as gaps', () => {
    const bad = { ...pt(1, 0), value: 'NaN' as unknown as number, min: 'NaN' as unknown as number, max: 'NaN' as unknown as number };
    const m = buildChartModel([series('a', [pt(0, 1), bad])], STEP);
    expect(m.rows[1].v0).toBeNull();
    expect(m.series[0].mins[1]).toBeNull();
    expect(m.series[0].maxs[1]).toBeNull();
  });

  it('smooths the line but not the raw values', () => {
    const m = buildChartModel([series('a', [pt(0, 0), pt(1, 10), pt(2, 0)])], { ...STEP, smoothing: 0.5 });
    expect(m.rows.map((r) => r.v0)).toEqual([0, 10, 0]);
    expect(m.rows[2].s0).not.toBe(0);
    // The raw line stays drawn (faintly) under the smoothed one: the range covers both.
    expect(m.valueRange).toEqual({ min: 0, max: 10 });
  });
});

describe('bandPath', () => {
  const x = (v: number) => v * 10;
  const y = (v: number) => 100 - v;
  it('outlines maxima forward and minima back as one closed shape', () => {
    expect(bandPath({ xs: [0, 1, 2], mins: [1, 2, 3], maxs: [5, 6, 7] }, x, y)).toBe('M0.0,95.0L10.0,94.0L20.0,93.0L20.0,97.0L10.0,98.0L0.0,99.0Z');
  });

  it('breaks the band at gaps and leaves out single buckets between gaps', () => {
    const path = bandPath({ xs: [0, 1, 2, 3, 4, 5], mins: [1, 1, null, 1, null, 1], maxs: [2, 2, 2, 2, 2, 2] }, x, y);
    expect(path).toBe('M0.0,98.0L10.0,98.0L10.0,99.0L0.0,99.0Z');
  });

  it('skips values the scale cannot place', () => {
    const partial = (v: number) => (v > 0 ? Math.log10(v) * 100 : undefined);
    expect(bandPath({ xs: [0, 1, 2], mins: [0, 1, 10], maxs: [1, 10, 100] }, x, partial)).toBe('M10.0,100.0L20.0,200.0L20.0,100.0L10.0,0.0Z');
  });
});

describe('xRangeToSteps', () => {
  it('maps a dragged step range to the exact steps of exact points', () => {
    const m = buildChartModel([series('a', [pt(0, 1), pt(1, 1), pt(2, 1), pt(3, 1)])], STEP);
    expect(xRangeToSteps(m.series, 2, 1)).toEqual({ startStep: 1, endStep: 2 });
  });

  it('extends a bucket to just before the next bucket, and leaves the last bucket open-ended', () => {
    const b = (step: number) => pt(step, 1, { count: 10 });
    const m = buildChartModel([series('a', [b(0), b(10), b(20)], 30)], STEP);
    expect(xRangeToSteps(m.series, 0, 10)).toEqual({ startStep: 0, endStep: 19 });
    expect(xRangeToSteps(m.series, 10, 20)).toEqual({ startStep: 10 });
  });

  it('maps a time range back to steps through the buckets', () => {
    const s = series('a', [pt(0, 1), pt(100, 1), pt(200, 1), pt(300, 1)], 4, 1_000_000);
    const m = buildChartModel([s], { ...STEP, xAxis: 'relative' });
    // Relative x of step 100 is 100 s, of step 200 is 200 s.
    expect(xRangeToSteps(m.series, 90, 210)).toEqual({ startStep: 100, endStep: 200 });
  });

  it('returns null for a click without width or a range holding no point', () => {
    const m = buildChartModel([series('a', [pt(0, 1), pt(10, 1)])], STEP);
    expect(xRangeToSteps(m.series, 5, 5)).toBeNull();
    expect(xRangeToSteps(m.series, 3, 7)).toBeNull();
  });
});

describe('nearestIndex and pointsNote', () => {
  it('finds the nearest x by binary search', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20], -5)).toBe(0);
    expect(nearestIndex([0, 10, 20], 99)).toBe(2);
    expect(nearestIndex([], 1)).toBe(-1);
  });

  it('says how many points are drawn of how many', () => {
    expect(pointsNote(1000, 5000)).toBe('1,000 of 5,000 points');
  });
});
