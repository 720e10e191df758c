import { apiCall } from './http';
import type { MetricSeries } from './types';

/**
 * Runboard extension: a metric's history per run, downsampled on the server to at most
 * `maxPoints` buckets that keep each bucket's mean, min and max. Give a step range to zoom in.
 */
export async function getMetricSeries(
  q: { runIds: string[]; metricKey: string; maxPoints?: number; startStep?: number; endStep?: number },
  init?: { signal?: AbortSignal },
): Promise<MetricSeries[]> {
  const res = await apiCall<{ series?: MetricSeries[] }>(
    'GET',
    'runboard/metrics/series',
    {
      run_ids: q.runIds,
      metric_key: q.metricKey,
      max_points: q.maxPoints ?? 1000,
      start_step: q.startStep,
      end_step: q.endStep,
    },
    init,
  );
  return res.series ?? [];
}
