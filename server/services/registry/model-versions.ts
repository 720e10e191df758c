import type { ModelVersion, ModelVersionStage } from '@/lib/domain';
import { notFound } from '../../errors';
import type { RegistryStore } from '../../store/registry-store';
import { validateLength } from '../validation';
import { getModelVersionOrThrow, getRegisteredModelOrThrow } from './get-registered-model-or-throw';
import type { SourceDeps } from './validate-model-version-source';
import { resolveModelVersionSource } from './validate-model-version-source';
import { REGISTRY_LIMITS, parseStage, validateRegistryTag } from './registry-validation';

export interface CreateModelVersionRequest {
  name?: string;
  source?: string;
  runId?: string;
  runLink?: string;
  modelId?: string;
  description?: string;
  tags: { key?: string; value?: string }[];
}

/**
 * Registers the next version of an existing model. The source is checked and resolved before
 * anything is written; the version is READY at once, so the client never polls.
 */
export async function createModelVersion(
  deps: SourceDeps & { registry: RegistryStore },
  req: CreateModelVersionRequest,
): Promise<ModelVersion> {
  const tags = req.tags.map(validateRegistryTag);
  const description = req.description === undefined ? undefined : validateLength('Description', req.description, REGISTRY_LIMITS.descriptionLength);
  const model = await getRegisteredModelOrThrow(deps.registry, req.name);
  if (req.runId && !(await deps.tracking.getRunInfo(req.runId))) throw notFound(`Run with id=${req.runId} not found`);
  const logged = req.modelId ? await deps.loggedModels.getLoggedModel(req.modelId) : null;
  if (req.modelId && !logged) throw notFound(`Logged model with ID '${req.modelId}' not found`);
  const storageLocation = await resolveModelVersionSource(deps, req.source, { runId: req.runId || undefined, modelId: req.modelId || undefined });
  return deps.registry.createModelVersion({
    name: model.name,
    source: req.source!,
    storageLocation,
    // A version of a logged model belongs to the run that logged it, even when no run_id was sent.
    runId: req.runId || logged?.sourceRunId,
    runLink: req.runLink || undefined,
    modelId: req.modelId || undefined,
    description,
    tags,
  });
}

export async function updateModelVersion(store: RegistryStore, name?: string, version?: string, text?: string): Promise<ModelVersion> {
  const mv = await getModelVersionOrThrow(store, name, version);
  await store.updateModelVersion(mv.name, mv.version, validateLength('Description', text ?? '', REGISTRY_LIMITS.descriptionLength));
  return getModelVersionOrThrow(store, mv.name, mv.version);
}

/** Deprecated in MLflow 3 but still answered: moves a version to None/Staging/Production/Archived. */
export async function transitionModelVersionStage(
  store: RegistryStore,
  req: { name?: string; version?: string; stage?: string; archiveExistingVersions?: boolean },
): Promise<ModelVersion> {
  const stage: ModelVersionStage = parseStage(req.stage);
  const mv = await getModelVersionOrThrow(store, req.name, req.version);
  await store.transitionModelVersionStage(mv.name, mv.version, stage, req.archiveExistingVersions ?? false);
  return getModelVersionOrThrow(store, mv.name, mv.version);
}

export async function deleteModelVersion(store: RegistryStore, name?: string, version?: string): Promise<void> {
  const mv = await getModelVersionOrThrow(store, name, version);
  await store.deleteModelVersion(mv.name, mv.version);
}

export async function setModelVersionTag(store: RegistryStore, name: string | undefined, version: string | undefined, tag: { key?: string; value?: string }): Promise<void> {
  const valid = validateRegistryTag(tag);
  const mv = await getModelVersionOrThrow(store, name, version);
  await store.setModelVersionTag(mv.name, mv.version, valid);
}

export async function deleteModelVersionTag(store: RegistryStore, name?: string, version?: string, key?: string): Promise<void> {
  const mv = await getModelVersionOrThrow(store, name, version);
  if (!key || !(await store.deleteModelVersionTag(mv.name, mv.version, key))) {
    throw notFound(`No tag with key '${key ?? ''}' on model version ${mv.name}/${mv.version}`);
  }
}

/** Where the client downloads the version's files from. */
export async function getModelVersionDownloadUri(store: RegistryStore, name?: string, version?: string): Promise<string> {
  const mv = await getModelVersionOrThrow(store, name, version);
  return mv.storageLocation ?? mv.source;
}
