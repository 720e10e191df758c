import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { RunInfo } from '@/lib/domain';

// The proxy stores into a fresh directory; config is read lazily, on the first request.
const destination = mkdtempSync(path.join(tmpdir(), 'runboard-proxy-'));
process.env.MLFLOW_ARTIFACTS_DESTINATION = destination;
process.env.MLFLOW_SERVE_ARTIFACTS = 'true';
delete process.env.MLFLOW_DEFAULT_ARTIFACT_ROOT;

const runs = new Map<string, RunInfo>();

// Only the artifact routes, and a tracking store that knows the runs above: these tests exercise
// the real wrapper, router, endpoints, services and disk, nothing of the database.
vi.mock('@/server/endpoints', async () => ({
  allEndpoints: (await import('@/server/endpoints/artifacts')).artifactEndpoints,
}));
vi.mock('@/server/store', () => ({
  getTrackingStore: async () => ({ getRunInfo: async (id: string) => runs.get(id) ?? null }),
}));

const { handleApiRequest } = await import('@/server/http/handle-api-request');
const { getConfig } = await import('@/server/config');

const BASE = 'http://localhost:5000/api/2.0/mlflow-artifacts';

function put(relUrl: string, body: BodyInit | ReadableStream<Uint8Array> | null): Promise<Response> {
  const init = { method: 'PUT', body, duplex: 'half', headers: { 'content-type': 'application/octet-stream' } };
  return handleApiRequest(new Request(`${BASE}/artifacts/${relUrl}`, init as RequestInit));
}

function call(method: string, url: string, body?: string): Promise<Response> {
  return handleApiRequest(new Request(url, { method, body, headers: body ? { 'content-type': 'application/json' } : {} }));
}

function streamOf(data: Uint8Array, chunk = 1 << 20): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.byteLength) return controller.close();
      controller.enqueue(data.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

afterAll(async () => {
  await rm(destination, { recursive: true, force: true });
});

describe('artifact proxy', () => {
  it('PUT stores the streamed body and answers {}; GET streams it back with download headers', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    const up = await put('1/run-a/artifacts/data/big.bin', streamOf(data));
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({});
    expect((await readFile(path.join(destination, '1/run-a/artifacts/data/big.bin'))).equals(data)).toBe(true);

    const down = await call('GET', `${BASE}/artifacts/1/run-a/artifacts/data/big.bin`);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-length')).toBe(String(data.byteLength));
    expect(down.headers.get('content-type')).toBe('application/octet-stream');
    expect(down.headers.get('content-disposition')).toBe(`attachment; filename="big.bin"; filename*=UTF-8''big.bin`);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await down.arrayBuffer()).equals(data)).toBe(true);
  });

  it('guesses the MIME type from the extension', async () => {
    await put('mime/MLmodel', 'flavors: {}\n');
    await put('mime/notes.txt', 'hello');
    await put('mime/metrics.json', '{}');
    await put('mime/plot.png', new Uint8Array([137, 80, 78, 71]));
    const types = await Promise.all(
      ['MLmodel', 'notes.txt', 'metrics.json', 'plot.png'].map(async (f) => (await call('GET', `${BASE}/artifacts/mime/${f}`)).headers.get('content-type')),
    );
    expect(types).toEqual(['text/plain', 'text/plain', 'application/json', 'image/png']);
  });

  it('encodes a non-ASCII or quote-bearing file name safely in Content-Disposition', async () => {
    const name = 'résumé "final".txt';
    expect((await put(`names/${encodeURIComponent(name)}`, 'x')).status).toBe(200);
    const down = await call('GET', `${BASE}/artifacts/names/${encodeURIComponent(name)}`);
    expect(down.status).toBe(200);
    expect(down.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ _final_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.txt`,
    );
  });

  it('keeps a file name containing an encoded percent sign literally', async () => {
    expect((await put('names/100%25.txt', 'full')).status).toBe(200);
    expect(await readFile(path.join(destination, 'names/100%.txt'), 'utf8')).toBe('full');
    expect(await (await call('GET', `${BASE}/artifacts/names/100%25.txt`)).text()).toBe('full');
  });

  it('GET of a missing file is RESOURCE_DOES_NOT_EXIST 404 JSON', async () => {
    const res = await call('GET', `${BASE}/artifacts/nope/missing.txt`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('lists one directory with basenames, is_dir and sizes', async () => {
    await put('2/run-b/artifacts/model/MLmodel', 'flavors: {}\n');
    await put('2/run-b/artifacts/model/sub/x.txt', 'xx');
    await put('2/run-b/artifacts/a.txt', 'abc');

    const top = await call('GET', `${BASE}/artifacts?path=2/run-b/artifacts`);
    expect(top.status).toBe(200);
    expect(await top.json()).toEqual({
      files: [
        { path: 'a.txt', is_dir: false, file_size: 3 },
        { path: 'model', is_dir: true },
      ],
    });
    const model = await call('GET', `${BASE}/artifacts?path=2%2Frun-b%2Fartifacts%2Fmodel`);
    expect(await model.json()).toEqual({
      files: [
        { path: 'MLmodel', is_dir: false, file_size: 12 },
        { path: 'sub', is_dir: true },
      ],
    });
  });

  it('lists a missing directory as {} with 200', async () => {
    const res = await call('GET', `${BASE}/artifacts?path=does/not/exist`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });

  it('lists the root when path is absent or empty', async () => {
    const names = async (url: string) => ((await (await call('GET', url)).json()).files as { path: string }[]).map((f) => f.path);
    expect(await names(`${BASE}/artifacts`)).toContain('1');
    expect(await names(`${BASE}/artifacts?path=`)).toContain('2');
  });

  it('DELETE removes a whole tree and answers {}; deleting again still succeeds', async () => {
    await put('3/run-c/artifacts/m/a.txt', 'a');
    await put('3/run-c/artifacts/m/b/c.txt', 'c');
    const res = await call('DELETE', `${BASE}/artifacts/3/run-c/artifacts/m`, '{}');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await (await call('GET', `${BASE}/artifacts?path=3/run-c/artifacts`)).json()).toEqual({});
    expect((await call('DELETE', `${BASE}/artifacts/3/run-c/artifacts/m`)).status).toBe(200);
  });

  it.each(['create', 'complete', 'abort'])('mpu/%s answers 501 NOT_IMPLEMENTED with the fallback message', async (step) => {
    const res = await call('POST', `${BASE}/mpu/${step}/1/run-a/artifacts/big.bin`, JSON.stringify({ path: 'big.bin', num_parts: 3 }));
    expect(res.status).toBe(501);
    const body = await res.json();
    expect(body.error_code).toBe('NOT_IMPLEMENTED');
    expect(body.message.startsWith('Multipart upload is not supported for the current artifact repository')).toBe(true);
  });

  describe('path safety', () => {
    it.each([
      ['%252e%252e/escape.txt'],
      ['a%2F..%2F..%2Fescape.txt'],
      ['%2Fetc%2Fescape.txt'],
      ['a%5C..%5Cescape.txt'],
      ['a%23b.txt'],
      ['a%00b.txt'],
    ])('PUT, GET and DELETE refuse %s with 400 INVALID_PARAMETER_VALUE', async (bad) => {
      for (const res of [
        await put(bad, 'x'),
        await call('GET', `${BASE}/artifacts/${bad}`),
        await call('DELETE', `${BASE}/artifacts/${bad}`),
      ]) {
        expect(res.status).toBe(400);
        const body = await res.json();
        expect(body.error_code).toBe('INVALID_PARAMETER_VALUE');
        expect(body.message).toMatch(/^Invalid path/);
      }
      expect(await readFile(path.join(destination, '..', 'escape.txt')).catch(() => null)).toBeNull();
    });

    it.each(['../x', '%2e%2e/x', '/etc', 'C:\\x'])('list refuses ?path=%s', async (bad) => {
      const res = await call('GET', `${BASE}/artifacts?path=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
    });

    it('refuses PUT and DELETE without a path', async () => {
      expect((await put('', 'x')).status).toBe(400);
      expect((await call('DELETE', `${BASE}/artifacts/`)).status).toBe(400);
      expect((await call('GET', `${BASE}/artifacts?path=`)).status).toBe(200);
    });
  });

  describe('with --no-serve-artifacts', () => {
    afterEach(() => {
      getConfig().serveArtifacts = true;
    });

    it('answers every proxy route with 503 plain text', async () => {
      getConfig().serveArtifacts = false;
      const responses = [
        await put('1/x.txt', 'x'),
        await call('GET', `${BASE}/artifacts/1/run-a/artifacts/data/big.bin`),
        await call('GET', `${BASE}/artifacts?path=1`),
        await call('DELETE', `${BASE}/artifacts/1`),
        await call('POST', `${BASE}/mpu/create/1/x.bin`, '{}'),
        await call('POST', `${BASE}/mpu/complete/1/x.bin`, '{}'),
        await call('POST', `${BASE}/mpu/abort/1/x.bin`, '{}'),
      ];
      for (const res of responses) {
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(await res.text()).toMatch(/does not serve artifacts/);
      }
      expect(await readFile(path.join(destination, '1/x.txt')).catch(() => null)).toBeNull();
    });
  });
});

describe('GET /api/2.0/mlflow/artifacts/list', () => {
  const LIST = 'http://localhost:5000/api/2.0/mlflow/artifacts/list';

  function addRun(runId: string, artifactUri: string) {
    runs.set(runId, {
      runId,
      runName: runId,
      experimentId: '7',
      userId: 'u',
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      artifactUri,
      lifecycleStage: 'active',
    });
  }

  it('lists a run directory with paths relative to the run root', async () => {
    addRun('r1', 'mlflow-artifacts:/7/r1/artifacts');
    await put('7/r1/artifacts/model/MLmodel', 'flavors: {}\n');
    await put('7/r1/artifacts/model/model.pkl', new Uint8Array(10));
    await put('7/r1/artifacts/metrics.txt', 'm');

    const top = await call('GET', `${LIST}?run_id=r1`);
    expect(top.status).toBe(200);
    expect(await top.json()).toEqual({
      root_uri: 'mlflow-artifacts:/7/r1/artifacts',
      files: [
        { path: 'metrics.txt', is_dir: false, file_size: 1 },
        { path: 'model', is_dir: true },
      ],
    });

    const model = await call('GET', `${LIST}?run_uuid=r1&path=model`);
    expect(await model.json()).toEqual({
      root_uri: 'mlflow-artifacts:/7/r1/artifacts',
      files: [
        { path: 'model/MLmodel', is_dir: false, file_size: 12 },
        { path: 'model/model.pkl', is_dir: false, file_size: 10 },
      ],
    });
  });

  it('gives root_uri alone for a run without artifacts, and ignores page_token', async () => {
    addRun('r2', 'mlflow-artifacts:/7/r2/artifacts');
    const res = await call('GET', `${LIST}?run_id=r2&page_token=abc`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ root_uri: 'mlflow-artifacts:/7/r2/artifacts' });
  });

  it('reads a local file: run root inside the artifacts destination', async () => {
    addRun('r3', `file://${destination}/7/r1/artifacts`);
    const res = await call('GET', `${LIST}?run_id=r3&path=model`);
    expect(res.status).toBe(200);
    expect((await res.json()).files.map((f: { path: string }) => f.path)).toEqual(['model/MLmodel', 'model/model.pkl']);
  });

  it('refuses a run whose artifact location is outside the configured roots', async () => {
    addRun('r4', 'file:///etc');
    const res = await call('GET', `${LIST}?run_id=r4`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
  });

  it('refuses an unsafe path', async () => {
    const res = await call('GET', `${LIST}?run_id=r1&path=..%2F..%2F..`);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/^Invalid path/);
  });

  it('answers RESOURCE_DOES_NOT_EXIST for an unknown run', async () => {
    const res = await call('GET', `${LIST}?run_id=nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
  });

  it('requires run_id', async () => {
    const res = await call('GET', LIST);
    expect(res.status).toBe(400);
    expect((await res.json()).message).toMatch(/run_id/);
  });
});
