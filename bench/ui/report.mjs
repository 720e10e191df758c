#!/usr/bin/env node
// Prints the UI benchmark's side-by-side table (figure | Runboard | MLflow | target) from its JSON:
//   node bench/ui/report.mjs bench/results/ui-<date>.json
// Each cell is the median over the repetitions, with the range in brackets.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { percentile } from '../lib/common.mjs';

const get = (obj, dotted) => dotted.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
const num = (x, digits = 0) => (typeof x === 'number' && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits }) : '–');

/** Median and range of a numeric field over the successful repetitions of one scenario. */
function stat(server, scenario, key, digits = 0) {
  const reps = server?.[scenario]?.reps ?? [];
  const ok = reps.filter((r) => !r.error);
  const vals = ok.map((r) => get(r, key)).filter((v) => typeof v === 'number' && Number.isFinite(v));
  const failed = reps.length - ok.length;
  const missing = ok.length - vals.length;
  if (!reps.length) return '';
  if (!vals.length) return failed ? `failed (${reps.find((r) => r.error)?.error.slice(0, 40)})` : 'n/a';
  const p50 = percentile(vals, 50);
  const lo = Math.min(...vals);
  const hi = Math.max(...vals);
  let s = num(p50, digits);
  if (vals.length > 1 && hi !== lo) s += ` (${num(lo, digits)}–${num(hi, digits)})`;
  if (failed || missing) s += ` [${vals.length}/${reps.length} reps]`;
  return s;
}

/** A text figure: the value of the first successful repetition (the same in all, normally). */
function first(server, scenario, fn) {
  const r = server?.[scenario]?.reps?.find((x) => !x.error);
  return r ? String(fn(r) ?? '–') : '';
}

/** "Load more" click times over the repetitions: the first click of each page load, and the later ones. */
function loadMoreCell(server) {
  const reps = (server?.table?.reps ?? []).filter((r) => r.load_more);
  const firsts = reps.map((r) => r.load_more.clicks_ms?.[0]).filter((x) => x !== undefined);
  const later = reps.flatMap((r) => r.load_more.clicks_ms?.slice(1) ?? []);
  if (!firsts.length) return reps.length ? String(reps[0].load_more.note ?? reps[0].load_more.error ?? 'n/a') : '';
  const cell = (xs) => `${num(percentile(xs, 50))} (${num(Math.min(...xs))}–${num(Math.max(...xs))})`;
  const failed = reps.filter((r) => r.load_more.error || r.load_more.note).length;
  return `1st ${cell(firsts)}${later.length ? `, later ${cell(later)}` : ''}${failed ? ` [${failed} of ${reps.length} loads: fewer than 3 clicks]` : ''}`;
}

const versionOf = (server) => (server ? `${server.version}${server.from ? ` (run of ${server.from.date.slice(0, 16)})` : ''}` : '');

/** Medians of the scroll's main-thread time split: JS / layout / style. */
const split = (server) => (server?.table ? ['script_ms', 'layout_ms', 'style_ms'].map((k) => stat(server, 'table', `scroll.main_thread.${k}`).replace(/ \(.*$/, '')).join(' / ') : '');

export function printReport(results) {
  const rb = results.servers.runboard;
  const ml = results.servers.mlflow;
  const scrollS = Math.round((results.config['scroll-ms'] ?? 6000) / 1000);
  const rows = [
    ['version', versionOf(rb), versionOf(ml), ''],
    ['**Runs table, 10,000 runs**', '', '', ''],
    ...[
      ['time to first rows, ms', 'first_row_ms', 0, '< 1,500'],
      ['  rows on screen then', 'rows_at_first_row', 0, ''],
      ['runs the table holds without a click (after load)', 'table_rows', 0, '10,000'],
      ['  API data fetched by then, KB', 'resources_at_first_row.api_kb', 0, ''],
      ['  main thread busy by then, ms', 'main_thread_at_first_row.task_ms', 0, ''],
      [`wheel scrolling ${scrollS} s: frame p50, ms`, 'scroll.frame_p50_ms', 1, ''],
      ['  frame p95, ms', 'scroll.frame_p95_ms', 1, ''],
      ['  longest frame, ms', 'scroll.frame_max_ms', 0, 'no long frames'],
      ['  frames > 50 ms', 'scroll.frames_over_50ms', 0, '0'],
      ['  long tasks (count)', 'scroll.long_tasks', 0, ''],
      ['  long tasks (total ms)', 'scroll.long_task_ms', 0, ''],
      ['  main thread busy, ms', 'scroll.main_thread.task_ms', 0, ''],
      ['    of it JS / layout / style, ms', null, 0, ''],
      ['  distinct runs seen on screen', 'scroll.distinct_rows_seen', 0, ''],
      ['  samples showing placeholder rows', 'scroll.samples_with_placeholder_rows', 0, ''],
      ['jump to the end: real rows shown after, ms', 'end.rows_shown_ms', 0, ''],
    ].map(([label, key, d, target]) => (key ? [label, stat(rb, 'table', key, d), stat(ml, 'table', key, d), target] : [label, split(rb), split(ml), target])),
    ['  bottom row there (newest first: ctr-grid-00000 is run 10,000)', first(rb, 'table', (r) => r.end.last_rows?.at?.(-1)), first(ml, 'table', (r) => r.end.last_rows?.at?.(-1)), 'ctr-grid-00000'],
    ['distinct runs seen on screen (wheel + jump)', stat(rb, 'table', 'rows_loaded'), stat(ml, 'table', 'rows_loaded'), ''],
    ['"Load more" click → next 100 rows, ms', '', loadMoreCell(ml), ''],
    ...[
      ['JS heap after load, MB', 'heap_after_load.used_mb', 1, '< 300'],
      ['JS heap after scrolling to the end, MB', 'heap_after_scroll.used_mb', 1, '< 300'],
      ['  after a forced GC, MB', 'heap_after_gc.used_mb', 1, ''],
      ['  DOM nodes', 'heap_after_gc.dom_nodes', 0, ''],
    ].map(([label, key, d, target]) => [label, stat(rb, 'table', key, d), stat(ml, 'table', key, d), target]),
    ['**1,000,000-point metric (run page, charts)**', '', '', ''],
    ...[
      ['time to the drawn train_loss chart, ms', 'chart_drawn_ms', 0, ''],
      ['  main thread busy by then, ms', 'main_thread_at_drawn.task_ms', 0, ''],
      ['  API data fetched, KB', 'resources.api_kb', 0, ''],
      ['  JS heap, MB', 'heap.used_mb', 1, '< 300'],
    ].map(([label, key, d, target]) => [label, stat(rb, 'chart', key, d), stat(ml, 'chart', key, d), target]),
    ['**Run with 20 metrics (run page, charts)**', '', '', ''],
    ...[
      ['charts on the first screen drawn, ms', 'first_screen_ms', 0, ''],
      ['  charts on the first screen', 'first_screen_charts', 0, ''],
      ['  main thread busy by then, ms', 'main_thread_at_first_screen.task_ms', 0, ''],
      ['all 20 drawn, scrolling down a screen at a time, ms', 'all_drawn_ms', 0, '< 2,000'],
      ['  scroll steps', 'scroll_steps', 0, ''],
      ['  API data fetched, KB', 'resources.api_kb', 0, ''],
      ['  JS heap, MB', 'heap.used_mb', 1, '< 300'],
    ].map(([label, key, d, target]) => [label, stat(rb, 'wall', key, d), stat(ml, 'wall', key, d), target]),
    ['**Compare: parallel coordinates, 5,000 runs x 12 axes (Runboard only)**', '', '', ''],
    ...[
      ['lines drawn after navigation, ms', 'drawn_ms', 0, ''],
      ['  one full draw (canvas), ms', 'draw_ms', 0, ''],
      ['brush on an axis: count updated after release, ms', 'brush_applied_ms', 0, ''],
      ['  redraw after the brush, ms', 'draw_after_brush_ms', 0, ''],
      ['  runs left selected', 'selected_after_brush', 0, ''],
    ].map(([label, key, d, target]) => [label, stat(rb, 'pc', key, d), '', target]),
    ['**Compare: one chart of 100 runs x 100,000 steps (Runboard only)**', '', '', ''],
    ...[
      ['overlay chart drawn after navigation, ms', 'drawn_ms', 0, ''],
      ['  slowest series request, ms', 'series_ms', 0, ''],
      ['  series data fetched, KB', 'series_kb', 0, ''],
    ].map(([label, key, d, target]) => [label, stat(rb, 'overlay', key, d), '', target]),
  ].filter((r) => r[0].startsWith('**') || [r[1], r[2]].some((c) => c !== '' && !/^n\/a( \/ n\/a)*$/.test(c)));

  const head = ['figure', 'Runboard', 'MLflow', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w, i) => (i === 1 || i === 2 ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`, ...rows.map(line)];
  process.stdout.write(`\n### UI (bench/ui), median of ${results.config.reps} cold loads (range)\n\n${out.join('\n')}\n`);
  for (const [kind, s] of Object.entries(results.servers)) {
    for (const sc of ['table', 'chart', 'wall', 'pc', 'overlay']) {
      const c = s[sc]?.cpu;
      if (c?.other_cores > 0.15) process.stdout.write(`WARNING (${kind}, ${sc}): other work used ${c.other_cores} of ${c.cores} cores meanwhile; figures are noisy\n`);
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node bench/ui/report.mjs RESULTS.json\n');
    process.exit(2);
  }
  printReport(JSON.parse(fs.readFileSync(file, 'utf8')));
}
