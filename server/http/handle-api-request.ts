import { MlflowError } from '../errors';
import { allEndpoints } from '../endpoints';
import { DEFAULT_MAX_BODY_BYTES, queryToMessage, readJsonBody, validateMessage } from './parse-request';
import { Router } from './router';

let router: Router | undefined;

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

export function errorResponse(error: MlflowError): Response {
  return jsonResponse(error.toJSON(), error.status);
}

/** `/ajax-api/2.0/x` is served exactly like `/api/2.0/x`; MLflow's `/get-artifact` is a run artifact download. */
function apiPath(pathname: string): string {
  if (pathname === '/get-artifact') return '/api/2.0/runboard/artifacts/file';
  return pathname.startsWith('/ajax-api/') ? `/api/${pathname.slice('/ajax-api/'.length)}` : pathname;
}

function decodePathParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MlflowError('INVALID_PARAMETER_VALUE', `Malformed URL encoding in path segment ${JSON.stringify(value)}`);
  }
}

/**
 * The one entry point of the JSON API: routing, request parsing and validation, error mapping and
 * serialisation. Route files under app/ only forward to it.
 */
export async function handleApiRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = apiPath(url.pathname);
  try {
    router ??= new Router(allEndpoints);
    const match = router.match(request.method, path);
    if (match.kind === 'none') {
      throw new MlflowError('ENDPOINT_NOT_FOUND', `No API endpoint at ${request.method} ${url.pathname}`);
    }
    if (match.kind === 'wrong-method') {
      throw new MlflowError(
        'ENDPOINT_NOT_FOUND',
        `${url.pathname} does not accept ${request.method}; use ${match.allowed.join(' or ')}`,
      );
    }
    const { endpoint } = match;
    const pathParams = Object.fromEntries(
      Object.entries(match.pathParams).map(([k, v]) => [k, decodePathParam(v)]),
    );
    let message: Record<string, unknown> = queryToMessage(url.searchParams);
    if (endpoint.body !== 'raw' && request.method !== 'GET') {
      message = { ...message, ...(await readJsonBody(request, endpoint.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)) };
    }
    const input = validateMessage(endpoint.request, { ...message, ...pathParams });
    const result = await endpoint.handle(input, { request, pathParams });
    return result instanceof Response ? result : jsonResponse(result);
  } catch (error) {
    if (error instanceof MlflowError) return errorResponse(error);
    console.error(`[runboard] ${request.method} ${url.pathname} failed:`, error);
    return errorResponse(new MlflowError('INTERNAL_ERROR', 'Internal server error; see the server log for details'));
  }
}
