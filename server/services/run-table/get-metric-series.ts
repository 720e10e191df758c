import type { MetricSeries } from '@/lib/domain';
import type { SeriesReduction, TrackingStore } from '../../store/tracking-store';
import { invalidParameter } from '../../errors';
import { validateRunId } from '../validation';

export const SERIES_LIMITS = { runs: 100, keys: 100, pairs: 1000, minPoints: 10, maxPoints: 10_000, defaultPoints: 1000 } as const;
const REDUCTIONS: readonly SeriesReduction[] = ['buckets', 'sample'];

export interface MetricSeriesRequest {
  runIds: string[];
  /** One key (`metric_key`) and/or several (`metric_keys`): a chart wall asks for all at once. */
  metricKey?: string;
  metricKeys?: string[];
  maxPoints?: number;
  startStep?: number;
  endStep?: number;
  reduction?: string;
}

/**
 * Downsampled histories of some metrics for up to 100 runs (charts, chart walls and run
 * comparisons), in key order then run order.
 */
export async function getMetricSeries(store: TrackingStore, req: MetricSeriesRequest): Promise<MetricSeries[]> {
  const metricKeys = [...new Set([...(req.metricKey !== undefined ? [req.metricKey] : []), ...(req.metricKeys ?? [])])].filter((k) => k !== '');
  if (metricKeys.length === 0) throw invalidParameter("Missing value for required parameter 'metric_key': give at least one metric key.");
  if (metricKeys.length > SERIES_LIMITS.keys) {
    throw invalidParameter(`Too many metric keys: ${metricKeys.length} given, at most ${SERIES_LIMITS.keys} per request.`);
  }
  const runIds = [...new Set(req.runIds)].map(validateRunId);
  if (runIds.length === 0) throw invalidParameter("Missing value for required parameter 'run_ids': give at least one run id.");
  if (runIds.length > SERIES_LIMITS.runs) {
    throw invalidParameter(`Too many run_ids: ${runIds.length} given, at most ${SERIES_LIMITS.runs} per request.`);
  }
  if (runIds.length * metricKeys.length > SERIES_LIMITS.pairs) {
    throw invalidParameter(
      `Too many series: ${runIds.length} runs x ${metricKeys.length} metric keys, at most ${SERIES_LIMITS.pairs} per request.`,
    );
  }
  const maxPoints = req.maxPoints ?? SERIES_LIMITS.defaultPoints;
  if (!Number.isInteger(maxPoints) || maxPoints < SERIES_LIMITS.minPoints || maxPoints > SERIES_LIMITS.maxPoints) {
    throw invalidParameter(`Invalid value ${maxPoints} for parameter 'max_points': it must be an integer from ${SERIES_LIMITS.minPoints} to ${SERIES_LIMITS.maxPoints}.`);
  }
  const reduction = (req.reduction ?? 'buckets') as SeriesReduction;
  if (!REDUCTIONS.includes(reduction)) {
    throw invalidParameter(`Invalid value '${req.reduction}' for parameter 'reduction': it must be one of ${REDUCTIONS.join(', ')}.`);
  }
  if (req.startStep !== undefined && req.endStep !== undefined && req.startStep > req.endStep) {
    throw invalidParameter(`start_step (${req.startStep}) must not be greater than end_step (${req.endStep}).`);
  }
  const out: MetricSeries[] = [];
  for (const metricKey of metricKeys) {
    out.push(...(await store.getMetricSeries({ runIds, metricKey, maxPoints, reduction, startStep: req.startStep, endStep: req.endStep })));
  }
  return out;
}
