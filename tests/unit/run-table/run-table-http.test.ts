import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUnderTest } from '../support/api-under-test';
import { history, makeRun } from './helpers';

// The runs-table endpoints over the real wrapper, services and a SQLite store. The store and
// config read the environment on first use, so it is set before they are imported.
const { dir, handleApiRequest, getTrackingStore } = await apiUnderTest('table-http');

const HOST = 'http://localhost:5000';
// Response bodies are checked field by field; `any` keeps the deep property reads short.
type Json = Record<string, any>;

async function send(method: string, url: string, body?: unknown): Promise<{ status: number; json: Json; text: string }> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await handleApiRequest(new Request(`${HOST}${url}`, init));
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Json, text };
}
const post = (url: string, body: unknown = {}) => send('POST', url, body);
const get = (url: string) => send('GET', url);

async function expectBadRequest(p: Promise<{ status: number; json: Json; text: string }>, message?: RegExp) {
  const { status, json, text } = await p;
  expect(status).toBe(400);
  expect(Object.keys(json).sort()).toEqual(['error_code', 'message']);
  expect(json.error_code).toBe('INVALID_PARAMETER_VALUE');
  if (message) expect(json.message).toMatch(message);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|stack/i);
  return json.message as string;
}

const TABLE = '/ajax-api/2.0/runboard/runs/table';
let exp: string;
let otherExp: string;
const run: Record<string, string> = {};

beforeAll(async () => {
  const store = await getTrackingStore();
  exp = await store.createExperiment({ name: 'http-table', tags: [] });
  otherExp = await store.createExperiment({ name: 'http-other', tags: [] });
  run.parent = await makeRun(store, {
    experimentId: exp,
    name: 'parent',
    startTime: 3000,
    status: 'FINISHED',
    metrics: history('loss', [3, Number.POSITIVE_INFINITY, 1]),
    params: { lr: '0.1' },
  });
  run.child1 = await makeRun(store, { experimentId: exp, name: 'child1', startTime: 2000, parent: run.parent, metrics: history('loss', [0.5, 2]) });
  run.child2 = await makeRun(store, { experimentId: exp, name: 'child2', startTime: 1000, parent: run.parent, status: 'FAILED', metrics: history('loss', [Number.NaN]) });
  run.solo = await makeRun(store, { experimentId: exp, name: 'solo', startTime: 500, status: 'FINISHED', tags: { team: 'x' } });
  run.gone = await makeRun(store, { experimentId: exp, name: 'gone', startTime: 400, deleted: true });
  run.other = await makeRun(store, { experimentId: otherExp, name: 'other', metrics: history('acc', [1]) });
});

afterAll(async () => {
  await (await getTrackingStore()).close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const names = (json: Json) => (json.runs as Json[]).map((r) => r.info.run_name);

describe('POST /runboard/runs/table', () => {
  it('answers runs with the run wire shape plus metric_ranges and child_run_count', async () => {
    const { status, json } = await post(TABLE, { experiment_ids: [exp] });
    expect(status).toBe(200);
    expect(json).not.toHaveProperty('next_page_token');
    expect(names(json)).toEqual(['parent', 'child1', 'child2', 'solo']);
    const [parent, child1, child2, solo] = json.runs as Json[];
    expect(parent.info).toMatchObject({ run_id: run.parent, run_uuid: run.parent, experiment_id: exp, status: 'FINISHED', lifecycle_stage: 'active' });
    expect(parent.data.metrics).toEqual([{ key: 'loss', value: 1, step: 2, timestamp: 10_002 }]);
    expect(parent.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(parent.metric_ranges).toEqual({ loss: { min: 1, max: 'Infinity' } });
    expect(parent.child_run_count).toBe(2);
    expect(child1).toMatchObject({ metric_ranges: { loss: { min: 0.5, max: 2 } }, child_run_count: 0 });
    // All values NaN: no range; the latest value is the string "NaN".
    expect(child2.metric_ranges).toEqual({ loss: { min: null, max: null } });
    expect(child2.data.metrics[0].value).toBe('NaN');
    expect(solo.metric_ranges).toEqual({});
    expect(solo.child_run_count).toBe(0);
  });

  it('is served under /api/2.0 as well as /ajax-api/2.0', async () => {
    const viaApi = await post('/api/2.0/runboard/runs/table', { experiment_ids: [exp] });
    const viaAjax = await post(TABLE, { experiment_ids: [exp] });
    expect(viaApi.status).toBe(200);
    expect(viaApi.json).toEqual(viaAjax.json);
  });

  it('pages with next_page_token (max_results as a string) and gives every run once', async () => {
    const first = await post(TABLE, { experiment_ids: [exp], max_results: '3', order_by: ['min(metrics.loss) ASC'] });
    expect(first.status).toBe(200);
    expect(typeof first.json.next_page_token).toBe('string');
    const second = await post(TABLE, { experiment_ids: [exp], max_results: 3, order_by: ['min(metrics.loss) ASC'], page_token: first.json.next_page_token });
    expect(second.json).not.toHaveProperty('next_page_token');
    // min: child1 0.5, parent 1, then child2 (NaN only), then solo (no loss).
    expect([...names(first.json), ...names(second.json)]).toEqual(['child1', 'parent', 'child2', 'solo']);
  });

  it('jumps by offset', async () => {
    const { json } = await post(TABLE, { experiment_ids: [exp], max_results: 2, offset: 2 });
    expect(names(json)).toEqual(['child2', 'solo']);
    expect(json).not.toHaveProperty('next_page_token');
  });

  it('takes top_level_only, parent_run_id, statuses and run_view_type', async () => {
    expect(names((await post(TABLE, { experiment_ids: [exp], top_level_only: true })).json)).toEqual(['parent', 'solo']);
    expect(names((await post(TABLE, { experiment_ids: [exp], top_level_only: 'true' })).json)).toEqual(['parent', 'solo']);
    expect(names((await post(TABLE, { experiment_ids: [exp], parent_run_id: run.parent })).json)).toEqual(['child1', 'child2']);
    expect(names((await post(TABLE, { experiment_ids: [exp], statuses: ['FAILED', 'RUNNING'] })).json)).toEqual(['child1', 'child2']);
    expect(names((await post(TABLE, { experiment_ids: [exp], run_view_type: 'DELETED_ONLY' })).json)).toEqual(['gone']);
    expect(names((await post(TABLE, { experiment_ids: [exp, otherExp], filter: "run_name LIKE 'o%'" })).json)).toEqual(['other']);
  });

  it('answers an experiment without runs with an empty list', async () => {
    const { status, json } = await post(TABLE, { experiment_ids: ['987654'] });
    expect(status).toBe(200);
    expect(json).toEqual({ runs: [] });
  });

  it.each([
    [{ filter: 'metrics.loss >>> 1' }, undefined],
    [{ filter: "params.lr = 'unterminated" }, undefined],
    [{ order_by: ['min(params.lr) ASC'] }, /applies to metrics only/],
    [{ order_by: ['nonsense.x'] }, undefined],
    [{ max_results: 1001 }, /max_results/],
    [{ max_results: 0 }, /max_results/],
    [{ max_results: 'ten' }, /max_results/],
    [{ offset: -1 }, /offset/],
    [{ statuses: ['DONE'] }, /statuses/],
    [{ run_view_type: 'SOME' }, /run_view_type/],
    [{ page_token: 'garbage!' }, /page_token/],
    [{ parent_run_id: '../x' }, /Invalid run ID/],
    [{ experiment_ids: ['1;drop'] }, /experiment/],
  ])('refuses %j with 400 INVALID_PARAMETER_VALUE and no stack trace', async (body, message) => {
    await expectBadRequest(post(TABLE, { experiment_ids: [exp], ...body }), message);
  });

  it('refuses a page token from a different query shape', async () => {
    const first = await post(TABLE, { experiment_ids: [exp], max_results: 1 });
    await expectBadRequest(post(TABLE, { experiment_ids: [exp], max_results: 1, top_level_only: true, page_token: first.json.next_page_token }), /different search/);
  });

  it('GET on the table route is ENDPOINT_NOT_FOUND', async () => {
    const { status, json } = await get(`${TABLE}?experiment_ids=${exp}`);
    expect(status).toBe(404);
    expect(json.error_code).toBe('ENDPOINT_NOT_FOUND');
  });
});

describe('POST /runboard/runs/count, /runboard/runs/keys, /runboard/experiments/run-counts', () => {
  it('counts the runs the table shows', async () => {
    expect((await post('/ajax-api/2.0/runboard/runs/count', { experiment_ids: [exp] })).json).toEqual({ count: 4 });
    expect((await post('/ajax-api/2.0/runboard/runs/count', { experiment_ids: [exp], top_level_only: true })).json).toEqual({ count: 2 });
    expect((await post('/ajax-api/2.0/runboard/runs/count', { experiment_ids: [exp], statuses: ['FINISHED'], run_view_type: 'ALL' })).json).toEqual({ count: 2 });
    expect((await post('/ajax-api/2.0/runboard/runs/count', { experiment_ids: [exp, otherExp], run_view_type: 'ALL' })).json).toEqual({ count: 6 });
  });

  it('refuses a bad filter on count', async () => {
    await expectBadRequest(post('/ajax-api/2.0/runboard/runs/count', { experiment_ids: [exp], filter: 'bogus' }));
  });

  it('lists the distinct keys, sorted', async () => {
    const { status, json } = await post('/ajax-api/2.0/runboard/runs/keys', { experiment_ids: [exp, otherExp] });
    expect(status).toBe(200);
    expect(json).toEqual({ params: ['lr'], metrics: ['acc', 'loss'], tags: ['mlflow.parentRunId', 'mlflow.runName', 'team'] });
  });

  it('counts active and deleted runs per experiment', async () => {
    const { status, json } = await post('/ajax-api/2.0/runboard/experiments/run-counts', { experiment_ids: [exp, otherExp, '0'] });
    expect(status).toBe(200);
    expect(json).toEqual({
      counts: [
        { experiment_id: exp, active: 4, deleted: 1 },
        { experiment_id: otherExp, active: 1, deleted: 0 },
        { experiment_id: '0', active: 0, deleted: 0 },
      ],
    });
  });

  it('refuses a malformed experiment id in run-counts', async () => {
    await expectBadRequest(post('/ajax-api/2.0/runboard/experiments/run-counts', { experiment_ids: ['a/b'] }), /experiment/i);
  });
});

describe('GET /runboard/metrics/series', () => {
  const SERIES = '/ajax-api/2.0/runboard/metrics/series';

  it('answers one series per run id with total_points and points', async () => {
    const { status, json } = await get(`${SERIES}?run_ids=${run.parent}&run_ids=${run.child1}&run_ids=${run.solo}&metric_key=loss&max_points=10`);
    expect(status).toBe(200);
    expect(json).toEqual({
      series: [
        {
          run_id: run.parent,
          metric_key: 'loss',
          total_points: 3,
          points: [
            { step: 0, timestamp: 10_000, value: 3, min: 3, max: 3, count: 1 },
            { step: 2, timestamp: 10_002, value: 1, min: 1, max: 1, count: 1 },
          ],
        },
        {
          run_id: run.child1,
          metric_key: 'loss',
          total_points: 2,
          points: [
            { step: 0, timestamp: 10_000, value: 0.5, min: 0.5, max: 0.5, count: 1 },
            { step: 1, timestamp: 10_001, value: 2, min: 2, max: 2, count: 1 },
          ],
        },
        { run_id: run.solo, metric_key: 'loss', total_points: 0, points: [] },
      ],
    });
  });

  it('takes one run id as a plain query value, and a step range', async () => {
    const { json } = await get(`${SERIES}?run_ids=${run.parent}&metric_key=loss&start_step=1&end_step=2`);
    expect(json.series[0]).toMatchObject({ total_points: 2, points: [{ step: 2, value: 1 }] });
  });

  it.each([
    [`run_ids=RUN`, /metric_key/],
    [`metric_key=loss`, /run_ids/],
    [`run_ids=RUN&metric_key=loss&max_points=5`, /max_points/],
    [`run_ids=RUN&metric_key=loss&max_points=20000`, /max_points/],
    [`run_ids=RUN&metric_key=loss&max_points=abc`, /max_points/],
    [`run_ids=RUN&metric_key=loss&start_step=5&end_step=4`, /start_step/],
    [`run_ids=..%2Fx&metric_key=loss`, /Invalid run ID/],
    [`run_ids=RUN&metric_key=loss&reduction=median`, /reduction/],
    [`run_ids=RUN&metric_key=`, /metric_key/],
    [`run_ids=RUN&first_keys=0`, /first_keys/],
    [`run_ids=RUN&first_keys=101`, /first_keys/],
    [`run_ids=RUN&first_keys=2&metric_key=loss`, /either metric keys .* or 'first_keys'/],
  ])('refuses ?%s with 400', async (query, message) => {
    await expectBadRequest(get(`${SERIES}?${query.replace('RUN', run.parent)}`), message);
  });

  it('refuses more than 100 run ids', async () => {
    const query = Array.from({ length: 101 }, (_, i) => `run_ids=r${i}`).join('&');
    await expectBadRequest(get(`${SERIES}?${query}&metric_key=loss`), /Too many run_ids/);
  });

  it('answers several metric keys in one call, key by key then run by run', async () => {
    const { status, json } = await get(`${SERIES}?run_ids=${run.parent}&run_ids=${run.child1}&metric_keys=loss&metric_keys=acc&metric_key=loss`);
    expect(status).toBe(200);
    expect(json.series.map((s: Json) => [s.metric_key, s.run_id])).toEqual([
      ['loss', run.parent],
      ['loss', run.child1],
      ['acc', run.parent],
      ['acc', run.child1],
    ]);
  });

  it('samples on request: real points; a short history comes back whole and counted', async () => {
    const { json } = await get(`${SERIES}?run_ids=${run.parent}&metric_key=loss&reduction=sample&max_points=10`);
    expect(json.series[0]).toEqual({
      run_id: run.parent,
      metric_key: 'loss',
      total_points: 3,
      points: [
        { step: 0, timestamp: 10_000, value: 3, min: 3, max: 3, count: 1 },
        { step: 2, timestamp: 10_002, value: 1, min: 1, max: 1, count: 1 },
      ],
    });
  });

  it('answers the first N metrics of a run without being told its keys (ignoring case, then by code unit)', async () => {
    const store = await getTrackingStore();
    const many = await makeRun(store, {
      experimentId: await store.createExperiment({ name: 'http-first-keys', tags: [] }),
      name: 'many-metrics',
      metrics: ['zeta', 'Beta', 'alpha', 'beta', 'Gamma'].flatMap((k) => history(k, [1, 2])),
    });
    const { status, json } = await get(`${SERIES}?run_ids=${many}&first_keys=4&max_points=10`);
    expect(status).toBe(200);
    expect(json.series.map((s: Json) => s.metric_key)).toEqual(['alpha', 'Beta', 'beta', 'Gamma']);
    expect(json.series[0]).toMatchObject({ run_id: many, total_points: 2 });
    const all = await get(`${SERIES}?run_ids=${many}&first_keys=100`);
    expect(all.json.series.map((s: Json) => s.metric_key)).toEqual(['alpha', 'Beta', 'beta', 'Gamma', 'zeta']);
    const none = await get(`${SERIES}?run_ids=${run.solo}&first_keys=5`);
    expect(none.json).toEqual({ series: [] });
  });

  it('says which run does not exist when asked for its first metrics', async () => {
    const { status, json } = await get(`${SERIES}?run_ids=${'f'.repeat(32)}&first_keys=3`);
    expect(status).toBe(404);
    expect(json).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('f'.repeat(32)) });
  });

  it('refuses more than 1000 series (runs x keys) in one call', async () => {
    const runs = Array.from({ length: 100 }, (_, i) => `run_ids=r${i}`).join('&');
    const keys = Array.from({ length: 11 }, (_, i) => `metric_keys=k${i}`).join('&');
    await expectBadRequest(get(`${SERIES}?${runs}&${keys}`), /Too many series: 100 runs x 11 metric keys/);
  });
});
