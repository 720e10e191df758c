import { endpoint } from '../http/endpoint';
import { createExperiment } from '../services/experiments/create-experiment';
import { deleteExperimentTag, setExperimentTag } from '../services/experiments/experiment-tags';
import { getExperimentByName } from '../services/experiments/get-experiment-by-name';
import { getExperimentOrThrow } from '../services/experiments/get-experiment-or-throw';
import { renameExperiment } from '../services/experiments/rename-experiment';
import { searchExperiments } from '../services/experiments/search-experiments';
import { setExperimentLifecycle } from '../services/experiments/set-experiment-lifecycle';
import { getTrackingStore as store } from '../store';
import { experimentRequests as req, experimentToWire } from '../wire/experiment';

const search = (method: 'GET' | 'POST') =>
  endpoint({
    method,
    version: 2,
    path: '/mlflow/experiments/search',
    request: req.search,
    handle: async (r) => {
      const page = await searchExperiments(await store(), {
        filter: r.filter,
        orderBy: r.order_by,
        viewType: r.view_type,
        maxResults: r.max_results,
        pageToken: r.page_token,
      });
      return {
        ...(page.items.length > 0 ? { experiments: page.items.map(experimentToWire) } : {}),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  });

export const experimentEndpoints = [
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/experiments/create',
    request: req.create,
    handle: async (r) => ({
      experiment_id: await createExperiment(await store(), { name: r.name, artifactLocation: r.artifact_location, tags: r.tags }),
    }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/experiments/get',
    request: req.get,
    handle: async (r) => ({ experiment: experimentToWire(await getExperimentOrThrow(await store(), r.experiment_id)) }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/experiments/get-by-name',
    request: req.getByName,
    handle: async (r) => ({ experiment: experimentToWire(await getExperimentByName(await store(), r.experiment_name)) }),
  }),
  search('POST'),
  search('GET'),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/experiments/update',
    request: req.update,
    handle: async (r) => {
      await renameExperiment(await store(), r.experiment_id, r.new_name);
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/experiments/delete',
    request: req.delete,
    handle: async (r) => {
      await setExperimentLifecycle(await store(), r.experiment_id, 'deleted');
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/experiments/restore',
    request: req.restore,
    handle: async (r) => {
      await setExperimentLifecycle(await store(), r.experiment_id, 'active');
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/experiments/set-experiment-tag',
    request: req.setTag,
    handle: async (r) => {
      await setExperimentTag(await store(), r.experiment_id, { key: r.key, value: r.value });
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/experiments/delete-experiment-tag',
    request: req.deleteTag,
    handle: async (r) => {
      await deleteExperimentTag(await store(), r.experiment_id, r.key);
      return {};
    },
  }),
];
