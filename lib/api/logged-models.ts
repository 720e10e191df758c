/**
 * MLflow 3 logged models (reference §4): search, get, and a model's artifacts. The wire type
 * `WireLoggedModel` lives in ./types with the other MLflow shapes.
 */
import { apiCall, queryString } from './http';
import type { WireFileInfo, WireLoggedModel } from './types';

export type LoggedModelStatus = 'LOGGED_MODEL_STATUS_UNSPECIFIED' | 'LOGGED_MODEL_PENDING' | 'LOGGED_MODEL_READY' | 'LOGGED_MODEL_UPLOAD_FAILED';

/** One `order_by` term: logged-model search takes structured terms, not strings (§7.5). */
export interface LoggedModelOrder {
  /** An attribute (`name`, `creation_time`, …) or `metrics.<key>`. */
  fieldName: string;
  ascending: boolean;
  datasetName?: string;
  datasetDigest?: string;
}

export interface LoggedModelQuery {
  experimentIds: string[];
  /** The logged-models filter DSL (`metrics.acc > 0.9 AND params.lr = '0.01'`), as typed. */
  filter?: string;
  orderBy?: LoggedModelOrder[];
}

export interface LoggedModelPage {
  models: WireLoggedModel[];
  nextPageToken?: string;
}

/** Rows per page in the UI (the MLflow client's default is 50; Runboard accepts up to 1000). */
export const LOGGED_MODEL_PAGE_SIZE = 100;

/**
 * One page of an experiment's logged models. A bad filter throws ApiError INVALID_PARAMETER_VALUE
 * whose message says where the filter is wrong.
 */
export async function searchLoggedModels(
  q: LoggedModelQuery,
  page: { maxResults?: number; pageToken?: string } = {},
  init?: { signal?: AbortSignal },
): Promise<LoggedModelPage> {
  const res = await apiCall<{ models?: WireLoggedModel[]; next_page_token?: string }>(
    'POST',
    'mlflow/logged-models/search',
    {
      experiment_ids: q.experimentIds,
      filter: q.filter?.trim() || undefined,
      order_by: q.orderBy?.map((o) => ({
        field_name: o.fieldName,
        ascending: o.ascending,
        dataset_name: o.datasetName,
        dataset_digest: o.datasetDigest,
      })),
      max_results: page.maxResults ?? LOGGED_MODEL_PAGE_SIZE,
      page_token: page.pageToken,
    },
    init,
  );
  return { models: res.models ?? [], nextPageToken: res.next_page_token || undefined };
}

/** A logged model by id; `allowDeleted` also finds a soft-deleted one. Unknown → RESOURCE_DOES_NOT_EXIST. */
export async function getLoggedModel(modelId: string, opts: { allowDeleted?: boolean } = {}, init?: { signal?: AbortSignal }): Promise<WireLoggedModel> {
  const res = await apiCall<{ model: WireLoggedModel }>(
    'GET',
    `mlflow/logged-models/${encodeURIComponent(modelId)}`,
    opts.allowDeleted ? { allow_deleted: true } : undefined,
    init,
  );
  return res.model;
}

/** One folder of a logged model's artifacts; paths are relative to the model's artifact root. */
export async function listLoggedModelArtifacts(
  modelId: string,
  path?: string,
  init?: { signal?: AbortSignal },
): Promise<{ rootUri: string; files: WireFileInfo[] }> {
  const files: WireFileInfo[] = [];
  let rootUri = '';
  let pageToken: string | undefined;
  // The endpoint may page (`next_page_token`); a folder is shown whole, so follow every page.
  for (let guard = 0; guard < 100; guard += 1) {
    const res = await apiCall<{ root_uri?: string; files?: WireFileInfo[]; next_page_token?: string }>(
      'GET',
      `mlflow/logged-models/${encodeURIComponent(modelId)}/artifacts/directories`,
      { artifact_directory_path: path || undefined, page_token: pageToken },
      init,
    );
    rootUri = res.root_uri ?? rootUri;
    files.push(...(res.files ?? []));
    pageToken = res.next_page_token || undefined;
    if (!pageToken) break;
  }
  return { rootUri, files };
}

/** URL of one file of a logged model (MLflow's route for it; HTTP Range works for previews). */
export function loggedModelArtifactUrl(model: { model_id: string }, path: string): string {
  return `/ajax-api/2.0/mlflow/logged-models/${encodeURIComponent(model.model_id)}/artifacts/files${queryString({ artifact_file_path: path })}`;
}

/** URL of a logged model's folder (or all its files) as one zip. */
export function loggedModelZipUrl(model: { model_id: string }, path: string): string {
  return `/ajax-api/2.0/runboard/logged-models/artifacts/zip${queryString({ model_id: model.model_id, path: path || undefined })}`;
}
