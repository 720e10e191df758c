import { endpoint, type HttpMethod } from '../http/endpoint';
import { deleteAlias, getVersionByAlias, setAlias } from '../services/registry/aliases';
import { getModelVersionOrThrow, getRegisteredModelOrThrow } from '../services/registry/get-registered-model-or-throw';
import {
  createModelVersion,
  deleteModelVersion,
  deleteModelVersionTag,
  getModelVersionDownloadUri,
  setModelVersionTag,
  transitionModelVersionStage,
  updateModelVersion,
} from '../services/registry/model-versions';
import {
  createRegisteredModel,
  deleteRegisteredModel,
  deleteRegisteredModelTag,
  renameRegisteredModel,
  setRegisteredModelTag,
  updateRegisteredModel,
} from '../services/registry/registered-models';
import { getLatestVersions, searchModelVersions, searchRegisteredModels } from '../services/registry/search-registry';
import { getLoggedModelStore, getRegistryStore as registry, getTrackingStore } from '../store';
import { modelVersionToWire, registeredModelToWire, registryRequests as req } from '../wire/registry';

const RM = '/mlflow/registered-models';
const MV = '/mlflow/model-versions';

const latestVersions = (method: HttpMethod) =>
  endpoint({
    method,
    version: 2,
    path: `${RM}/get-latest-versions`,
    request: req.latestVersions,
    handle: async (r) => {
      const versions = await getLatestVersions(await registry(), r.name, r.stages);
      return versions.length > 0 ? { model_versions: versions.map(modelVersionToWire) } : {};
    },
  });

export const registryEndpoints = [
  endpoint({
    method: 'POST',
    version: 2,
    path: `${RM}/create`,
    request: req.createModel,
    handle: async (r) => ({ registered_model: registeredModelToWire(await createRegisteredModel(await registry(), r)) }),
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${RM}/rename`,
    request: req.renameModel,
    handle: async (r) => ({ registered_model: registeredModelToWire(await renameRegisteredModel(await registry(), r.name, r.new_name)) }),
  }),
  endpoint({
    method: 'PATCH',
    version: 2,
    path: `${RM}/update`,
    request: req.updateModel,
    handle: async (r) => ({ registered_model: registeredModelToWire(await updateRegisteredModel(await registry(), r.name, r.description)) }),
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: `${RM}/delete`,
    request: req.model,
    handle: async (r) => {
      await deleteRegisteredModel(await registry(), r.name);
      return {};
    },
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${RM}/get`,
    request: req.model,
    handle: async (r) => ({ registered_model: registeredModelToWire(await getRegisteredModelOrThrow(await registry(), r.name)) }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${RM}/search`,
    request: req.searchModels,
    handle: async (r) => {
      const page = await searchRegisteredModels(await registry(), {
        filter: r.filter, orderBy: r.order_by, maxResults: r.max_results, pageToken: r.page_token,
      });
      return {
        ...(page.items.length > 0 ? { registered_models: page.items.map(registeredModelToWire) } : {}),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  }),
  latestVersions('POST'),
  latestVersions('GET'),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${RM}/set-tag`,
    request: req.setModelTag,
    handle: async (r) => {
      await setRegisteredModelTag(await registry(), r.name, { key: r.key, value: r.value });
      return {};
    },
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: `${RM}/delete-tag`,
    request: req.deleteModelTag,
    handle: async (r) => {
      await deleteRegisteredModelTag(await registry(), r.name, r.key);
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${RM}/alias`,
    request: req.setAlias,
    handle: async (r) => {
      await setAlias(await registry(), r.name, r.alias, r.version);
      return {};
    },
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: `${RM}/alias`,
    request: req.alias,
    handle: async (r) => {
      await deleteAlias(await registry(), r.name, r.alias);
      return {};
    },
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${RM}/alias`,
    request: req.alias,
    handle: async (r) => ({ model_version: modelVersionToWire(await getVersionByAlias(await registry(), r.name, r.alias)) }),
  }),

  endpoint({
    method: 'POST',
    version: 2,
    path: `${MV}/create`,
    request: req.createVersion,
    handle: async (r) => ({
      model_version: modelVersionToWire(
        await createModelVersion(
          { registry: await registry(), tracking: await getTrackingStore(), loggedModels: await getLoggedModelStore() },
          {
            name: r.name,
            source: r.source,
            runId: r.run_id,
            runLink: r.run_link,
            modelId: r.model_id,
            description: r.description,
            tags: r.tags,
          },
        ),
      ),
    }),
  }),
  endpoint({
    method: 'PATCH',
    version: 2,
    path: `${MV}/update`,
    request: req.updateVersion,
    handle: async (r) => ({ model_version: modelVersionToWire(await updateModelVersion(await registry(), r.name, r.version, r.description)) }),
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${MV}/transition-stage`,
    request: req.transition,
    handle: async (r) => ({
      model_version: modelVersionToWire(
        await transitionModelVersionStage(await registry(), {
          name: r.name, version: r.version, stage: r.stage, archiveExistingVersions: r.archive_existing_versions,
        }),
      ),
    }),
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: `${MV}/delete`,
    request: req.version,
    handle: async (r) => {
      await deleteModelVersion(await registry(), r.name, r.version);
      return {};
    },
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${MV}/get`,
    request: req.version,
    handle: async (r) => ({ model_version: modelVersionToWire(await getModelVersionOrThrow(await registry(), r.name, r.version)) }),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${MV}/search`,
    request: req.searchVersions,
    handle: async (r) => {
      const page = await searchModelVersions(await registry(), {
        filter: r.filter, orderBy: r.order_by, maxResults: r.max_results, pageToken: r.page_token,
      });
      return {
        ...(page.items.length > 0 ? { model_versions: page.items.map(modelVersionToWire) } : {}),
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      };
    },
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: `${MV}/get-download-uri`,
    request: req.version,
    handle: async (r) => ({ artifact_uri: await getModelVersionDownloadUri(await registry(), r.name, r.version) }),
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: `${MV}/set-tag`,
    request: req.setVersionTag,
    handle: async (r) => {
      await setModelVersionTag(await registry(), r.name, r.version, { key: r.key, value: r.value });
      return {};
    },
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: `${MV}/delete-tag`,
    request: req.deleteVersionTag,
    handle: async (r) => {
      await deleteModelVersionTag(await registry(), r.name, r.version, r.key);
      return {};
    },
  }),
];
