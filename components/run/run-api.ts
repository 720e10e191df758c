/**
 * Small calls only the run page needs, on the same transport as lib/api (MLflow's own endpoints):
 * a logged model by id, and the registered versions made from a run.
 */
import { apiCall, type WireLoggedModel, type WireModelVersion } from '@/lib/api-client';

export async function getLoggedModel(modelId: string, init?: { signal?: AbortSignal }): Promise<WireLoggedModel> {
  return (await apiCall<{ model: WireLoggedModel }>('GET', `mlflow/logged-models/${encodeURIComponent(modelId)}`, undefined, init)).model;
}

/** Model versions whose source run is `runId` (MLflow's `run_id = '...'` filter). */
export async function searchModelVersionsOfRun(runId: string, init?: { signal?: AbortSignal }): Promise<WireModelVersion[]> {
  const res = await apiCall<{ model_versions?: WireModelVersion[] }>(
    'GET',
    'mlflow/model-versions/search',
    { filter: `run_id = '${runId.replace(/'/g, '')}'`, max_results: 100 },
    init,
  );
  return res.model_versions ?? [];
}
