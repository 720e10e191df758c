import type { RegisteredModel } from '@/lib/domain';
import { notFound } from '../../errors';
import type { RegistryStore } from '../../store/registry-store';
import { validateLength } from '../validation';
import { getRegisteredModelOrThrow } from './get-registered-model-or-throw';
import { REGISTRY_LIMITS, validateModelName, validateRegistryTag } from './registry-validation';

const description = (text: string | undefined) =>
  text === undefined ? undefined : validateLength('Description', text, REGISTRY_LIMITS.descriptionLength);

/** A duplicate name is RESOURCE_ALREADY_EXISTS, which `register_model` treats as "reuse it". */
export function createRegisteredModel(
  store: RegistryStore,
  req: { name?: string; tags: { key?: string; value?: string }[]; description?: string },
): Promise<RegisteredModel> {
  return store.createRegisteredModel(validateModelName(req.name), req.tags.map(validateRegistryTag), description(req.description));
}

/** Renames the model; its versions, tags and aliases follow. */
export async function renameRegisteredModel(store: RegistryStore, name: string | undefined, newName: string | undefined): Promise<RegisteredModel> {
  const model = await getRegisteredModelOrThrow(store, name);
  const target = validateModelName(newName, 'new_name');
  if (target !== model.name) await store.renameRegisteredModel(model.name, target);
  return getRegisteredModelOrThrow(store, target);
}

export async function updateRegisteredModel(store: RegistryStore, name: string | undefined, text: string | undefined): Promise<RegisteredModel> {
  const model = await getRegisteredModelOrThrow(store, name);
  await store.updateRegisteredModel(model.name, description(text) ?? '');
  return getRegisteredModelOrThrow(store, model.name);
}

export async function deleteRegisteredModel(store: RegistryStore, name: string | undefined): Promise<void> {
  const model = await getRegisteredModelOrThrow(store, name);
  await store.deleteRegisteredModel(model.name);
}

export async function setRegisteredModelTag(store: RegistryStore, name: string | undefined, tag: { key?: string; value?: string }): Promise<void> {
  const valid = validateRegistryTag(tag);
  const model = await getRegisteredModelOrThrow(store, name);
  await store.setRegisteredModelTag(model.name, valid);
}

export async function deleteRegisteredModelTag(store: RegistryStore, name: string | undefined, key: string | undefined): Promise<void> {
  const model = await getRegisteredModelOrThrow(store, name);
  if (!key || !(await store.deleteRegisteredModelTag(model.name, key))) {
    throw notFound(`No tag with key '${key ?? ''}' on registered model '${model.name}'`);
  }
}
