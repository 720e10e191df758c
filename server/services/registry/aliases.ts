import type { ModelVersion } from '@/lib/domain';
import { notFound } from '../../errors';
import type { RegistryStore } from '../../store/registry-store';
import { getModelVersionOrThrow, getRegisteredModelOrThrow } from './get-registered-model-or-throw';
import { validateAlias } from './registry-validation';

/** Sets or moves an alias (champion, challenger, ...) onto an existing version. */
export async function setAlias(store: RegistryStore, name?: string, alias?: string, version?: string): Promise<void> {
  const valid = validateAlias(alias);
  const mv = await getModelVersionOrThrow(store, name, version);
  await store.setAlias(mv.name, valid, mv.version);
}

/** Idempotent, as in MLflow: removing an alias the model does not have is not an error. */
export async function deleteAlias(store: RegistryStore, name?: string, alias?: string): Promise<void> {
  const model = await getRegisteredModelOrThrow(store, name);
  await store.deleteAlias(model.name, validateAlias(alias));
}

export async function getVersionByAlias(store: RegistryStore, name?: string, alias?: string): Promise<ModelVersion> {
  const model = await getRegisteredModelOrThrow(store, name);
  const valid = validateAlias(alias);
  const version = await store.getAliasVersion(model.name, valid);
  if (version === null) throw notFound(`Registered model alias ${valid} not found for model ${model.name}`);
  return getModelVersionOrThrow(store, model.name, version);
}
