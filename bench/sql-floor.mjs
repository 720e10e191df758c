#!/usr/bin/env node
// The floor under Runboard's write path: the SQL a log-batch or a log-metric runs (the same
// statements and schema as server/store/sql/logging-queries.ts, on a database made from
// prisma/sqlite/migrations, with the server's PRAGMAs), executed straight through better-sqlite3
// with cached prepared statements, no HTTP, no Next.js and no Prisma. Comparing this with what
// bench/ingest.mjs measures over HTTP shows how much of a request is SQLite and how much is the
// layers above it.
//
//   node bench/sql-floor.mjs [--batches 200] [--singles 5000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fmt, log, parseFlags, summary } from './lib/common.mjs';

const flags = parseFlags(process.argv.slice(2), {
  batches: { type: 'int', default: 200, help: '1000-metric batches to write' },
  singles: { type: 'int', default: 5000, help: 'single-metric writes' },
  'rows-per-statement': { type: 'int', default: 400, help: 'rows per multi-row INSERT (Runboard uses 400)' },
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const Database = createRequire(import.meta.url)(path.join(root, 'node_modules', 'better-sqlite3'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-sql-floor-'));
const db = new Database(path.join(dir, 'floor.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const migrations = path.join(root, 'prisma', 'sqlite', 'migrations');
for (const f of fs.readdirSync(migrations).filter((f) => f.endsWith('.sql')).sort()) {
  db.exec(fs.readFileSync(path.join(migrations, f), 'utf8'));
}

db.prepare("INSERT INTO experiments (name, artifact_location, creation_time, last_update_time) VALUES ('floor', 'x', 0, 0)").run();
const expId = db.prepare("SELECT experiment_id FROM experiments WHERE name = 'floor'").get().experiment_id;
const newRun = (id) => db.prepare(
  "INSERT INTO runs (run_uuid, name, experiment_id, user_id, status, start_time, artifact_uri) VALUES (?, ?, ?, 'u', 'RUNNING', 0, 'x')",
).run(id, id, expId);

const metricCols = '(run_uuid, key, step, timestamp, value, is_nan, model_id, dataset_name, dataset_digest)';
const latestCols = '(run_uuid, key, step, timestamp, value, is_nan, min_value, max_value)';
const newer = `(excluded.step > latest_metrics.step OR (excluded.step = latest_metrics.step AND (
  excluded.timestamp > latest_metrics.timestamp OR (excluded.timestamp = latest_metrics.timestamp AND (
    excluded.value > latest_metrics.value OR (latest_metrics.value IS NULL AND excluded.value IS NOT NULL))))))`;
const pick = (c) => `${c} = CASE WHEN ${newer} THEN excluded.${c} ELSE latest_metrics.${c} END`;
const latestTail = `ON CONFLICT (run_uuid, key) DO UPDATE SET ${['step', 'timestamp', 'value', 'is_nan'].map(pick).join(', ')},
  min_value = MIN(COALESCE(latest_metrics.min_value, excluded.min_value), COALESCE(excluded.min_value, latest_metrics.min_value)),
  max_value = MAX(COALESCE(latest_metrics.max_value, excluded.max_value), COALESCE(excluded.max_value, latest_metrics.max_value))`;
const values = (rows, cols) => Array.from({ length: rows }, () => `(${Array(cols).fill('?').join(', ')})`).join(', ');
const stmtCache = new Map();
const stmt = (sql) => {
  let s = stmtCache.get(sql);
  if (!s) stmtCache.set(sql, (s = db.prepare(sql)));
  return s;
};

function writeBatch(runId, metrics, { cache }) {
  const prep = cache ? stmt : (sql) => db.prepare(sql);
  db.transaction(() => {
    prep('SELECT lifecycle_stage FROM runs WHERE run_uuid = ?').get(runId);
    const per = flags['rows-per-statement'];
    for (let i = 0; i < metrics.length; i += per) {
      const part = metrics.slice(i, i + per);
      prep(`INSERT INTO metrics ${metricCols} VALUES ${values(part.length, 9)} ON CONFLICT (run_uuid, key, step, timestamp, value, is_nan) DO NOTHING`)
        .run(part.flatMap((m) => [runId, m.key, m.step, m.timestamp, Number.isNaN(m.value) ? 0 : m.value, Number.isNaN(m.value) ? 1 : 0, null, null, null]));
    }
    const latest = new Map();
    for (const m of metrics) {
      const cur = latest.get(m.key);
      if (!cur || m.step > cur.step) latest.set(m.key, m);
    }
    const rows = [...latest.values()];
    prep(`INSERT INTO latest_metrics ${latestCols} VALUES ${values(rows.length, 8)} ${latestTail}`)
      .run(rows.flatMap((m) => [runId, m.key, m.step, m.timestamp, Number.isNaN(m.value) ? null : m.value, Number.isNaN(m.value) ? 1 : 0, m.value, m.value]));
  })();
}

function batchOf(b) {
  const out = [];
  for (let s = 0; s < 100; s += 1) {
    const step = b * 100 + s;
    for (let k = 0; k < 10; k += 1) out.push({ key: `m${k}`, step, timestamp: 1e12 + step, value: (step * 7 + k) % 97 === 0 ? NaN : Math.random() });
  }
  return out;
}

function time(label, n, unit, fn) {
  const lat = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1) {
    const t = performance.now();
    fn(i);
    lat.push(performance.now() - t);
  }
  const ms = performance.now() - t0;
  const s = summary(lat);
  log(`  ${label.padEnd(58)} ${fmt(s.p50, 3)} ms p50, ${fmt(s.p95, 3)} ms p95  (${fmt((n * unit / ms) * 1000, 0)} ${unit === 1 ? 'calls' : 'points'}/s)`);
}

log(`SQL floor (better-sqlite3 direct, WAL, synchronous=NORMAL), db in ${dir}`);
for (const cache of [false, true]) {
  const runId = `batch${cache}`;
  newRun(runId);
  const bodies = Array.from({ length: flags.batches }, (_, b) => batchOf(b));
  time(`log-batch 1000 metrics, ${cache ? 'cached statements' : 'prepare every time (Prisma raw-query path)'}`, flags.batches, 1000, (b) => writeBatch(runId, bodies[b], { cache }));
}
for (const cache of [false, true]) {
  const runId = `single${cache}`;
  newRun(runId);
  time(`log-metric (1 point), ${cache ? 'cached statements' : 'prepare every time'}`, flags.singles, 1, (i) =>
    writeBatch(runId, [{ key: 'loss', step: i, timestamp: 1e12 + i, value: Math.random() }], { cache }));
}
db.close();
fs.rmSync(dir, { recursive: true, force: true });
