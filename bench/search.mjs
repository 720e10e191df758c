#!/usr/bin/env node
// runs/search benchmark for an MLflow-compatible tracking server (Runboard or `mlflow server`).
//
//   node bench/search.mjs --url http://127.0.0.1:5000 [--n 100000] [--reuse] [--json out.json]
//
// 1. Seeds N runs into a fresh experiment through the REST API (runs/create with tags, then one
//    runs/log-batch with params, tags and metrics), with concurrent clients. The data is
//    deterministic (run i always gets the same values), so every server receives identical data
//    and the expected answer of every query is computed locally. Seeding is timed separately.
//    With --seed-budget S, seeding stops launching runs after S seconds and the benchmark goes on
//    with the runs seeded so far (the figures then say which N was used).
// 2. Times runs/search (max_results 100) after warm-up, one client, --reps repetitions each:
//    (i)   metrics.rmse < 0.5 and params.model = 'rf'   order by metrics.rmse ASC
//    (ii)  params.lr = '0.01'                            order by attributes.start_time DESC
//    (iii) tags.team = 'vision'                          default order
//    (iv)  the first 10 pages of the experiment (order by start_time DESC), following page tokens
//    and checks each answer against the locally computed one (run names, in order).
// --reuse takes the newest experiment already seeded with the same --n instead of seeding again.
import {
  HttpError, MlflowClient, cpuNote, fmt, log, measured, parseFlags, pool, prng, round, summary, timed, waitHealthy, writeJson,
} from './lib/common.mjs';

const flags = parseFlags(process.argv.slice(2), {
  url: { type: 'string', required: true, help: 'server base URL, e.g. http://127.0.0.1:5000' },
  label: { type: 'string', default: 'server', help: 'name printed with the figures' },
  n: { type: 'int', default: 100_000, help: 'runs to seed' },
  reuse: { type: 'bool', help: 'reuse the newest experiment already seeded with this --n' },
  'seed-only': { type: 'bool', help: 'seed, then stop without timing searches' },
  'seed-budget': { type: 'int', default: 0, help: 'stop seeding after this many seconds (0: no limit)' },
  concurrency: { type: 'int', default: 8, help: 'concurrent clients while seeding' },
  reps: { type: 'int', default: 30, help: 'timed repetitions per query' },
  warmup: { type: 'int', default: 5, help: 'untimed repetitions per query first' },
  pages: { type: 'int', default: 10, help: 'pages walked in query (iv)' },
  'server-version': { type: 'string', help: 'what the server runs (e.g. a git commit); stored in the JSON' },
  'server-pid': { type: 'int', help: "the server's pid: its CPU time (children included) is reported too" },
  json: { type: 'string', help: 'write the results as JSON to this file' },
});

const T0 = 1_600_000_000_000;
const MODELS = ['rf', 'xgb', 'lgbm', 'mlp', 'svm'];
const LRS = ['0.0001', '0.0003', '0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1.0', '3.0'];
const TEAMS = ['vision', 'nlp', 'tabular', 'speech'];
const DATASETS = ['train-v1', 'train-v2', 'train-v3'];
const PAGE = 100;
const client = new MlflowClient(flags.url);

/** Everything about run i, derived from i alone. */
function runSpec(i) {
  const r = prng(i * 2_654_435_761 + 17);
  const model = MODELS[Math.floor(r() * MODELS.length)];
  const lr = LRS[Math.floor(r() * LRS.length)];
  const depth = String(3 + Math.floor(r() * 10));
  const team = TEAMS[Math.floor(r() * TEAMS.length)];
  const dataset = DATASETS[Math.floor(r() * DATASETS.length)];
  const rmse = [r() + 0.5, r() + 0.2, r()]; // history over 3 steps; the latest (step 2) is in [0, 1)
  const mae = r() * 0.8;
  const r2 = 1 - r();
  return { i, name: `run-${String(i).padStart(6, '0')}`, startTime: T0 + i * 1000, model, lr, depth, team, dataset, rmse, mae, r2 };
}

async function seedRun(experimentId, i) {
  const s = runSpec(i);
  const created = await client.post('runs/create', {
    experiment_id: experimentId,
    run_name: s.name,
    start_time: s.startTime,
    tags: [
      { key: 'team', value: s.team },
      { key: 'mlflow.user', value: 'bench' },
    ],
  });
  const runId = created.run.info.run_id;
  const ts = s.startTime + 500;
  await client.post('runs/log-batch', {
    run_id: runId,
    params: [
      { key: 'model', value: s.model },
      { key: 'lr', value: s.lr },
      { key: 'depth', value: s.depth },
      { key: 'seed', value: String(i) },
    ],
    tags: [
      { key: 'dataset', value: s.dataset },
      { key: 'stage', value: i % 10 === 0 ? 'prod' : 'dev' },
    ],
    metrics: [
      ...s.rmse.map((value, step) => ({ key: 'rmse', value, timestamp: ts + step, step })),
      { key: 'mae', value: s.mae, timestamp: ts, step: 2 },
      { key: 'r2', value: s.r2, timestamp: ts, step: 2 },
    ],
  });
}

async function findSeeded(n) {
  const filter = `tags.\`bench.requested_n\` = '${n}'`;
  const r = await client.post('experiments/search', { filter, max_results: 100, order_by: ['creation_time DESC'] });
  for (const e of r.experiments ?? []) {
    const tags = new Map((e.tags ?? []).map((t) => [t.key, t.value]));
    if (tags.has('bench.seeded_n')) {
      return { experimentId: e.experiment_id, name: e.name, n: Number(tags.get('bench.seeded_n')), seedSeconds: Number(tags.get('bench.seed_seconds')), seededRuns: Number(tags.get('bench.seed_runs_per_s')) };
    }
  }
  return undefined;
}

async function seed(n) {
  const name = `bench-search-${n}-${Date.now()}`;
  const experimentId = await client.createExperiment(name);
  await client.post('experiments/set-experiment-tag', { experiment_id: experimentId, key: 'bench.requested_n', value: String(n) });
  const budgetMs = flags['seed-budget'] * 1000;
  const t0 = Date.now();
  let lastReport = t0;
  let done = 0;
  let failed = 0;
  const { ms, cpu } = await measured(flags['server-pid'], () =>
    pool(n, flags.concurrency, async (i) => {
      try {
        await seedRun(experimentId, i);
      } catch (err) {
        failed += 1;
        if (failed <= 3) process.stderr.write(`  seeding run ${i} failed: ${err.message}\n`);
      }
      done += 1;
      if (Date.now() - lastReport > 30_000) {
        lastReport = Date.now();
        const el = (lastReport - t0) / 1000;
        log(`  ... seeded ${fmt(done, 0)} runs in ${fmt(el, 0)} s (${fmt(done / el, 0)} runs/s)`);
      }
    }, { shouldStop: () => budgetMs > 0 && Date.now() - t0 > budgetMs }));
  const seeded = done;
  const tags = { 'bench.seeded_n': seeded, 'bench.seed_seconds': round(ms / 1000, 1), 'bench.seed_runs_per_s': round((seeded / ms) * 1000, 1) };
  for (const [key, value] of Object.entries(tags)) {
    await client.post('experiments/set-experiment-tag', { experiment_id: experimentId, key, value: String(value) });
  }
  return { experimentId, name, n: seeded, failed, seedSeconds: round(ms / 1000, 1), truncated: seeded < n, cpu };
}

// ---- expected answers, computed from the generator --------------------------------------------

function expectedAnswers(n) {
  const specs = Array.from({ length: n }, (_, i) => runSpec(i));
  const byStartDesc = (a, b) => b.startTime - a.startTime;
  const q1 = specs.filter((s) => s.model === 'rf' && s.rmse[2] < 0.5)
    .sort((a, b) => a.rmse[2] - b.rmse[2] || byStartDesc(a, b)).slice(0, PAGE);
  const q2 = specs.filter((s) => s.lr === '0.01').sort(byStartDesc).slice(0, PAGE);
  const q3 = specs.filter((s) => s.team === 'vision').sort(byStartDesc).slice(0, PAGE);
  const q4 = [...specs].sort(byStartDesc).slice(0, PAGE * flags.pages);
  const names = (list) => list.map((s) => s.name);
  return { q1: names(q1), q2: names(q2), q3: names(q3), q4: names(q4) };
}

// ---- the queries -----------------------------------------------------------------------------

function queries(experimentId) {
  const base = { experiment_ids: [experimentId], max_results: PAGE };
  const one = (body) => async () => {
    const r = await client.post('runs/search', { ...base, ...body });
    return (r.runs ?? []).map((run) => run.info.run_name);
  };
  return [
    {
      id: 'q1',
      title: "(i) metrics.rmse < 0.5 and params.model = 'rf', order by metrics.rmse ASC",
      run: one({ filter: "metrics.rmse < 0.5 and params.model = 'rf'", order_by: ['metrics.rmse ASC'] }),
    },
    {
      id: 'q2',
      title: "(ii) params.lr = '0.01', order by start_time DESC",
      run: one({ filter: "params.lr = '0.01'", order_by: ['attributes.start_time DESC'] }),
    },
    {
      id: 'q3',
      title: "(iii) tags.team = 'vision', default order",
      run: one({ filter: "tags.team = 'vision'" }),
    },
    {
      id: 'q4',
      title: `(iv) first ${flags.pages} pages of ${PAGE}, order by start_time DESC, with page tokens`,
      pages: true,
      run: async (pageTimes) => {
        const names = [];
        let token;
        for (let p = 0; p < flags.pages; p += 1) {
          const body = { ...base, order_by: ['attributes.start_time DESC'], ...(token ? { page_token: token } : {}) };
          const t = await timed(() => client.post('runs/search', body));
          pageTimes?.push(t.ms);
          names.push(...(t.value.runs ?? []).map((run) => run.info.run_name));
          token = t.value.next_page_token;
          if (!token) break;
        }
        return names;
      },
    },
  ];
}

function firstDifference(got, want) {
  for (let k = 0; k < Math.max(got.length, want.length); k += 1) {
    if (got[k] !== want[k]) return `position ${k}: got ${got[k] ?? '(none)'}, expected ${want[k] ?? '(none)'} (got ${got.length}, expected ${want.length})`;
  }
  return undefined;
}

async function main() {
  await waitHealthy(flags.url, 30_000);
  const results = { label: flags.label, url: flags.url, date: new Date().toISOString(), config: { ...flags } };
  log(`[${flags.label}] runs/search benchmark against ${flags.url}, N = ${fmt(flags.n, 0)}`);

  let target = flags.reuse ? await findSeeded(flags.n) : undefined;
  if (target) {
    log(`  reusing experiment ${target.experimentId} (${target.name}) with ${fmt(target.n, 0)} runs, seeded earlier in ${fmt(target.seedSeconds)} s`);
    results.seed = { reused: true, experiment_id: target.experimentId, n: target.n, seconds: target.seedSeconds, runs_per_s: target.seededRuns };
  } else {
    log(`  seeding ${fmt(flags.n, 0)} runs with ${flags.concurrency} clients (2 requests per run)${flags['seed-budget'] ? `, budget ${flags['seed-budget']} s` : ''} ...`);
    target = await seed(flags.n);
    const rate = target.n / target.seedSeconds;
    results.seed = { reused: false, experiment_id: target.experimentId, n: target.n, requested_n: flags.n, truncated: target.truncated, failed: target.failed, seconds: target.seedSeconds, runs_per_s: round(rate, 1), requests_per_s: round(rate * 2, 1), cpu: target.cpu };
    if (target.cpu.server_ms !== undefined) results.seed.server_cpu_ms_per_run = round(target.cpu.server_ms / target.n, 3);
    log(`  seeded ${fmt(target.n, 0)} runs in ${fmt(target.seedSeconds)} s: ${fmt(rate, 1)} runs/s, ${fmt(rate * 2, 1)} requests/s${target.failed ? `; ${target.failed} runs FAILED` : ''}${cpuNote(target.cpu, target.n, 'run')}`);
    if (target.truncated) log(`  NOTE: the seeding budget ran out; searches run over N = ${fmt(target.n, 0)}, not ${fmt(flags.n, 0)}`);
  }
  results.n = target.n;
  if (flags['seed-only']) {
    results.http = { ...client.stats };
    writeJson(flags.json, results);
    return;
  }

  const expected = expectedAnswers(target.n);
  results.queries = {};
  let allMatch = true;
  for (const q of queries(target.experimentId)) {
    // Warm-up, and the correctness check on the first answer.
    const got = await q.run();
    const diff = firstDifference(got, expected[q.id]);
    if (diff) allMatch = false;
    for (let w = 1; w < flags.warmup; w += 1) await q.run();
    const lat = [];
    const pageTimes = [];
    const { cpu } = await measured(flags['server-pid'], async () => {
      for (let k = 0; k < flags.reps; k += 1) lat.push((await timed(() => q.run(pageTimes))).ms);
    });
    const entry = { title: q.title, latency_ms: summary(lat), returned: got.length, correct: !diff, ...(diff ? { difference: diff } : {}), cpu };
    if (cpu.server_ms !== undefined) entry.server_cpu_ms_per_rep = round(cpu.server_ms / flags.reps, 2);
    if (q.pages) entry.per_page_ms = summary(pageTimes);
    results.queries[q.id] = entry;
    log(`  ${q.title}\n      p50 ${fmt(entry.latency_ms.p50)} ms, p95 ${fmt(entry.latency_ms.p95)} ms` +
      `${q.pages ? ` for ${flags.pages} pages (per page p50 ${fmt(entry.per_page_ms.p50)} ms, p95 ${fmt(entry.per_page_ms.p95)} ms)` : ''}` +
      `; ${got.length} runs, ${diff ? `WRONG ANSWER: ${diff}` : 'answer as expected'}${cpuNote(cpu, flags.reps, 'repetition')}`);
  }
  results.all_correct = allMatch;
  results.http = { ...client.stats };
  if (client.stats.retries || client.stats.failures) {
    log(`  http: ${client.stats.retries} retries, ${client.stats.failures} failures; ${client.stats.lastErrors.join(' | ')}`);
  }
  writeJson(flags.json, results);
  if (!allMatch) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`search: ${err instanceof HttpError ? err.message : err.stack ?? err}\n`);
  writeJson(flags.json, { label: flags.label, error: String(err), http: client.stats });
  process.exit(1);
});
