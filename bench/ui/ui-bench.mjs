#!/usr/bin/env node
// The UI benchmark: loads Runboard's and MLflow's web UIs in Chromium over the same demo data
// (`scripts/demo.mjs --size large`) and prints, side by side: time to the first rows of the
// 10,000-run experiment, frame times while scrolling it, heap sizes, time to draw the 1M-point
// chart and a 20-chart run. See bench/README.md ("UI") and bench/ui/run.sh.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { MlflowClient, log, measured, parseFlags, processTreeCpuMs, round } from '../lib/common.mjs';
import { measureChart, measureChartWall, measureTable, VIEWPORT } from './lib/measure.mjs';
import { ensureCompareData } from './lib/compare-data.mjs';
import { compareViews, measureOverlay, measureParallelCoordinates } from './lib/measure-compare.mjs';
import { buildStale, ensureSeeded, nextDevIn, startServer, stopServer } from './lib/servers.mjs';
import { targets } from './lib/targets.mjs';
import { printReport } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const flags = parseFlags(process.argv.slice(2), {
  reps: { type: 'int', default: 5, help: 'timed repetitions of each page (a cold browser context each)' },
  scenarios: { type: 'string', default: 'table,chart,wall,pc,overlay', help: 'which pages: table (10,000 runs), chart (1M points), wall (20 charts), pc (parallel coordinates, 5,000 runs x 12 axes; Runboard only), overlay (100 runs x 100k steps on one chart; Runboard only)' },
  reuse: { type: 'string', default: path.join(os.tmpdir(), 'runboard-bench-ui'), help: 'directory of seeded server data, reused between runs of the bench' },
  reseed: { type: 'string', default: '', help: 'runboard | mlflow | all: seed afresh even when --reuse holds a finished seed' },
  'skip-mlflow': { type: 'bool', default: false, help: 'measure Runboard only' },
  'skip-runboard': { type: 'bool', default: false, help: 'measure MLflow only' },
  'mlflow-from': { type: 'string', default: '', help: 'with --skip-mlflow: take MLflow\'s figures from this earlier results JSON (to re-measure Runboard only)' },
  'runboard-from': { type: 'string', default: '', help: 'with --skip-runboard: take Runboard\'s figures from this earlier results JSON' },
  'runboard-url': { type: 'string', default: '', help: 'measure this running, already seeded Runboard instead of starting one' },
  'mlflow-url': { type: 'string', default: '', help: 'measure this running, already seeded MLflow instead of starting one' },
  seed: { type: 'int', default: 7, help: 'the demo seed' },
  'seed-concurrency': { type: 'int', default: 8, help: 'parallel requests while seeding Runboard (the demo\'s --concurrency)' },
  'mlflow-seed-concurrency': { type: 'int', default: 1, help: 'parallel requests while seeding MLflow (more race on log-inputs, see bench/README.md)' },
  'scroll-ms': { type: 'int', default: 6000, help: 'how long to scroll the runs table' },
  'scroll-speed': { type: 'int', default: 7500, help: 'scroll speed in px/s (7500: 120 px every 16 ms)' },
  timeout: { type: 'int', default: 60000, help: 'longest wait for a row or chart, ms' },
  mlflow: { type: 'string', default: path.join(root, '.venv', 'bin', 'mlflow'), help: 'the mlflow executable' },
  'mlflow-workers': { type: 'int', default: 4, help: 'mlflow server --workers' },
  chromium: { type: 'string', default: '/usr/bin/chromium', help: 'the Chromium executable' },
  'quiet-wait': { type: 'int', default: 300, help: 'wait up to S seconds for a quiet machine before measuring each server (0: do not)' },
  'allow-build': { type: 'bool', default: false, help: 'build Runboard even while a `next dev` serves from this checkout (that may break it)' },
  profile: { type: 'bool', default: false, help: 'also record a CPU profile of the page while it scrolls the runs table (first timed repetition), into the log directory' },
  json: { type: 'string', default: '', help: 'where to write the results (default bench/results/ui-<date>.json)' },
  out: { type: 'string', default: '', help: 'directory for server and demo logs (default a temp dir)' },
});

const scenarios = flags.scenarios.split(',').map((s) => s.trim()).filter(Boolean);
for (const s of scenarios) if (!['table', 'chart', 'wall', 'pc', 'overlay'].includes(s)) { log(`unknown scenario ${s}`); process.exit(2); }
/** Scenarios of Runboard's compare page: MLflow has no page that takes 5,000 runs or a query. */
const COMPARE_SCENARIOS = ['pc', 'overlay'];
const outDir = flags.out || fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-bench-ui-logs.'));
fs.mkdirSync(outDir, { recursive: true });
const jsonFile = flags.json || path.join(root, 'bench', 'results', `ui-${new Date().toISOString().slice(0, 10)}.json`);

const git = (...a) => spawnSync('git', a, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
const dirty = git('status', '--porcelain', '--', '.', ':!bench').split('\n').some((l) => l && !l.startsWith('??'));
const runboardVersion = `runboard ${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? '+dirty' : ''}`;
const mlflowVersion = spawnSync(flags.mlflow, ['--version'], { encoding: 'utf8' }).stdout?.trim().replace(', version ', ' ') || 'mlflow (not found)';

const NAMES = { table: 'ctr-grid-search-10k', chart: 'llm-pretrain-1m-steps', chartRun: 'gpt-small-pretrain-1m-steps', wallRun: 'sft-chart-wall-20-metrics' };

/** Experiment and run ids of the demo's large data on a server. */
async function findIds(url) {
  const c = new MlflowClient(url);
  const table = await c.getExperimentByName(NAMES.table);
  const llm = await c.getExperimentByName(NAMES.chart);
  if (!table || !llm) throw new Error(`${url} has no "${NAMES.table}" / "${NAMES.chart}" experiment: not seeded with scripts/demo.mjs --size large`);
  const run = async (name) => {
    const r = await c.post('runs/search', { experiment_ids: [llm.experiment_id], filter: `attributes.run_name = '${name}'`, max_results: 1 });
    const id = r.runs?.[0]?.info.run_id;
    if (!id) throw new Error(`${url}: no run "${name}" in experiment ${llm.experiment_id}`);
    return id;
  };
  return { tableExp: table.experiment_id, chartExp: llm.experiment_id, chartRun: await run(NAMES.chartRun), wallRun: await run(NAMES.wallRun) };
}

/** The Chromium processes Playwright started (children of this process), for their CPU time. */
function browserPids() {
  const pids = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && /chrom/.test(stat)) pids.push(Number(name));
    } catch { /* gone */ }
  }
  return pids;
}

async function measureServer(kind, server, browser) {
  const t = targets[kind];
  const ids = await findIds(server.url);
  log(`  experiment ${ids.tableExp} (10,000 runs), 1M-point run ${ids.chartRun}, chart wall ${ids.wallRun}`);
  let views = null;
  if (kind === 'runboard' && scenarios.some((s) => COMPARE_SCENARIOS.includes(s))) {
    const data = await ensureCompareData(server.url, log);
    views = await compareViews(server.url, data);
    log(`  compare: 5,000-run sweep in experiment ${data.sweep}, overlay runs in experiment ${data.overlay}`);
  }
  const plans = {
    pc: { label: 'parallel coordinates', fn: () => measureParallelCoordinates(browser, { url: `${server.url}/compare?v=${views.pc}`, timeout: flags.timeout }) },
    overlay: { label: 'overlay of 100 runs', fn: () => measureOverlay(browser, { url: `${server.url}/compare?v=${views.overlay}`, timeout: flags.timeout }) },
    table: { label: 'runs table', fn: (rep) => measureTable(browser, t, { url: t.runsUrl(server.url, ids.tableExp), scrollMs: flags['scroll-ms'], scrollSpeed: flags['scroll-speed'], timeout: flags.timeout, profile: flags.profile && rep === 0 ? path.join(outDir, `scroll-${kind}.cpuprofile`) : undefined }) },
    chart: { label: '1M-point chart', fn: () => measureChart(browser, t, { url: t.runUrl(server.url, ids.chartExp, ids.chartRun), key: 'train_loss', timeout: flags.timeout }) },
    wall: { label: '20 charts', fn: () => measureChartWall(browser, t, { url: t.runUrl(server.url, ids.chartExp, ids.wallRun), expected: 20, timeout: flags.timeout }) },
  };
  const result = { version: kind === 'runboard' ? runboardVersion : `${mlflowVersion} --workers ${flags['mlflow-workers']}`, url: server.url, ids };
  for (const s of scenarios) {
    if (kind !== 'runboard' && COMPARE_SCENARIOS.includes(s)) continue;
    const p = plans[s];
    // One untimed load first, so the server's own first-request costs (route compilation, imports,
    // caches) are not in the figures; the browser side stays cold for every timed repetition.
    try { await p.fn(-1); } catch (err) { log(`  ${p.label}: warm-up failed: ${err.message.split('\n')[0]}`); }
    const reps = [];
    const browserCpu0 = browserPids().reduce((s2, pid) => s2 + (processTreeCpuMs(pid) ?? 0), 0);
    const m = await measured(server.pid, async () => {
      for (let i = 0; i < flags.reps; i += 1) {
        try {
          const r = await p.fn(i);
          reps.push(r);
          log(`  ${p.label} #${i + 1}: ${oneLine(s, r)}`);
        } catch (err) {
          reps.push({ error: err.message.split('\n')[0] });
          log(`  ${p.label} #${i + 1}: FAILED: ${err.message.split('\n')[0]}`);
        }
      }
    });
    const browserCpu = browserPids().reduce((s2, pid) => s2 + (processTreeCpuMs(pid) ?? 0), 0) - browserCpu0;
    const cpu = { ...m.cpu, browser_ms: round(browserCpu, 0) };
    if (cpu.other_ms !== undefined) {
      cpu.other_ms = Math.max(0, cpu.other_ms - browserCpu);
      cpu.other_cores = round(cpu.other_ms / m.ms, 2);
    }
    result[s] = { reps, cpu, wall_ms: round(m.ms, 0) };
    if (cpu.other_cores > 0.15) log(`  WARNING: other work on this machine used ${cpu.other_cores} of ${cpu.cores} cores during these ${p.label} measurements`);
  }
  return result;
}

function oneLine(s, r) {
  if (s === 'table') {
    return `first row ${r.first_row_ms} ms; scroll: frames p50 ${r.scroll.frame_p50_ms} / p95 ${r.scroll.frame_p95_ms} / max ${r.scroll.frame_max_ms} ms, ${r.scroll.frames_over_50ms} > 50 ms, ${r.scroll.distinct_rows_seen} rows seen; end: ${r.end.rows_shown_ms ?? 'timeout'} ms; heap ${r.heap_after_load.used_mb} / ${r.heap_after_scroll.used_mb} / ${r.heap_after_gc.used_mb} MB${r.load_more ? `; load more ${r.load_more.clicks_ms?.length ? `${r.load_more.clicks_ms.join(', ')} ms` : ''}${r.load_more.note ?? r.load_more.error ?? ''}` : ''}`;
  }
  if (s === 'pc') return `${r.runs} runs x ${r.axes} axes drawn ${r.drawn_ms} ms (draw ${r.draw_ms} ms); brush → ${r.selected_after_brush} runs in ${r.brush_applied_ms} ms (redraw ${r.draw_after_brush_ms} ms)`;
  if (s === 'overlay') return `${r.lines} lines drawn ${r.drawn_ms} ms; series ${r.series_requests} calls, slowest ${r.series_ms} ms, ${r.series_kb} KB; ${r.points_note}`;
  if (s === 'chart') return `drawn ${r.chart_drawn_ms} ms; heap ${r.heap.used_mb} MB (${r.heap_after_gc.used_mb} after GC); ${r.resources.api_requests} API calls, ${r.resources.api_kb} KB`;
  return `first screen ${r.first_screen_ms} ms (${r.first_screen_charts} charts); all ${r.charts_drawn} drawn ${r.all_drawn_ms ?? '—'} ms in ${r.scroll_steps} scroll steps; heap ${r.heap.used_mb} MB`;
}

function waitQuiet() {
  if (flags['quiet-wait'] <= 0) return;
  spawnSync(process.execPath, [path.join(root, 'bench', 'lib', 'wait-quiet.mjs'), '--max-wait', String(flags['quiet-wait'])], { stdio: 'inherit' });
}

async function main() {
  log(`\n== UI benchmark ${new Date().toISOString()} on ${os.cpus().length} cores; logs in ${outDir}`);
  log(`node ${process.version}; ${runboardVersion}; ${mlflowVersion}; ${flags.chromium}; viewport ${VIEWPORT.width}x${VIEWPORT.height}; ${flags.reps} reps`);
  const results = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, mem_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    config: { ...flags, viewport: VIEWPORT, scenarios },
    servers: {},
  };
  const kinds = ['runboard', 'mlflow'].filter((k) => !flags[`skip-${k}`]);
  for (const kind of ['runboard', 'mlflow']) {
    const from = flags[`${kind}-from`];
    if (!from) continue;
    const earlier = JSON.parse(fs.readFileSync(from, 'utf8'));
    if (!earlier.servers?.[kind]) throw new Error(`${from} has no ${kind} results`);
    results.servers[kind] = { ...earlier.servers[kind], from: { file: from, date: earlier.servers[kind].from?.date ?? earlier.date } };
    log(`${targets[kind].label}'s figures come from ${from} (${results.servers[kind].from.date})`);
  }
  if (kinds.includes('runboard') && !flags['runboard-url'] && !flags['allow-build'] && buildStale(root)) {
    const dev = nextDevIn(root);
    if (dev) throw new Error(`Runboard needs a build (scripts/start.mjs runs \`next build\`), but a \`next dev\` (pid ${dev}) serves from ${root}, and a build there may break it. Run the bench from a copy of the checkout (bench/README.md, "UI"), stop the dev server, or pass --allow-build.`);
  }
  let browser;
  let server;
  const cleanup = async () => { await stopServer(server); await browser?.close().catch(() => {}); };
  process.on('SIGINT', () => { cleanup().finally(() => process.exit(130)); });
  try {
    for (const kind of kinds) {
      log(`\n== ${targets[kind].label}`);
      const external = flags[`${kind}-url`];
      let seedRecord;
      if (external) {
        server = { kind, url: external.replace(/\/+$/, ''), pid: undefined, external: true };
      } else {
        const opts = { root, dataDir: path.join(flags.reuse, `${kind}-large-seed${flags.seed}`), outDir, logFile: path.join(outDir, `server-${kind}.log`), mlflowBin: flags.mlflow, mlflowWorkers: flags['mlflow-workers'], seed: flags.seed, concurrency: flags[kind === 'mlflow' ? 'mlflow-seed-concurrency' : 'seed-concurrency'], reseed: ['all', kind].includes(flags.reseed) };
        if (kind === 'mlflow' && !fs.existsSync(flags.mlflow)) throw new Error(`no mlflow at ${flags.mlflow} (see --mlflow, or --skip-mlflow)`);
        seedRecord = await ensureSeeded(kind, opts);
        // Measure on a freshly started server over the seeded data, on a quiet machine.
        waitQuiet();
        server = await startServer(kind, opts);
      }
      log(`  ${kind} at ${server.url}${server.pid ? `, pid ${server.pid}` : ''}`);
      browser ??= await chromium.launch({ executablePath: flags.chromium, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
      results.servers[kind] = { ...(await measureServer(kind, server, browser)), seed: seedRecord };
      if (!server.external) await stopServer(server);
      server = undefined;
      // Write after each server, so a failure later keeps what was measured.
      fs.mkdirSync(path.dirname(jsonFile), { recursive: true });
      fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
    }
  } finally {
    await cleanup();
  }
  printReport(results);
  log(`\nJSON: ${jsonFile}\nlogs: ${outDir}`);
}

main().catch((err) => {
  process.stderr.write(`ui-bench: ${err.stack ?? err}\n`);
  process.exit(1);
});
