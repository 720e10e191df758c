import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowError } from '@/server/errors';
import { createRun } from '@/server/services/runs/create-run';
import { deleteRunTag } from '@/server/services/runs/delete-run-tag';
import { generateRunName } from '@/server/services/runs/generate-run-name';
import { BULK_INTERVAL, getMetricHistory, getMetricHistoryBulkInterval } from '@/server/services/runs/get-metric-history';
import { getActiveRunInfoOrThrow, getRunOrThrow } from '@/server/services/runs/get-run-or-throw';
import { logBatch } from '@/server/services/runs/log-batch';
import { logInputs } from '@/server/services/runs/log-inputs';
import { searchRuns } from '@/server/services/runs/search-runs';
import { setRunLifecycle, updateRun } from '@/server/services/runs/update-run';
import { setExperimentLifecycle } from '@/server/services/experiments/set-experiment-lifecycle';
import { openTempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(async () => {
  await t.cleanup();
});

async function failure(p: Promise<unknown>, code: string): Promise<string> {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MlflowError);
  expect((error as MlflowError).code).toBe(code);
  return (error as MlflowError).message;
}

async function newRun(experimentId = '0') {
  return createRun(t.store, { experimentId, tags: [], runName: 'r', startTime: 1000 });
}

const metric = (i: number, extra: object = {}) => ({ key: `m${i}`, value: i, timestamp: 1, ...extra });
const entry = (prefix: string, i: number) => ({ key: `${prefix}${i}`, value: 'v' });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('createRun', () => {
  it('takes the name from run_name and sets the mlflow.runName tag to it', async () => {
    const run = await createRun(t.store, { experimentId: '0', runName: 'given', tags: [] });
    expect(run.info.runName).toBe('given');
    expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: 'given' }]);
  });

  it('takes the name from the mlflow.runName tag when run_name is absent', async () => {
    const run = await createRun(t.store, { tags: [{ key: 'mlflow.runName', value: 'from-tag' }, { key: 'x', value: '1' }] });
    expect(run.info.runName).toBe('from-tag');
    expect(run.data.tags.filter((tag) => tag.key === 'mlflow.runName')).toEqual([{ key: 'mlflow.runName', value: 'from-tag' }]);
  });

  it('accepts run_name and the tag when they agree', async () => {
    const run = await createRun(t.store, { runName: 'same', tags: [{ key: 'mlflow.runName', value: 'same' }] });
    expect(run.info.runName).toBe('same');
  });

  it('refuses run_name and a different mlflow.runName tag, creating nothing', async () => {
    const message = await failure(
      createRun(t.store, { runName: 'a', tags: [{ key: 'mlflow.runName', value: 'b' }] }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(message).toContain("'run_name'");
    const page = await searchRuns(t.store, { experimentIds: ['0'], orderBy: [] });
    expect(page.items).toEqual([]);
  });

  it('generates an adjective-noun-NNN name when neither is given, and tags the run with it', async () => {
    const run = await createRun(t.store, { tags: [] });
    expect(run.info.runName).toMatch(/^[a-z]+-[a-z]+-\d{1,3}$/);
    expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: run.info.runName }]);
  });

  it('generated names vary', () => {
    const names = new Set(range(50).map(() => generateRunName()));
    expect(names.size).toBeGreaterThan(10);
  });

  it('defaults to experiment 0, start time now, and user from the mlflow.user tag', async () => {
    const before = Date.now();
    const run = await createRun(t.store, { tags: [{ key: 'mlflow.user', value: 'bob' }] });
    expect(run.info.experimentId).toBe('0');
    expect(run.info.userId).toBe('bob');
    expect(run.info.startTime).toBeGreaterThanOrEqual(before);
    expect(run.info.startTime).toBeLessThanOrEqual(Date.now());
    const explicit = await createRun(t.store, { userId: 'ann', startTime: 5, tags: [{ key: 'mlflow.user', value: 'bob' }] });
    expect(explicit.info).toMatchObject({ userId: 'ann', startTime: 5 });
  });

  it('refuses an unknown experiment with RESOURCE_DOES_NOT_EXIST', async () => {
    await failure(createRun(t.store, { experimentId: '99', tags: [] }), 'RESOURCE_DOES_NOT_EXIST');
  });

  it("refuses a deleted experiment: it must be in the 'active' state", async () => {
    const id = await t.store.createExperiment({ name: 'gone', tags: [] });
    await setExperimentLifecycle(t.store, id, 'deleted');
    const message = await failure(createRun(t.store, { experimentId: id, tags: [] }), 'INVALID_PARAMETER_VALUE');
    expect(message).toContain(`The experiment ${id} must be in the 'active' state`);
  });

  it('refuses invalid tags before creating the run', async () => {
    await failure(createRun(t.store, { tags: [{ key: 'bad//key', value: 'v' }] }), 'INVALID_PARAMETER_VALUE');
    await failure(createRun(t.store, { tags: [{ key: 't', value: 'v'.repeat(8001) }] }), 'INVALID_PARAMETER_VALUE');
    expect((await searchRuns(t.store, { experimentIds: ['0'], orderBy: [] })).items).toEqual([]);
  });
});

describe('logBatch limits', () => {
  it('accepts exactly 1000 metrics, 100 params and 100 tags', async () => {
    const { info } = await newRun();
    await logBatch(t.store, { runId: info.runId, metrics: range(1000).map((i) => metric(i)), params: [], tags: [] });
    await logBatch(t.store, { runId: info.runId, metrics: [], params: range(100).map((i) => entry('p', i)), tags: range(100).map((i) => entry('t', i)) });
    const run = await getRunOrThrow(t.store, info.runId);
    expect(run.data.metrics).toHaveLength(1000);
    expect(run.data.params).toHaveLength(100);
    expect(run.data.tags).toHaveLength(101); // + mlflow.runName
  });

  it.each([
    ['1001 metrics', { metrics: range(1001).map((i) => metric(i)) }, 'at most 1000 metrics'],
    ['101 params', { params: range(101).map((i) => entry('p', i)) }, 'at most 100 params'],
    ['101 tags', { tags: range(101).map((i) => entry('t', i)) }, 'at most 100 tags'],
    [
      '1001 entries in total',
      { metrics: range(801).map((i) => metric(i)), params: range(100).map((i) => entry('p', i)), tags: range(100).map((i) => entry('t', i)) },
      'at most 1000 metrics, params, and tags in total',
    ],
  ])('refuses %s and writes nothing', async (_, batch, expected) => {
    const { info } = await newRun();
    const message = await failure(
      logBatch(t.store, { runId: info.runId, metrics: [], params: [], tags: [], ...batch }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(message).toContain(expected);
    const run = await getRunOrThrow(t.store, info.runId);
    expect(run.data.metrics).toEqual([]);
    expect(run.data.params).toEqual([]);
    expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: 'r' }]);
  });

  it('accepts 1000 entries in total', async () => {
    const { info } = await newRun();
    await logBatch(t.store, {
      runId: info.runId,
      metrics: range(800).map((i) => metric(i)),
      params: range(100).map((i) => entry('p', i)),
      tags: range(100).map((i) => entry('t', i)),
    });
    expect((await getRunOrThrow(t.store, info.runId)).data.metrics).toHaveLength(800);
  });
});

describe('logBatch validation', () => {
  it('refuses duplicate param keys in one batch, even with equal values, and writes nothing', async () => {
    const { info } = await newRun();
    const message = await failure(
      logBatch(t.store, {
        runId: info.runId,
        metrics: [metric(1)],
        params: [{ key: 'lr', value: '1' }, { key: 'other', value: 'x' }, { key: 'lr', value: '1' }],
        tags: [],
      }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(message).toContain("'lr'");
    const run = await getRunOrThrow(t.store, info.runId);
    expect(run.data.params).toEqual([]);
    expect(run.data.metrics).toEqual([]);
  });

  it('validates every entry before writing any: one bad metric keeps the valid params out', async () => {
    const { info } = await newRun();
    await failure(
      logBatch(t.store, {
        runId: info.runId,
        metrics: [metric(1), { key: 'bad', value: 1 }],
        params: [{ key: 'ok', value: 'v' }],
        tags: [{ key: 'ok', value: 'v' }],
      }),
      'INVALID_PARAMETER_VALUE',
    );
    const run = await getRunOrThrow(t.store, info.runId);
    expect(run.data.params).toEqual([]);
    expect(run.data.metrics).toEqual([]);
  });

  it('refuses a changed param value but accepts the same value again', async () => {
    const { info } = await newRun();
    await logBatch(t.store, { runId: info.runId, metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
    await logBatch(t.store, { runId: info.runId, metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
    await failure(logBatch(t.store, { runId: info.runId, metrics: [], params: [{ key: 'lr', value: '0.2' }], tags: [] }), 'INVALID_PARAMETER_VALUE');
    expect((await getRunOrThrow(t.store, info.runId)).data.params).toEqual([{ key: 'lr', value: '0.1' }]);
  });

  it('setting the mlflow.runName tag renames the run', async () => {
    const { info } = await newRun();
    await logBatch(t.store, { runId: info.runId, metrics: [], params: [], tags: [{ key: 'mlflow.runName', value: 'renamed' }] });
    expect((await getRunOrThrow(t.store, info.runId)).info.runName).toBe('renamed');
  });

  it("refuses to write to a deleted run: it must be in the 'active' state", async () => {
    const { info } = await newRun();
    await setRunLifecycle(t.store, info.runId, 'deleted');
    const message = await failure(
      logBatch(t.store, { runId: info.runId, metrics: [metric(1)], params: [], tags: [] }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(message).toBe(`The run ${info.runId} must be in the 'active' state. Current state is deleted.`);
  });

  it('refuses an unknown run with RESOURCE_DOES_NOT_EXIST and a malformed run id with INVALID_PARAMETER_VALUE', async () => {
    await failure(logBatch(t.store, { runId: 'f'.repeat(32), metrics: [metric(1)], params: [], tags: [] }), 'RESOURCE_DOES_NOT_EXIST');
    await failure(logBatch(t.store, { runId: '../etc', metrics: [metric(1)], params: [], tags: [] }), 'INVALID_PARAMETER_VALUE');
  });
});

describe('run reads and updates', () => {
  it('getRunOrThrow returns deleted runs too; unknown runs are RESOURCE_DOES_NOT_EXIST', async () => {
    const { info } = await newRun();
    await setRunLifecycle(t.store, info.runId, 'deleted');
    expect((await getRunOrThrow(t.store, info.runId)).info.lifecycleStage).toBe('deleted');
    expect(await failure(getRunOrThrow(t.store, 'a'.repeat(32)), 'RESOURCE_DOES_NOT_EXIST')).toContain('a'.repeat(32));
    await failure(getActiveRunInfoOrThrow(t.store, info.runId), 'INVALID_PARAMETER_VALUE');
  });

  it('updateRun changes only the given fields; a new name rewrites the mlflow.runName tag', async () => {
    const { info } = await newRun();
    const finished = await updateRun(t.store, { runId: info.runId, status: 'FINISHED', endTime: 2000 });
    expect(finished).toMatchObject({ status: 'FINISHED', endTime: 2000, runName: 'r', startTime: 1000 });
    const renamed = await updateRun(t.store, { runId: info.runId, runName: 'new-name' });
    expect(renamed).toMatchObject({ status: 'FINISHED', endTime: 2000, runName: 'new-name' });
    const run = await getRunOrThrow(t.store, info.runId);
    expect(run.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'new-name' });
  });

  it('updateRun with an empty run_name keeps the name', async () => {
    const { info } = await newRun();
    expect((await updateRun(t.store, { runId: info.runId, runName: '' })).runName).toBe('r');
  });

  it('updateRun refuses a deleted run', async () => {
    const { info } = await newRun();
    await setRunLifecycle(t.store, info.runId, 'deleted');
    await failure(updateRun(t.store, { runId: info.runId, status: 'FAILED' }), 'INVALID_PARAMETER_VALUE');
  });

  it('setRunLifecycle refuses unknown runs and round-trips delete/restore', async () => {
    await failure(setRunLifecycle(t.store, 'b'.repeat(32), 'deleted'), 'RESOURCE_DOES_NOT_EXIST');
    const { info } = await newRun();
    await setRunLifecycle(t.store, info.runId, 'deleted');
    await setRunLifecycle(t.store, info.runId, 'active');
    expect((await getActiveRunInfoOrThrow(t.store, info.runId)).lifecycleStage).toBe('active');
  });

  it('deleteRunTag removes the tag; an unknown tag is RESOURCE_DOES_NOT_EXIST; a deleted run is refused', async () => {
    const { info } = await newRun();
    await logBatch(t.store, { runId: info.runId, metrics: [], params: [], tags: [{ key: 'note', value: 'x' }] });
    await deleteRunTag(t.store, info.runId, 'note');
    expect((await getRunOrThrow(t.store, info.runId)).data.tags).toEqual([{ key: 'mlflow.runName', value: 'r' }]);
    expect(await failure(deleteRunTag(t.store, info.runId, 'note'), 'RESOURCE_DOES_NOT_EXIST')).toContain('note');
    await setRunLifecycle(t.store, info.runId, 'deleted');
    await failure(deleteRunTag(t.store, info.runId, 'mlflow.runName'), 'INVALID_PARAMETER_VALUE');
  });
});

describe('metric history', () => {
  it('requires metric_key and max_results >= 1, and an existing run', async () => {
    const { info } = await newRun();
    await failure(getMetricHistory(t.store, { runId: info.runId }), 'INVALID_PARAMETER_VALUE');
    await failure(getMetricHistory(t.store, { runId: info.runId, metricKey: 'm', maxResults: 0 }), 'INVALID_PARAMETER_VALUE');
    await failure(getMetricHistory(t.store, { runId: 'c'.repeat(32), metricKey: 'm' }), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('reads the history of a deleted run as well', async () => {
    const { info } = await newRun();
    await logBatch(t.store, { runId: info.runId, metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }], params: [], tags: [] });
    await setRunLifecycle(t.store, info.runId, 'deleted');
    expect((await getMetricHistory(t.store, { runId: info.runId, metricKey: 'm' })).items).toHaveLength(1);
  });

  it('bulk interval checks run_ids count, the step range and max_results bounds', async () => {
    const { info } = await newRun();
    const ok = { runIds: [info.runId], metricKey: 'm' };
    await failure(getMetricHistoryBulkInterval(t.store, { runIds: [info.runId] }), 'INVALID_PARAMETER_VALUE');
    await failure(getMetricHistoryBulkInterval(t.store, { ...ok, runIds: [] }), 'INVALID_PARAMETER_VALUE');
    await failure(
      getMetricHistoryBulkInterval(t.store, { ...ok, runIds: range(BULK_INTERVAL.maxRuns + 1).map(() => info.runId) }),
      'INVALID_PARAMETER_VALUE',
    );
    await failure(getMetricHistoryBulkInterval(t.store, { ...ok, startStep: 1 }), 'INVALID_PARAMETER_VALUE');
    await failure(getMetricHistoryBulkInterval(t.store, { ...ok, startStep: 5, endStep: 4 }), 'INVALID_PARAMETER_VALUE');
    await failure(getMetricHistoryBulkInterval(t.store, { ...ok, maxResults: 0 }), 'INVALID_PARAMETER_VALUE');
    await failure(getMetricHistoryBulkInterval(t.store, { ...ok, maxResults: 2501 }), 'INVALID_PARAMETER_VALUE');
    await failure(getMetricHistoryBulkInterval(t.store, { ...ok, runIds: [info.runId, 'd'.repeat(32)] }), 'RESOURCE_DOES_NOT_EXIST');
    expect(await getMetricHistoryBulkInterval(t.store, { ...ok, startStep: 3, endStep: 3, maxResults: 2500 })).toEqual([]);
    expect(BULK_INTERVAL).toEqual({ maxRuns: 100, maxResults: 2500 });
  });
});

describe('searchRuns', () => {
  it('refuses max_results outside 1..50000 and malformed experiment ids', async () => {
    // searchRuns validates synchronously (it is not async), so the call goes inside an async wrapper.
    const search = (req: Parameters<typeof searchRuns>[1]) => (async () => searchRuns(t.store, req))();
    await failure(search({ experimentIds: ['0'], orderBy: [], maxResults: 0 }), 'INVALID_PARAMETER_VALUE');
    await failure(search({ experimentIds: ['0'], orderBy: [], maxResults: 50_001 }), 'INVALID_PARAMETER_VALUE');
    await failure(search({ experimentIds: ["0' OR 1=1 --"], orderBy: [] }), 'INVALID_PARAMETER_VALUE');
    expect((await search({ experimentIds: ['0'], orderBy: [], maxResults: 50_000 })).items).toEqual([]);
  });

  it('defaults to active runs only; run_view_type ALL includes deleted ones', async () => {
    const a = await newRun();
    const b = await newRun();
    await setRunLifecycle(t.store, b.info.runId, 'deleted');
    const active = await searchRuns(t.store, { experimentIds: ['0'], orderBy: [] });
    expect(active.items.map((r) => r.info.runId)).toEqual([a.info.runId]);
    const all = await searchRuns(t.store, { experimentIds: ['0'], orderBy: [], runViewType: 'ALL', maxResults: 50_000 });
    expect(all.items.map((r) => r.info.runId).sort()).toEqual([a.info.runId, b.info.runId].sort());
  });
});

describe('logInputs', () => {
  const dataset = { name: 'train', digest: 'abc123', sourceType: 'local', source: '/data/train.csv' };

  it('records a dataset input with its tags on the run', async () => {
    const { info } = await newRun();
    await logInputs(t.store, info.runId, [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }]);
    const run = await getRunOrThrow(t.store, info.runId);
    expect(run.inputs.datasetInputs).toEqual([{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset }]);
  });

  it.each([
    ['no dataset', { tags: [] }],
    ['no name', { tags: [], dataset: { ...dataset, name: undefined } }],
    ['no source_type', { tags: [], dataset: { ...dataset, sourceType: undefined } }],
    ['a 37-character digest', { tags: [], dataset: { ...dataset, digest: 'd'.repeat(37) } }],
    ['a 501-character name', { tags: [], dataset: { ...dataset, name: 'n'.repeat(501) } }],
    ['an input tag without key', { tags: [{ value: 'v' }], dataset }],
    ['a 501-character input tag value', { tags: [{ key: 'k', value: 'v'.repeat(501) }], dataset }],
  ])('refuses %s and records nothing', async (_, input) => {
    const { info } = await newRun();
    await failure(logInputs(t.store, info.runId, [{ tags: [], dataset }, input]), 'INVALID_PARAMETER_VALUE');
    expect((await getRunOrThrow(t.store, info.runId)).inputs.datasetInputs).toEqual([]);
  });

  it('refuses more than 1000 datasets in one request', async () => {
    const { info } = await newRun();
    const many = range(1001).map((i) => ({ tags: [], dataset: { ...dataset, digest: `d${i}` } }));
    expect(await failure(logInputs(t.store, info.runId, many), 'INVALID_PARAMETER_VALUE')).toContain('1000');
  });

  it('refuses a deleted run', async () => {
    const { info } = await newRun();
    await setRunLifecycle(t.store, info.runId, 'deleted');
    await failure(logInputs(t.store, info.runId, [{ tags: [], dataset }]), 'INVALID_PARAMETER_VALUE');
  });
});
