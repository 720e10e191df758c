import type { DatasetInput, KeyValue, LatestMetric, LifecycleStage, Page, Run, RunInfo, RunStatus } from '@/lib/domain';
import { compileRunSearch } from '../../search/runs-query';
import type { CreateRunInput, RunSearchQuery, RunUpdate } from '../tracking-store';
import type { SqlDatabase, SqlSession } from './database';
import { groupBy, searchPage, selectIn } from './paged-query';
import { bool, int, loadedDouble, loadedNullableDouble, nullableInt } from './values';

interface RunRow {
  run_uuid: string;
  name: string;
  experiment_id: unknown;
  user_id: string;
  status: string;
  start_time: unknown;
  end_time: unknown;
  lifecycle_stage: string;
  artifact_uri: string;
}

const RUN_COLUMNS = 'run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri';

function toRunInfo(r: RunRow): RunInfo {
  return {
    runId: r.run_uuid,
    runName: r.name,
    experimentId: String(int(r.experiment_id)),
    userId: r.user_id,
    status: r.status as RunStatus,
    startTime: int(r.start_time),
    endTime: nullableInt(r.end_time),
    artifactUri: r.artifact_uri,
    lifecycleStage: r.lifecycle_stage as LifecycleStage,
  };
}

/** Complete runs (info, params, tags, latest metrics, dataset inputs) in the order of `ids`. */
export async function loadRuns(s: SqlSession, ids: string[]): Promise<Run[]> {
  if (ids.length === 0) return [];
  const runs = await selectIn<RunRow>(s, (ph) => `SELECT ${RUN_COLUMNS} FROM runs WHERE run_uuid IN (${ph})`, ids);
  const params = groupBy(
    await selectIn<{ run_uuid: string; key: string; value: string }>(s, (ph) => `SELECT run_uuid, key, value FROM params WHERE run_uuid IN (${ph}) ORDER BY key`, ids),
    (r) => r.run_uuid,
  );
  const tags = groupBy(
    await selectIn<{ run_uuid: string; key: string; value: string }>(s, (ph) => `SELECT run_uuid, key, value FROM tags WHERE run_uuid IN (${ph}) ORDER BY key`, ids),
    (r) => r.run_uuid,
  );
  const metrics = groupBy(
    await selectIn<Record<string, unknown>>(
      s,
      (ph) => `SELECT run_uuid, key, step, timestamp, value, is_nan, min_value, max_value FROM latest_metrics WHERE run_uuid IN (${ph}) ORDER BY key`,
      ids,
    ),
    (r) => String(r.run_uuid),
  );
  const inputs = await loadDatasetInputs(s, ids);
  const modelInputs = groupBy(
    await selectIn<{ run_uuid: string; model_id: string }>(s, (ph) => `SELECT run_uuid, model_id FROM run_model_inputs WHERE run_uuid IN (${ph}) ORDER BY model_id`, ids),
    (r) => r.run_uuid,
  );
  const modelOutputs = groupBy(
    await selectIn<{ run_uuid: string; model_id: string; step: unknown }>(
      s,
      (ph) => `SELECT run_uuid, model_id, step FROM run_model_outputs WHERE run_uuid IN (${ph}) ORDER BY step, model_id`,
      ids,
    ),
    (r) => r.run_uuid,
  );
  const byId = new Map(runs.map((r) => [r.run_uuid, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const kv = (list?: { key: string; value: string }[]): KeyValue[] => (list ?? []).map((p) => ({ key: p.key, value: p.value }));
    return [{
      info: toRunInfo(row),
      data: {
        params: kv(params.get(id)),
        tags: kv(tags.get(id)),
        metrics: (metrics.get(id) ?? []).map(toLatestMetric),
      },
      inputs: {
        datasetInputs: inputs.get(id) ?? [],
        modelInputs: (modelInputs.get(id) ?? []).map((m) => ({ modelId: m.model_id })),
      },
      outputs: { modelOutputs: (modelOutputs.get(id) ?? []).map((m) => ({ modelId: m.model_id, step: int(m.step) })) },
    }];
  });
}

function toLatestMetric(m: Record<string, unknown>): LatestMetric {
  return {
    key: String(m.key),
    value: bool(m.is_nan) ? Number.NaN : loadedDouble(m.value),
    timestamp: int(m.timestamp),
    step: int(m.step),
    min: loadedNullableDouble(m.min_value),
    max: loadedNullableDouble(m.max_value),
  };
}

async function loadDatasetInputs(s: SqlSession, ids: string[]): Promise<Map<string, DatasetInput[]>> {
  const rows = await selectIn<Record<string, string | null>>(
    s,
    (ph) => `SELECT i.run_uuid, i.dataset_uuid, d.name, d.digest, d.dataset_source_type, d.dataset_source, d.dataset_schema, d.dataset_profile
             FROM run_dataset_inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid
             WHERE i.run_uuid IN (${ph}) ORDER BY d.name, d.digest`,
    ids,
  );
  const tagRows = await selectIn<{ run_uuid: string; dataset_uuid: string; key: string; value: string }>(
    s,
    (ph) => `SELECT run_uuid, dataset_uuid, key, value FROM run_dataset_input_tags WHERE run_uuid IN (${ph}) ORDER BY key`,
    ids,
  );
  const tags = groupBy(tagRows, (t) => `${t.run_uuid}/${t.dataset_uuid}`);
  const out = new Map<string, DatasetInput[]>();
  for (const r of rows) {
    const input: DatasetInput = {
      tags: (tags.get(`${r.run_uuid}/${r.dataset_uuid}`) ?? []).map((t) => ({ key: t.key, value: t.value })),
      dataset: {
        name: r.name!,
        digest: r.digest!,
        sourceType: r.dataset_source_type!,
        source: r.dataset_source!,
        ...(r.dataset_schema !== null ? { schema: r.dataset_schema } : {}),
        ...(r.dataset_profile !== null ? { profile: r.dataset_profile } : {}),
      },
    };
    const list = out.get(r.run_uuid!);
    if (list) list.push(input);
    else out.set(r.run_uuid!, [input]);
  }
  return out;
}

export async function getRun(db: SqlDatabase, runId: string): Promise<Run | null> {
  const [run] = await db.run((s) => loadRuns(s, [runId]));
  return run ?? null;
}

export async function getRunInfo(db: SqlDatabase, runId: string): Promise<RunInfo | null> {
  const rows = await db.run((s) => s.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE run_uuid = ?`, [runId]));
  return rows.length > 0 ? toRunInfo(rows[0]) : null;
}

export async function insertRun(
  db: SqlDatabase,
  runId: string,
  artifactUri: string,
  input: CreateRunInput,
): Promise<Run> {
  return db.transaction(async (s) => {
    await s.execute(
      `INSERT INTO runs (${RUN_COLUMNS}) VALUES (?, ?, ?, ?, 'RUNNING', ?, NULL, 'active', ?)`,
      [runId, input.runName, Number(input.experimentId), input.userId, input.startTime, artifactUri],
    );
    const tags = [...new Map(input.tags.map((t) => [t.key, t.value]))];
    if (tags.length > 0) {
      await s.execute(
        `INSERT INTO tags (run_uuid, key, value) VALUES ${tags.map(() => '(?, ?, ?)').join(', ')}`,
        tags.flatMap(([key, value]) => [runId, key, value]),
      );
    }
    const [run] = await loadRuns(s, [runId]);
    return run;
  });
}

export async function updateRun(db: SqlDatabase, runId: string, update: RunUpdate): Promise<RunInfo> {
  return db.transaction(async (s) => {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (update.status !== undefined) {
      sets.push('status = ?');
      values.push(update.status);
    }
    if (update.endTime !== undefined) {
      sets.push('end_time = ?');
      values.push(update.endTime);
    }
    if (update.runName !== undefined) {
      sets.push('name = ?');
      values.push(update.runName);
      await s.execute(
        `INSERT INTO tags (run_uuid, key, value) VALUES (?, 'mlflow.runName', ?)
         ON CONFLICT (run_uuid, key) DO UPDATE SET value = excluded.value`,
        [runId, update.runName],
      );
    }
    if (sets.length > 0) await s.execute(`UPDATE runs SET ${sets.join(', ')} WHERE run_uuid = ?`, [...values, runId]);
    const rows = await s.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE run_uuid = ?`, [runId]);
    return toRunInfo(rows[0]);
  });
}

export async function setRunLifecycle(db: SqlDatabase, runId: string, stage: LifecycleStage): Promise<void> {
  await db.run((s) =>
    s.execute('UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE run_uuid = ?', [
      stage,
      stage === 'deleted' ? Date.now() : null,
      runId,
    ]),
  );
}

export async function searchRuns(db: SqlDatabase, query: RunSearchQuery): Promise<Page<Run>> {
  const compiled = compileRunSearch(query, db.dialect);
  return db.run((s) => searchPage(s, compiled, query.maxResults, 'run_uuid', loadRuns));
}
