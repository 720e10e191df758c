import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A real SQLite tracking database with synthetic runs and experiments, plus the same data in
 * memory so tests can compute the expected answer in plain TypeScript.
 */

export interface DatasetInput {
  name: string;
  digest: string;
  context?: string;
}

export interface FakeRun {
  runId: string;
  experimentId: number;
  name: string;
  userId: string;
  status: string;
  startTime: number;
  endTime: number | null;
  lifecycleStage: 'active' | 'deleted';
  artifactUri: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** Latest metric values; NaN is stored as value NULL with is_nan = 1. */
  metrics: Record<string, number>;
  inputs: DatasetInput[];
}

export interface FakeExperiment {
  experimentId: number;
  name: string;
  lifecycleStage: 'active' | 'deleted';
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
}

const MIGRATIONS_DIR = path.resolve(__dirname, '../../../prisma/sqlite/migrations');

/** Deterministic PRNG (mulberry32), so failures reproduce. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DatabaseOptions {
  /** The migration files to apply, in order; 'all' applies every one, sorted by name. */
  migrations?: readonly string[] | 'all';
  /** Prefix of the temporary folder the database file lives in. */
  prefix?: string;
  file?: string;
}

/** A SQLite file in a fresh temporary folder with the migrations applied; close() removes both. */
export function openDatabase({
  migrations = ['0001_tracking.sql'],
  prefix = 'runboard-search-',
  file = 'tracking.db',
}: DatabaseOptions = {}): { db: Database.Database; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = new Database(path.join(dir, file));
  const files =
    migrations === 'all' ? fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort() : migrations;
  for (const f of files) db.exec(fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8'));
  return {
    db,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const DATASETS = [
  { name: 'train-set', digest: 'aaaa1111' },
  { name: 'eval-set', digest: 'bbbb2222' },
  { name: 'Train-Big', digest: 'cccc3333' },
];

export function makeRuns(count: number, seed = 42): FakeRun[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const runs: FakeRun[] = [];
  for (let i = 0; i < count; i += 1) {
    const runId = Array.from({ length: 32 }, () => pick('0123456789abcdef'.split(''))).join('');
    // Few distinct start times and values, so ties are common and the tie-break is exercised.
    const startTime = 1_700_000_000_000 + Math.floor(rnd() * 25) * 1000;
    const metrics: Record<string, number> = {};
    const m = rnd();
    if (m < 0.1) metrics.rmse = Number.NaN;
    else if (m < 0.13) metrics.rmse = Number.POSITIVE_INFINITY;
    else if (m < 0.85) metrics.rmse = Math.round(rnd() * 20) / 20 - 0.25;
    if (rnd() < 0.5) metrics.acc = Math.round(rnd() * 10) / 10;
    const params: Record<string, string> = {};
    if (rnd() < 0.8) params.lr = pick(['0.1', '0.01', '0.001']);
    if (rnd() < 0.7) params.model = pick(['rf', 'xgb', 'RF-big', 'lin', 'rf_small']);
    if (rnd() < 0.3) params['my key'] = pick(['x y', 'it\'s', '50%']);
    const tags: Record<string, string> = {};
    if (rnd() < 0.6) tags.team = pick(['vision', 'nlp', 'Vision', 'speech']);
    if (i > 0 && rnd() < 0.2) tags['mlflow.parentRunId'] = runs[0].runId;
    const inputs: DatasetInput[] = [];
    for (const ds of DATASETS) {
      if (rnd() < 0.3) inputs.push({ ...ds, context: rnd() < 0.8 ? pick(['training', 'eval']) : undefined });
    }
    runs.push({
      runId,
      experimentId: pick([1, 1, 2, 3]),
      name: pick(['alpha', 'Alpha', 'beta-run', 'gamma_1', 'delta run', 'omega']),
      userId: pick(['alice', 'bob', 'Carol']),
      status: pick(['RUNNING', 'FINISHED', 'FINISHED', 'FAILED', 'KILLED']),
      startTime,
      endTime: rnd() < 0.3 ? null : startTime + Math.floor(rnd() * 5) * 500,
      lifecycleStage: rnd() < 0.1 ? 'deleted' : 'active',
      artifactUri: `s3://bucket/${pick(['a', 'b'])}/${runId}/artifacts`,
      params,
      tags,
      metrics,
      inputs,
    });
  }
  return runs;
}

export function insertRuns(db: Database.Database, runs: readonly FakeRun[]): void {
  const experiment = db.prepare(
    'INSERT OR IGNORE INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) ' +
      'VALUES (?, ?, ?, 0, 0)',
  );
  const run = db.prepare(
    'INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const param = db.prepare('INSERT INTO params (run_uuid, key, value) VALUES (?, ?, ?)');
  const tag = db.prepare('INSERT INTO tags (run_uuid, key, value) VALUES (?, ?, ?)');
  const metric = db.prepare(
    'INSERT INTO latest_metrics (run_uuid, key, step, timestamp, value, is_nan) VALUES (?, ?, 0, 0, ?, ?)',
  );
  const dataset = db.prepare(
    'INSERT OR IGNORE INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source) ' +
      "VALUES (?, ?, ?, ?, 'local', 'file:///x')",
  );
  const input = db.prepare('INSERT INTO run_dataset_inputs (run_uuid, dataset_uuid) VALUES (?, ?)');
  const inputTag = db.prepare(
    'INSERT INTO run_dataset_input_tags (run_uuid, dataset_uuid, key, value) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const r of runs) {
      experiment.run(r.experimentId, `exp-${r.experimentId}`, `/tmp/${r.experimentId}`);
      run.run(r.runId, r.name, r.experimentId, r.userId, r.status, r.startTime, r.endTime, r.lifecycleStage, r.artifactUri);
      for (const [k, v] of Object.entries(r.params)) param.run(r.runId, k, v);
      for (const [k, v] of Object.entries(r.tags)) tag.run(r.runId, k, v);
      for (const [k, v] of Object.entries(r.metrics)) metric.run(r.runId, k, Number.isNaN(v) ? null : v, Number.isNaN(v) ? 1 : 0);
      for (const ds of r.inputs) {
        const uuid = `${r.experimentId}-${ds.digest}`;
        dataset.run(uuid, r.experimentId, ds.name, ds.digest);
        input.run(r.runId, uuid);
        if (ds.context) inputTag.run(r.runId, uuid, 'mlflow.data.context', ds.context);
      }
    }
  })();
}

export function makeExperiments(count: number, seed = 7): FakeExperiment[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const creationTime = 1_600_000_000_000 + Math.floor(rnd() * 10) * 1000;
    const tags: Record<string, string> = {};
    if (rnd() < 0.5) tags.owner = pick(['ml-team', 'data', 'ML-Team']);
    if (rnd() < 0.3) tags['mlflow.note.content'] = pick(['hello', 'baseline run']);
    return {
      experimentId: i + 1,
      name: `${pick(['proj', 'Proj', 'demo', 'test_x'])}-${i}`,
      lifecycleStage: rnd() < 0.15 ? 'deleted' : 'active',
      creationTime,
      lastUpdateTime: creationTime + Math.floor(rnd() * 3) * 1000,
      tags,
    };
  });
}

export function insertExperiments(db: Database.Database, experiments: readonly FakeExperiment[]): void {
  const experiment = db.prepare(
    'INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) ' +
      'VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT INTO experiment_tags (experiment_id, key, value) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const e of experiments) {
      experiment.run(e.experimentId, e.name, `/tmp/${e.experimentId}`, e.lifecycleStage, e.creationTime, e.lastUpdateTime);
      for (const [k, v] of Object.entries(e.tags)) tag.run(e.experimentId, k, v);
    }
  })();
}
