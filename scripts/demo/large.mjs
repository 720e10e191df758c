// `--size large`: a 10,000-run experiment (created with ~8 concurrent requests), one run with a
// 1,000,000-point metric (1000 runs/log-batch requests of 1000 points) and a "chart wall" run with
// 20 metrics, for UI and API benchmarks (bench/ui).
import { mapPool } from './http.mjs';
import { makeRng } from './random.mjs';
import { kv, DAY, SECOND, PEOPLE } from './plan.mjs';
import { createExperiment } from './runner.mjs';

function progressPrinter(label, total, unit) {
  const t0 = performance.now();
  let lastPct = -1;
  const tty = process.stdout.isTTY;
  return (done, extra = '') => {
    const pct = Math.floor((done * 100) / total);
    if (pct === lastPct && done !== total) return;
    if (!tty && pct % 10 !== 0 && done !== total) return;
    lastPct = pct;
    const secs = (performance.now() - t0) / 1000;
    const line = `  ${label}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit} (${pct}%), ${secs.toFixed(1)} s, ${Math.round(done / Math.max(secs, 0.001)).toLocaleString('en-US')} ${unit}/s${extra}`;
    if (tty) process.stdout.write(`\r${line}\x1b[K${done === total ? '\n' : ''}`);
    else process.stdout.write(`${line}\n`);
  };
}

export async function manyRunsExperiment(client, { name, runs = 10_000, concurrency = 8, seed, now, stats }) {
  const exp = await createExperiment(client, name, {
    description: `## Click-through-rate grid search (${runs.toLocaleString('en-US')} runs)\n\nA large automated grid over model families and regularisation, for benchmarking run search, sorting and charts at scale.`,
    tags: { team: 'ads-ml', project: 'ctr', 'problem-type': 'binary-classification', generated: 'runboard-demo --size large' },
  });
  stats.experiments += 1;
  const commits = Array.from({ length: 6 }, (_, i) => makeRng(seed + i).hex(40));
  const families = ['lightgbm', 'xgboost', 'factorization_machine', 'deepfm', 'dcn_v2', 'logistic_regression'];
  const span = 14 * DAY;
  const show = progressPrinter('runs', runs, 'runs');
  let done = 0;
  const t0 = performance.now();
  const requests0 = client.stats.requests;
  await mapPool(
    Array.from({ length: runs }, (_, i) => i),
    concurrency,
    async (i) => {
      const rng = makeRng(seed * 7919 + i);
      const model = families[i % families.length];
      const lr = Number(rng.logUniform(1e-4, 0.3).toPrecision(3));
      const l2 = Number(rng.logUniform(1e-6, 1e-1).toPrecision(3));
      const params = { model, learning_rate: lr, l2_reg: l2, embedding_dim: [8, 16, 32, 64][i % 4], batch_size: [512, 1024, 2048, 4096][(i >> 2) % 4], feature_hash_bits: [18, 20, 22][i % 3] };
      const failed = rng.chance(0.04);
      const start = Math.round(now - span + (span * i) / runs);
      const end = start + Math.round(rng.uniform(60, 1800) * SECOND);
      const auc = 0.74 + 0.03 * families.indexOf(model) / families.length - 0.012 * Math.log10(lr / 0.01) ** 2 - 0.004 * Math.abs(Math.log10(l2 / 1e-4)) + rng.normal(0, 0.003);
      const tags = {
        'mlflow.user': PEOPLE[i % PEOPLE.length],
        'mlflow.source.name': 'jobs/ctr-grid-search',
        'mlflow.source.type': 'JOB',
        'mlflow.source.git.commit': commits[Math.floor((i * commits.length) / runs)],
        grid_cell: String(i),
      };
      const { run } = await client.post('runs/create', { experiment_id: exp.id, run_name: `ctr-grid-${String(i).padStart(5, '0')}`, start_time: start, tags: kv(tags) });
      const metrics = failed
        ? [{ key: 'val_logloss', value: NaN, timestamp: end, step: 0 }]
        : [
            { key: 'val_auc', value: Number(auc.toFixed(5)), timestamp: end, step: 0 },
            { key: 'val_logloss', value: Number((0.62 - 0.9 * (auc - 0.5)).toFixed(5)), timestamp: end, step: 0 },
            { key: 'train_time_s', value: Math.round((end - start) / 1000), timestamp: end, step: 0 },
            { key: 'calibration_error', value: Number(Math.abs(rng.normal(0.01, 0.008)).toFixed(5)), timestamp: end, step: 0 },
          ];
      await client.post('runs/log-batch', { run_id: run.info.run_id, params: kv(params), metrics });
      await client.post('runs/update', { run_id: run.info.run_id, status: failed ? 'FAILED' : 'FINISHED', end_time: end });
      stats.runs += 1;
      stats.metricPoints += metrics.length;
      stats.params += 6;
      done += 1;
      show(done);
    },
  );
  const secs = (performance.now() - t0) / 1000;
  return { ...exp, runs, seconds: secs, requests: client.stats.requests - requests0 };
}

export async function millionPointRun(client, { name, points = 1_000_000, batch = 1000, concurrency = 8, seed, now, stats }) {
  const exp = await createExperiment(client, name, {
    description: '## Language-model pre-training\n\nOne long run whose `train_loss` has **1,000,000 points** (one per optimizer step), for benchmarking metric history and chart down-sampling.',
    tags: { team: 'foundation-models', project: 'pretraining', generated: 'runboard-demo --size large' },
  });
  stats.experiments += 1;
  const stepMs = 650;
  const start = now - points * stepMs - 3600 * SECOND;
  const end = start + points * stepMs;
  const params = { model: 'gpt-small-124m', n_layer: 12, n_head: 12, d_model: 768, context_length: 1024, learning_rate: 6e-4, min_learning_rate: 6e-5, warmup_steps: 2000, total_steps: points, batch_size_tokens: 524288, optimizer: 'adamw', weight_decay: 0.1, grad_clip: 1.0, dataset: 'fineweb-edu-10BT', precision: 'bf16' };
  const { run } = await client.post('runs/create', {
    experiment_id: exp.id,
    run_name: 'gpt-small-pretrain-1m-steps',
    start_time: start,
    tags: kv({ 'mlflow.user': 'li.wei', 'mlflow.source.name': 'pretrain/train_gpt.py', 'mlflow.source.type': 'JOB', 'mlflow.source.git.commit': makeRng(seed).hex(40), cluster: '8xH100', 'mlflow.note.content': '`train_loss` is logged every step (1M points); `val_loss` and `learning_rate` every 1000 steps.' }),
  });
  const runId = run.info.run_id;
  stats.runs += 1;
  const loss = (s, rng) => 2.02 + 8.8 / (1 + s / 1800) ** 0.62 + rng.normal(0, 0.035) * (1 + 4 / (1 + s / 500));
  const lrAt = (s) => (s < 2000 ? (6e-4 * s) / 2000 : 6e-5 + 0.5 * (6e-4 - 6e-5) * (1 + Math.cos((Math.PI * (s - 2000)) / (points - 2000))));
  // the coarse metrics first (1000 points each), in one log-batch per 1000 points
  const coarse = [];
  const crng = makeRng(seed + 1);
  for (let s = 0; s < points; s += 1000) {
    coarse.push({ key: 'learning_rate', value: Number(lrAt(s).toPrecision(5)), timestamp: start + s * stepMs, step: s });
    coarse.push({ key: 'val_loss', value: Number((loss(s, crng) + 0.04).toFixed(5)), timestamp: start + s * stepMs, step: s });
  }
  await client.logBatch(runId, { params: kv(params), metrics: coarse });
  stats.metricPoints += coarse.length;
  stats.params += Object.keys(params).length;

  const chunks = Math.ceil(points / batch);
  const show = progressPrinter('train_loss points', points, 'points');
  let sent = 0;
  const t0 = performance.now();
  const requests0 = client.stats.requests;
  await mapPool(
    Array.from({ length: chunks }, (_, i) => i),
    concurrency,
    async (c) => {
      const rng = makeRng(seed * 31 + c);
      const metrics = [];
      for (let s = c * batch; s < Math.min(points, (c + 1) * batch); s += 1) metrics.push({ key: 'train_loss', value: Number(loss(s, rng).toFixed(5)), timestamp: start + s * stepMs, step: s });
      await client.post('runs/log-batch', { run_id: runId, metrics });
      sent += metrics.length;
      stats.metricPoints += metrics.length;
      show(sent);
    },
  );
  const secs = (performance.now() - t0) / 1000;
  await client.post('runs/update', { run_id: runId, status: 'FINISHED', end_time: end });
  return { ...exp, runId, points, seconds: secs, requests: client.stats.requests - requests0 };
}

/**
 * A "chart wall": one fine-tuning run with 20 metrics, 10 logged every step (10,000 points each)
 * and 10 every 10th step (1,000 each), 110,000 points in all; its charts tab shows 20 charts. It
 * goes into `experimentId` (the 1M-point run's experiment) so no extra experiment name is needed.
 */
export async function chartWallRun(client, { experimentId, steps = 10_000, concurrency = 8, seed, now, stats }) {
  const stepMs = 400;
  const start = now - steps * stepMs - 1800 * SECOND;
  const end = start + steps * stepMs;
  const rng0 = makeRng(seed * 131 + 7);
  const decay = (s, a, b, k) => a + b / (1 + s / k) ** 0.7;
  const everyStep = {
    train_loss: (s, r) => decay(s, 1.1, 1.6, 400) + r.normal(0, 0.04),
    grad_norm: (s, r) => Math.abs(0.35 + 2.5 / (1 + s / 150) + r.normal(0, 0.08)),
    learning_rate: (s) => (s < 300 ? (2e-5 * s) / 300 : 2e-6 + 0.5 * (2e-5 - 2e-6) * (1 + Math.cos((Math.PI * (s - 300)) / (steps - 300)))),
    tokens_per_s: (s, r) => 148_000 + 6000 * Math.sin(s / 700) + r.normal(0, 2500),
    mfu: (s, r) => 0.41 + 0.02 * Math.sin(s / 700) + r.normal(0, 0.006),
    step_time_ms: (s, r) => 3540 - 140 * Math.sin(s / 700) + Math.abs(r.normal(0, 60)),
    gpu_mem_gb: (s, r) => 61.2 + (s > 2000 ? 3.1 : 0) + r.normal(0, 0.05),
    adam_update_norm: (s, r) => Math.abs(0.012 / (1 + s / 2500) + r.normal(0, 0.0008)),
    weight_norm: (s, r) => 187.4 + 0.0009 * s + r.normal(0, 0.01),
    padding_frac: (s, r) => Math.min(0.4, Math.abs(0.11 + r.normal(0, 0.03))),
  };
  const everyTenth = {
    val_loss: (s, r) => decay(s, 1.2, 1.5, 450) + r.normal(0, 0.015),
    val_perplexity: (s, r) => Math.exp(decay(s, 1.2, 1.5, 450) + r.normal(0, 0.015)),
    val_accuracy: (s, r) => 0.42 + 0.3 * (1 - 1 / (1 + s / 900)) + r.normal(0, 0.004),
    eval_hellaswag: (s, r) => 0.29 + 0.07 * (1 - 1 / (1 + s / 2500)) + r.normal(0, 0.003),
    eval_arc_easy: (s, r) => 0.43 + 0.09 * (1 - 1 / (1 + s / 2000)) + r.normal(0, 0.004),
    eval_arc_challenge: (s, r) => 0.22 + 0.05 * (1 - 1 / (1 + s / 3000)) + r.normal(0, 0.004),
    eval_mmlu: (s, r) => 0.25 + 0.04 * (1 - 1 / (1 + s / 4000)) + r.normal(0, 0.003),
    eval_gsm8k: (s, r) => 0.02 + 0.06 * (1 - 1 / (1 + s / 5000)) + r.normal(0, 0.004),
    reward_model_score: (s, r) => -0.8 + 1.9 * (1 - 1 / (1 + s / 1500)) + r.normal(0, 0.05),
    toxicity_rate: (s, r) => Math.max(0, 0.031 - 0.018 * (1 - 1 / (1 + s / 1500)) + r.normal(0, 0.002)),
  };
  const params = { base_model: 'gpt-small-124m', task: 'instruction-tuning', learning_rate: 2e-5, warmup_steps: 300, total_steps: steps, batch_size: 64, lora_rank: 16, dataset: 'oasst2-en', eval_every: 10 };
  const { run } = await client.post('runs/create', {
    experiment_id: experimentId,
    run_name: 'sft-chart-wall-20-metrics',
    start_time: start,
    tags: kv({ 'mlflow.user': 'priya.natarajan', 'mlflow.source.name': 'finetune/sft.py', 'mlflow.source.type': 'JOB', 'mlflow.source.git.commit': rng0.hex(40), 'mlflow.note.content': 'Instruction tuning with 20 metrics: 10 every step, 10 every 10th step (the "chart wall" for UI benchmarks).' }),
  });
  const runId = run.info.run_id;
  stats.runs += 1;
  stats.params += Object.keys(params).length;
  await client.post('runs/log-batch', { run_id: runId, params: kv(params) });
  // 1000-point log-batch requests, one (metric, step range) each; every chunk has its own PRNG so
  // the values do not depend on the order the concurrent requests run in.
  const chunks = [];
  for (const [k, key] of Object.keys(everyStep).entries()) for (let s = 0; s < steps; s += 1000) chunks.push({ key, f: everyStep[key], from: s, to: Math.min(steps, s + 1000), every: 1, salt: k * 1000 + s / 1000 });
  for (const [k, key] of Object.keys(everyTenth).entries()) for (let s = 0; s < steps; s += 10_000) chunks.push({ key, f: everyTenth[key], from: s, to: Math.min(steps, s + 10_000), every: 10, salt: 50_000 + k * 1000 + s / 10_000 });
  let points = 0;
  await mapPool(chunks, concurrency, async (c) => {
    const rng = makeRng(seed * 977 + c.salt);
    const metrics = [];
    for (let s = c.from; s < c.to; s += c.every) metrics.push({ key: c.key, value: Number(c.f(s, rng).toPrecision(6)), timestamp: start + s * stepMs, step: s });
    await client.post('runs/log-batch', { run_id: runId, metrics });
    points += metrics.length;
    stats.metricPoints += metrics.length;
  });
  await client.post('runs/update', { run_id: runId, status: 'FINISHED', end_time: end });
  return { runId, metrics: Object.keys(everyStep).length + Object.keys(everyTenth).length, points };
}
