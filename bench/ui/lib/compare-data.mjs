// Data for the compare page's benchmark, seeded into a Runboard server through the REST API (like
// any client): a 5,000-run sweep with 6 params and 6 metrics (12 parallel-coordinates axes), and
// 100 runs with a 100,000-step `loss` history each (10M points) for the overlay chart.
// Seeded once per data directory; an experiment tag marks a complete seeding.
import { makeRng } from '../../../scripts/demo/random.mjs';
import { mapPool } from '../../../scripts/demo/http.mjs';
import { MlflowClient } from '../../lib/common.mjs';

export const COMPARE_NAMES = { sweep: 'bench-compare-5000-runs', overlay: 'bench-overlay-100-runs-100k-steps' };
export const SWEEP = { runs: 5000, params: ['learning_rate', 'batch_size', 'optimizer', 'dropout', 'weight_decay', 'layers'], metrics: ['val_loss', 'val_accuracy', 'train_loss', 'f1', 'latency_ms', 'throughput'] };
export const OVERLAY = { runs: 100, steps: 100_000, key: 'loss' };
const COMPLETE = 'bench.complete';
const BATCH = 1000; // MLflow's log-batch limit on metrics per call

const kv = (o) => Object.entries(o).map(([key, value]) => ({ key, value: String(value) }));

/** An experiment by name, complete or freshly created (an incomplete one is renamed out of the way). */
async function experimentFor(client, name) {
  const found = await client.getExperimentByName(name);
  if (found?.tags?.some((t) => t.key === COMPLETE)) return { id: found.experiment_id, complete: true };
  if (found) await client.post('experiments/update', { experiment_id: found.experiment_id, new_name: `${name}-incomplete-${Date.now()}` });
  return { id: (await client.post('experiments/create', { name })).experiment_id, complete: false };
}

async function createRun(client, experimentId, name, start, { params = {}, metrics = [] } = {}) {
  const { run } = await client.post('runs/create', { experiment_id: experimentId, run_name: name, start_time: start, tags: [{ key: 'mlflow.runName', value: name }] });
  const runId = run.info.run_id;
  if (metrics.length || Object.keys(params).length) await client.post('runs/log-batch', { run_id: runId, params: kv(params), metrics });
  await client.post('runs/update', { run_id: runId, status: 'FINISHED', end_time: start + 60_000 });
  return runId;
}

/** Hyperparameters and outcomes with real structure (loss falls with lr near 3e-4, more layers help). */
function sweepRun(rng, i, now) {
  const lr = 10 ** rng.uniform(-5, -1);
  const batch = [16, 32, 64, 128, 256][rng.int(0, 4)];
  const optimizer = ['adam', 'adamw', 'sgd', 'lion'][rng.int(0, 3)];
  const dropout = rng.uniform(0, 0.5);
  const wd = 10 ** rng.uniform(-6, -2);
  const layers = rng.int(2, 12);
  const valLoss = 0.25 + 0.08 * (Math.log10(lr) + 3.5) ** 2 + 0.3 * (dropout - 0.15) ** 2 + 0.4 / layers + (optimizer === 'sgd' ? 0.05 : 0) + rng.normal(0, 0.02);
  const acc = Math.min(0.995, Math.max(0.3, 1.02 - valLoss * 0.6 + rng.normal(0, 0.01)));
  const t = now - (SWEEP.runs - i) * 60_000;
  const m = { val_loss: valLoss, val_accuracy: acc, train_loss: valLoss * rng.uniform(0.7, 0.95), f1: acc * rng.uniform(0.95, 1), latency_ms: layers * rng.uniform(1.5, 2.5) * (256 / batch) ** 0.3, throughput: (batch * 1000) / (layers * rng.uniform(8, 12)) };
  return {
    name: `sweep-${String(i).padStart(4, '0')}`,
    start: t,
    params: { learning_rate: lr.toPrecision(3), batch_size: batch, optimizer, dropout: dropout.toFixed(3), weight_decay: wd.toPrecision(2), layers },
    metrics: Object.entries(m).map(([key, value]) => ({ key, value: Number(value.toPrecision(6)), timestamp: t + 60_000, step: 0 })),
  };
}

async function seedSweep(client, experimentId, log) {
  const rng = makeRng(71);
  const now = Date.now();
  const plans = Array.from({ length: SWEEP.runs }, (_, i) => sweepRun(rng, i, now));
  let done = 0;
  await mapPool(plans, 8, async (p) => {
    await createRun(client, experimentId, p.name, p.start, p);
    if (++done % 1000 === 0) log(`    sweep: ${done} of ${SWEEP.runs} runs`);
  });
}

async function seedOverlay(client, experimentId, log) {
  const now = Date.now();
  let done = 0;
  await mapPool(Array.from({ length: OVERLAY.runs }, (_, i) => i), 4, async (i) => {
    const rng = makeRng(1000 + i);
    const start = now - (OVERLAY.runs - i) * 3_600_000;
    const runId = await createRun(client, experimentId, `overlay-${String(i).padStart(3, '0')}`, start, { params: { seed: i, lr: (10 ** rng.uniform(-4, -2)).toPrecision(3) } });
    const floor = rng.uniform(0.2, 0.6);
    const rate = rng.uniform(2, 8) / OVERLAY.steps;
    for (let from = 0; from < OVERLAY.steps; from += BATCH) {
      const metrics = [];
      for (let step = from; step < Math.min(OVERLAY.steps, from + BATCH); step += 1) {
        const value = floor + 2.5 * Math.exp(-rate * step) + 0.05 * Math.sin(step / 700 + i) + rng.normal(0, 0.02);
        metrics.push({ key: OVERLAY.key, value: Number(value.toPrecision(6)), timestamp: start + step * 50, step });
      }
      await client.post('runs/log-batch', { run_id: runId, metrics });
    }
    if (++done % 10 === 0) log(`    overlay: ${done} of ${OVERLAY.runs} runs (${OVERLAY.steps.toLocaleString('en-US')} steps each)`);
  });
}

/** Seeds what is missing; returns the two experiment ids. */
export async function ensureCompareData(url, log) {
  const client = new MlflowClient(url);
  const out = {};
  for (const [what, name, seed] of [['sweep', COMPARE_NAMES.sweep, seedSweep], ['overlay', COMPARE_NAMES.overlay, seedOverlay]]) {
    const exp = await experimentFor(client, name);
    if (!exp.complete) {
      const t0 = Date.now();
      log(`  seeding ${name} ...`);
      await seed(client, exp.id, log);
      await client.post('experiments/set-experiment-tag', { experiment_id: exp.id, key: COMPLETE, value: new Date().toISOString() });
      log(`  seeded ${name} in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
    out[what] = exp.id;
  }
  return out;
}
