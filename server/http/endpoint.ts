import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestContext {
  /** The incoming request; endpoints with `body: 'raw'` read its stream themselves. */
  request: Request;
  /** Values of `{name}` / `{name...}` segments of the endpoint path. */
  pathParams: Record<string, string>;
}

/**
 * One API operation: where it lives, what its request looks like, and what it does. `handle`
 * receives the validated request message and returns the response message (snake_case, already
 * mapped by server/wire) or a ready `Response` for raw bodies such as artifact downloads.
 */
export interface Endpoint<S extends z.ZodType = z.ZodType> {
  method: HttpMethod;
  /** API major version the path is served under: /api/<version>.0 and /ajax-api/<version>.0. */
  version: 2 | 3;
  /** Path after the version prefix, e.g. `/mlflow/runs/get` or `/mlflow-artifacts/artifacts/{path...}`. */
  path: string;
  request: S;
  /** `json` (default): query string on GET, JSON body otherwise. `raw`: body left unread. */
  body?: 'json' | 'raw';
  /** Largest accepted JSON body, in bytes. */
  maxBodyBytes?: number;
  handle(request: z.output<S>, ctx: RequestContext): Promise<object | Response>;
}

/** Declares an endpoint with its request type inferred from the schema. */
export function endpoint<S extends z.ZodType>(e: Endpoint<S>): Endpoint<S> {
  return e;
}
