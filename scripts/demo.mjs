#!/usr/bin/env node
// `npm run demo [-- options]`: fills a running Runboard (or any MLflow-compatible tracking server)
// through the REST API with realistic experiments, runs, metrics, datasets, artifacts and a model
// registry, so the UI has something to show and benchmarks have data. See --help.
import { Client, mapPool } from './demo/http.mjs';
import { makeRng } from './demo/random.mjs';
import { newStats, countRuns, chooseSuffix, createExperiment, executePlan } from './demo/runner.mjs';
import { registerBestRuns } from './demo/registry.mjs';
import { chartWallRun, manyRunsExperiment, millionPointRun } from './demo/large.mjs';
import { churnExperiment } from './demo/exp-churn.mjs';
import { housingExperiment } from './demo/exp-housing.mjs';
import { sentimentExperiment } from './demo/exp-sentiment.mjs';
import { demandExperiment } from './demo/exp-demand.mjs';

const HELP = `Usage: npm run demo -- [options]

Fills a running tracking server with demo data through the MLflow REST API.

  --url URL          tracking server (default: $MLFLOW_TRACKING_URI, else http://127.0.0.1:5000)
  --size SIZE        default | large. default: 4 experiments, ~300 runs, artifacts and 2 registered
                     models (well under a minute). large: also a 10,000-run experiment, a run
                     with a 1,000,000-point metric and, next to it, a "chart wall" run with 20
                     metrics (10 x 10,000 steps, 10 x 1,000 steps) for the UI benchmarks
                     (bench/ui).
  --seed N           random seed (default: random; printed so a run can be repeated)
  --concurrency N    parallel HTTP requests (default 8)
  -h, --help         show this help

Running it again creates new experiments and models with a "-2", "-3", ... suffix.
Credentials, if the server needs them: MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD or
MLFLOW_TRACKING_TOKEN.
`;

function die(message, code = 1) {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { url: process.env.MLFLOW_TRACKING_URI || 'http://127.0.0.1:5000', size: 'default', seed: undefined, concurrency: 8 };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(HELP);
      process.exit(0);
    }
    const [flag, inline] = arg.split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') die(`option ${flag} needs a value\n\n${HELP}`, 2);
      return v;
    };
    if (flag === '--url') opts.url = value();
    else if (flag === '--size') opts.size = value();
    else if (flag === '--seed') opts.seed = Number(value());
    else if (flag === '--concurrency') opts.concurrency = Number(value());
    else die(`unknown option ${arg}\n\n${HELP}`, 2);
  }
  if (!['default', 'large'].includes(opts.size)) die(`--size must be "default" or "large", not "${opts.size}"`, 2);
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) die('--seed must be an integer', 2);
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1 || opts.concurrency > 64) die('--concurrency must be an integer from 1 to 64', 2);
  if (!/^https?:\/\//i.test(opts.url)) die(`the tracking URI must be an http(s) URL, not "${opts.url}" (use --url)`, 2);
  opts.url = opts.url.replace(/\/+$/, '');
  opts.seed ??= Math.floor(Math.random() * 1_000_000);
  return opts;
}

function authHeaders() {
  const { MLFLOW_TRACKING_USERNAME: user, MLFLOW_TRACKING_PASSWORD: pass, MLFLOW_TRACKING_TOKEN: token } = process.env;
  if (user && pass) return { Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
  if (token) return { Authorization: `Bearer ${token}` };
  return {};
}

/** Fails with a clear message unless an MLflow-compatible API answers at the URL. */
async function checkServer(url, headers) {
  let res;
  try {
    res = await fetch(`${url}/api/2.0/mlflow/experiments/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ max_results: 1 }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    const why = err.name === 'TimeoutError' ? 'no answer within 10 s' : (err.cause?.code ?? err.cause?.message ?? err.message);
    die(`cannot reach a tracking server at ${url} (${why}).\nStart one with \`npm start\` (or \`node scripts/start.mjs --port <port>\`), or point the demo elsewhere with --url or MLFLOW_TRACKING_URI.`);
  }
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (res.status === 401 || res.status === 403) die(`${url} refused the request (HTTP ${res.status}); set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.`);
  if (!res.ok || body === null || typeof body !== 'object') die(`${url} answered HTTP ${res.status} to POST /api/2.0/mlflow/experiments/search; it does not look like an MLflow-compatible tracking server.`);
}

const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const headers = authHeaders();
  await checkServer(opts.url, headers);
  const client = new Client(opts.url, { concurrency: opts.concurrency, headers });
  const stats = newStats();
  const timings = [];
  const tStart = performance.now();
  const now = Date.now();
  const rng = makeRng(opts.seed);
  console.log(`Filling ${opts.url} (size ${opts.size}, seed ${opts.seed}, ${opts.concurrency} parallel requests)`);

  // plan everything first (pure computation), then send
  let t = performance.now();
  const specs = [churnExperiment(rng.fork(1), now), housingExperiment(rng.fork(2), now), sentimentExperiment(rng.fork(3), now), demandExperiment(rng.fork(4), now)];
  const registrySpecs = [
    { key: 'churn', modelName: 'churn-classifier', versions: 4, modelType: 'gradient-boosting', description: '## Churn classifier\n\nScores every active subscriber nightly; the CRM team calls the top 5%.\n\n- `@champion` serves production\n- `@challenger` is shadow-scored for two weeks before promotion', tags: { team: 'growth-ml', 'serving.endpoint': 'churn-scorer', 'data.classification': 'internal' } },
    { key: 'sentiment', modelName: 'review-sentiment', versions: 3, modelType: 'transformers', description: 'Binary sentiment for product reviews (EN). Served on the reviews API behind a feature flag.', tags: { team: 'nlp', task: 'text-classification', language: 'en' } },
  ];
  const largeNames = opts.size === 'large' ? ['ctr-grid-search-10k', 'llm-pretrain-1m-steps'] : [];
  timings.push(['plan data', performance.now() - t]);

  t = performance.now();
  const suffix = await chooseSuffix(client, { experiments: [...specs.map((s) => s.name), ...largeNames], models: registrySpecs.map((r) => r.modelName) });
  if (suffix) console.log(`Names from an earlier demo exist; using the suffix "${suffix}".`);

  const created = [];
  for (const spec of specs) {
    const te = performance.now();
    const exp = await createExperiment(client, `${spec.name}${suffix}`, { description: spec.description, tags: spec.tags });
    stats.experiments += 1;
    const runCount = countRuns(spec.runs);
    process.stdout.write(`  ${exp.name} (id ${exp.id}): ${runCount} runs ... `);
    await mapPool(spec.runs, opts.concurrency, (plan) => executePlan(client, exp.id, plan, stats));
    const ms = performance.now() - te;
    console.log(`done in ${sec(ms)}`);
    created.push({ ...exp, runs: runCount, spec, ms });
  }
  timings.push(['experiments, runs, metrics, artifacts', performance.now() - t]);

  t = performance.now();
  const models = [];
  for (const r of registrySpecs) {
    const exp = created.find((c) => c.spec.key === r.key);
    const m = await registerBestRuns(client, rng.fork(99), exp.spec, { ...r, modelName: `${r.modelName}${suffix}` });
    console.log(`  registered model ${m.name}: versions ${m.versions.map((v) => v.version).join(', ')}; ${Object.entries(m.aliases).map(([a, v]) => `@${a} → v${v}`).join(', ')}`);
    models.push(m);
  }
  timings.push(['logged models and registry', performance.now() - t]);

  const large = [];
  if (opts.size === 'large') {
    console.log('Large data:');
    t = performance.now();
    const many = await manyRunsExperiment(client, { name: `${largeNames[0]}${suffix}`, runs: 10_000, concurrency: opts.concurrency, seed: opts.seed, now, stats });
    timings.push([`10,000-run experiment (${many.requests.toLocaleString('en-US')} requests)`, performance.now() - t]);
    large.push({ ...many, what: `${many.runs.toLocaleString('en-US')} runs` });
    t = performance.now();
    const million = await millionPointRun(client, { name: `${largeNames[1]}${suffix}`, concurrency: opts.concurrency, seed: opts.seed, now, stats });
    timings.push([`1,000,000-point metric (${million.requests.toLocaleString('en-US')} log-batch requests)`, performance.now() - t]);
    large.push({ ...million, what: `1 run, train_loss with ${million.points.toLocaleString('en-US')} points (run ${million.runId})` });
    t = performance.now();
    const wall = await chartWallRun(client, { experimentId: million.id, concurrency: opts.concurrency, seed: opts.seed, now, stats });
    timings.push([`chart wall: ${wall.metrics} metrics, ${wall.points.toLocaleString('en-US')} points`, performance.now() - t]);
    large.push({ ...million, what: `1 run, ${wall.metrics} metrics with ${wall.points.toLocaleString('en-US')} points in all (run ${wall.runId})` });
  }
  const total = performance.now() - tStart;

  // ---- summary
  console.log('\nCreated:');
  for (const c of created) console.log(`  experiment ${c.id.padStart(4)}  ${c.name.padEnd(34)} ${String(c.runs).padStart(5)} runs`);
  for (const l of large) console.log(`  experiment ${l.id.padStart(4)}  ${l.name.padEnd(34)} ${l.what}`);
  for (const m of models) {
    console.log(`  registered model  ${m.name}`);
    for (const v of m.versions) {
      const aliases = Object.entries(m.aliases).filter(([, ver]) => ver === v.version).map(([a]) => `@${a}`);
      console.log(`      v${v.version}  ${v.modelId}  from run ${v.run}${aliases.length ? `  ${aliases.join(' ')}` : ''}`);
    }
  }
  const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
  console.log(
    `  totals: ${stats.experiments} experiments, ${stats.runs.toLocaleString('en-US')} runs, ${stats.metricPoints.toLocaleString('en-US')} metric points, ${stats.params.toLocaleString('en-US')} params, ${stats.datasetInputs} dataset inputs, ${stats.artifacts} artifact files (${mb(stats.artifactBytes)})${stats.skippedArtifacts ? `, artifacts skipped for ${stats.skippedArtifacts} runs` : ''}`,
  );
  console.log(`  requests: ${client.stats.requests.toLocaleString('en-US')} (${mb(client.stats.bytesSent)} sent${client.stats.retries ? `, ${client.stats.retries} retried` : ''})`);
  console.log('\nTimings:');
  for (const [label, ms] of timings) console.log(`  ${label.padEnd(58)} ${sec(ms).padStart(8)}`);
  console.log(`  ${'total'.padEnd(58)} ${sec(total).padStart(8)}`);
  console.log(`\nOpen ${opts.url}/ in a browser.`);
}

main().catch((err) => {
  die(err?.stack && process.env.DEMO_DEBUG ? err.stack : (err?.message ?? String(err)));
});
