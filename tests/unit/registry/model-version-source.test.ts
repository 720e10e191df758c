import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowError } from '@/server/errors';
import { resolveModelVersionSource } from '@/server/services/registry/validate-model-version-source';
import { openTempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
let runId: string;
const deps = () => ({ tracking: t.store, loggedModels: t.loggedModels, registry: t.registry });

beforeEach(async () => {
  t = await openTempStore();
  runId = (await t.store.createRun({ experimentId: '0', runName: 'r', userId: 'u', startTime: 1, tags: [] })).info.runId;
  await t.loggedModels.createLoggedModel({
    modelId: 'm-abc', experimentId: '0', name: 'model', artifactUri: 'mlflow-artifacts:/0/models/m-abc/artifacts', params: [], tags: [],
  });
});
afterEach(async () => {
  await t.cleanup();
});

describe('model version sources', () => {
  it('resolves allow-listed sources inside the named run or model to where the files are', async () => {
    const run = { runId };
    expect(await resolveModelVersionSource(deps(), 'models:/m-abc', { modelId: 'm-abc' })).toBe('mlflow-artifacts:/0/models/m-abc/artifacts');
    expect(await resolveModelVersionSource(deps(), `runs:/${runId}/model`, run)).toBe(`mlflow-artifacts:/0/${runId}/artifacts/model`);
    expect(await resolveModelVersionSource(deps(), `mlflow-artifacts:/0/${runId}/artifacts/model`, run)).toBe(`mlflow-artifacts:/0/${runId}/artifacts/model`);
    expect(await resolveModelVersionSource(deps(), 'mlflow-artifacts:/0/models/m-abc/artifacts', { runId, modelId: 'm-abc' })).toBe(
      'mlflow-artifacts:/0/models/m-abc/artifacts',
    );
  });

  it.each([
    ['models:/m-abc', {}],
    [`runs:/RUN/model`, {}],
    ['mlflow-artifacts:/0/RUN/artifacts/model', {}],
    ['mlflow-artifacts:/0/RUN/artifacts/model', { modelId: 'm-abc' }],
    ['mlflow-artifacts:/0/RUN-other/artifacts/model', { runId: 'RUN' }],
    ['mlflow-artifacts://evil.example:5000/0/RUN/artifacts/model', { runId: 'RUN' }],
  ])('rejects %j outside the run or model named with it (%j)', async (raw, owner: { runId?: string; modelId?: string }) => {
    const fill = (v: string) => v.replace('RUN', runId);
    const named = { ...owner, ...(owner.runId ? { runId: fill(owner.runId) } : {}) };
    const error = await resolveModelVersionSource(deps(), fill(raw), named).catch((e: unknown) => e);
    expect((error as MlflowError).code).toBe('INVALID_PARAMETER_VALUE');
  });

  it.each([
    '/etc/passwd',
    'file:///etc/passwd',
    'relative/dir',
    's3://bucket/model',
    'http://evil.example/model',
    'mlflow-artifacts:/0/../../etc/passwd',
    'mlflow-artifacts:/0/%2e%2e/%2e%2e/etc',
    'mlflow-artifacts:/0/%252e%252e/%252e%252e/etc',
    'runs:/RUN/../../x',
    'runs:/RUN/model%00x',
    'models:/m-missing',
    'models:/no-such-model/1',
    'runs:/0123456789abcdef0123456789abcdef/model',
    '',
  ])('rejects %j with INVALID_PARAMETER_VALUE', async (raw) => {
    const source = raw.replace('RUN', runId);
    const error = await resolveModelVersionSource(deps(), source, { runId }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlflowError);
    expect((error as MlflowError).code).toBe('INVALID_PARAMETER_VALUE');
  });
});
