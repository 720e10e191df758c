import { endpoint } from '../http/endpoint';
import { getMetricHistory, getMetricHistoryBulkInterval } from '../services/runs/get-metric-history';
import { getTrackingStore as store } from '../store';
import { metricToWire, runIdOf, runMetricPointToWire, runRequests as req } from '../wire/run';

export const metricEndpoints = [
  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/metrics/get-history',
    request: req.getHistory,
    handle: async (r) => {
      const runId = runIdOf(r);
      const page = await getMetricHistory(await store(), {
        runId,
        metricKey: r.metric_key,
        maxResults: r.max_results,
        pageToken: r.page_token,
      });
      return {
        ...(page.items.length > 0 ? { metrics: page.items.map((m) => metricToWire(m, runId)) } : {}),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/metrics/get-history-bulk-interval',
    request: req.getHistoryBulkInterval,
    handle: async (r) => {
      const points = await getMetricHistoryBulkInterval(await store(), {
        runIds: r.run_ids,
        metricKey: r.metric_key,
        startStep: r.start_step,
        endStep: r.end_step,
        maxResults: r.max_results,
      });
      return points.length > 0 ? { metrics: points.map(runMetricPointToWire) } : {};
    },
  }),
];
