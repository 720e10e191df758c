import { endpoint } from '../http/endpoint';
import { createRun } from '../services/runs/create-run';
import { deleteRunTag } from '../services/runs/delete-run-tag';
import { getRunOrThrow } from '../services/runs/get-run-or-throw';
import { logBatch } from '../services/runs/log-batch';
import { logInputs } from '../services/runs/log-inputs';
import { searchRuns } from '../services/runs/search-runs';
import { setRunLifecycle, updateRun } from '../services/runs/update-run';
import { LIMITS } from '../services/validation';
import { logRunModelInputs } from '../services/logged-models/log-run-outputs';
import { getLoggedModelStore as loggedModels, getTrackingStore as store } from '../store';
import { datasetRequestToDomain, runIdOf, runInfoToWire, runRequests as req, runToWire } from '../wire/run';

const NO_ENTRIES = { metrics: [], params: [], tags: [] };

export const runEndpoints = [
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/create',
    request: req.create,
    handle: async (r) => ({
      run: runToWire(
        await createRun(await store(), {
          experimentId: r.experiment_id,
          userId: r.user_id,
          runName: r.run_name,
          startTime: r.start_time,
          tags: r.tags,
        }),
      ),
    }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/runs/get',
    request: req.get,
    handle: async (r) => ({ run: runToWire(await getRunOrThrow(await store(), runIdOf(r))) }),
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/update',
    request: req.update,
    handle: async (r) => ({
      run_info: runInfoToWire(
        await updateRun(await store(), { runId: runIdOf(r), status: r.status, endTime: r.end_time, runName: r.run_name }),
      ),
    }),
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/delete',
    request: req.delete,
    handle: async (r) => {
      await setRunLifecycle(await store(), runIdOf(r), 'deleted');
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/restore',
    request: req.restore,
    handle: async (r) => {
      await setRunLifecycle(await store(), runIdOf(r), 'active');
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/search',
    request: req.search,
    handle: async (r) => {
      const page = await searchRuns(await store(), {
        experimentIds: r.experiment_ids,
        filter: r.filter,
        orderBy: r.order_by,
        runViewType: r.run_view_type,
        maxResults: r.max_results,
        pageToken: r.page_token,
      });
      return {
        ...(page.items.length > 0 ? { runs: page.items.map(runToWire) } : {}),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/log-metric',
    request: req.logMetric,
    handle: async (r) => {
      await logBatch(await store(), { ...NO_ENTRIES, runId: runIdOf(r), metrics: [r] });
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/log-parameter',
    request: req.logParam,
    handle: async (r) => {
      await logBatch(await store(), { ...NO_ENTRIES, runId: runIdOf(r), params: [{ key: r.key, value: r.value }] });
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/set-tag',
    request: req.setTag,
    handle: async (r) => {
      await logBatch(await store(), { ...NO_ENTRIES, runId: runIdOf(r), tags: [{ key: r.key, value: r.value }] });
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/delete-tag',
    request: req.deleteTag,
    handle: async (r) => {
      await deleteRunTag(await store(), runIdOf(r), r.key);
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/log-batch',
    request: req.logBatch,
    maxBodyBytes: LIMITS.batchBodyBytes,
    handle: async (r) => {
      await logBatch(await store(), { runId: runIdOf(r), metrics: r.metrics, params: r.params, tags: r.tags });
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/log-inputs',
    request: req.logInputs,
    handle: async (r) => {
      const runId = runIdOf(r);
      await logInputs(await store(), runId, r.datasets.map((d) => ({ tags: d.tags, dataset: datasetRequestToDomain(d.dataset) })));
      await logRunModelInputs(await loggedModels(), runId, r.models);
      return {};
    },
  }),
];
