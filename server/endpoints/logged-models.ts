import { resolveArtifactUri } from '../artifacts/artifact-uri';
import { invalidParameter } from '../errors';
import { endpoint } from '../http/endpoint';
import { listArtifactsAtUri } from '../services/artifacts/list-artifacts-at-uri';
import { createLoggedModel } from '../services/logged-models/create-logged-model';
import { getLoggedModelOrThrow } from '../services/logged-models/get-logged-model-or-throw';
import { logRunOutputs } from '../services/logged-models/log-run-outputs';
import { searchLoggedModels } from '../services/logged-models/search-logged-models';
import {
  deleteLoggedModel,
  deleteLoggedModelTag,
  finalizeLoggedModel,
  logLoggedModelParams,
  setLoggedModelTags,
} from '../services/logged-models/update-logged-model';
import { getLoggedModelStore as models, getTrackingStore as tracking } from '../store';
import { fileInfoToWire } from '../wire/file-info';
import { loggedModelRequests as req, loggedModelToWire } from '../wire/logged-model';

const BASE = '/mlflow/logged-models';

// Static paths come before `{model_id}` so that `search` is never read as an id.
export const loggedModelEndpoints = [
  endpoint({
    method: 'POST',
    version: 2,
    path: `${BASE}/search`,
    request: req.search,
    handle: async (r) => {
      const page = await searchLoggedModels(await models(), {
        experimentIds: r.experiment_ids,
        filter: r.filter,
        datasets: r.datasets.map((d) => ({ datasetName: d.dataset_name ?? '', datasetDigest: d.dataset_digest || undefined })),
        orderBy: r.order_by.map((o) => ({
          fieldName: o.field_name ?? '',
          ascending: o.ascending ?? true,
          datasetName: o.dataset_name || undefined,
          datasetDigest: o.dataset_digest || undefined,
        })),
        maxResults: r.max_results,
        pageToken: r.page_token,
      });
      return {
        ...(page.items.length > 0 ? { models: page.items.map(loggedModelToWire) } : {}),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: BASE,
    request: req.create,
    handle: async (r) => ({
      model: loggedModelToWire(
        await createLoggedModel(
          { tracking: await tracking(), loggedModels: await models() },
          {
            experimentId: r.experiment_id,
            name: r.name,
            modelType: r.model_type,
            sourceRunId: r.source_run_id,
            params: r.params,
            tags: r.tags,
          },
        ),
      ),
    }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${BASE}/{model_id}`,
    request: req.get,
    handle: async (r) => ({ model: loggedModelToWire(await getLoggedModelOrThrow(await models(), r.model_id, r.allow_deleted ?? false)) }),
  }),
  endpoint({
    method: 'PATCH',
    version: 2,
    path: `${BASE}/{model_id}`,
    request: req.finalize,
    handle: async (r) => ({ model: loggedModelToWire(await finalizeLoggedModel(await models(), r.model_id, r.status)) }),
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: `${BASE}/{model_id}`,
    request: req.delete,
    handle: async (r) => {
      await deleteLoggedModel(await models(), r.model_id);
      return {};
    },
  }),
  endpoint({
    method: 'PATCH',
    version: 2,
    path: `${BASE}/{model_id}/tags`,
    request: req.setTags,
    handle: async (r) => {
      await setLoggedModelTags(await models(), r.model_id, r.tags);
      return {};
    },
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: `${BASE}/{model_id}/tags/{tag_key}`,
    request: req.deleteTag,
    handle: async (r) => {
      await deleteLoggedModelTag(await models(), r.model_id, r.tag_key);
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${BASE}/{model_id}/params`,
    request: req.logParams,
    handle: async (r) => {
      await logLoggedModelParams(await models(), r.model_id, r.params);
      return {};
    },
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${BASE}/{model_id}/artifacts/directories`,
    request: req.listDirectory,
    handle: async (r) => {
      const model = await getLoggedModelOrThrow(await models(), r.model_id);
      const files = await listArtifactsAtUri((uri) => resolveArtifactUri(uri), model.artifactUri, r.artifact_directory_path);
      return { root_uri: model.artifactUri, ...(files.length > 0 ? { files: files.map(fileInfoToWire) } : {}) };
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/runs/outputs',
    request: req.runOutputs,
    handle: async (r) => {
      if (!r.run_id) throw invalidParameter("Missing value for required parameter 'run_id'.");
      await logRunOutputs({ tracking: await tracking(), loggedModels: await models() }, r.run_id, r.models);
      return {};
    },
  }),
];
