import { apiCall, apiUrl } from './http';
import type { RunStatus, TableRun, ViewType, WireRun } from './types';

export async function getRun(runId: string, init?: { signal?: AbortSignal }): Promise<WireRun> {
  return (await apiCall<{ run: WireRun }>('GET', 'mlflow/runs/get', { run_id: runId }, init)).run;
}

/** The URL `getRun` fetches: a page can have the browser preload it while its scripts load. */
export function getRunUrl(runId: string): string {
  return apiUrl('mlflow/runs/get', { run_id: runId });
}

export interface RunTableQuery {
  experimentIds: string[];
  /** The MLflow filter DSL, as typed by the user. */
  filter?: string;
  /**
   * MLflow order_by terms (`metrics.\`loss\` ASC`, `attributes.start_time DESC`), plus Runboard's
   * `min(metrics.\`loss\`) ASC` / `max(...)` to sort by a metric's smallest or largest value.
   */
  orderBy?: string[];
  viewType?: ViewType;
  /** Only runs without a parent (children come with `parentRunId`). */
  topLevelOnly?: boolean;
  /** Only the direct children of this run. */
  parentRunId?: string;
  /** Statuses to keep (quick filter); absent or empty keeps all. */
  statuses?: RunStatus[];
}

export interface RunTablePage {
  runs: TableRun[];
  nextPageToken?: string;
}

function tableBody(q: RunTableQuery) {
  return {
    experiment_ids: q.experimentIds,
    filter: q.filter || undefined,
    order_by: q.orderBy,
    run_view_type: q.viewType ?? 'ACTIVE_ONLY',
    top_level_only: q.topLevelOnly || undefined,
    parent_run_id: q.parentRunId,
    statuses: q.statuses?.length ? q.statuses : undefined,
  };
}

/**
 * Runboard extension: one page of the runs table. Continue with `pageToken` (keyset); jump to a
 * far row with `offset` (used only when the user drags the scrollbar beyond loaded pages).
 * A bad filter throws ApiError with code INVALID_PARAMETER_VALUE and a message saying what is wrong.
 */
export async function searchRunTable(
  q: RunTableQuery,
  page: { maxResults: number; pageToken?: string; offset?: number },
  init?: { signal?: AbortSignal },
): Promise<RunTablePage> {
  const res = await apiCall<{ runs?: TableRun[]; next_page_token?: string }>(
    'POST',
    'runboard/runs/table',
    { ...tableBody(q), max_results: page.maxResults, page_token: page.pageToken, offset: page.offset },
    init,
  );
  return { runs: res.runs ?? [], nextPageToken: res.next_page_token };
}

/** Runboard extension: how many runs the same query matches (for the scrollbar and the header). */
export async function countRunTable(q: RunTableQuery, init?: { signal?: AbortSignal }): Promise<number> {
  return (await apiCall<{ count: number }>('POST', 'runboard/runs/count', tableBody(q), init)).count;
}

/** Runboard extension: the distinct param, metric and tag keys of the runs in these experiments. */
export async function getRunKeys(experimentIds: string[]): Promise<{ params: string[]; metrics: string[]; tags: string[] }> {
  const res = await apiCall<{ params?: string[]; metrics?: string[]; tags?: string[] }>('POST', 'runboard/runs/keys', {
    experiment_ids: experimentIds,
  });
  return { params: res.params ?? [], metrics: res.metrics ?? [], tags: res.tags ?? [] };
}

export async function setRunTag(runId: string, key: string, value: string): Promise<void> {
  await apiCall('POST', 'mlflow/runs/set-tag', { run_id: runId, key, value });
}

export async function deleteRunTag(runId: string, key: string): Promise<void> {
  await apiCall('POST', 'mlflow/runs/delete-tag', { run_id: runId, key });
}

export async function deleteRun(runId: string): Promise<void> {
  await apiCall('POST', 'mlflow/runs/delete', { run_id: runId });
}

export async function restoreRun(runId: string): Promise<void> {
  await apiCall('POST', 'mlflow/runs/restore', { run_id: runId });
}

export async function renameRun(runId: string, runName: string): Promise<void> {
  await apiCall('POST', 'mlflow/runs/update', { run_id: runId, run_name: runName });
}
