import type { LoggedModel } from '@/lib/domain';
import { invalidParameter, notFound } from '../../errors';
import type { LoggedModelStore } from '../../store/logged-model-store';

/** Deleted models are found only when asked for (`allow_deleted=true`). */
export async function getLoggedModelOrThrow(store: LoggedModelStore, modelId: string, allowDeleted = false): Promise<LoggedModel> {
  const model = await store.getLoggedModel(modelId);
  if (!model || (model.lifecycleStage === 'deleted' && !allowDeleted)) {
    throw notFound(`Logged model with ID '${modelId}' not found`);
  }
  return model;
}

export async function getActiveLoggedModelOrThrow(store: LoggedModelStore, modelId: string): Promise<LoggedModel> {
  const model = await getLoggedModelOrThrow(store, modelId);
  if (model.lifecycleStage !== 'active') throw invalidParameter(`Logged model '${modelId}' is deleted and cannot be changed.`);
  return model;
}
