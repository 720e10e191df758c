import { apiCall } from './http';
import type { WireModelVersion, WireRegisteredModel } from './types';

/**
 * Model registry calls (registered models, versions, aliases) on MLflow's own endpoints
 * (reference §5). Names are user text: they travel in JSON bodies or query strings, never in paths.
 */

/** A model version as the registry pages read it: the shared wire shape plus the optional fields. */
export interface RegistryModelVersion extends WireModelVersion {
  user_id?: string;
  status_message?: string;
  run_link?: string;
}

export interface RegistryModel extends WireRegisteredModel {
  user_id?: string;
  latest_versions?: RegistryModelVersion[];
}

export interface RegistryAlias {
  alias: string;
  version: string;
}

export interface RegistryPage<T> {
  items: T[];
  nextPageToken?: string;
}

export interface RegistrySearch {
  /** MLflow filter DSL, e.g. `name ILIKE '%churn%'`. */
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

function searchQuery(q: RegistrySearch) {
  return {
    filter: q.filter || undefined,
    order_by: q.orderBy,
    max_results: q.maxResults,
    page_token: q.pageToken || undefined,
  };
}

export async function searchRegisteredModels(q: RegistrySearch, init?: { signal?: AbortSignal }): Promise<RegistryPage<RegistryModel>> {
  const res = await apiCall<{ registered_models?: RegistryModel[]; next_page_token?: string }>(
    'GET',
    'mlflow/registered-models/search',
    searchQuery(q),
    init,
  );
  return { items: res.registered_models ?? [], nextPageToken: res.next_page_token || undefined };
}

export async function getRegisteredModel(name: string, init?: { signal?: AbortSignal }): Promise<RegistryModel> {
  return (await apiCall<{ registered_model: RegistryModel }>('GET', 'mlflow/registered-models/get', { name }, init)).registered_model;
}

export async function updateRegisteredModelDescription(name: string, description: string): Promise<RegistryModel> {
  return (await apiCall<{ registered_model: RegistryModel }>('PATCH', 'mlflow/registered-models/update', { name, description })).registered_model;
}

export async function searchModelVersions(q: RegistrySearch, init?: { signal?: AbortSignal }): Promise<RegistryPage<RegistryModelVersion>> {
  const res = await apiCall<{ model_versions?: RegistryModelVersion[]; next_page_token?: string }>(
    'GET',
    'mlflow/model-versions/search',
    searchQuery(q),
    init,
  );
  return { items: res.model_versions ?? [], nextPageToken: res.next_page_token || undefined };
}

export async function getModelVersion(name: string, version: string, init?: { signal?: AbortSignal }): Promise<RegistryModelVersion> {
  return (await apiCall<{ model_version: RegistryModelVersion }>('GET', 'mlflow/model-versions/get', { name, version }, init)).model_version;
}

export async function updateModelVersionDescription(name: string, version: string, description: string): Promise<RegistryModelVersion> {
  return (await apiCall<{ model_version: RegistryModelVersion }>('PATCH', 'mlflow/model-versions/update', { name, version, description }))
    .model_version;
}

/** Sets the alias on `version`, moving it there if another version had it. */
export async function setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
  await apiCall('POST', 'mlflow/registered-models/alias', { name, alias, version });
}

export async function deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
  await apiCall('DELETE', 'mlflow/registered-models/alias', { name, alias });
}

export async function getModelVersionByAlias(name: string, alias: string, init?: { signal?: AbortSignal }): Promise<RegistryModelVersion> {
  return (await apiCall<{ model_version: RegistryModelVersion }>('GET', 'mlflow/registered-models/alias', { name, alias }, init)).model_version;
}

/**
 * The experiment of a logged model, for linking a version whose source is `models:/<id>` when it
 * has no run. Named apart from the logged-model API so both can be re-exported together.
 */
export async function getLoggedModelExperimentId(modelId: string, init?: { signal?: AbortSignal }): Promise<string> {
  const res = await apiCall<{ model: { info: { experiment_id: string } } }>('GET', `mlflow/logged-models/${encodeURIComponent(modelId)}`, undefined, init);
  return res.model.info.experiment_id;
}
