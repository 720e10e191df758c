import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MlflowError } from '@/server/errors';
import { createExperiment, validateExperimentName, validateExperimentTag } from '@/server/services/experiments/create-experiment';
import { deleteExperimentTag, setExperimentTag } from '@/server/services/experiments/experiment-tags';
import { getExperimentByName } from '@/server/services/experiments/get-experiment-by-name';
import { getActiveExperimentOrThrow, getExperimentOrThrow } from '@/server/services/experiments/get-experiment-or-throw';
import { renameExperiment } from '@/server/services/experiments/rename-experiment';
import { searchExperiments } from '@/server/services/experiments/search-experiments';
import { setExperimentLifecycle } from '@/server/services/experiments/set-experiment-lifecycle';
import { createRun } from '@/server/services/runs/create-run';
import { getRunOrThrow } from '@/server/services/runs/get-run-or-throw';
import { openTempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
beforeEach(async () => {
  t = await openTempStore();
});
afterEach(async () => {
  await t.cleanup();
});

async function failure(p: Promise<unknown> | (() => unknown), code: string): Promise<string> {
  const promise = typeof p === 'function' ? (async () => p())() : p;
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(MlflowError);
  expect((error as MlflowError).code).toBe(code);
  return (error as MlflowError).message;
}

const create = (name: string | undefined, extra: { artifactLocation?: string; tags?: { key?: string; value?: string }[] } = {}) =>
  createExperiment(t.store, { name, tags: [], ...extra });

describe('createExperiment', () => {
  it('creates an experiment with its tags and a derived artifact location', async () => {
    const id = await create('exp', { tags: [{ key: 'team', value: 'a' }] });
    expect(await getExperimentOrThrow(t.store, id)).toMatchObject({
      name: 'exp',
      artifactLocation: `mlflow-artifacts:/${id}`,
      lifecycleStage: 'active',
      tags: [{ key: 'team', value: 'a' }],
    });
  });

  it('keeps an explicit artifact location', async () => {
    const id = await create('located', { artifactLocation: 's3://bucket/path' });
    expect((await getExperimentOrThrow(t.store, id)).artifactLocation).toBe('s3://bucket/path');
  });

  it('refuses a missing, empty or blank name', async () => {
    for (const name of [undefined, '', '   ']) {
      expect(await failure(create(name), 'INVALID_PARAMETER_VALUE')).toContain('experiment name');
    }
  });

  it('allows a 500-character name and refuses 501', async () => {
    await create('n'.repeat(500));
    expect(await failure(create('m'.repeat(501)), 'INVALID_PARAMETER_VALUE')).toContain('exceeded length limit of 500');
  });

  it('refuses a runs:/ artifact location and one with a fragment or query', async () => {
    expect(await failure(create('a', { artifactLocation: 'runs:/abc/model' }), 'INVALID_PARAMETER_VALUE')).toContain('runs:/');
    await failure(create('b', { artifactLocation: 's3://bucket/p?x=1' }), 'INVALID_PARAMETER_VALUE');
    await failure(create('c', { artifactLocation: 's3://bucket/p#frag' }), 'INVALID_PARAMETER_VALUE');
    expect((await searchExperiments(t.store, { orderBy: [] })).items.map((e) => e.name)).toEqual(['Default']);
  });

  it('refuses a taken name with RESOURCE_ALREADY_EXISTS, also when the holder is deleted', async () => {
    const id = await create('dup');
    await failure(create('dup'), 'RESOURCE_ALREADY_EXISTS');
    await setExperimentLifecycle(t.store, id, 'deleted');
    await failure(create('dup'), 'RESOURCE_ALREADY_EXISTS');
  });

  it('checks experiment tags: key 250 and value 5000 characters', async () => {
    expect(validateExperimentTag({ key: 'k'.repeat(250), value: 'v'.repeat(5000) }).value).toHaveLength(5000);
    expect(validateExperimentTag({ key: 'k' })).toEqual({ key: 'k', value: '' });
    await failure(create('t1', { tags: [{ key: 'k'.repeat(251), value: '' }] }), 'INVALID_PARAMETER_VALUE');
    await failure(create('t2', { tags: [{ key: 'k', value: 'v'.repeat(5001) }] }), 'INVALID_PARAMETER_VALUE');
    await failure(create('t3', { tags: [{ value: 'v' }] }), 'INVALID_PARAMETER_VALUE');
    expect((await searchExperiments(t.store, { orderBy: [] })).items).toHaveLength(1);
  });

  it('validateExperimentName returns the name unchanged', () => {
    expect(validateExperimentName(' spaced name ')).toBe(' spaced name ');
  });
});

describe('reading experiments', () => {
  it('getExperimentOrThrow: malformed ids are INVALID_PARAMETER_VALUE, unknown ones RESOURCE_DOES_NOT_EXIST', async () => {
    await failure(getExperimentOrThrow(t.store, 'bad id'), 'INVALID_PARAMETER_VALUE');
    expect(await failure(getExperimentOrThrow(t.store, '12345'), 'RESOURCE_DOES_NOT_EXIST')).toContain('12345');
    // Well-formed but not numeric: cannot exist in this store.
    await failure(getExperimentOrThrow(t.store, 'abc'), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('getExperimentOrThrow returns deleted experiments; getActiveExperimentOrThrow refuses them', async () => {
    const id = await create('x');
    await setExperimentLifecycle(t.store, id, 'deleted');
    expect((await getExperimentOrThrow(t.store, id)).lifecycleStage).toBe('deleted');
    expect(await failure(getActiveExperimentOrThrow(t.store, id), 'INVALID_PARAMETER_VALUE')).toBe(
      `The experiment ${id} must be in the 'active' state. Current state is deleted.`,
    );
  });

  it('getExperimentByName: empty is INVALID_PARAMETER_VALUE, unknown is RESOURCE_DOES_NOT_EXIST (set_experiment relies on it)', async () => {
    await failure(getExperimentByName(t.store, ''), 'INVALID_PARAMETER_VALUE');
    await failure(getExperimentByName(t.store, 'missing'), 'RESOURCE_DOES_NOT_EXIST');
    expect((await getExperimentByName(t.store, 'Default')).experimentId).toBe('0');
  });

  it('searchExperiments refuses max_results outside 1..50000 and defaults to active experiments', async () => {
    await failure(() => searchExperiments(t.store, { orderBy: [], maxResults: 0 }), 'INVALID_PARAMETER_VALUE');
    await failure(() => searchExperiments(t.store, { orderBy: [], maxResults: 50_001 }), 'INVALID_PARAMETER_VALUE');
    const id = await create('deleted-one');
    await setExperimentLifecycle(t.store, id, 'deleted');
    expect((await searchExperiments(t.store, { orderBy: [] })).items.map((e) => e.name)).toEqual(['Default']);
    const deleted = await searchExperiments(t.store, { orderBy: [], viewType: 'DELETED_ONLY', maxResults: 50_000 });
    expect(deleted.items.map((e) => e.name)).toEqual(['deleted-one']);
  });
});

describe('changing experiments', () => {
  it('renameExperiment renames an active experiment; a taken name is RESOURCE_ALREADY_EXISTS', async () => {
    const id = await create('old');
    await create('other');
    await renameExperiment(t.store, id, 'new');
    expect((await getExperimentOrThrow(t.store, id)).name).toBe('new');
    await failure(renameExperiment(t.store, id, 'other'), 'RESOURCE_ALREADY_EXISTS');
  });

  it('renameExperiment refuses an empty new name and a deleted experiment', async () => {
    const id = await create('r');
    await failure(renameExperiment(t.store, id, undefined), 'INVALID_PARAMETER_VALUE');
    await failure(renameExperiment(t.store, id, ''), 'INVALID_PARAMETER_VALUE');
    await setExperimentLifecycle(t.store, id, 'deleted');
    expect(await failure(renameExperiment(t.store, id, 'r2'), 'INVALID_PARAMETER_VALUE')).toContain("must be in the 'active' state");
    expect((await getExperimentOrThrow(t.store, id)).name).toBe('r');
  });

  it('setExperimentTag upserts on an active experiment and refuses a deleted one', async () => {
    const id = await create('tagged');
    await setExperimentTag(t.store, id, { key: 'k', value: '1' });
    await setExperimentTag(t.store, id, { key: 'k', value: '2' });
    expect((await getExperimentOrThrow(t.store, id)).tags).toEqual([{ key: 'k', value: '2' }]);
    await failure(setExperimentTag(t.store, id, { key: 'bad//key', value: '' }), 'INVALID_PARAMETER_VALUE');
    await setExperimentLifecycle(t.store, id, 'deleted');
    await failure(setExperimentTag(t.store, id, { key: 'k', value: '3' }), 'INVALID_PARAMETER_VALUE');
  });

  it('deleteExperimentTag removes a tag; a missing one is RESOURCE_DOES_NOT_EXIST', async () => {
    const id = await create('untag');
    await setExperimentTag(t.store, id, { key: 'k', value: '1' });
    await deleteExperimentTag(t.store, id, 'k');
    expect((await getExperimentOrThrow(t.store, id)).tags).toEqual([]);
    await failure(deleteExperimentTag(t.store, id, 'k'), 'RESOURCE_DOES_NOT_EXIST');
  });

  it('setExperimentLifecycle deletes and restores the experiment with its runs; unknown ids are RESOURCE_DOES_NOT_EXIST', async () => {
    await failure(setExperimentLifecycle(t.store, '777', 'deleted'), 'RESOURCE_DOES_NOT_EXIST');
    const id = await create('with-runs');
    const run = await createRun(t.store, { experimentId: id, tags: [] });
    await setExperimentLifecycle(t.store, id, 'deleted');
    expect((await getRunOrThrow(t.store, run.info.runId)).info.lifecycleStage).toBe('deleted');
    await setExperimentLifecycle(t.store, id, 'active');
    expect((await getRunOrThrow(t.store, run.info.runId)).info.lifecycleStage).toBe('active');
  });
});
