/**
 * Pure data shaping for metric charts: server buckets of one or several series → the rows recharts
 * draws (x, value line, smoothed line per series), the min–max band outlines, the range of values
 * drawn, plus the inverse mapping from a dragged x range back to a step range. No React, unit-tested.
 */
import type { SeriesPoint } from '@/lib/api-client';
import { emaSmooth } from './smoothing';
import { formatCount } from '@/lib/format';

export type XAxisMode = 'step' | 'wall' | 'relative';

/** One line on a chart: a run's downsampled history of the chart's metric. */
export interface ChartSeries {
  /** Stable id (the run id). */
  id: string;
  /** Legend and tooltip label (the run name). */
  label: string;
  color: string;
  points: SeriesPoint[];
  /** Points of the history inside the requested range (what the buckets summarise); null when sampled. */
  totalPoints: number | null;
  /** Run start (ms) for the relative-time axis; the first point's timestamp when absent. */
  startTime?: number;
}

export interface ChartOptions {
  xAxis: XAxisMode;
  /** EMA weight in [0, 1). */
  smoothing: number;
  logY: boolean;
}

/** A series ready to draw and to look values up in (arrays sorted by x). */
export interface PreparedSeries {
  id: string;
  label: string;
  color: string;
  xs: number[];
  steps: number[];
  counts: number[];
  values: (number | null)[];
  smoothed: (number | null)[];
  mins: (number | null)[];
  maxs: (number | null)[];
}

/** A recharts row: `x`, then per series index i `v<i>` (raw) and `s<i>` (smoothed). */
export type ChartRow = { x: number } & Record<string, number | null | undefined>;

export interface ChartModel {
  series: PreparedSeries[];
  rows: ChartRow[];
  /** Points hidden because the log scale cannot show values <= 0. */
  hiddenNonPositive: number;
  /** Buckets drawn (all series). */
  drawnPoints: number;
  /** Points they summarise; null when a series was sampled (not counted). */
  totalPoints: number | null;
  /** Whether any bucket summarises more than one point (then the band is worth drawing). */
  hasBands: boolean;
  /** Lowest and highest value drawn (lines, and bands when drawn); null when nothing is. */
  valueRange: { min: number; max: number } | null;
}

/** The server sends doubles as numbers, or as "NaN"/"Infinity" strings for non-finite values. */
function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function xOf(p: SeriesPoint, mode: XAxisMode, startTime: number): number {
  if (mode === 'step') return p.step;
  if (mode === 'wall') return p.timestamp;
  return (p.timestamp - startTime) / 1000;
}

export function prepareSeries(s: ChartSeries, opts: ChartOptions): { prepared: PreparedSeries; hidden: number } {
  const start = s.startTime ?? s.points[0]?.timestamp ?? 0;
  // Timestamps need not grow with steps (clock skew, resumed runs): sort by the drawn x.
  const pts = s.points.map((p) => ({ p, x: xOf(p, opts.xAxis, start) }));
  if (opts.xAxis !== 'step') pts.sort((a, b) => a.x - b.x || a.p.step - b.p.step);
  const values = pts.map(({ p }) => num(p.value));
  const smoothed = emaSmooth(values, opts.smoothing);
  let mins = pts.map(({ p }) => num(p.min));
  let maxs = pts.map(({ p }) => num(p.max));
  let hidden = 0;
  let shownValues = values;
  let shownSmoothed = smoothed;
  if (opts.logY) {
    const positive = (v: number | null) => (v !== null && v > 0 ? v : null);
    hidden = values.filter((v) => v !== null && v <= 0).length;
    shownValues = values.map(positive);
    shownSmoothed = smoothed.map(positive);
    // A band reaching zero or below cannot be drawn on a log axis; keep the line, drop the band.
    const bandOk = mins.map((m, i) => m !== null && m > 0 && maxs[i] !== null);
    mins = mins.map((m, i) => (bandOk[i] ? m : null));
    maxs = maxs.map((m, i) => (bandOk[i] ? m : null));
  }
  return {
    prepared: {
      id: s.id,
      label: s.label,
      color: s.color,
      xs: pts.map((q) => q.x),
      steps: pts.map((q) => q.p.step),
      counts: pts.map((q) => q.p.count),
      values: shownValues,
      smoothed: shownSmoothed,
      mins,
      maxs,
    },
    hidden,
  };
}

/** Merges the series into rows keyed by x (series that have no point at an x leave a gap there). */
export function buildChartModel(series: readonly ChartSeries[], opts: ChartOptions): ChartModel {
  const prepared: PreparedSeries[] = [];
  const byX = new Map<number, ChartRow>();
  let hiddenNonPositive = 0;
  let hasBands = false;
  series.forEach((s, i) => {
    const { prepared: p, hidden } = prepareSeries(s, opts);
    prepared.push(p);
    hiddenNonPositive += hidden;
    p.xs.forEach((x, j) => {
      let row = byX.get(x);
      if (!row) {
        row = { x } as ChartRow;
        byX.set(x, row);
      }
      row[`v${i}`] = p.values[j];
      row[`s${i}`] = p.smoothed[j];
      const lo = p.mins[j];
      const hi = p.maxs[j];
      if (lo !== null && hi !== null && p.counts[j] > 1 && hi > lo) hasBands = true;
    });
  });
  const rows = [...byX.values()].sort((a, b) => a.x - b.x);
  // What is drawn: the raw line (faint under a smoothed one), the smoothed line, the bands.
  const drawn = prepared.flatMap((p) => [p.values, ...(opts.smoothing > 0 ? [p.smoothed] : []), ...(hasBands ? [p.mins, p.maxs] : [])]);
  return {
    series: prepared,
    rows,
    hiddenNonPositive,
    drawnPoints: series.reduce((n, s) => n + s.points.length, 0),
    totalPoints: series.reduce<number | null>((n, s) => (n === null || s.totalPoints === null ? null : n + s.totalPoints), 0),
    hasBands,
    valueRange: rangeOf(drawn),
  };
}

function rangeOf(lists: readonly (readonly (number | null)[])[]): { min: number; max: number } | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const list of lists) {
    for (const v of list) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

type Scale = (v: number) => number | undefined;

/**
 * SVG path of a series' min–max band in pixels: one closed outline (maxima forward, minima back)
 * per run of consecutive buckets that have both; a gap in the data is a gap in the band.
 */
export function bandPath(s: Pick<PreparedSeries, 'xs' | 'mins' | 'maxs'>, x: Scale, y: Scale): string {
  const parts: string[] = [];
  let top: string[] = [];
  let bottom: string[] = [];
  const close = () => {
    if (top.length > 1) parts.push(`M${top.join('L')}L${bottom.reverse().join('L')}Z`);
    top = [];
    bottom = [];
  };
  s.xs.forEach((xv, j) => {
    const lo = s.mins[j];
    const hi = s.maxs[j];
    const px = x(xv);
    const pLo = lo === null ? undefined : y(lo);
    const pHi = hi === null ? undefined : y(hi);
    if (px === undefined || pLo === undefined || pHi === undefined || !Number.isFinite(px + pLo + pHi)) {
      close();
      return;
    }
    const cx = px.toFixed(1);
    top.push(`${cx},${pHi.toFixed(1)}`);
    bottom.push(`${cx},${pLo.toFixed(1)}`);
  });
  close();
  return parts.join('');
}

/** Index of the point whose x is nearest to `x` (xs sorted ascending); -1 for an empty list. */
export function nearestIndex(xs: readonly number[], x: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(xs[lo - 1] - x) <= Math.abs(xs[lo] - x)) return lo - 1;
  return lo;
}

export interface StepRange {
  startStep: number;
  /** Absent: to the end of the history. */
  endStep?: number;
}

/**
 * The step range covered by the buckets whose x lies in [x1, x2] (either order), over all series.
 * A bucket of several points starts at its step and ends just before the next bucket, so zooming
 * into one bucket keeps all its points. Null when the selection holds no bucket or spans no width.
 */
export function xRangeToSteps(series: readonly PreparedSeries[], x1: number, x2: number): StepRange | null {
  const lo = Math.min(x1, x2);
  const hi = Math.max(x1, x2);
  if (!(hi > lo)) return null;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let openEnd = false;
  for (const s of series) {
    // Steps of the series in step order, to find the bucket that follows a selected one.
    const ordered = [...s.steps].sort((a, b) => a - b);
    s.xs.forEach((x, j) => {
      if (x < lo || x > hi) return;
      const step = s.steps[j];
      start = Math.min(start, step);
      if (s.counts[j] <= 1) {
        end = Math.max(end, step);
        return;
      }
      const k = ordered.findIndex((v) => v > step);
      if (k === -1) openEnd = true;
      else end = Math.max(end, ordered[k] - 1);
    });
  }
  if (!Number.isFinite(start)) return null;
  if (openEnd) return { startStep: start };
  return { startStep: start, endStep: Math.max(end, start) };
}

/** `200 of 200 points`, `1,000 of 5,000 points`, or `300 sampled points` when not counted. */
export function pointsNote(drawn: number, total: number | null): string {
  return total === null ? `${formatCount(drawn)} sampled points` : `${formatCount(drawn)} of ${formatCount(total)} points`;
}

/** Colours for series, readable on light and dark backgrounds. */
export const SERIES_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9333ea', '#ea580c'];

export function seriesColor(i: number): string {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}
