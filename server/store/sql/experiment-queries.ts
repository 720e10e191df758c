import type { Experiment, KeyValue, LifecycleStage, Page } from '@/lib/domain';
import { alreadyExists } from '../../errors';
import { compileExperimentSearch } from '../../search/experiments-query';
import type { CreateExperimentInput, ExperimentSearchQuery } from '../tracking-store';
import type { SqlDatabase, SqlSession } from './database';
import { isUniqueViolation } from './db-errors';
import { upsertKeyValues } from './key-value-rows';
import { searchPage } from './paged-query';
import { experimentKey, int, placeholders } from './values';

interface ExperimentRow {
  experiment_id: unknown;
  name: string;
  artifact_location: string;
  lifecycle_stage: string;
  creation_time: unknown;
  last_update_time: unknown;
}

const COLUMNS = 'experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time';

/** Experiments by id, with their tags, in the order of `ids`. */
export async function loadExperiments(s: SqlSession, ids: number[]): Promise<Experiment[]> {
  if (ids.length === 0) return [];
  const rows = await s.query<ExperimentRow>(
    `SELECT ${COLUMNS} FROM experiments WHERE experiment_id IN (${placeholders(ids.length)})`,
    ids,
  );
  const tags = await s.query<{ experiment_id: unknown; key: string; value: string }>(
    `SELECT experiment_id, key, value FROM experiment_tags WHERE experiment_id IN (${placeholders(ids.length)}) ORDER BY key`,
    ids,
  );
  const tagsById = new Map<number, KeyValue[]>();
  for (const t of tags) {
    const id = int(t.experiment_id);
    if (!tagsById.has(id)) tagsById.set(id, []);
    tagsById.get(id)!.push({ key: t.key, value: t.value });
  }
  const byId = new Map(rows.map((r) => [int(r.experiment_id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [{
      experimentId: String(id),
      name: r.name,
      artifactLocation: r.artifact_location,
      lifecycleStage: r.lifecycle_stage as LifecycleStage,
      creationTime: int(r.creation_time),
      lastUpdateTime: int(r.last_update_time),
      tags: tagsById.get(id) ?? [],
    }];
  });
}

export async function getExperiment(db: SqlDatabase, experimentId: string): Promise<Experiment | null> {
  const key = experimentKey(experimentId);
  if (key === null) return null;
  const [experiment] = await db.run((s) => loadExperiments(s, [key]));
  return experiment ?? null;
}

export async function getExperimentByName(db: SqlDatabase, name: string): Promise<Experiment | null> {
  return db.run(async (s) => {
    const rows = await s.query<{ experiment_id: unknown }>('SELECT experiment_id FROM experiments WHERE name = ?', [name]);
    if (rows.length === 0) return null;
    const [experiment] = await loadExperiments(s, [int(rows[0].experiment_id)]);
    return experiment ?? null;
  });
}

const EXPERIMENT_TAGS = { table: 'experiment_tags', owner: 'experiment_id' };

export async function createExperiment(
  db: SqlDatabase,
  input: CreateExperimentInput,
  artifactLocationFor: (experimentId: string) => string,
): Promise<string> {
  const now = Date.now();
  try {
    return await db.transaction(async (s) => {
      const [row] = await s.query<{ experiment_id: unknown }>(
        `INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)
         VALUES (?, ?, 'active', ?, ?) RETURNING experiment_id`,
        [input.name, input.artifactLocation ?? '', now, now],
      );
      const id = int(row.experiment_id);
      if (input.artifactLocation === undefined) {
        await s.execute('UPDATE experiments SET artifact_location = ? WHERE experiment_id = ?', [artifactLocationFor(String(id)), id]);
      }
      await upsertKeyValues(s, EXPERIMENT_TAGS, id, input.tags);
      return String(id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw alreadyExists(`Experiment(name=${input.name}) already exists. Choose another name, or restore or permanently delete the existing one.`);
    }
    throw error;
  }
}

export async function renameExperiment(db: SqlDatabase, experimentId: string, newName: string): Promise<void> {
  try {
    await db.run((s) =>
      s.execute('UPDATE experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?', [
        newName,
        Date.now(),
        experimentKey(experimentId),
      ]),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(`Experiment(name=${newName}) already exists. Choose another name.`);
    throw error;
  }
}

export async function setExperimentLifecycle(db: SqlDatabase, experimentId: string, stage: LifecycleStage): Promise<void> {
  const id = experimentKey(experimentId);
  const now = Date.now();
  await db.transaction(async (s) => {
    await s.execute('UPDATE experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?', [stage, now, id]);
    await s.execute('UPDATE runs SET lifecycle_stage = ?, deleted_time = ? WHERE experiment_id = ?', [
      stage,
      stage === 'deleted' ? now : null,
      id,
    ]);
  });
}

export async function setExperimentTag(db: SqlDatabase, experimentId: string, tag: KeyValue): Promise<void> {
  const id = experimentKey(experimentId)!;
  await db.transaction(async (s) => {
    await upsertKeyValues(s, EXPERIMENT_TAGS, id, [tag]);
    await s.execute('UPDATE experiments SET last_update_time = ? WHERE experiment_id = ?', [Date.now(), id]);
  });
}

export async function deleteExperimentTag(db: SqlDatabase, experimentId: string, key: string): Promise<boolean> {
  const changed = await db.run((s) =>
    s.execute('DELETE FROM experiment_tags WHERE experiment_id = ? AND key = ?', [experimentKey(experimentId), key]),
  );
  return changed > 0;
}

export async function searchExperiments(db: SqlDatabase, query: ExperimentSearchQuery): Promise<Page<Experiment>> {
  const compiled = compileExperimentSearch(query, db.dialect);
  return db.run((s) => searchPage(s, compiled, query.maxResults, 'experiment_id', (ss, ids) => loadExperiments(ss, ids.map(Number))));
}
