import type { LoggedModel, LoggedModelStatus } from '@/lib/domain';
import { invalidParameter, notFound } from '../../errors';
import type { LoggedModelStore } from '../../store/logged-model-store';
import { validateParam, validateRunTag } from '../validation';
import { getActiveLoggedModelOrThrow, getLoggedModelOrThrow } from './get-logged-model-or-throw';

const FINAL_STATUSES: LoggedModelStatus[] = ['LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED'];

/** "Finalize": the client marks the model READY once its files are uploaded (or UPLOAD_FAILED). */
export async function finalizeLoggedModel(store: LoggedModelStore, modelId: string, status: LoggedModelStatus | undefined): Promise<LoggedModel> {
  if (!status || !FINAL_STATUSES.includes(status)) {
    throw invalidParameter(`A logged model can be finalized with status ${FINAL_STATUSES.join(' or ')}; got ${status ?? 'none'}.`);
  }
  await getActiveLoggedModelOrThrow(store, modelId);
  await store.setLoggedModelStatus(modelId, status);
  return getLoggedModelOrThrow(store, modelId);
}

export async function deleteLoggedModel(store: LoggedModelStore, modelId: string): Promise<void> {
  await getLoggedModelOrThrow(store, modelId);
  await store.deleteLoggedModel(modelId);
}

export async function setLoggedModelTags(store: LoggedModelStore, modelId: string, tags: { key?: string; value?: string }[]): Promise<void> {
  const valid = tags.map(validateRunTag);
  await getActiveLoggedModelOrThrow(store, modelId);
  await store.setLoggedModelTags(modelId, valid);
}

export async function deleteLoggedModelTag(store: LoggedModelStore, modelId: string, key: string): Promise<void> {
  await getActiveLoggedModelOrThrow(store, modelId);
  if (!(await store.deleteLoggedModelTag(modelId, key))) {
    throw notFound(`No tag with key '${key}' on logged model '${modelId}'`);
  }
}

export async function logLoggedModelParams(store: LoggedModelStore, modelId: string, params: { key?: string; value?: string }[]): Promise<void> {
  const valid = params.map(validateParam);
  await getActiveLoggedModelOrThrow(store, modelId);
  await store.logLoggedModelParams(modelId, valid);
}
