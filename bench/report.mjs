#!/usr/bin/env node
// Prints the side-by-side table (metric | Runboard | MLflow | ratio) from the JSON files that
// bench/run.sh collects:  node bench/report.mjs RESULTS_DIR
//
//   ingest-runboard.json, ingest-mlflow.json       bench/ingest.mjs --json
//   search-runboard.json                           bench/search.mjs at the requested N
//   search-mlflow.json                             the MLflow peer (maybe at a smaller N)
//   search-runboard-peer-n.json                    Runboard at the peer's N (when it was smaller)
//
// "ratio" is always how many times better Runboard is: Runboard/MLflow for throughput,
// MLflow/Runboard for latency and for CPU per unit of work. Above 1 means Runboard is better.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: node bench/report.mjs RESULTS_DIR\n');
  process.exit(2);
}
const load = (name) => {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8'));
};

const num = (x, digits = 1) =>
  typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }) : '–';
const get = (obj, dotted) => dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);

function ratio(rb, ml, higherIsBetter) {
  if (typeof rb !== 'number' || typeof ml !== 'number' || rb <= 0 || ml <= 0) return '–';
  const r = higherIsBetter ? rb / ml : ml / rb;
  return `${num(r, r < 10 ? 2 : 1)}×`;
}

function table(title, rows) {
  const head = ['metric', 'Runboard', 'MLflow', 'ratio (Runboard better by)'];
  const body = rows.map((r) => r.map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const out = [`\n### ${title}\n`, line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`];
  for (const r of body) out.push(line(r));
  process.stdout.write(`${out.join('\n')}\n`);
}

/** A row: label, path into both result objects, digits, higher-is-better. */
const rowOf = (...args) => row(...args);
function row(label, rb, ml, key, digits, higherIsBetter) {
  const a = get(rb, key);
  const b = get(ml, key);
  return [label, num(a, digits), num(b, digits), ratio(a, b, higherIsBetter)];
}

function otherLoad(res, keys) {
  const vals = keys.map((k) => get(res, `${k}.cpu.other_cores`)).filter((v) => typeof v === 'number');
  return vals.length ? Math.max(...vals) : undefined;
}

// ---- ingest ----------------------------------------------------------------------------------
const ir = load('ingest-runboard');
const im = load('ingest-mlflow');
if (ir || im) {
  const rb = ir ?? {};
  const ml = im ?? {};
  const clients = rb.config?.clients ?? ml.config?.clients ?? 8;
  table('Ingest (bench/ingest.mjs)', [
    versionRow(rb, ml),
    row('log-batch, 1 client: metric points/s', rb, ml, 'batch_seq.points_per_s', 0, true),
    row('  latency p50 (ms, 1000 points)', rb, ml, 'batch_seq.latency_ms.p50', 1, false),
    row('  latency p95 (ms)', rb, ml, 'batch_seq.latency_ms.p95', 1, false),
    row('  server CPU ms per 1000 points', rb, ml, 'batch_seq.server_cpu_ms_per_unit', 1, false),
    row(`log-batch, ${clients} clients: metric points/s`, rb, ml, 'batch_conc.points_per_s', 0, true),
    row('  latency p50 (ms)', rb, ml, 'batch_conc.latency_ms.p50', 1, false),
    row('  latency p95 (ms)', rb, ml, 'batch_conc.latency_ms.p95', 1, false),
    row('  server CPU ms per 1000 points', rb, ml, 'batch_conc.server_cpu_ms_per_unit', 1, false),
    row(`log-metric, ${clients} clients: calls/s`, rb, ml, 'single_conc.calls_per_s', 0, true),
    row('  latency p50 (ms)', rb, ml, 'single_conc.latency_ms.p50', 1, false),
    row('  latency p95 (ms)', rb, ml, 'single_conc.latency_ms.p95', 1, false),
    row('  server CPU ms per call', rb, ml, 'single_conc.server_cpu_ms_per_unit', 2, false),
    ['read-back check (get-history counts)', verdict(rb), verdict(ml), ''],
    ['other load on the machine (max cores)', num(otherLoad(rb, ['batch_seq', 'batch_conc', 'single_conc']), 2), num(otherLoad(ml, ['batch_seq', 'batch_conc', 'single_conc']), 2), ''],
  ]);
}

function versionRow(rb, ml) {
  const v = (res) => (res ? `${res.config?.['server-version'] ?? '?'}, ${String(res.date ?? '').slice(0, 16).replace('T', ' ')}` : '–');
  return ['server, measured at (UTC)', v(rb), v(ml), ''];
}

function verdict(res) {
  if (!res || res.error) return res?.error ? 'ERROR' : '–';
  if (res.verify?.skipped) return 'skipped';
  return res.verify?.ok ? `OK (${num(res.verify.points_checked, 0)} pts)` : 'FAILED';
}

// ---- search ----------------------------------------------------------------------------------
const sr = load('search-runboard');
const sm = load('search-mlflow');
const srPeer = load('search-runboard-peer-n');

function searchRows(rb, ml, { ratios = true } = {}) {
  const row = (...args) => {
    const r = rowOf(...args);
    if (!ratios) r[3] = '–';
    return r;
  };
  const rows = [
    versionRow(rb, ml),
    ['runs searched (N)', num(rb?.n, 0), num(ml?.n, 0), ''],
    row('seeding: runs/s (create + log-batch, 8 clients)', rb, ml, 'seed.runs_per_s', 1, true),
    row('  seeding wall time (s)', rb, ml, 'seed.seconds', 0, false),
    row('  server CPU ms per seeded run', rb, ml, 'seed.server_cpu_ms_per_run', 2, false),
  ];
  const names = { q1: '(i) rmse<0.5 & model=rf, by rmse', q2: '(ii) lr=0.01, by start_time', q3: '(iii) tag team=vision', q4: '(iv) 10 pages with tokens (total)' };
  for (const [id, label] of Object.entries(names)) {
    rows.push(row(`${label}: p50 ms`, rb, ml, `queries.${id}.latency_ms.p50`, 1, false));
    rows.push(row('  p95 ms', rb, ml, `queries.${id}.latency_ms.p95`, 1, false));
    if (id === 'q4') rows.push(row('  per page p50 ms', rb, ml, `queries.${id}.per_page_ms.p50`, 1, false));
  }
  rows.push(['answers match the expected run lists', correct(rb), correct(ml), '']);
  rows.push(['other load on the machine (max cores)', num(otherLoad(rb, ['seed', 'queries.q1', 'queries.q2', 'queries.q3', 'queries.q4']), 2), num(otherLoad(ml, ['seed', 'queries.q1', 'queries.q2', 'queries.q3', 'queries.q4']), 2), '']);
  return rows;
}

function correct(res) {
  if (!res) return '–';
  if (res.error) return 'ERROR';
  return res.all_correct ? 'yes' : 'NO';
}

if (sm || sr) {
  if (srPeer && sm) {
    table(`runs/search at the same N = ${num(sm.n, 0)} (bench/search.mjs)`, searchRows(srPeer, sm));
    if (sr) {
      table(`runs/search, Runboard at N = ${num(sr.n, 0)} (MLflow column: its N = ${num(sm.n, 0)} figures again, no ratios)`, searchRows(sr, sm, { ratios: false }));
    }
  } else {
    table(`runs/search (bench/search.mjs)`, searchRows(sr, sm));
  }
  if (sm?.seed?.truncated) {
    process.stdout.write(`\nNOTE: the MLflow peer was seeded for at most ${num(sm.config?.['seed-budget'], 0)} s and reached N = ${num(sm.n, 0)} of the requested ${num(sm.seed.requested_n, 0)}; the same-N table compares both servers at that N.\n`);
  }
}

// ---- the project's stated targets (figures, not assertions) ---------------------------------
const lines = [];
if (ir && im) {
  for (const [label, key] of [['log-batch 1 client', 'batch_seq.points_per_s'], ['log-batch 8 clients', 'batch_conc.points_per_s'], ['log-metric 8 clients', 'single_conc.calls_per_s']]) {
    const r = get(ir, key) / get(im, key);
    lines.push(`ingest ≥ 10× MLflow, ${label}: ${num(r, 2)}× → ${r >= 10 ? 'met' : 'NOT met'}`);
  }
}
const full = sr ?? srPeer;
if (full?.queries?.q1) {
  const p50 = full.queries.q1.latency_ms.p50;
  lines.push(`runs/search filter+order over ${num(full.n, 0)} runs < 150 ms p50: ${num(p50, 1)} ms → ${p50 < 150 ? 'met' : 'NOT met'}${full.n < 100_000 ? ' (N below the 100k of the target)' : ''}`);
}
if (lines.length) process.stdout.write(`\n### Against the performance stance\n\n${lines.map((l) => `- ${l}`).join('\n')}\n`);
