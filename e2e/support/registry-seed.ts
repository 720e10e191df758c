import { expect, type APIRequestContext } from '@playwright/test';

/**
 * Registry and MLflow 3 logged-model test data, logged through the REST API the way the MLflow
 * client does it (reference §4.3, §5.3). Shared by the registry and lineage specs; pair it with
 * `createExperiment` / `seedRuns` from ./seed.
 */

type Method = 'POST' | 'PATCH' | 'GET';

async function call<T>(api: APIRequestContext, method: Method, path: string, data?: unknown): Promise<T> {
  const url = `/api/2.0/mlflow/${path}`;
  const res =
    method === 'GET'
      ? await api.get(url, { params: data as Record<string, string> })
      : method === 'PATCH'
        ? await api.patch(url, { data })
        : await api.post(url, { data });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

const keyValues = (record: Record<string, string> | undefined) =>
  Object.entries(record ?? {}).map(([key, value]) => ({ key, value }));

export interface SeedLoggedModel {
  experimentId: string;
  runId: string;
  /** The logged model's name (`name=` of log_model), e.g. `model`. */
  name: string;
  params?: Record<string, string>;
  /**
   * Key → value linked to the model at `step` (the client's step 5 of reference §4.3): logged on the
   * run with `model_id`, reusing the run's own point when it already has that value at that step.
   */
  metrics?: Record<string, number>;
  modelType?: string;
  tags?: Record<string, string>;
  step?: number;
}

/**
 * Creates a logged model produced by `runId`: logged-models create → runs/outputs → metrics with
 * `model_id` → finalize READY. Returns the model id and its artifact root.
 */
export async function seedLoggedModel(api: APIRequestContext, m: SeedLoggedModel): Promise<{ modelId: string; artifactUri: string }> {
  const { model } = await call<{ model: { info: { model_id: string; artifact_uri: string } } }>(api, 'POST', 'logged-models', {
    experiment_id: m.experimentId,
    name: m.name,
    source_run_id: m.runId,
    model_type: m.modelType,
    params: keyValues(m.params),
    tags: keyValues(m.tags),
  });
  const modelId = model.info.model_id;
  const step = m.step ?? 0;
  await call(api, 'POST', 'runs/outputs', { run_id: m.runId, models: [{ model_id: modelId, step }] });
  // Like the client, re-log a value the run already has at this step with its own timestamp, so
  // the link adds no history point; other values are logged now.
  const { run } = await call<{ run: { data: { metrics?: { key: string; value: number; step: number; timestamp: number }[] } } }>(
    api, 'GET', 'runs/get', { run_id: m.runId },
  );
  const existing = new Map((run.data.metrics ?? []).map((x) => [x.key, x]));
  const now = Date.now();
  const metrics = Object.entries(m.metrics ?? {}).map(([key, value]) => {
    const prev = existing.get(key);
    const timestamp = prev && prev.step === step && prev.value === value ? prev.timestamp : now;
    return { key, value, step, timestamp, run_id: m.runId, model_id: modelId };
  });
  if (metrics.length > 0) await call(api, 'POST', 'runs/log-batch', { run_id: m.runId, metrics, params: [], tags: [] });
  await call(api, 'PATCH', `logged-models/${encodeURIComponent(modelId)}`, { model_id: modelId, status: 'LOGGED_MODEL_READY' });
  return { modelId, artifactUri: model.info.artifact_uri };
}

export interface SeedDatasetInput {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
  /** The `mlflow.data.context` input tag: `training`, `eval`, … */
  context?: string;
}

/** Records a dataset input of a run (runs/log-inputs), with its context tag when given. */
export async function logDatasetInput(api: APIRequestContext, runId: string, d: SeedDatasetInput): Promise<void> {
  await call(api, 'POST', 'runs/log-inputs', {
    run_id: runId,
    datasets: [
      {
        tags: d.context ? [{ key: 'mlflow.data.context', value: d.context }] : [],
        dataset: {
          name: d.name,
          digest: d.digest,
          source_type: d.sourceType,
          source: d.source,
          ...(d.schema !== undefined ? { schema: d.schema } : {}),
          ...(d.profile !== undefined ? { profile: d.profile } : {}),
        },
      },
    ],
  });
}

export interface SeedModelVersion {
  runId: string;
  /** When given, the version's source is `models:/<modelId>` (MLflow 3); else `runs:/<runId>/model`. */
  modelId?: string;
  description?: string;
  tags?: Record<string, string>;
}

export interface SeedRegisteredModel {
  name: string;
  description?: string;
  tags?: Record<string, string>;
  /** Created in order, so the first becomes version 1. */
  versions: SeedModelVersion[];
  /** Alias → version number. */
  aliases?: Record<string, number>;
}

/** Creates a registered model, its versions (in order) and aliases. Returns the version strings. */
export async function seedRegisteredModel(api: APIRequestContext, m: SeedRegisteredModel): Promise<{ name: string; versions: string[] }> {
  await call(api, 'POST', 'registered-models/create', {
    name: m.name,
    tags: keyValues(m.tags),
    ...(m.description !== undefined ? { description: m.description } : {}),
  });
  const versions: string[] = [];
  for (const v of m.versions) {
    const { model_version } = await call<{ model_version: { version: string } }>(api, 'POST', 'model-versions/create', {
      name: m.name,
      source: v.modelId ? `models:/${v.modelId}` : `runs:/${v.runId}/model`,
      run_id: v.runId,
      tags: keyValues(v.tags),
      ...(v.modelId ? { model_id: v.modelId } : {}),
      ...(v.description !== undefined ? { description: v.description } : {}),
    });
    versions.push(model_version.version);
  }
  for (const [alias, version] of Object.entries(m.aliases ?? {})) {
    await setModelAlias(api, m.name, alias, version);
  }
  return { name: m.name, versions };
}

export async function setModelAlias(api: APIRequestContext, name: string, alias: string, version: number | string): Promise<void> {
  await call(api, 'POST', 'registered-models/alias', { name, alias, version: String(version) });
}

/** The version an alias points to now (registered-models/alias), for asserting through the API. */
export async function getAliasVersion(api: APIRequestContext, name: string, alias: string): Promise<string> {
  const res = await call<{ model_version: { version: string } }>(api, 'GET', 'registered-models/alias', { name, alias });
  return res.model_version.version;
}
