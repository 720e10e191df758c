'use client';

import { useEffect, useState } from 'react';
import type { MetricSeries, SeriesReduction } from '@/lib/api-client';
import type { StepRange } from './chart-data';
import { seriesBatcher } from './series-batcher';

export interface MetricSeriesState {
  /** The last data received (kept while a newer request runs, so charts do not flicker). */
  data: MetricSeries[] | null;
  /** True until the data for the current request (runs, key, range, version) has arrived. */
  loading: boolean;
  error: string | null;
}

/**
 * Downsampled series of one metric for some runs, fetched when `enabled` (the chart is in view).
 * A new `version` (the metric's latest step/timestamp changed while a run is live) refetches
 * without clearing what is drawn.
 */
export function useMetricSeries(q: {
  runIds: readonly string[];
  metricKey: string;
  maxPoints?: number;
  range?: StepRange | null;
  version?: string;
  reduction?: SeriesReduction;
  enabled: boolean;
}): MetricSeriesState {
  const runKey = q.runIds.join(',');
  const start = q.range?.startStep;
  const end = q.range?.endStep;
  const maxPoints = q.maxPoints ?? 1000;
  const reduction = q.reduction ?? 'buckets';
  const requestKey = JSON.stringify([runKey, q.metricKey, maxPoints, start, end, reduction, q.version]);
  const [state, setState] = useState<{ data: MetricSeries[] | null; key: string | null; error: string | null }>({ data: null, key: null, error: null });

  useEffect(() => {
    if (!q.enabled || !runKey) return;
    const controller = new AbortController();
    seriesBatcher
      .load({ runIds: runKey.split(','), metricKey: q.metricKey, maxPoints, startStep: start, endStep: end, reduction }, controller.signal)
      .then((data) => setState({ data, key: requestKey, error: null }))
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        const message = e instanceof Error ? e.message : String(e);
        setState((s) => ({ ...s, key: requestKey, error: `Could not load ${q.metricKey}: ${message}` }));
      });
    return () => controller.abort();
    // requestKey covers every input of the request (and the live version).
  }, [q.enabled, requestKey]);

  return { data: state.data, loading: q.enabled && state.key !== requestKey, error: state.key === requestKey ? state.error : null };
}
