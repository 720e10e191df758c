import { apiCall, apiUrl } from './http';
import type { MetricSeries } from './types';

/**
 * How a long history is reduced: `buckets` keeps each step bucket's mean, min and max (reads every
 * point); `sample` keeps one real point per bucket plus the last (index seeks; for overlays of
 * many long runs, where counting and bands would cost what sampling saves).
 */
export type SeriesReduction = 'buckets' | 'sample';

export interface MetricSeriesQuery {
  runIds: readonly string[];
  /** Metrics to fetch; a chart wall asks for all its metrics in one call. */
  metricKeys: readonly string[];
  /** Instead of keys: the first N metrics the runs have (in `compareKeys` order). */
  firstKeys?: number;
  maxPoints?: number;
  startStep?: number;
  endStep?: number;
  reduction?: SeriesReduction;
}

function seriesParams(q: MetricSeriesQuery) {
  return {
    run_ids: q.runIds,
    metric_keys: q.metricKeys,
    first_keys: q.firstKeys,
    max_points: q.maxPoints ?? 1000,
    start_step: q.startStep,
    end_step: q.endStep,
    reduction: q.reduction,
  };
}

/** The URL `getMetricSeries` fetches for `q` (a page may have the browser preload it). */
export function metricSeriesUrl(q: MetricSeriesQuery): string {
  return apiUrl('runboard/metrics/series', seriesParams(q));
}

/**
 * Runboard extension: metric histories per run, downsampled on the server to at most `maxPoints`
 * points each, in key order then run order. Give a step range to zoom in. At most 100 runs and
 * 1,000 series (runs x keys) per call.
 */
export async function getMetricSeries(q: MetricSeriesQuery, init?: { signal?: AbortSignal }): Promise<MetricSeries[]> {
  const res = await apiCall<{ series?: MetricSeries[] }>('GET', 'runboard/metrics/series', seriesParams(q), init);
  return res.series ?? [];
}
