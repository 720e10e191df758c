/**
 * The run page's chart wall: one chart per metric, in `compareKeys` order, at a fixed resolution
 * so that its first call can be known from the run id alone. The page has the browser preload
 * that call while its scripts load; the charts then draw from it as soon as they mount. Pure.
 */
import type { MetricSeriesQuery } from '@/lib/api-client';
import { compareKeys } from '@/lib/metric-keys';

/**
 * Buckets per chart: about one per 1.5 px of a chart in the three-column grid of a laptop screen,
 * each with its min and max (the band keeps spikes between them visible); zooming refetches in
 * detail. 300 rather than one per pixel: twenty charts draw a fifth faster.
 */
export const WALL_POINTS = 300;

/** Charts in the first call: a screen of them (three columns, four rows). */
export const WALL_FIRST_KEYS = 12;

/** The wall's first call: the first metrics of the run, whatever they are. */
export function wallFirstQuery(runId: string): MetricSeriesQuery & { firstKeys: number; maxPoints: number } {
  return { runIds: [runId], metricKeys: [], firstKeys: WALL_FIRST_KEYS, maxPoints: WALL_POINTS };
}

/** The wall's metrics in drawing order. */
export function wallKeys(metricKeys: readonly string[]): string[] {
  return [...metricKeys].sort(compareKeys);
}
