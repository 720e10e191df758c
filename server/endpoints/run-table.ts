import { endpoint } from '../http/endpoint';
import { getMetricSeries } from '../services/run-table/get-metric-series';
import { countRunTable, listRunKeys, searchRunTable } from '../services/run-table/search-run-table';
import { validateExperimentId } from '../services/validation';
import { getTrackingStore as store } from '../store';
import {
  experimentRunCountsToWire,
  metricSeriesToWire,
  runTableRequests as req,
  runTableRowToWire,
} from '../wire/run-table';

const BASE = '/runboard';

function tableRequest(r: {
  experiment_ids: string[];
  filter?: string;
  run_view_type?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
  top_level_only?: boolean;
  parent_run_id?: string;
  statuses: ('RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED')[];
}) {
  return {
    experimentIds: r.experiment_ids,
    filter: r.filter,
    runViewType: r.run_view_type,
    topLevelOnly: r.top_level_only,
    parentRunId: r.parent_run_id,
    statuses: r.statuses,
  };
}

/** Runboard's own read endpoints behind the web UI (also usable by any client). */
export const runTableEndpoints = [
  endpoint({
    method: 'POST',
    version: 2,
    path: `${BASE}/runs/table`,
    request: req.table,
    handle: async (r) => {
      const page = await searchRunTable(await store(), {
        ...tableRequest(r),
        orderBy: r.order_by,
        maxResults: r.max_results,
        pageToken: r.page_token,
        offset: r.offset,
      });
      return { runs: page.items.map(runTableRowToWire), ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}) };
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${BASE}/runs/count`,
    request: req.count,
    handle: async (r) => ({ count: await countRunTable(await store(), tableRequest(r)) }),
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${BASE}/runs/keys`,
    request: req.keys,
    handle: async (r) => listRunKeys(await store(), r.experiment_ids),
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${BASE}/experiments/run-counts`,
    request: req.runCounts,
    handle: async (r) => ({
      counts: (await (await store()).experimentRunCounts(r.experiment_ids.map(validateExperimentId))).map(experimentRunCountsToWire),
    }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${BASE}/metrics/series`,
    request: req.series,
    handle: async (r) => ({
      series: (
        await getMetricSeries(await store(), {
          runIds: r.run_ids,
          metricKey: r.metric_key,
          metricKeys: r.metric_keys,
          firstKeys: r.first_keys,
          reduction: r.reduction,
          maxPoints: r.max_points,
          startStep: r.start_step,
          endStep: r.end_step,
        })
      ).map(metricSeriesToWire),
    }),
  }),
];
