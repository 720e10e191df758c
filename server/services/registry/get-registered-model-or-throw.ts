import type { ModelVersion, RegisteredModel } from '@/lib/domain';
import { notFound } from '../../errors';
import type { RegistryStore } from '../../store/registry-store';
import { parseVersion, validateModelName } from './registry-validation';

export async function getRegisteredModelOrThrow(store: RegistryStore, name: string | undefined): Promise<RegisteredModel> {
  const valid = validateModelName(name);
  const model = await store.getRegisteredModel(valid);
  if (!model) throw notFound(`Registered Model with name=${valid} not found`);
  return model;
}

export async function getModelVersionOrThrow(
  store: RegistryStore,
  name: string | undefined,
  version: string | number | undefined,
): Promise<ModelVersion> {
  const valid = validateModelName(name);
  const number = parseVersion(version);
  const found = await store.getModelVersion(valid, number);
  if (!found) throw notFound(`Model Version (name=${valid}, version=${number}) not found`);
  return found;
}
