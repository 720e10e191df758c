/**
 * The UI's one way to the server: typed calls to the same REST API the MLflow client uses, on the
 * /ajax-api prefix. Client-safe: imports nothing from server/.
 */
export interface WireExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time?: number;
  last_update_time?: number;
  tags?: { key: string; value: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: Record<string, unknown>): Promise<T> {
  const url = `/ajax-api/2.0/mlflow/${path}`;
  const response = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : undefined,
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError(String(json.error_code ?? 'INTERNAL_ERROR'), String(json.message ?? response.statusText), response.status);
  }
  return json as T;
}

export async function searchExperiments(params: { filter?: string; maxResults?: number; pageToken?: string } = {}) {
  const res = await call<{ experiments?: WireExperiment[]; next_page_token?: string }>('POST', 'experiments/search', {
    filter: params.filter,
    max_results: params.maxResults ?? 1000,
    page_token: params.pageToken,
    order_by: ['name ASC'],
  });
  return { experiments: res.experiments ?? [], nextPageToken: res.next_page_token };
}
