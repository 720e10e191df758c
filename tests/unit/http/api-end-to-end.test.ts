import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real thing below the HTTP boundary: wrapper, endpoints, services, SQLite store. The store and
// config modules read the environment on first use, so it is set before they are imported (each
// test file runs in its own process, so nothing leaks into other files).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-e2e-'));
process.env.MLFLOW_BACKEND_STORE_URI = `sqlite:///${path.join(dir, 'x.db')}`;
process.env.MLFLOW_ARTIFACTS_DESTINATION = path.join(dir, 'artifacts');
process.env.MLFLOW_SERVE_ARTIFACTS = 'true';
delete process.env.MLFLOW_DEFAULT_ARTIFACT_ROOT;
delete (globalThis as { __runboardStores?: unknown }).__runboardStores;

const { handleApiRequest } = await import('@/server/http/handle-api-request');
const { getTrackingStore } = await import('@/server/store');

const HOST = 'http://localhost:5000';

type Json = Record<string, unknown>;
interface WireRun {
  info: Json & { run_id: string };
  data: { metrics?: Json[]; params?: Json[]; tags?: Json[] };
  inputs: Json;
  outputs: Json;
}

async function send(method: string, url: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await handleApiRequest(new Request(`${HOST}${url}`, init));
  return { status: res.status, json: (await res.json()) as Json };
}

const get = (url: string) => send('GET', url);
const post = (url: string, body: unknown = {}) => send('POST', url, body);

async function expectError(p: Promise<{ status: number; json: Json }>, status: number, code: string): Promise<string> {
  const { status: s, json } = await p;
  expect({ status: s, error_code: json.error_code }).toEqual({ status, error_code: code });
  expect(typeof json.message).toBe('string');
  return json.message as string;
}

async function getRun(runId: string): Promise<WireRun> {
  const { status, json } = await get(`/api/2.0/mlflow/runs/get?run_id=${runId}`);
  expect(status).toBe(200);
  return json.run as WireRun;
}

async function createRun(experimentId: string, extra: Json = {}): Promise<WireRun> {
  const { status, json } = await post('/api/2.0/mlflow/runs/create', { experiment_id: experimentId, ...extra });
  expect(status).toBe(200);
  return json.run as WireRun;
}

const byKey = (list: Json[] | undefined) => Object.fromEntries((list ?? []).map((e) => [e.key as string, e]));

let experimentId: string;

beforeAll(async () => {
  const { status, json } = await post('/api/2.0/mlflow/experiments/create', {
    name: 'e2e',
    tags: [{ key: 'team', value: 'vision' }],
  });
  expect(status).toBe(200);
  experimentId = json.experiment_id as string;
});

afterAll(async () => {
  await (await getTrackingStore()).close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('experiments over HTTP', () => {
  it('GET /ajax-api/2.0/mlflow/experiments/get?experiment_id=0 returns the Default experiment', async () => {
    const { status, json } = await get('/ajax-api/2.0/mlflow/experiments/get?experiment_id=0');
    expect(status).toBe(200);
    const experiment = json.experiment as Json;
    expect(experiment).toMatchObject({
      experiment_id: '0',
      name: 'Default',
      artifact_location: 'mlflow-artifacts:/0',
      lifecycle_stage: 'active',
    });
    expect(typeof experiment.creation_time).toBe('number');
    expect(experiment).not.toHaveProperty('tags');
  });

  it('creates an experiment with a string id, derived artifact location and tags', async () => {
    expect(experimentId).toMatch(/^\d+$/);
    const { json } = await get(`/api/2.0/mlflow/experiments/get-by-name?experiment_name=e2e`);
    expect(json.experiment).toMatchObject({
      experiment_id: experimentId,
      name: 'e2e',
      artifact_location: `mlflow-artifacts:/${experimentId}`,
      tags: [{ key: 'team', value: 'vision' }],
    });
  });

  it('POST experiments/create with a taken name is 400 RESOURCE_ALREADY_EXISTS', async () => {
    await expectError(post('/api/2.0/mlflow/experiments/create', { name: 'e2e' }), 400, 'RESOURCE_ALREADY_EXISTS');
  });

  it('POST experiments/create without a name is 400 INVALID_PARAMETER_VALUE', async () => {
    await expectError(post('/api/2.0/mlflow/experiments/create', {}), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('GET experiments/get-by-name for an unknown name is 404 RESOURCE_DOES_NOT_EXIST', async () => {
    await expectError(get('/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope'), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('GET experiments/get for an unknown id is 404 RESOURCE_DOES_NOT_EXIST; a missing id is 400', async () => {
    await expectError(get('/api/2.0/mlflow/experiments/get?experiment_id=987654'), 404, 'RESOURCE_DOES_NOT_EXIST');
    const message = await expectError(get('/api/2.0/mlflow/experiments/get'), 400, 'INVALID_PARAMETER_VALUE');
    expect(message).toMatch(/^Missing value for required parameter 'experiment_id'/);
  });

  it('GET experiments/search takes max_results as a string and pages with next_page_token', async () => {
    await post('/api/2.0/mlflow/experiments/create', { name: 'e2e-search-a' });
    await post('/api/2.0/mlflow/experiments/create', { name: 'e2e-search-b' });
    const names: string[] = [];
    let token: string | undefined;
    for (let i = 0; i < 10; i += 1) {
      const q = `filter=${encodeURIComponent("name LIKE 'e2e-search-%'")}&max_results=1&order_by=name${token ? `&page_token=${token}` : ''}`;
      const { status, json } = await get(`/api/2.0/mlflow/experiments/search?${q}`);
      expect(status).toBe(200);
      names.push(...(json.experiments as Json[]).map((e) => e.name as string));
      token = json.next_page_token as string | undefined;
      if (!token) break;
    }
    expect(names).toEqual(['e2e-search-a', 'e2e-search-b']);
  });

  it('experiments/search refuses max_results over 50000 with 400', async () => {
    await expectError(post('/api/2.0/mlflow/experiments/search', { max_results: 50001 }), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('runs over HTTP', () => {
  it('POST runs/create returns a complete run: 32-hex id in run_id and run_uuid, no end_time, the runName tag', async () => {
    const run = await createRun(experimentId, { run_name: 'first', start_time: '1700000000000', user_id: 'ann' });
    expect(run.info.run_id).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info).toEqual({
      run_id: run.info.run_id,
      run_uuid: run.info.run_id,
      run_name: 'first',
      experiment_id: experimentId,
      user_id: 'ann',
      status: 'RUNNING',
      start_time: 1700000000000,
      artifact_uri: `mlflow-artifacts:/${experimentId}/${run.info.run_id}/artifacts`,
      lifecycle_stage: 'active',
    });
    expect(run.data).toEqual({ tags: [{ key: 'mlflow.runName', value: 'first' }] });
    expect(run.inputs).toEqual({});
    expect(run.outputs).toEqual({});
  });

  it('POST runs/create into an unknown experiment is 404 RESOURCE_DOES_NOT_EXIST', async () => {
    await expectError(post('/api/2.0/mlflow/runs/create', { experiment_id: '424242' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('log-batch stores NaN/Infinity given as strings and as bare tokens; get returns them as protobuf strings', async () => {
    const run = await createRun(experimentId, { run_name: 'nonfinite' });
    const runId = run.info.run_id;
    const body = `{"run_id": "${runId}", "metrics": [
      {"key": "nan_s", "value": "NaN", "timestamp": 10, "step": 0},
      {"key": "inf_s", "value": "Infinity", "timestamp": "10", "step": "0"},
      {"key": "ninf_s", "value": "-Infinity", "timestamp": 10},
      {"key": "nan_b", "value": NaN, "timestamp": 10, "step": 1},
      {"key": "inf_b", "value": Infinity, "timestamp": 10},
      {"key": "ninf_b", "value": -Infinity, "timestamp": 10},
      {"key": "plain", "value": 0.25, "timestamp": 10, "step": 3}
    ], "params": [{"key": "lr", "value": "0.1"}], "tags": [{"key": "stage", "value": "a"}, {"key": "stage", "value": "b"}]}`;
    const res = await post('/api/2.0/mlflow/runs/log-batch', body);
    expect(res).toEqual({ status: 200, json: {} });

    const got = await getRun(runId);
    const metrics = byKey(got.data.metrics);
    expect(metrics.nan_s).toEqual({ key: 'nan_s', value: 'NaN', timestamp: 10, step: 0 });
    expect(metrics.inf_s).toEqual({ key: 'inf_s', value: 'Infinity', timestamp: 10, step: 0 });
    expect(metrics.ninf_s).toEqual({ key: 'ninf_s', value: '-Infinity', timestamp: 10, step: 0 });
    expect(metrics.nan_b).toMatchObject({ value: 'NaN', step: 1 });
    expect(metrics.inf_b).toMatchObject({ value: 'Infinity' });
    expect(metrics.ninf_b).toMatchObject({ value: '-Infinity' });
    expect(metrics.plain).toEqual({ key: 'plain', value: 0.25, timestamp: 10, step: 3 });
    expect(got.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(byKey(got.data.tags).stage).toEqual({ key: 'stage', value: 'b' });
  });

  it('GET metrics/get-history pages through the whole history in order, and without max_results returns it all', async () => {
    const run = await createRun(experimentId, { run_name: 'history' });
    const runId = run.info.run_id;
    const points = Array.from({ length: 7 }, (_, i) => ({ key: 'loss', value: i === 3 ? 'NaN' : 1 / (i + 1), timestamp: 100 + i, step: i }));
    expect((await post('/api/2.0/mlflow/runs/log-batch', { run_id: runId, metrics: points })).status).toBe(200);

    const full = await get(`/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss`);
    expect(full.status).toBe(200);
    expect(full.json.next_page_token).toBeUndefined();
    const all = full.json.metrics as Json[];
    expect(all.map((m) => m.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(all[3]).toEqual({ key: 'loss', value: 'NaN', timestamp: 103, step: 3, run_id: runId });

    const paged: Json[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      // run_uuid only: the deprecated alias must work as well.
      const q = `run_uuid=${runId}&metric_key=loss&max_results=3${token ? `&page_token=${encodeURIComponent(token)}` : ''}`;
      const { status, json } = await get(`/api/2.0/mlflow/metrics/get-history?${q}`);
      expect(status).toBe(200);
      const page = json.metrics as Json[];
      expect(page.length).toBeLessThanOrEqual(3);
      paged.push(...page);
      token = json.next_page_token as string | undefined;
      pages += 1;
    } while (token && pages < 10);
    expect(pages).toBe(3);
    expect(paged).toEqual(all);
  });

  it('GET metrics/get-history without metric_key or with a bad page_token is 400', async () => {
    const run = await createRun(experimentId);
    await expectError(get(`/api/2.0/mlflow/metrics/get-history?run_id=${run.info.run_id}`), 400, 'INVALID_PARAMETER_VALUE');
    await expectError(
      get(`/api/2.0/mlflow/metrics/get-history?run_id=${run.info.run_id}&metric_key=x&max_results=1&page_token=garbage!`),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });

  it('GET metrics/get-history-bulk-interval accepts repeated run_ids and tags each point with its run', async () => {
    const a = await createRun(experimentId);
    const b = await createRun(experimentId);
    for (const [run, v] of [[a, 1], [b, 2]] as const) {
      await post('/api/2.0/mlflow/runs/log-batch', {
        run_id: run.info.run_id,
        metrics: [0, 1, 2].map((step) => ({ key: 'acc', value: v, timestamp: 5, step })),
      });
    }
    const { status, json } = await get(
      `/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${a.info.run_id}&run_ids=${b.info.run_id}&metric_key=acc`,
    );
    expect(status).toBe(200);
    const metrics = json.metrics as Json[];
    expect(metrics).toHaveLength(6);
    expect(metrics.filter((m) => m.run_id === a.info.run_id).map((m) => m.value)).toEqual([1, 1, 1]);
    expect(metrics.filter((m) => m.run_id === b.info.run_id).map((m) => m.value)).toEqual([2, 2, 2]);
  });

  it('POST runs/search with a filter returns only the matching runs, complete', async () => {
    const exp = (await post('/api/2.0/mlflow/experiments/create', { name: 'e2e-filter' })).json.experiment_id as string;
    const good = await createRun(exp, { run_name: 'good' });
    const bad = await createRun(exp, { run_name: 'bad' });
    await post('/api/2.0/mlflow/runs/log-batch', {
      run_id: good.info.run_id,
      metrics: [{ key: 'acc', value: 0.9, timestamp: 1 }],
      params: [{ key: 'opt', value: 'adam' }],
    });
    await post('/api/2.0/mlflow/runs/log-batch', {
      run_id: bad.info.run_id,
      metrics: [{ key: 'acc', value: 0.1, timestamp: 1 }],
      params: [{ key: 'opt', value: 'adam' }],
    });

    const { status, json } = await post('/api/2.0/mlflow/runs/search', {
      experiment_ids: [exp],
      filter: "metrics.acc > 0.5 AND params.opt = 'adam'",
    });
    expect(status).toBe(200);
    const runs = json.runs as WireRun[];
    expect(runs.map((r) => r.info.run_id)).toEqual([good.info.run_id]);
    expect(runs[0].data.metrics).toEqual([{ key: 'acc', value: 0.9, timestamp: 1, step: 0 }]);
    expect(runs[0].data.params).toEqual([{ key: 'opt', value: 'adam' }]);
    expect(json.next_page_token).toBeUndefined();

    const none = await post('/api/2.0/mlflow/runs/search', { experiment_ids: [exp], filter: 'metrics.acc > 5' });
    expect(none).toEqual({ status: 200, json: {} });
  });

  it('POST runs/search with a malformed filter is 400 INVALID_PARAMETER_VALUE', async () => {
    for (const filter of ['metrics.acc >', 'metrics.acc > 1 OR metrics.acc < 0', "nonsense.key = 'x'", 'params.lr = ']) {
      await expectError(post('/api/2.0/mlflow/runs/search', { experiment_ids: [experimentId], filter }), 400, 'INVALID_PARAMETER_VALUE');
    }
  });

  it('POST runs/update sets status by name or number and end_time; end_time then appears', async () => {
    const run = await createRun(experimentId, { run_name: 'to-finish' });
    const { status, json } = await post('/api/2.0/mlflow/runs/update', {
      run_id: run.info.run_id,
      run_uuid: run.info.run_id,
      status: 'FINISHED',
      end_time: 1700000005000,
    });
    expect(status).toBe(200);
    expect(json.run_info).toMatchObject({ status: 'FINISHED', end_time: 1700000005000, run_name: 'to-finish' });
    await post('/api/2.0/mlflow/runs/update', { run_id: run.info.run_id, status: 4 });
    expect((await getRun(run.info.run_id)).info).toMatchObject({ status: 'FAILED', end_time: 1700000005000 });
  });

  it('a deleted run can still be read, but not written to, until restored', async () => {
    const run = await createRun(experimentId);
    const runId = run.info.run_id;
    expect((await post('/api/2.0/mlflow/runs/delete', { run_id: runId })).status).toBe(200);
    expect((await getRun(runId)).info.lifecycle_stage).toBe('deleted');
    const message = await expectError(
      post('/api/2.0/mlflow/runs/log-parameter', { run_id: runId, key: 'k', value: 'v' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    expect(message).toContain("must be in the 'active' state");
    expect((await post('/api/2.0/mlflow/runs/restore', { run_id: runId })).status).toBe(200);
    expect((await post('/api/2.0/mlflow/runs/log-parameter', { run_id: runId, key: 'k', value: 'v' })).status).toBe(200);
    expect((await getRun(runId)).data.params).toEqual([{ key: 'k', value: 'v' }]);
  });

  it('POST runs/delete-tag removes a tag; an unknown tag is 404 RESOURCE_DOES_NOT_EXIST', async () => {
    const run = await createRun(experimentId);
    await post('/api/2.0/mlflow/runs/set-tag', { run_id: run.info.run_id, key: 'note', value: 'x' });
    expect(byKey((await getRun(run.info.run_id)).data.tags).note).toEqual({ key: 'note', value: 'x' });
    expect((await post('/api/2.0/mlflow/runs/delete-tag', { run_id: run.info.run_id, key: 'note' })).status).toBe(200);
    expect(byKey((await getRun(run.info.run_id)).data.tags).note).toBeUndefined();
    await expectError(post('/api/2.0/mlflow/runs/delete-tag', { run_id: run.info.run_id, key: 'note' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('errors over HTTP', () => {
  it('GET runs/get for an unknown run is 404 RESOURCE_DOES_NOT_EXIST', async () => {
    await expectError(get(`/api/2.0/mlflow/runs/get?run_id=${'0'.repeat(32)}`), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('GET runs/get with neither run_id nor run_uuid is 400 naming run_id', async () => {
    const message = await expectError(get('/api/2.0/mlflow/runs/get'), 400, 'INVALID_PARAMETER_VALUE');
    expect(message).toContain("'run_id'");
  });

  it('log-batch changing a logged param is 400 and writes nothing of that batch', async () => {
    const run = await createRun(experimentId);
    const runId = run.info.run_id;
    await post('/api/2.0/mlflow/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' });
    // Same value again is fine.
    expect((await post('/api/2.0/mlflow/runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' })).status).toBe(200);
    await expectError(
      post('/api/2.0/mlflow/runs/log-batch', {
        run_id: runId,
        metrics: [{ key: 'm', value: 1, timestamp: 1 }],
        params: [{ key: 'lr', value: '0.2' }],
        tags: [{ key: 't', value: 'v' }],
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const after = await getRun(runId);
    expect(after.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(after.data.metrics).toBeUndefined();
    expect(byKey(after.data.tags).t).toBeUndefined();
  });

  it('log-batch with 1001 metrics is 400 and writes nothing', async () => {
    const run = await createRun(experimentId);
    const metrics = Array.from({ length: 1001 }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 1 }));
    const message = await expectError(
      post('/api/2.0/mlflow/runs/log-batch', { run_id: run.info.run_id, metrics }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    expect(message).toContain('1000');
    expect((await getRun(run.info.run_id)).data.metrics).toBeUndefined();
  });

  it('log-batch with a body over 1,000,000 bytes is 400 and writes nothing; just under is accepted', async () => {
    const run = await createRun(experimentId);
    const runId = run.info.run_id;
    const params = Array.from({ length: 100 }, (_, i) => ({ key: `p${i}`, value: 'v'.repeat(5990) }));
    const tooBig = JSON.stringify({ run_id: runId, params, tags: [{ key: 'pad', value: 'x'.repeat(500_000) }] });
    expect(tooBig.length).toBeGreaterThan(1_000_000);
    const message = await expectError(post('/api/2.0/mlflow/runs/log-batch', tooBig), 400, 'INVALID_PARAMETER_VALUE');
    expect(message).toContain('1000000');
    expect((await getRun(runId)).data.params).toBeUndefined();

    const fits = JSON.stringify({ run_id: runId, params, tags: [{ key: 'pad', value: 'x'.repeat(7000) }] });
    expect(fits.length).toBeGreaterThan(600_000);
    expect(fits.length).toBeLessThan(1_000_000);
    expect((await post('/api/2.0/mlflow/runs/log-batch', fits)).status).toBe(200);
    expect((await getRun(runId)).data.params).toHaveLength(100);
  });

  it('log-metric with a boolean value or without timestamp is 400', async () => {
    const run = await createRun(experimentId);
    await expectError(
      post('/api/2.0/mlflow/runs/log-metric', { run_id: run.info.run_id, key: 'm', value: true, timestamp: 1 }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    await expectError(post('/api/2.0/mlflow/runs/log-metric', { run_id: run.info.run_id, key: 'm', value: 1 }), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('an unknown route is 404 ENDPOINT_NOT_FOUND; a wrong method on a known one too', async () => {
    await expectError(get('/api/2.0/mlflow/does-not-exist'), 404, 'ENDPOINT_NOT_FOUND');
    await expectError(post('/api/2.0/mlflow/runs/get', {}), 404, 'ENDPOINT_NOT_FOUND');
    await expectError(get('/ajax-api/2.0/mlflow/unknown/thing'), 404, 'ENDPOINT_NOT_FOUND');
  });

  it('GET /api/3.0/mlflow/server-info answers on both prefixes', async () => {
    for (const prefix of ['/api', '/ajax-api']) {
      const { status, json } = await get(`${prefix}/3.0/mlflow/server-info`);
      expect(status).toBe(200);
      expect(json).toHaveProperty('store_type');
    }
  });
});
