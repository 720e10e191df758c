/**
 * The UI's transport: JSON calls to the REST API on the /ajax-api prefix, errors as ApiError
 * carrying MLflow's error_code. Client-safe: imports nothing from server/.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** `a=1&b=x&b=y`: arrays become repeated keys, undefined values are left out. */
export function queryString(query: Query): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, v));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The URL of an API call (`path` after /ajax-api/2.0/, e.g. `mlflow/runs/get`), with its query. */
export function apiUrl(path: string, query?: Query): string {
  return `/ajax-api/2.0/${path}${query ? queryString(query) : ''}`;
}

export async function apiCall<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  payload?: Query | Record<string, unknown>,
  init?: { signal?: AbortSignal },
): Promise<T> {
  const isGet = method === 'GET';
  const url = isGet ? apiUrl(path, payload as Query | undefined) : apiUrl(path);
  const response = await fetch(url, {
    method,
    headers: !isGet && payload ? { 'content-type': 'application/json' } : undefined,
    body: !isGet && payload ? JSON.stringify(payload) : undefined,
    signal: init?.signal,
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    throw new ApiError(String(json.error_code ?? 'INTERNAL_ERROR'), String(json.message ?? response.statusText), response.status);
  }
  return json as T;
}
