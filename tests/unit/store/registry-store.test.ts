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

const version = (name: string, source = 'mlflow-artifacts:/0/x/artifacts/model') =>
  t.registry.createModelVersion({ name, source, storageLocation: source, tags: [{ key: 'k', value: 'v' }] });

describe('registered models', () => {
  it('creates a model; a duplicate name is RESOURCE_ALREADY_EXISTS', async () => {
    const m = await t.registry.createRegisteredModel('rf', [{ key: 'team', value: 'a' }], 'forest');
    expect(m).toMatchObject({ name: 'rf', description: 'forest', tags: [{ key: 'team', value: 'a' }], aliases: [], latestVersions: [] });
    const error = await t.registry.createRegisteredModel('rf', []).catch((e: unknown) => e);
    expect((error as MlflowError).code).toBe('RESOURCE_ALREADY_EXISTS');
  });

  it('numbers versions from 1 and never reuses a deleted number', async () => {
    await t.registry.createRegisteredModel('rf', []);
    expect((await version('rf')).version).toBe(1);
    expect((await version('rf')).version).toBe(2);
    await t.registry.deleteModelVersion('rf', 2);
    expect(await t.registry.getModelVersion('rf', 2)).toBeNull();
    expect((await version('rf')).version).toBe(3);
  });

  it('renames a model together with its versions, tags and aliases', async () => {
    await t.registry.createRegisteredModel('old', [{ key: 'a', value: '1' }]);
    await version('old');
    await t.registry.setAlias('old', 'champion', 1);
    await t.registry.renameRegisteredModel('old', 'new');
    expect(await t.registry.getRegisteredModel('old')).toBeNull();
    const m = await t.registry.getRegisteredModel('new');
    expect(m).toMatchObject({ tags: [{ key: 'a', value: '1' }], aliases: [{ alias: 'champion', version: 1 }] });
    expect((await t.registry.getModelVersion('new', 1))?.tags).toEqual([{ key: 'k', value: 'v' }]);
  });

  it('aliases move between versions and disappear with their version', async () => {
    await t.registry.createRegisteredModel('rf', []);
    await version('rf');
    await version('rf');
    await t.registry.setAlias('rf', 'champion', 1);
    await t.registry.setAlias('rf', 'challenger', 2);
    expect((await t.registry.getModelVersion('rf', 1))?.aliases).toEqual(['champion']);
    await t.registry.setAlias('rf', 'champion', 2);
    expect(await t.registry.getAliasVersion('rf', 'champion')).toBe(2);
    expect((await t.registry.getModelVersion('rf', 2))?.aliases).toEqual(['challenger', 'champion']);
    await t.registry.deleteModelVersion('rf', 2);
    expect(await t.registry.getAliasVersion('rf', 'champion')).toBeNull();
    expect(await t.registry.deleteAlias('rf', 'challenger')).toBe(false);
  });

  it('latest versions are the newest per stage; transitions can archive the others', async () => {
    await t.registry.createRegisteredModel('rf', []);
    for (let i = 0; i < 4; i += 1) await version('rf');
    await t.registry.transitionModelVersionStage('rf', 1, 'Production', false);
    await t.registry.transitionModelVersionStage('rf', 2, 'Production', true);
    const m = await t.registry.getRegisteredModel('rf');
    expect(m?.latestVersions.map((v) => [v.version, v.currentStage])).toEqual([[1, 'Archived'], [2, 'Production'], [4, 'None']]);
    expect((await t.registry.getModelVersion('rf', 1))?.currentStage).toBe('Archived');
  });

  it('deleting a model deletes its versions; the name can be registered again from version 1', async () => {
    await t.registry.createRegisteredModel('rf', []);
    await version('rf');
    await t.registry.deleteRegisteredModel('rf');
    await t.registry.createRegisteredModel('rf', []);
    expect((await version('rf')).version).toBe(1);
  });
});
