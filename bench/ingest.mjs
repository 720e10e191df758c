#!/usr/bin/env node
// Ingest benchmark for an MLflow-compatible tracking server (Runboard or `mlflow server`).
//
//   node bench/ingest.mjs --url http://127.0.0.1:5000 [--label runboard] [--json out.json]
//
// (a) runs/log-batch with 1000 metrics per request (10 keys x 100 steps, ~1% NaN), first one
//     client sending sequentially, then 8 concurrent clients (one run each);
// (b) single runs/log-metric calls from 8 concurrent clients (one run each);
// (c) afterwards, every (run, key) history is read back with metrics/get-history and compared with
//     what was sent (point count, distinct steps, NaN count, latest value), so a fast number
//     cannot hide dropped writes.
// Request bodies are built before the clock starts, so the figures are mostly server time.
import {
  MlflowClient, cpuNote, fmt, log, measured, parseFlags, pool, prng, round, summary, timed, waitHealthy, wireDouble, writeJson,
} from './lib/common.mjs';

const flags = parseFlags(process.argv.slice(2), {
  url: { type: 'string', required: true, help: 'server base URL, e.g. http://127.0.0.1:5000' },
  label: { type: 'string', default: 'server', help: 'name printed with the figures' },
  'seq-batches': { type: 'int', default: 100, help: 'log-batch requests sent by the single sequential client' },
  clients: { type: 'int', default: 8, help: 'concurrent clients for the concurrent phases' },
  'conc-batches': { type: 'int', default: 25, help: 'log-batch requests per concurrent client' },
  'single-calls': { type: 'int', default: 500, help: 'log-metric calls per concurrent client' },
  warmup: { type: 'int', default: 5, help: 'warm-up requests of each kind (not timed)' },
  keys: { type: 'int', default: 10, help: 'metric keys per batch (1000 / keys steps each)' },
  'server-version': { type: 'string', help: 'what the server runs (e.g. a git commit); stored in the JSON' },
  'server-pid': { type: 'int', help: "the server's pid: its CPU time (children included) is reported too" },
  'skip-verify': { type: 'bool', help: 'skip the read-back check (for profiling only; figures are then unverified)' },
  only: { type: 'string', default: 'batch-seq,batch-conc,single', help: 'phases to run (comma-separated subset)' },
  json: { type: 'string', help: 'write the results as JSON to this file' },
});
const phases = new Set(flags.only.split(',').map((p) => p.trim()));
for (const p of phases) {
  if (!['batch-seq', 'batch-conc', 'single'].includes(p)) {
    process.stderr.write(`--only: unknown phase ${p} (batch-seq, batch-conc, single)\n`);
    process.exit(2);
  }
}

const BATCH = 1000;
const NAN_EVERY = 97; // about 1% of the points are NaN
const T0 = 1_700_000_000_000;
const client = new MlflowClient(flags.url);

/** The metric value sent for (run, key, step): deterministic, NaN for ~1% of points. */
function metricValue(seed, k, step) {
  if ((step * 7 + k * 13 + seed) % NAN_EVERY === 0) return NaN;
  return 1 / (1 + step * 0.01) + prng(seed * 100_003 + k * 1_009 + step)() * 0.05;
}

/** Tracks what was sent per run and key, to compare with get-history afterwards. */
class Ledger {
  constructor() {
    this.runs = new Map();
  }

  add(runId, key, step, value) {
    let keys = this.runs.get(runId);
    if (!keys) this.runs.set(runId, (keys = new Map()));
    let e = keys.get(key);
    if (!e) keys.set(key, (e = { count: 0, nan: 0, steps: new Set(), latestStep: -1, latestValue: undefined }));
    e.count += 1;
    if (Number.isNaN(value)) e.nan += 1;
    e.steps.add(step);
    if (step > e.latestStep) {
      e.latestStep = step;
      e.latestValue = value;
    }
  }
}

const ledger = new Ledger();

/** One log-batch body: `keys` keys x (1000 / keys) consecutive steps, starting at batch * steps. */
function batchBody(runId, seed, batch) {
  const steps = Math.floor(BATCH / flags.keys);
  const metrics = [];
  for (let s = 0; s < steps; s += 1) {
    const step = batch * steps + s;
    for (let k = 0; k < flags.keys; k += 1) {
      const value = metricValue(seed, k, step);
      metrics.push({ key: `m${k}`, value: wireDouble(value), timestamp: T0 + step * 10, step });
      ledger.add(runId, `m${k}`, step, value);
    }
  }
  return JSON.stringify({ run_id: runId, metrics, params: [], tags: [] });
}

function latencies(samples) {
  return summary(samples);
}

/** Server CPU per unit of work, and the phase's CPU accounting. */
function cpuFigures(cpu, units) {
  return { cpu, ...(cpu.server_ms !== undefined ? { server_cpu_ms_per_unit: round(cpu.server_ms / units, 3) } : {}) };
}


async function main() {
  await waitHealthy(flags.url, 30_000);
  const expName = `bench-ingest-${Date.now()}-${process.pid}`;
  const experimentId = await client.createExperiment(expName);
  log(`[${flags.label}] ingest benchmark against ${flags.url} (experiment ${experimentId})`);
  const results = { label: flags.label, url: flags.url, date: new Date().toISOString(), config: { ...flags } };

  // Warm-up: a separate run, not counted and not verified.
  const warmRun = await client.createRun(experimentId, { run_name: 'warmup' });
  for (let b = 0; b < flags.warmup; b += 1) {
    await client.post('runs/log-batch', batchBody(warmRun, 999, b));
    await client.post('runs/log-metric', { run_id: warmRun, run_uuid: warmRun, key: 'w', value: 1, timestamp: T0 + b, step: b });
  }

  // (a1) Sequential log-batch.
  if (phases.has('batch-seq')) {
    const runId = await client.createRun(experimentId, { run_name: 'seq' });
    const bodies = Array.from({ length: flags['seq-batches'] }, (_, b) => batchBody(runId, 1, b));
    const lat = [];
    const { ms, cpu } = await measured(flags['server-pid'], async () => {
      for (const body of bodies) {
        const t = await timed(() => client.post('runs/log-batch', body));
        lat.push(t.ms);
      }
    });
    const points = bodies.length * BATCH;
    results.batch_seq = { requests: bodies.length, points, wall_ms: round(ms), points_per_s: round((points / ms) * 1000, 0), latency_ms: latencies(lat), ...cpuFigures(cpu, points / 1000) };
    log(`  log-batch, 1 client:  ${fmt(results.batch_seq.points_per_s, 0)} points/s  (${bodies.length} x ${BATCH} in ${fmt(ms / 1000, 2)} s; p50 ${fmt(results.batch_seq.latency_ms.p50)} ms, p95 ${fmt(results.batch_seq.latency_ms.p95)} ms)${cpuNote(cpu, points / 1000, '1000 points')}`);
  }

  // (a2) Concurrent log-batch: one run per client.
  if (phases.has('batch-conc')) {
    const runs = [];
    for (let c = 0; c < flags.clients; c += 1) runs.push(await client.createRun(experimentId, { run_name: `conc-${c}` }));
    const bodies = runs.map((runId, c) => Array.from({ length: flags['conc-batches'] }, (_, b) => batchBody(runId, 10 + c, b)));
    const lat = [];
    const { ms, cpu } = await measured(flags['server-pid'], () =>
      Promise.all(bodies.map(async (list) => {
        for (const body of list) {
          const t = await timed(() => client.post('runs/log-batch', body));
          lat.push(t.ms);
        }
      })));
    const points = flags.clients * flags['conc-batches'] * BATCH;
    results.batch_conc = { clients: flags.clients, requests: lat.length, points, wall_ms: round(ms), points_per_s: round((points / ms) * 1000, 0), latency_ms: latencies(lat), ...cpuFigures(cpu, points / 1000) };
    log(`  log-batch, ${flags.clients} clients: ${fmt(results.batch_conc.points_per_s, 0)} points/s  (${lat.length} x ${BATCH} in ${fmt(ms / 1000, 2)} s; p50 ${fmt(results.batch_conc.latency_ms.p50)} ms, p95 ${fmt(results.batch_conc.latency_ms.p95)} ms)${cpuNote(cpu, points / 1000, '1000 points')}`);
  }

  // (b) Single log-metric calls, concurrent clients, one run each.
  if (phases.has('single')) {
    const runs = [];
    for (let c = 0; c < flags.clients; c += 1) runs.push(await client.createRun(experimentId, { run_name: `single-${c}` }));
    const bodies = runs.map((runId, c) => Array.from({ length: flags['single-calls'] }, (_, step) => {
      const value = metricValue(100 + c, 0, step);
      ledger.add(runId, 'loss', step, value);
      return JSON.stringify({ run_id: runId, run_uuid: runId, key: 'loss', value: wireDouble(value), timestamp: T0 + step * 10, step });
    }));
    const lat = [];
    const { ms, cpu } = await measured(flags['server-pid'], () =>
      Promise.all(bodies.map(async (list) => {
        for (const body of list) {
          const t = await timed(() => client.post('runs/log-metric', body));
          lat.push(t.ms);
        }
      })));
    results.single_conc = { clients: flags.clients, calls: lat.length, wall_ms: round(ms), calls_per_s: round((lat.length / ms) * 1000, 0), latency_ms: latencies(lat), ...cpuFigures(cpu, lat.length) };
    log(`  log-metric, ${flags.clients} clients: ${fmt(results.single_conc.calls_per_s, 0)} calls/s  (${lat.length} calls in ${fmt(ms / 1000, 2)} s; p50 ${fmt(results.single_conc.latency_ms.p50)} ms, p95 ${fmt(results.single_conc.latency_ms.p95)} ms)${cpuNote(cpu, lat.length, 'call')}`);
  }

  // (c) Verify: read every (run, key) history back.
  if (flags['skip-verify']) {
    results.verify = { ok: true, skipped: true };
    log('  verify: SKIPPED (--skip-verify)');
  } else {
    const problems = [];
    let pointsChecked = 0;
    const pairs = [];
    for (const [runId, keys] of ledger.runs) for (const [key, e] of keys) pairs.push([runId, key, e]);
    await pool(pairs.length, 4, async (i) => {
      const [runId, key, e] = pairs[i];
      const hist = await client.metricHistory(runId, key);
      pointsChecked += hist.length;
      const nan = hist.filter((m) => m.value === 'NaN' || Number.isNaN(m.value)).length;
      const steps = new Set(hist.map((m) => Number(m.step)));
      if (hist.length !== e.count || nan !== e.nan || steps.size !== e.steps.size) {
        problems.push(`${runId}/${key}: sent ${e.count} points (${e.nan} NaN, ${e.steps.size} steps), history has ${hist.length} (${nan} NaN, ${steps.size} steps)`);
      }
    });
    // Latest values as the run reports them.
    for (const [runId, keys] of ledger.runs) {
      const run = (await client.get('runs/get', { run_id: runId, run_uuid: runId })).run;
      const latest = new Map((run.data.metrics ?? []).map((m) => [m.key, m]));
      for (const [key, e] of keys) {
        const m = latest.get(key);
        const want = e.latestValue;
        const got = m && (m.value === 'NaN' ? NaN : Number(m.value));
        const same = m && Number(m.step) === e.latestStep && (Number.isNaN(want) ? Number.isNaN(got) : Math.abs(got - want) < 1e-9);
        if (!same) problems.push(`${runId}/${key}: latest should be step ${e.latestStep} value ${want}, run reports ${m ? `step ${m.step} value ${m.value}` : 'nothing'}`);
      }
    }
    results.verify = { ok: problems.length === 0, histories: pairs.length, points_checked: pointsChecked, problems: problems.slice(0, 20) };
    log(`  verify: ${results.verify.ok ? 'OK' : 'FAILED'}: ${pairs.length} histories, ${fmt(pointsChecked, 0)} points read back${problems.length ? `; ${problems.length} problems:\n    ${problems.slice(0, 5).join('\n    ')}` : ''}`);
  }

  results.http = { ...client.stats };
  if (client.stats.retries || client.stats.failures) {
    log(`  http: ${client.stats.retries} retries, ${client.stats.failures} failures; ${client.stats.lastErrors.join(' | ')}`);
  }
  writeJson(flags.json, results);
  if (!results.verify.ok) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`ingest: ${err.stack ?? err}\n`);
  writeJson(flags.json, { label: flags.label, error: String(err), http: client.stats });
  process.exit(1);
});
