import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowError } from '@/server/errors';
import { openTempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(async () => {
  await t.cleanup();
});

async function newRun(experimentId = '0') {
  return t.store.createRun({ experimentId, runName: 'r', userId: 'u', startTime: 1000, tags: [{ key: 'mlflow.runName', value: 'r' }] });
}

async function expectMlflowError(p: Promise<unknown>, code: string) {
  const error = await p.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MlflowError);
  expect((error as MlflowError).code).toBe(code);
  return error as MlflowError;
}

describe('experiments', () => {
  it('a fresh store holds experiment 0 named Default with its artifact location', async () => {
    const e = await t.store.getExperiment('0');
    expect(e).toMatchObject({ experimentId: '0', name: 'Default', lifecycleStage: 'active', artifactLocation: 'mlflow-artifacts:/0' });
  });

  it('creates experiments with increasing ids, derived artifact locations and tags', async () => {
    const id = await t.store.createExperiment({ name: 'exp', tags: [{ key: 'team', value: 'a' }] });
    expect(id).toBe('1');
    const e = await t.store.getExperiment(id);
    expect(e).toMatchObject({ name: 'exp', artifactLocation: 'mlflow-artifacts:/1', tags: [{ key: 'team', value: 'a' }] });
    expect((await t.store.getExperimentByName('exp'))?.experimentId).toBe('1');
  });

  it('keeps a deleted experiment name taken', async () => {
    const id = await t.store.createExperiment({ name: 'taken', tags: [] });
    await t.store.setExperimentLifecycle(id, 'deleted');
    await expectMlflowError(t.store.createExperiment({ name: 'taken', tags: [] }), 'RESOURCE_ALREADY_EXISTS');
  });

  it('deleting an experiment deletes its runs; restoring restores them', async () => {
    const id = await t.store.createExperiment({ name: 'x', tags: [] });
    const run = await newRun(id);
    await t.store.setExperimentLifecycle(id, 'deleted');
    expect((await t.store.getRunInfo(run.info.runId))?.lifecycleStage).toBe('deleted');
    await t.store.setExperimentLifecycle(id, 'active');
    expect((await t.store.getRunInfo(run.info.runId))?.lifecycleStage).toBe('active');
  });

  it('renaming onto an existing name is RESOURCE_ALREADY_EXISTS', async () => {
    await t.store.createExperiment({ name: 'a', tags: [] });
    const b = await t.store.createExperiment({ name: 'b', tags: [] });
    await expectMlflowError(t.store.renameExperiment(b, 'a'), 'RESOURCE_ALREADY_EXISTS');
  });
});

describe('runs and logging', () => {
  it('creates a run with a 32-hex id, artifact uri under the experiment, and RUNNING status', async () => {
    const run = await newRun();
    expect(run.info.runId).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info).toMatchObject({ status: 'RUNNING', lifecycleStage: 'active', artifactUri: `mlflow-artifacts:/0/${run.info.runId}/artifacts` });
    expect(run.data.tags).toEqual([{ key: 'mlflow.runName', value: 'r' }]);
  });

  it('params are write-once: same value is fine, a different value fails the whole batch', async () => {
    const { info } = await newRun();
    await t.store.logBatch(info.runId, { metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
    await t.store.logBatch(info.runId, { metrics: [], params: [{ key: 'lr', value: '0.1' }], tags: [] });
    const error = await expectMlflowError(
      t.store.logBatch(info.runId, {
        metrics: [{ key: 'm', value: 1, timestamp: 1, step: 0 }],
        params: [{ key: 'new', value: 'x' }, { key: 'lr', value: '0.2' }],
        tags: [{ key: 't', value: 'v' }],
      }),
      'INVALID_PARAMETER_VALUE',
    );
    expect(error.message).toContain("key='lr'");
    const run = await t.store.getRun(info.runId);
    expect(run?.data.params).toEqual([{ key: 'lr', value: '0.1' }]);
    expect(run?.data.metrics).toEqual([]);
    expect(run?.data.tags.map((x) => x.key)).toEqual(['mlflow.runName']);
  });

  it('keeps every metric point once, NaN and infinities included, and tracks latest, min and max', async () => {
    const { info } = await newRun();
    const points = [
      { key: 'loss', value: 3, timestamp: 10, step: 0 },
      { key: 'loss', value: Number.NaN, timestamp: 11, step: 1 },
      { key: 'loss', value: Number.POSITIVE_INFINITY, timestamp: 12, step: 2 },
      { key: 'loss', value: Number.NEGATIVE_INFINITY, timestamp: 13, step: 3 },
      { key: 'loss', value: 0.5, timestamp: 14, step: 4 },
    ];
    await t.store.logBatch(info.runId, { metrics: points, params: [], tags: [] });
    await t.store.logBatch(info.runId, { metrics: points, params: [], tags: [] });
    const history = await t.store.getMetricHistory(info.runId, 'loss', {});
    expect(history.items).toEqual(points);
    const run = await t.store.getRun(info.runId);
    expect(run?.data.metrics).toEqual([{ key: 'loss', value: 0.5, timestamp: 14, step: 4, min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY }]);
  });

  it('latest value follows the highest step, then the latest timestamp, across batches', async () => {
    const { info } = await newRun();
    await t.store.logBatch(info.runId, { metrics: [{ key: 'acc', value: 0.9, timestamp: 100, step: 5 }], params: [], tags: [] });
    await t.store.logBatch(info.runId, { metrics: [{ key: 'acc', value: 0.1, timestamp: 200, step: 4 }], params: [], tags: [] });
    expect((await t.store.getRun(info.runId))?.data.metrics[0]).toMatchObject({ value: 0.9, step: 5, min: 0.1, max: 0.9 });
    await t.store.logBatch(info.runId, { metrics: [{ key: 'acc', value: 0.95, timestamp: 300, step: 5 }], params: [], tags: [] });
    expect((await t.store.getRun(info.runId))?.data.metrics[0]).toMatchObject({ value: 0.95, step: 5, timestamp: 300 });
    await t.store.logBatch(info.runId, { metrics: [{ key: 'acc', value: Number.NaN, timestamp: 400, step: 6 }], params: [], tags: [] });
    const latest = (await t.store.getRun(info.runId))?.data.metrics[0];
    expect(Number.isNaN(latest?.value)).toBe(true);
    expect(latest).toMatchObject({ min: 0.1, max: 0.95 });
  });

  it('a mlflow.runName tag renames the run; tags upsert with the last value winning', async () => {
    const { info } = await newRun();
    await t.store.logBatch(info.runId, { metrics: [], params: [], tags: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }, { key: 'mlflow.runName', value: 'renamed' }] });
    const run = await t.store.getRun(info.runId);
    expect(run?.info.runName).toBe('renamed');
    expect(run?.data.tags).toContainEqual({ key: 'k', value: '2' });
    expect(await t.store.deleteRunTag(info.runId, 'k')).toBe(true);
    expect(await t.store.deleteRunTag(info.runId, 'k')).toBe(false);
  });

  it('updates only the given run fields and rewrites the runName tag on rename', async () => {
    const { info } = await newRun();
    const updated = await t.store.updateRun(info.runId, { status: 'FINISHED', endTime: 5000 });
    expect(updated).toMatchObject({ status: 'FINISHED', endTime: 5000, runName: 'r' });
    await t.store.updateRun(info.runId, { runName: 'new-name' });
    const run = await t.store.getRun(info.runId);
    expect(run?.info).toMatchObject({ runName: 'new-name', status: 'FINISHED' });
    expect(run?.data.tags).toContainEqual({ key: 'mlflow.runName', value: 'new-name' });
  });

  it('records datasets once per experiment and each run input once', async () => {
    const { info } = await newRun();
    const input = {
      tags: [{ key: 'mlflow.data.context', value: 'training' }],
      dataset: { name: 'iris', digest: 'abc', sourceType: 'local', source: '{}', schema: '{"a":1}' },
    };
    await t.store.logInputs(info.runId, '0', [input]);
    await t.store.logInputs(info.runId, '0', [input]);
    const run = await t.store.getRun(info.runId);
    expect(run?.inputs.datasetInputs).toEqual([input]);
    const [{ n }] = await t.db.run((s) => s.query<{ n: bigint }>('SELECT COUNT(*) AS n FROM datasets'));
    expect(Number(n)).toBe(1);
  });
});

describe('metric history reads', () => {
  it('pages the history by keyset in (step, timestamp) order', async () => {
    const { info } = await newRun();
    const metrics = Array.from({ length: 250 }, (_, i) => ({ key: 'm', value: i / 10, timestamp: 1000 + i, step: i }));
    await t.store.logBatch(info.runId, { metrics, params: [], tags: [] });
    const seen: number[] = [];
    let pageToken: string | undefined;
    do {
      const page = await t.store.getMetricHistory(info.runId, 'm', { maxResults: 40, pageToken });
      expect(page.items.length).toBeLessThanOrEqual(40);
      seen.push(...page.items.map((p) => p.step));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual(metrics.map((m) => m.step));
  });

  it('bulk interval returns everything when small and an even sample that keeps the last step when large', async () => {
    const a = (await newRun()).info.runId;
    const b = (await newRun()).info.runId;
    for (let start = 0; start < 5000; start += 1000) {
      const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: 'm', value: start + i, timestamp: start + i, step: start + i }));
      await t.store.logBatch(a, { metrics, params: [], tags: [] });
    }
    await t.store.logBatch(b, { metrics: [{ key: 'm', value: 1, timestamp: 1, step: 7 }], params: [], tags: [] });
    const points = await t.store.getMetricHistoryBulkInterval({ runIds: [a, b], metricKey: 'm', maxResults: 100 });
    const stepsA = points.filter((p) => p.runId === a).map((p) => p.step);
    expect(stepsA.length).toBeLessThanOrEqual(101);
    expect(stepsA.length).toBeGreaterThanOrEqual(90);
    expect(stepsA[0]).toBe(0);
    expect(stepsA.at(-1)).toBe(4999);
    const gaps = stepsA.slice(1).map((s, i) => s - stepsA[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60);
    expect(points.filter((p) => p.runId === b).map((p) => p.step)).toEqual([7]);
    const window = await t.store.getMetricHistoryBulkInterval({ runIds: [a], metricKey: 'm', startStep: 100, endStep: 149, maxResults: 100 });
    expect(window.map((p) => p.step)).toEqual(Array.from({ length: 50 }, (_, i) => 100 + i));
  });
});
