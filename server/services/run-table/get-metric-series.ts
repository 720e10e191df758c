import type { MetricSeries } from '@/lib/domain';
import type { TrackingStore } from '../../store/tracking-store';
import { invalidParameter } from '../../errors';
import { validateRunId } from '../validation';

export const SERIES_LIMITS = { runs: 100, minPoints: 10, maxPoints: 10_000, defaultPoints: 1000 } as const;

export interface MetricSeriesRequest {
  runIds: string[];
  metricKey?: string;
  maxPoints?: number;
  startStep?: number;
  endStep?: number;
}

/** Downsampled histories of one metric for up to 100 runs (charts and run comparisons). */
export async function getMetricSeries(store: TrackingStore, req: MetricSeriesRequest): Promise<MetricSeries[]> {
  if (!req.metricKey) throw invalidParameter("Missing value for required parameter 'metric_key'.");
  const runIds = [...new Set(req.runIds)].map(validateRunId);
  if (runIds.length === 0) throw invalidParameter("Missing value for required parameter 'run_ids': give at least one run id.");
  if (runIds.length > SERIES_LIMITS.runs) {
    throw invalidParameter(`Too many run_ids: ${runIds.length} given, at most ${SERIES_LIMITS.runs} per request.`);
  }
  const maxPoints = req.maxPoints ?? SERIES_LIMITS.defaultPoints;
  if (!Number.isInteger(maxPoints) || maxPoints < SERIES_LIMITS.minPoints || maxPoints > SERIES_LIMITS.maxPoints) {
    throw invalidParameter(`Invalid value ${maxPoints} for parameter 'max_points': it must be an integer from ${SERIES_LIMITS.minPoints} to ${SERIES_LIMITS.maxPoints}.`);
  }
  if (req.startStep !== undefined && req.endStep !== undefined && req.startStep > req.endStep) {
    throw invalidParameter(`start_step (${req.startStep}) must not be greater than end_step (${req.endStep}).`);
  }
  return store.getMetricSeries({ runIds, metricKey: req.metricKey, maxPoints, startStep: req.startStep, endStep: req.endStep });
}
