import { apiCall } from './http';
import type { ViewType, WireExperiment } from './types';

export async function searchExperiments(
  params: { filter?: string; viewType?: ViewType; maxResults?: number; pageToken?: string; orderBy?: string[] } = {},
) {
  const res = await apiCall<{ experiments?: WireExperiment[]; next_page_token?: string }>('POST', 'mlflow/experiments/search', {
    filter: params.filter || undefined,
    view_type: params.viewType ?? 'ACTIVE_ONLY',
    max_results: params.maxResults ?? 1000,
    page_token: params.pageToken,
    order_by: params.orderBy ?? ['name ASC'],
  });
  return { experiments: res.experiments ?? [], nextPageToken: res.next_page_token };
}

export async function getExperiment(experimentId: string): Promise<WireExperiment> {
  return (await apiCall<{ experiment: WireExperiment }>('GET', 'mlflow/experiments/get', { experiment_id: experimentId })).experiment;
}

export async function createExperiment(name: string): Promise<string> {
  return (await apiCall<{ experiment_id: string }>('POST', 'mlflow/experiments/create', { name })).experiment_id;
}

export async function renameExperiment(experimentId: string, newName: string): Promise<void> {
  await apiCall('POST', 'mlflow/experiments/update', { experiment_id: experimentId, new_name: newName });
}

export async function deleteExperiment(experimentId: string): Promise<void> {
  await apiCall('POST', 'mlflow/experiments/delete', { experiment_id: experimentId });
}

export async function restoreExperiment(experimentId: string): Promise<void> {
  await apiCall('POST', 'mlflow/experiments/restore', { experiment_id: experimentId });
}

export interface ExperimentRunCounts {
  experiment_id: string;
  active: number;
  deleted: number;
}

/** Runboard extension: active and deleted run counts per experiment, in one query. */
export async function getExperimentRunCounts(experimentIds: string[]): Promise<ExperimentRunCounts[]> {
  if (experimentIds.length === 0) return [];
  return (await apiCall<{ counts?: ExperimentRunCounts[] }>('POST', 'runboard/experiments/run-counts', { experiment_ids: experimentIds })).counts ?? [];
}
