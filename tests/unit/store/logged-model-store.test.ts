import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowError } from '@/server/errors';
import { openTempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
let runId: string;

beforeEach(async () => {
  t = await openTempStore();
  runId = (await t.store.createRun({ experimentId: '0', runName: 'r', userId: 'u', startTime: 1, tags: [] })).info.runId;
});
afterEach(async () => {
  await t.cleanup();
});

const create = (modelId: string, name = 'model', extra: Partial<Parameters<TempStore['loggedModels']['createLoggedModel']>[0]> = {}) =>
  t.loggedModels.createLoggedModel({
    modelId,
    experimentId: '0',
    name,
    artifactUri: `mlflow-artifacts:/0/models/${modelId}/artifacts`,
    sourceRunId: runId,
    params: [{ key: 'C', value: '1.0' }],
    tags: [{ key: 'mlflow.source.type', value: 'LOCAL' }],
    ...extra,
  });

describe('logged models', () => {
  it('creates a PENDING model with params and tags, finalizes it, and soft-deletes it', async () => {
    const m = await create('m-1');
    expect(m).toMatchObject({ modelId: 'm-1', status: 'LOGGED_MODEL_PENDING', sourceRunId: runId, lifecycleStage: 'active', params: [{ key: 'C', value: '1.0' }] });
    await t.loggedModels.setLoggedModelStatus('m-1', 'LOGGED_MODEL_READY');
    expect((await t.loggedModels.getLoggedModel('m-1'))?.status).toBe('LOGGED_MODEL_READY');
    await t.loggedModels.deleteLoggedModel('m-1');
    expect((await t.loggedModels.getLoggedModel('m-1'))?.lifecycleStage).toBe('deleted');
    const page = await t.loggedModels.searchLoggedModels({ experimentIds: ['0'], datasets: [], orderBy: [], maxResults: 10 });
    expect(page.items).toEqual([]);
  });

  it('model params are write-once; tags upsert and delete', async () => {
    await create('m-1');
    await t.loggedModels.logLoggedModelParams('m-1', [{ key: 'C', value: '1.0' }, { key: 'k', value: 'v' }]);
    const error = await t.loggedModels.logLoggedModelParams('m-1', [{ key: 'C', value: '2.0' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).code).toBe('INVALID_PARAMETER_VALUE');
    await t.loggedModels.setLoggedModelTags('m-1', [{ key: 'a', value: '1' }, { key: 'a', value: '2' }]);
    expect(await t.loggedModels.deleteLoggedModelTag('m-1', 'mlflow.source.type')).toBe(true);
    const m = await t.loggedModels.getLoggedModel('m-1');
    expect(m?.params).toEqual([{ key: 'C', value: '1.0' }, { key: 'k', value: 'v' }]);
    expect(m?.tags).toEqual([{ key: 'a', value: '2' }]);
  });

  it('metrics logged with a model id link to the model without adding history', async () => {
    await create('m-1');
    const point = { key: 'acc', value: 0.9, timestamp: 5, step: 0 };
    await t.store.logBatch(runId, { metrics: [point], params: [], tags: [] });
    await t.store.logBatch(runId, { metrics: [{ ...point, modelId: 'm-1', datasetName: 'eval', datasetDigest: 'd1' }], params: [], tags: [] });
    expect((await t.store.getMetricHistory(runId, 'acc', {})).items).toEqual([point]);
    const m = await t.loggedModels.getLoggedModel('m-1');
    expect(m?.metrics).toEqual([{ ...point, runId, modelId: 'm-1', datasetName: 'eval', datasetDigest: 'd1' }]);
    const linkToMissing = await t.store.logBatch(runId, { metrics: [{ ...point, modelId: 'm-missing' }], params: [], tags: [] }).catch((e: unknown) => e);
    expect((linkToMissing as MlflowError).code).toBe('RESOURCE_DOES_NOT_EXIST');
  });

  it('records run outputs and model inputs, shown on the run', async () => {
    await create('m-1');
    await create('m-2', 'other');
    await t.loggedModels.logRunOutputs(runId, [{ modelId: 'm-1', step: 3 }, { modelId: 'm-2', step: 0 }]);
    await t.loggedModels.logRunModelInputs(runId, ['m-2', 'm-2']);
    const run = await t.store.getRun(runId);
    expect(run?.outputs.modelOutputs).toEqual([{ modelId: 'm-2', step: 0 }, { modelId: 'm-1', step: 3 }]);
    expect(run?.inputs.modelInputs).toEqual([{ modelId: 'm-2' }]);
    expect(await t.loggedModels.existingModelIds(['m-1', 'nope'])).toEqual(new Set(['m-1']));
  });

  it('searches by source run and name, newest first, paged by token', async () => {
    for (let i = 0; i < 5; i += 1) await create(`m-${i}`, i % 2 === 0 ? 'even' : 'odd');
    const even = await t.loggedModels.searchLoggedModels({
      experimentIds: ['0'], filter: `name = 'even' AND source_run_id = '${runId}'`, datasets: [], orderBy: [], maxResults: 2,
    });
    expect(even.items).toHaveLength(2);
    expect(even.nextPageToken).toBeTruthy();
    const rest = await t.loggedModels.searchLoggedModels({
      experimentIds: ['0'], filter: `name = 'even' AND source_run_id = '${runId}'`, datasets: [], orderBy: [], maxResults: 2, pageToken: even.nextPageToken,
    });
    expect([...even.items, ...rest.items].map((m) => m.modelId).sort()).toEqual(['m-0', 'm-2', 'm-4']);
    expect(rest.nextPageToken).toBeUndefined();
  });
});
