import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoint, type Endpoint } from '@/server/http/endpoint';
import { Router } from '@/server/http/router';

const noop = async () => ({});

function fake(method: Endpoint['method'], version: 2 | 3, path: string): Endpoint {
  return endpoint({ method, version, path, request: z.object({}), handle: noop }) as Endpoint;
}

const getRun = fake('GET', 2, '/mlflow/runs/get');
const searchPost = fake('POST', 2, '/mlflow/experiments/search');
const searchGet = fake('GET', 2, '/mlflow/experiments/search');
const serverInfo = fake('GET', 3, '/mlflow/server-info');
const download = fake('GET', 2, '/mlflow-artifacts/artifacts/{path...}');
const upload = fake('PUT', 2, '/mlflow-artifacts/artifacts/{path...}');
const byId = fake('GET', 2, '/mlflow/things/{id}/detail');
const dotted = fake('GET', 2, '/mlflow/a.b');

const router = new Router([getRun, searchPost, searchGet, serverInfo, download, upload, byId, dotted]);

describe('Router', () => {
  it('finds an endpoint under /api/<version>.0 + its path', () => {
    const m = router.match('GET', '/api/2.0/mlflow/runs/get');
    expect(m).toEqual({ kind: 'found', endpoint: getRun, pathParams: {} });
  });

  it('serves an endpoint only under its own major version', () => {
    expect(router.match('GET', '/api/3.0/mlflow/server-info')).toMatchObject({ kind: 'found', endpoint: serverInfo });
    expect(router.match('GET', '/api/2.0/mlflow/server-info')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/api/3.0/mlflow/runs/get')).toEqual({ kind: 'none' });
  });

  it('does not match paths with a missing prefix, a trailing segment or a trailing slash', () => {
    expect(router.match('GET', '/mlflow/runs/get')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/api/2.0/mlflow/runs/get/extra')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/api/2.0/mlflow/runs/get/')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/api/2.0/mlflow/runs')).toEqual({ kind: 'none' });
  });

  it('picks the endpoint declared for the request method when a path has two', () => {
    expect(router.match('POST', '/api/2.0/mlflow/experiments/search')).toMatchObject({ kind: 'found', endpoint: searchPost });
    expect(router.match('GET', '/api/2.0/mlflow/experiments/search')).toMatchObject({ kind: 'found', endpoint: searchGet });
  });

  it('reports a known path with the wrong method, listing the allowed methods', () => {
    expect(router.match('POST', '/api/2.0/mlflow/runs/get')).toEqual({ kind: 'wrong-method', allowed: ['GET'] });
    expect(router.match('DELETE', '/api/2.0/mlflow/experiments/search')).toEqual({
      kind: 'wrong-method',
      allowed: ['POST', 'GET'],
    });
  });

  it('captures a greedy {path...} parameter across slashes, still undecoded', () => {
    const m = router.match('GET', '/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/dir/my%20file.txt');
    expect(m).toEqual({ kind: 'found', endpoint: download, pathParams: { path: '1/abc/artifacts/dir/my%20file.txt' } });
    expect(router.match('PUT', '/api/2.0/mlflow-artifacts/artifacts/x.bin')).toMatchObject({ endpoint: upload, pathParams: { path: 'x.bin' } });
  });

  it('captures a single {name} parameter within one segment only', () => {
    expect(router.match('GET', '/api/2.0/mlflow/things/42/detail')).toEqual({ kind: 'found', endpoint: byId, pathParams: { id: '42' } });
    expect(router.match('GET', '/api/2.0/mlflow/things/4/2/detail')).toEqual({ kind: 'none' });
  });

  it('treats regex metacharacters in declared paths literally', () => {
    expect(router.match('GET', '/api/2.0/mlflow/a.b')).toMatchObject({ kind: 'found', endpoint: dotted });
    expect(router.match('GET', '/api/2.0/mlflow/aXb')).toEqual({ kind: 'none' });
    expect(router.match('GET', '/api/2X0/mlflow/runs/get')).toEqual({ kind: 'none' });
  });
});
