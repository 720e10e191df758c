import { invalidParameter } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { LIMITS, type MetricMessage, validateMetric, validateParam, validateRunTag } from '../validation';
import { getActiveRunInfoOrThrow } from './get-run-or-throw';

type Entry = { key?: string; value?: string };

export interface LogBatchRequest {
  runId: string;
  metrics: MetricMessage[];
  params: Entry[];
  tags: Entry[];
}

function checkBatchLimits(req: LogBatchRequest): void {
  const over = (what: string, n: number, limit: number) => {
    if (n > limit) {
      throw invalidParameter(`A batch logging request can contain at most ${limit} ${what}. Got ${n} ${what}. Split the request into smaller batches.`);
    }
  };
  over('metrics', req.metrics.length, LIMITS.batchMetrics);
  over('params', req.params.length, LIMITS.batchParams);
  over('tags', req.tags.length, LIMITS.batchTags);
  over('metrics, params, and tags in total', req.metrics.length + req.params.length + req.tags.length, LIMITS.batchTotal);
}

/**
 * The one write path for metrics, params and tags of a run: log-metric, log-parameter and set-tag
 * are batches of one. Everything is validated before anything is written.
 */
export async function logBatch(store: TrackingStore, req: LogBatchRequest): Promise<void> {
  checkBatchLimits(req);
  const metrics = req.metrics.map(validateMetric);
  const params = req.params.map(validateParam);
  const tags = req.tags.map(validateRunTag);
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.key)) {
      throw invalidParameter(`Duplicate parameter keys have been submitted: '${p.key}'. Each param key may appear once per request.`);
    }
    seen.add(p.key);
  }
  await getActiveRunInfoOrThrow(store, req.runId);
  await store.logBatch(req.runId, { metrics, params, tags });
}
