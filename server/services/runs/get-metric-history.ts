import type { MetricPoint, Page, RunMetricPoint } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { getRunInfoOrThrow } from './get-run-or-throw';

export async function getMetricHistory(
  store: TrackingStore,
  req: { runId: string; metricKey?: string; maxResults?: number; pageToken?: string },
): Promise<Page<MetricPoint>> {
  if (!req.metricKey) throw invalidParameter("Missing value for required parameter 'metric_key'.");
  if (req.maxResults !== undefined && req.maxResults < 1) throw invalidParameter("'max_results' must be at least 1.");
  await getRunInfoOrThrow(store, req.runId);
  return store.getMetricHistory(req.runId, req.metricKey, { maxResults: req.maxResults, pageToken: req.pageToken || undefined });
}

export const BULK_INTERVAL = { maxRuns: 100, maxResults: 2500 } as const;

export async function getMetricHistoryBulkInterval(
  store: TrackingStore,
  req: { runIds: string[]; metricKey?: string; startStep?: number; endStep?: number; maxResults?: number },
): Promise<RunMetricPoint[]> {
  if (!req.metricKey) throw invalidParameter("Missing value for required parameter 'metric_key'.");
  if (req.runIds.length === 0) throw invalidParameter("Missing value for required parameter 'run_ids'.");
  if (req.runIds.length > BULK_INTERVAL.maxRuns) {
    throw invalidParameter(`At most ${BULK_INTERVAL.maxRuns} run_ids are allowed; got ${req.runIds.length}.`);
  }
  if ((req.startStep === undefined) !== (req.endStep === undefined)) {
    throw invalidParameter('Both start_step and end_step must be specified, or neither.');
  }
  if (req.startStep !== undefined && req.endStep !== undefined && req.startStep > req.endStep) {
    throw invalidParameter(`end_step (${req.endStep}) must be greater than or equal to start_step (${req.startStep}).`);
  }
  const maxResults = req.maxResults ?? BULK_INTERVAL.maxResults;
  if (maxResults < 1 || maxResults > BULK_INTERVAL.maxResults) {
    throw invalidParameter(`max_results must be between 1 and ${BULK_INTERVAL.maxResults}; got ${maxResults}.`);
  }
  for (const runId of req.runIds) await getRunInfoOrThrow(store, runId);
  return store.getMetricHistoryBulkInterval({ ...req, metricKey: req.metricKey, maxResults });
}
