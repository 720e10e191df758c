import { invalidParameter, notFound } from '../../errors';
import type { LoggedModelStore } from '../../store/logged-model-store';
import type { TrackingStore } from '../../store/tracking-store';
import { getActiveRunInfoOrThrow } from '../runs/get-run-or-throw';

async function requireModels(store: LoggedModelStore, modelIds: string[]): Promise<void> {
  const existing = await store.existingModelIds(modelIds);
  const missing = modelIds.find((id) => !existing.has(id));
  if (missing) throw notFound(`Logged model with ID '${missing}' not found`);
}

/** `runs/outputs`: the run produced each model at a step; shown later in run.outputs.model_outputs. */
export async function logRunOutputs(
  stores: { tracking: TrackingStore; loggedModels: LoggedModelStore },
  runId: string,
  models: { model_id?: string; step?: number }[],
): Promise<void> {
  if (models.length === 0) throw invalidParameter("Missing value for required parameter 'models'.");
  const outputs = models.map((m) => {
    if (!m.model_id) throw invalidParameter("Each entry of 'models' needs a model_id.");
    if (m.step === undefined) throw invalidParameter(`The output model '${m.model_id}' needs a step.`);
    return { modelId: m.model_id, step: m.step };
  });
  await getActiveRunInfoOrThrow(stores.tracking, runId);
  await requireModels(stores.loggedModels, outputs.map((o) => o.modelId));
  await stores.loggedModels.logRunOutputs(runId, outputs);
}

/** The model half of `runs/log-inputs` (MLflow 3): models the run used as inputs. */
export async function logRunModelInputs(store: LoggedModelStore, runId: string, models: { model_id?: string }[]): Promise<void> {
  const ids = models.map((m) => {
    if (!m.model_id) throw invalidParameter("Each entry of 'models' needs a model_id.");
    return m.model_id;
  });
  await requireModels(store, ids);
  await store.logRunModelInputs(runId, ids);
}
