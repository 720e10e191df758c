import type { KeyValue, LifecycleStage, LoggedModel, LoggedModelMetric, LoggedModelStatus, Page } from '@/lib/domain';
import { compileLoggedModelSearch } from '../../search/logged-models-query';
import type { CreateLoggedModelInput, LoggedModelSearchQuery, LoggedModelStore } from '../logged-model-store';
import type { SqlDatabase, SqlSession } from './database';
import { insertRows, insertWriteOnce, upsertKeyValues } from './key-value-rows';
import { groupBy, searchPage, selectIn } from './paged-query';
import { bool, int, loadedDouble } from './values';

const PARAMS = { table: 'logged_model_params', owner: 'model_id' };
const TAGS = { table: 'logged_model_tags', owner: 'model_id' };

interface ModelRow {
  model_id: string;
  experiment_id: unknown;
  name: string;
  artifact_location: string;
  creation_timestamp_ms: unknown;
  last_updated_timestamp_ms: unknown;
  status: string;
  lifecycle_stage: string;
  model_type: string | null;
  source_run_id: string | null;
  status_message: string | null;
}

/** Complete logged models (info, params, tags, linked metrics) in the order of `ids`. */
async function loadModels(s: SqlSession, ids: string[]): Promise<LoggedModel[]> {
  if (ids.length === 0) return [];
  const rows = await selectIn<ModelRow>(s, (ph) => `SELECT * FROM logged_models WHERE model_id IN (${ph})`, ids);
  type KvRow = { model_id: string; key: string; value: string };
  const byModel = (r: { model_id: string }) => r.model_id;
  const params = groupBy(await selectIn<KvRow>(s, (ph) => `SELECT model_id, key, value FROM logged_model_params WHERE model_id IN (${ph}) ORDER BY key`, ids), byModel);
  const tags = groupBy(await selectIn<KvRow>(s, (ph) => `SELECT model_id, key, value FROM logged_model_tags WHERE model_id IN (${ph}) ORDER BY key`, ids), byModel);
  type MetricRow = { model_id: string; key: string; run_uuid: string; step: unknown; timestamp: unknown; dataset_name: string; dataset_digest: string; value: unknown; is_nan: unknown };
  const metrics = groupBy(await selectIn<MetricRow>(
    s,
    (ph) => `SELECT model_id, key, run_uuid, step, timestamp, dataset_name, dataset_digest, value, is_nan
             FROM logged_model_metrics WHERE model_id IN (${ph}) ORDER BY key, step, timestamp`,
    ids,
  ), byModel);
  const kv = (list?: KvRow[]): KeyValue[] => (list ?? []).map((r) => ({ key: r.key, value: r.value }));
  const byId = new Map(rows.map((r) => [r.model_id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const linked: LoggedModelMetric[] = (metrics.get(id) ?? []).map((m) => ({
      key: m.key,
      value: bool(m.is_nan) ? Number.NaN : loadedDouble(m.value),
      timestamp: int(m.timestamp),
      step: int(m.step),
      runId: m.run_uuid,
      modelId: id,
      ...(m.dataset_name ? { datasetName: m.dataset_name } : {}),
      ...(m.dataset_digest ? { datasetDigest: m.dataset_digest } : {}),
    }));
    return [{
      modelId: r.model_id,
      experimentId: String(int(r.experiment_id)),
      name: r.name,
      artifactUri: r.artifact_location,
      creationTimestampMs: int(r.creation_timestamp_ms),
      lastUpdatedTimestampMs: int(r.last_updated_timestamp_ms),
      status: r.status as LoggedModelStatus,
      lifecycleStage: r.lifecycle_stage as LifecycleStage,
      ...(r.model_type !== null ? { modelType: r.model_type } : {}),
      ...(r.source_run_id !== null ? { sourceRunId: r.source_run_id } : {}),
      ...(r.status_message !== null ? { statusMessage: r.status_message } : {}),
      params: kv(params.get(id)),
      tags: kv(tags.get(id)),
      metrics: linked,
    }];
  });
}

const touch = (s: SqlSession, modelId: string) =>
  s.execute('UPDATE logged_models SET last_updated_timestamp_ms = ? WHERE model_id = ?', [Date.now(), modelId]);

export class SqlLoggedModelStore implements LoggedModelStore {
  constructor(private readonly db: SqlDatabase) {}

  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel> {
    const now = Date.now();
    return this.db.transaction(async (s) => {
      await s.execute(
        `INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms,
           last_updated_timestamp_ms, status, lifecycle_stage, model_type, source_run_id, status_message)
         VALUES (?, ?, ?, ?, ?, ?, 'LOGGED_MODEL_PENDING', 'active', ?, ?, NULL)`,
        [input.modelId, Number(input.experimentId), input.name, input.artifactUri, now, now, input.modelType ?? null, input.sourceRunId ?? null],
      );
      await insertWriteOnce(s, PARAMS, input.modelId, input.params, `logged model ID='${input.modelId}'`);
      await upsertKeyValues(s, TAGS, input.modelId, input.tags);
      const [model] = await loadModels(s, [input.modelId]);
      return model;
    });
  }

  async getLoggedModel(modelId: string): Promise<LoggedModel | null> {
    const [model] = await this.db.run((s) => loadModels(s, [modelId]));
    return model ?? null;
  }

  async setLoggedModelStatus(modelId: string, status: LoggedModelStatus): Promise<void> {
    await this.db.run((s) =>
      s.execute('UPDATE logged_models SET status = ?, last_updated_timestamp_ms = ? WHERE model_id = ?', [status, Date.now(), modelId]),
    );
  }

  async deleteLoggedModel(modelId: string): Promise<void> {
    await this.db.run((s) =>
      s.execute(`UPDATE logged_models SET lifecycle_stage = 'deleted', last_updated_timestamp_ms = ? WHERE model_id = ?`, [Date.now(), modelId]),
    );
  }

  setLoggedModelTags(modelId: string, tags: KeyValue[]): Promise<void> {
    return this.db.transaction(async (s) => {
      await upsertKeyValues(s, TAGS, modelId, tags);
      await touch(s, modelId);
    });
  }

  deleteLoggedModelTag(modelId: string, key: string): Promise<boolean> {
    return this.db.transaction(async (s) => {
      const changed = await s.execute('DELETE FROM logged_model_tags WHERE model_id = ? AND key = ?', [modelId, key]);
      if (changed > 0) await touch(s, modelId);
      return changed > 0;
    });
  }

  logLoggedModelParams(modelId: string, params: KeyValue[]): Promise<void> {
    return this.db.transaction(async (s) => {
      await insertWriteOnce(s, PARAMS, modelId, params, `logged model ID='${modelId}'`);
      await touch(s, modelId);
    });
  }

  searchLoggedModels(query: LoggedModelSearchQuery): Promise<Page<LoggedModel>> {
    const compiled = compileLoggedModelSearch(query, this.db.dialect);
    return this.db.run((s) => searchPage(s, compiled, query.maxResults, 'model_id', loadModels));
  }

  async logRunOutputs(runId: string, outputs: { modelId: string; step: number }[]): Promise<void> {
    if (outputs.length === 0) return;
    const last = new Map(outputs.map((o) => [o.modelId, o.step]));
    await this.db.run((s) =>
      insertRows(s, 'INSERT INTO run_model_outputs (run_uuid, model_id, step)', 'ON CONFLICT (run_uuid, model_id) DO UPDATE SET step = excluded.step',
        [...last].map(([modelId, step]) => [runId, modelId, step])),
    );
  }

  async logRunModelInputs(runId: string, modelIds: string[]): Promise<void> {
    if (modelIds.length === 0) return;
    await this.db.run((s) =>
      insertRows(s, 'INSERT INTO run_model_inputs (run_uuid, model_id)', 'ON CONFLICT (run_uuid, model_id) DO NOTHING',
        [...new Set(modelIds)].map((id) => [runId, id])),
    );
  }

  async existingModelIds(modelIds: string[]): Promise<Set<string>> {
    if (modelIds.length === 0) return new Set();
    const rows = await this.db.run((s) =>
      selectIn<{ model_id: string }>(s, (ph) => `SELECT model_id FROM logged_models WHERE model_id IN (${ph})`, [...new Set(modelIds)]),
    );
    return new Set(rows.map((r) => r.model_id));
  }
}
