import type { MetricSeries } from '@/lib/domain';
import { compareKeys } from '@/lib/metric-keys';
import type { SeriesReduction, TrackingStore } from '../../store/tracking-store';
import { invalidParameter, notFound } from '../../errors';
import { validateRunId } from '../validation';

export const SERIES_LIMITS = { runs: 100, keys: 100, pairs: 1000, minPoints: 10, maxPoints: 10_000, defaultPoints: 1000 } as const;
const REDUCTIONS: readonly SeriesReduction[] = ['buckets', 'sample'];

export interface MetricSeriesRequest {
  runIds: string[];
  /** One key (`metric_key`) and/or several (`metric_keys`): a chart wall asks for all at once. */
  metricKey?: string;
  metricKeys?: string[];
  /**
   * Instead of keys: the first N metrics the runs have, in `compareKeys` order. A run page asks
   * for its first screen of charts with a URL it can build before it knows the run's metrics.
   */
  firstKeys?: number;
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
  const givenKeys = [...new Set([...(req.metricKey !== undefined ? [req.metricKey] : []), ...(req.metricKeys ?? [])])].filter((k) => k !== '');
  if (givenKeys.length > 0 && req.firstKeys !== undefined) {
    throw invalidParameter("Give either metric keys ('metric_key', 'metric_keys') or 'first_keys', not both.");
  }
  if (givenKeys.length === 0 && req.firstKeys === undefined) {
    throw invalidParameter("Missing value for required parameter 'metric_key': give at least one metric key, or 'first_keys'.");
  }
  if (givenKeys.length > SERIES_LIMITS.keys) {
    throw invalidParameter(`Too many metric keys: ${givenKeys.length} given, at most ${SERIES_LIMITS.keys} per request.`);
  }
  if (req.firstKeys !== undefined && (!Number.isInteger(req.firstKeys) || req.firstKeys < 1 || req.firstKeys > SERIES_LIMITS.keys)) {
    throw invalidParameter(`Invalid value ${req.firstKeys} for parameter 'first_keys': it must be an integer from 1 to ${SERIES_LIMITS.keys}.`);
  }
  const runIds = [...new Set(req.runIds)].map(validateRunId);
  if (runIds.length === 0) throw invalidParameter("Missing value for required parameter 'run_ids': give at least one run id.");
  if (runIds.length > SERIES_LIMITS.runs) {
    throw invalidParameter(`Too many run_ids: ${runIds.length} given, at most ${SERIES_LIMITS.runs} per request.`);
  }
  const keyCount = req.firstKeys ?? givenKeys.length;
  if (runIds.length * keyCount > SERIES_LIMITS.pairs) {
    throw invalidParameter(`Too many series: ${runIds.length} runs x ${keyCount} metric keys, at most ${SERIES_LIMITS.pairs} per request.`);
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
  const metricKeys = req.firstKeys === undefined ? givenKeys : await firstMetricKeys(store, runIds, req.firstKeys);
  const out: MetricSeries[] = [];
  for (const metricKey of metricKeys) {
    out.push(...(await store.getMetricSeries({ runIds, metricKey, maxPoints, reduction, startStep: req.startStep, endStep: req.endStep })));
  }
  return out;
}

/** The first `count` metric keys over these runs (each must exist), in `compareKeys` order. */
async function firstMetricKeys(store: TrackingStore, runIds: string[], count: number): Promise<string[]> {
  const keys = new Set<string>();
  for (const runId of runIds) {
    const run = await store.getRun(runId);
    if (!run) throw notFound(`Run with id=${runId} not found`);
    for (const m of run.data.metrics) keys.add(m.key);
  }
  return [...keys].sort(compareKeys).slice(0, count);
}
