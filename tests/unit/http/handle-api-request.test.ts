import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ERROR_STATUS, MlflowError, type ErrorCode } from '@/server/errors';
import { endpoint, type Endpoint } from '@/server/http/endpoint';
import { bool, double, int64, repeated } from '@/server/wire/primitives';

// The wrapper against a small table of fake endpoints: what they receive and what they answer is
// all these tests look at, so the real routing, parsing, validation and error mapping are exercised.
const received: { message: unknown; pathParams: Record<string, string>; bodyUsed: boolean }[] = [];
const thrown: { error: unknown } = { error: undefined };

function record(message: unknown, ctx: { pathParams: Record<string, string>; request: Request }) {
  received.push({ message, pathParams: ctx.pathParams, bodyUsed: ctx.request.bodyUsed });
}

const fakeEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/echo',
    request: z.object({ id: z.string(), ids: repeated(z.string()).default([]), flag: bool.optional(), n: int64.optional() }),
    handle: async (m, ctx) => {
      record(m, ctx);
      return { echoed: m };
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/echo',
    request: z.object({ id: z.string().optional(), value: double.optional(), items: z.array(z.object({ v: double })).default([]) }),
    handle: async (m, ctx) => {
      record(m, ctx);
      return { echoed: { ...m, value: m.value === undefined ? undefined : String(m.value), items: m.items.map((i) => String(i.v)) } };
    },
  }),
  endpoint({
    method: 'DELETE',
    version: 2,
    path: '/mlflow/things/delete',
    request: z.object({ name: z.string() }),
    handle: async (m, ctx) => {
      record(m, ctx);
      return {};
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/small',
    request: z.object({ pad: z.string().optional() }),
    maxBodyBytes: 100,
    handle: async (m, ctx) => {
      record(m, ctx);
      return {};
    },
  }),
  endpoint({
    method: 'PUT',
    version: 2,
    path: '/mlflow/files/{path...}',
    request: z.object({ path: z.string() }),
    body: 'raw',
    handle: async (m, ctx) => {
      record(m, ctx);
      const text = await ctx.request.text();
      return new Response(`got ${text.length} bytes at ${m.path}`, { status: 201, headers: { 'content-type': 'text/plain' } });
    },
  }),
  endpoint({
    method: 'GET',
    version: 3,
    path: '/mlflow/items/{id}',
    request: z.object({ id: z.string() }),
    handle: async (m, ctx) => {
      record(m, ctx);
      return { id: m.id };
    },
  }),
  endpoint({
    method: 'POST',
    version: 2,
    path: '/mlflow/throw',
    request: z.object({}),
    handle: async () => {
      throw thrown.error;
    },
  }),
] as Endpoint[];

vi.mock('@/server/endpoints', () => ({ allEndpoints: fakeEndpoints }));

const { handleApiRequest } = await import('@/server/http/handle-api-request');

const HOST = 'http://localhost:5000';

function call(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  return handleApiRequest(new Request(`${HOST}${path}`, { method, body, headers: { 'content-type': 'application/json', ...headers } }));
}

async function errorOf(res: Response): Promise<{ error_code: string; message: string }> {
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as { error_code: string; message: string };
  expect(Object.keys(body).sort()).toEqual(['error_code', 'message']);
  return body;
}

afterEach(() => {
  received.length = 0;
  thrown.error = undefined;
  vi.restoreAllMocks();
});

describe('handleApiRequest: routing', () => {
  it('answers a known route with 200 and the JSON-serialised response message', async () => {
    const res = await call('GET', '/api/2.0/mlflow/echo?id=a');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ echoed: { id: 'a', ids: [] } });
  });

  it('serves /ajax-api/<v>.0/... exactly like /api/<v>.0/...', async () => {
    const api = await call('GET', '/api/2.0/mlflow/echo?id=a&ids=x');
    const ajax = await call('GET', '/ajax-api/2.0/mlflow/echo?id=a&ids=x');
    expect(ajax.status).toBe(200);
    expect(await ajax.json()).toEqual(await api.json());
    const v3 = await call('GET', '/ajax-api/3.0/mlflow/items/7');
    expect(v3.status).toBe(200);
    expect(await v3.json()).toEqual({ id: '7' });
  });

  it('answers an unknown route with 404 ENDPOINT_NOT_FOUND, never RESOURCE_DOES_NOT_EXIST', async () => {
    for (const path of ['/api/2.0/mlflow/nope', '/ajax-api/2.0/mlflow/nope', '/api/9.0/mlflow/echo', '/api/2.0/mlflow/echo/extra']) {
      const res = await call('GET', path);
      expect(res.status).toBe(404);
      const body = await errorOf(res);
      expect(body.error_code).toBe('ENDPOINT_NOT_FOUND');
      expect(body.message).toContain(new URL(`${HOST}${path}`).pathname);
    }
  });

  it('answers a known path with a method it does not accept with 404 ENDPOINT_NOT_FOUND naming the allowed methods', async () => {
    const res = await call('PATCH', '/api/2.0/mlflow/echo', '{}');
    expect(res.status).toBe(404);
    const body = await errorOf(res);
    expect(body.error_code).toBe('ENDPOINT_NOT_FOUND');
    expect(body.message).toContain('PATCH');
    expect(body.message).toContain('GET or POST');
    expect(received).toHaveLength(0);
  });

  it('decodes path parameters before validation and hands them to the endpoint', async () => {
    const res = await call('GET', '/api/3.0/mlflow/items/a%20b%2Fc');
    expect(await res.json()).toEqual({ id: 'a b/c' });
    expect(received[0].pathParams).toEqual({ id: 'a b/c' });
  });

  it('answers a malformed percent-encoding in a path parameter with 400 INVALID_PARAMETER_VALUE', async () => {
    const res = await call('GET', '/api/3.0/mlflow/items/%E0%A4%A');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(received).toHaveLength(0);
  });

  it('lets path parameters override same-named query or body fields', async () => {
    await call('GET', '/api/3.0/mlflow/items/from-path?id=from-query');
    expect(received[0].message).toEqual({ id: 'from-path' });
  });
});

describe('handleApiRequest: GET query strings', () => {
  it('turns repeated keys into lists and accepts a single occurrence as a one-element list', async () => {
    const many = await call('GET', '/api/2.0/mlflow/echo?id=a&ids=x&ids=y&ids=z');
    expect(((await many.json()) as { echoed: { ids: string[] } }).echoed.ids).toEqual(['x', 'y', 'z']);
    const one = await call('GET', '/api/2.0/mlflow/echo?id=a&ids=x');
    expect(((await one.json()) as { echoed: { ids: string[] } }).echoed.ids).toEqual(['x']);
  });

  it('parses Python-style booleans and int64 strings from the query string', async () => {
    const res = await call('GET', '/api/2.0/mlflow/echo?id=a&flag=True&n=42');
    expect(((await res.json()) as { echoed: unknown }).echoed).toEqual({ id: 'a', ids: [], flag: true, n: 42 });
  });

  it('ignores any body on GET', async () => {
    const res = await handleApiRequest(new Request(`${HOST}/api/2.0/mlflow/echo?id=q`, { method: 'GET' }));
    expect(res.status).toBe(200);
    expect(received[0].bodyUsed).toBe(false);
  });

  it('answers a missing required query parameter with 400 "Missing value for required parameter"', async () => {
    const res = await call('GET', '/api/2.0/mlflow/echo');
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(body.message).toMatch(/^Missing value for required parameter 'id'/);
    expect(received).toHaveLength(0);
  });

  it('answers an unparseable boolean or integer with 400 "Invalid value"', async () => {
    for (const q of ['flag=maybe', 'n=1.5', 'n=abc']) {
      const res = await call('GET', `/api/2.0/mlflow/echo?id=a&${q}`);
      expect(res.status).toBe(400);
      const body = await errorOf(res);
      expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(body.message).toMatch(/^Invalid value /);
    }
  });
});

describe('handleApiRequest: JSON bodies', () => {
  it('reads an empty body as {}', async () => {
    const res = await call('POST', '/api/2.0/mlflow/echo', '');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echoed: { items: [] } });
  });

  it('decodes a double-encoded JSON body', async () => {
    const res = await call('POST', '/api/2.0/mlflow/echo', JSON.stringify(JSON.stringify({ id: 'dbl' })));
    expect(res.status).toBe(200);
    expect(received[0].message).toEqual({ id: 'dbl', items: [] });
  });

  it('accepts non-finite doubles as protobuf strings and as bare tokens', async () => {
    const res = await call('POST', '/api/2.0/mlflow/echo', '{"value": NaN, "items": [{"v": "Infinity"}, {"v": -Infinity}, {"v": "-Infinity"}, {"v": 2}]}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echoed: { value: 'NaN', items: ['Infinity', '-Infinity', '-Infinity', '2'] } });
  });

  it('merges query-string fields under the body fields', async () => {
    await call('POST', '/api/2.0/mlflow/echo?id=from-query', '{"value": 1}');
    expect(received[0].message).toEqual({ id: 'from-query', value: 1, items: [] });
    received.length = 0;
    await call('POST', '/api/2.0/mlflow/echo?id=from-query', '{"id": "from-body"}');
    expect(received[0].message).toMatchObject({ id: 'from-body' });
  });

  it('reads the JSON body of DELETE requests too', async () => {
    const res = await call('DELETE', '/api/2.0/mlflow/things/delete', '{"name": "m"}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(received[0].message).toEqual({ name: 'm' });
  });

  it('answers malformed JSON with 400 BAD_REQUEST', async () => {
    const res = await call('POST', '/api/2.0/mlflow/echo', '{"id": ');
    expect(res.status).toBe(400);
    expect((await errorOf(res)).error_code).toBe('BAD_REQUEST');
  });

  for (const body of ['[1, 2]', '42', '"just a string"', 'true']) {
    it(`answers a JSON body that is not an object (${body}) with 400 BAD_REQUEST`, async () => {
      const res = await call('POST', '/api/2.0/mlflow/echo', body);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).error_code).toBe('BAD_REQUEST');
      expect(received).toHaveLength(0);
    });
  }

  it('treats a JSON null member as an absent field, as protobuf JSON does', async () => {
    const res = await call('POST', '/api/2.0/mlflow/echo', '{"id": null, "value": 2, "items": null}');
    expect(res.status).toBe(200);
    expect(received[0].message).toEqual({ value: 2, items: [] });
  });

  it('answers a wrongly typed field with 400 "Invalid value ... for parameter"', async () => {
    const res = await call('POST', '/api/2.0/mlflow/echo', '{"value": true}');
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(body.message).toMatch(/^Invalid value true for parameter 'value' supplied/);
  });

  it('enforces the endpoint body limit with 400 INVALID_PARAMETER_VALUE, before the endpoint runs', async () => {
    const ok = await call('POST', '/api/2.0/mlflow/small', JSON.stringify({ pad: 'x'.repeat(80) }));
    expect(ok.status).toBe(200);
    const res = await call('POST', '/api/2.0/mlflow/small', JSON.stringify({ pad: 'x'.repeat(100) }));
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
    expect(body.message).toContain('100 bytes');
    expect(received).toHaveLength(1);
  });

  it('leaves a raw body unread for the endpoint and passes its Response through untouched', async () => {
    const res = await call('PUT', '/api/2.0/mlflow/files/dir/a%20b.bin', 'not json {', { 'content-type': 'application/octet-stream' });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('got 10 bytes at dir/a b.bin');
    expect(received[0].bodyUsed).toBe(false);
  });
});

describe('handleApiRequest: errors', () => {
  const codes = Object.keys(ERROR_STATUS) as ErrorCode[];

  it.each(codes)('maps an MlflowError %s to its HTTP status and a {error_code, message} body', async (code) => {
    thrown.error = new MlflowError(code, `something about ${code}`);
    const res = await call('POST', '/api/2.0/mlflow/throw', '{}');
    expect(res.status).toBe(ERROR_STATUS[code]);
    expect(await errorOf(res)).toEqual({ error_code: code, message: `something about ${code}` });
  });

  it('keeps MLflow statuses for the codes the client depends on', () => {
    expect(ERROR_STATUS).toMatchObject({
      INVALID_PARAMETER_VALUE: 400,
      BAD_REQUEST: 400,
      RESOURCE_ALREADY_EXISTS: 400,
      RESOURCE_DOES_NOT_EXIST: 404,
      ENDPOINT_NOT_FOUND: 404,
      INTERNAL_ERROR: 500,
      NOT_IMPLEMENTED: 501,
      TEMPORARILY_UNAVAILABLE: 503,
    });
  });

  it('turns any other exception into 500 INTERNAL_ERROR without leaking its message or stack', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const secret = new Error('connection to db at postgres://user:hunter2@host failed');
    thrown.error = secret;
    const res = await call('POST', '/api/2.0/mlflow/throw', '{}');
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text) as { error_code: string; message: string };
    expect(body.error_code).toBe('INTERNAL_ERROR');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('at ');
    expect(text).not.toMatch(/\.ts:\d+/);
    // The details go to the server log instead.
    expect(log).toHaveBeenCalled();
    expect(log.mock.calls.flat()).toContain(secret);
  });

  it('answers with 500 JSON even when something that is not an Error is thrown', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    thrown.error = 'a string';
    const res = await call('POST', '/api/2.0/mlflow/throw', '{}');
    expect(res.status).toBe(500);
    expect((await errorOf(res)).error_code).toBe('INTERNAL_ERROR');
  });
});
