// The measurements, one cold browser context (no cache, no storage) per repetition. Every time is
// taken inside the page by the probe (probe.mjs) on the page's clock, so "ms" means milliseconds
// after the navigation started.
import fs from 'node:fs';
import { percentile, round, sleep } from '../../lib/common.mjs';
import { probeScript } from './probe.mjs';
import { RUN_NAME } from './targets.mjs';

export const VIEWPORT = { width: 1440, height: 900 };
const MB = 1024 * 1024;

/** A fresh context and page with the probe installed and a DevTools session for heap figures. */
async function coldPage(browser, target, checks, cards) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript({ content: probeScript({ rowSelector: target.rowSelector, scroller: target.scroller, rowName: RUN_NAME, checks, cards }) });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

/** JS heap of the page (bytes, as DevTools reports it), optionally after a full garbage collection. */
async function heap(cdp, { gc = false } = {}) {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { used_mb: round(m.JSHeapUsedSize / MB, 1), total_mb: round(m.JSHeapTotalSize / MB, 1), dom_nodes: m.Nodes };
}

/** Main-thread time so far, by kind (ms; DevTools' cumulative TaskDuration, ScriptDuration, ...). */
async function mainThread(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { task_ms: m.TaskDuration * 1000, script_ms: m.ScriptDuration * 1000, layout_ms: m.LayoutDuration * 1000, style_ms: m.RecalcStyleDuration * 1000 };
}

const since = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, round(b[k] - (a?.[k] ?? 0), 0)]));

/** Waits until the probe has a time for `name`; returns it (ms after navigation start). */
async function mark(page, name, timeout) {
  const h = await page.waitForFunction((n) => window.__bench?.marks[n] ?? (window.__bench?.errors[n] ? -1 : false), name, { timeout, polling: 50 });
  const t = await h.jsonValue();
  if (t === -1) throw new Error(`check ${name} failed in the page: ${await page.evaluate((n) => window.__bench.errors[n], name)}`);
  return t;
}

/**
 * What the page fetched so far (Resource Timing): all requests and bytes over the wire, and the
 * API calls with their start and duration (ms after navigation start), slowest first.
 */
function resources(page) {
  return page.evaluate(() => {
    const all = performance.getEntriesByType('resource');
    const api = all.filter((e) => /\/(ajax-)?api\//.test(e.name));
    const kb = (list) => Math.round(list.reduce((s, e) => s + (e.transferSize || 0), 0) / 1024);
    const calls = api
      .map((e) => ({ path: e.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 160), start: Math.round(e.startTime), ms: Math.round(e.duration), kb: Math.round((e.transferSize || 0) / 1024) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 8);
    const nav = performance.getEntriesByType('navigation')[0];
    return { requests: all.length, kb: kb(all), api_requests: api.length, api_kb: kb(api), document_ms: nav ? Math.round(nav.responseEnd) : undefined, slowest_api: calls };
  });
}

const quietFor = async (page, ms) => {
  // Let pending fetches and renders finish: no new resource entry for `ms`.
  let n = -1;
  for (let i = 0; i < 40; i += 1) {
    const now = await page.evaluate(() => performance.getEntriesByType('resource').length);
    if (now === n) return;
    n = now;
    await sleep(ms);
  }
};

function frameStats(rec) {
  const f = rec.frames;
  return {
    duration_ms: round(rec.ms, 0),
    frames: f.length,
    frame_p50_ms: round(percentile(f, 50), 1),
    frame_p95_ms: round(percentile(f, 95), 1),
    frame_max_ms: round(f.length ? Math.max(...f) : NaN, 1),
    frames_over_50ms: f.filter((x) => x > 50).length,
    long_tasks: rec.longtasks.length,
    long_task_ms: round(rec.longtasks.reduce((s, t) => s + t.ms, 0), 0),
    distinct_rows_seen: rec.seen,
    samples_with_placeholder_rows: rec.blankSamples,
    row_samples: rec.samples,
    max_placeholder_rows: rec.maxBlank,
  };
}

/** Mouse-wheel scrolling over the table at `speed` px/s for `ms`, in wheel events every ~16 ms. */
async function wheelScroll(page, box, { ms, speed }) {
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300));
  const t0 = Date.now();
  let sent = 0;
  let events = 0;
  while (Date.now() - t0 < ms) {
    const due = ((Date.now() - t0) * speed) / 1000;
    // A busy page acknowledges wheel events late; what is due then goes out in one larger event,
    // as the browser coalesces wheel input (capped at about one screen).
    const delta = Math.min(Math.round(due - sent), 1200);
    if (delta > 0) {
      await page.mouse.wheel(0, delta);
      sent += delta;
      events += 1;
    }
    await sleep(16);
  }
  return { wheel_events: events, wheel_px: sent };
}

/**
 * The runs table of the 10,000-run experiment: time to the first data row on screen, mouse-wheel
 * scrolling, a jump to the end of the table, and the heap after each.
 */
export async function measureTable(browser, target, { url, scrollMs, scrollSpeed, timeout, profile }) {
  const first = `() => window.__bench.visibleRows().some((r) => window.__bench.rowName(r))`;
  const { context, page, cdp } = await coldPage(browser, target, { firstRow: first });
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const firstRowMs = await mark(page, 'firstRow', timeout);
    const atFirst = await page.evaluate(() => window.__bench.sampleRows());
    const busyAtFirst = since(null, await mainThread(cdp));
    const loadRes = await resources(page);
    await quietFor(page, 1000);
    const heapLoaded = await heap(cdp);
    const tableRows = await page.evaluate(`(${target.tableRows})()`).catch(() => null);
    const out = { first_row_ms: round(firstRowMs, 0), rows_at_first_row: atFirst.rows, table_rows: tableRows, main_thread_at_first_row: busyAtFirst, resources_at_first_row: loadRes, heap_after_load: heapLoaded };

    const scroller = page.locator(target.scroller).first();
    const box = await scroller.boundingBox();
    if (!box) throw new Error(`no scroller ${target.scroller} on the page`);
    const busy0 = await mainThread(cdp);
    if (profile) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    await page.evaluate(() => window.__bench.startFrames());
    out.wheel = await wheelScroll(page, box, { ms: scrollMs, speed: scrollSpeed });
    await sleep(250); // long-task entries arrive after the task
    out.scroll = frameStats(await page.evaluate(() => window.__bench.stopFrames()));
    out.scroll.main_thread = since(busy0, await mainThread(cdp));
    if (profile) fs.writeFileSync(profile, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    out.scroll.rows_in_dom = await page.locator(target.rowSelector).count();

    // Jump to the end: how long until real rows (not placeholders) show there.
    out.end = await page.evaluate(async (sel) => {
      const el = document.querySelector(sel);
      const t0 = performance.now();
      el.scrollTop = el.scrollHeight;
      let stableSince = performance.now();
      let last = '';
      let shownAt = null;
      while (performance.now() - t0 < 30_000) {
        await new Promise((r) => requestAnimationFrame(r));
        if (el.scrollTop + el.clientHeight < el.scrollHeight - 2) el.scrollTop = el.scrollHeight; // the table grew
        const s = window.__bench.sampleRows();
        const key = `${s.names.join(',')}|${s.blank}|${el.scrollHeight}`;
        if (key !== last) { last = key; stableSince = performance.now(); }
        if (s.blank === 0 && s.names.length > 0) shownAt ??= performance.now() - t0;
        else shownAt = null;
        if (shownAt !== null && performance.now() - stableSince > 750) {
          return { rows_shown_ms: Math.round(shownAt), last_rows: s.names.slice(-3), scroll_height_px: el.scrollHeight };
        }
      }
      return { rows_shown_ms: null, timed_out: true, last_rows: last.slice(0, 200) };
    }, target.scroller);
    out.rows_loaded = await page.evaluate(() => window.__bench.seen.size);
    await quietFor(page, 500);
    out.heap_after_scroll = await heap(cdp);
    out.heap_after_gc = await heap(cdp, { gc: true });

    if (target.loadMoreText) out.load_more = await loadMore(page, target, 3).catch((err) => ({ error: err.message.split('\n')[0] }));
    out.resources_total = await resources(page);
    return out;
  } finally {
    await context.close();
  }
}

/** MLflow: clicks "Load more" `clicks` times, timing each until the table shows more runs. */
async function loadMore(page, target, clicks) {
  const times = [];
  for (let i = 0; i < clicks; i += 1) {
    // The button sits below the last row: scroll there and give it a moment to render.
    await page.evaluate((sel) => { const el = document.querySelector(sel); el.scrollTop = el.scrollHeight; }, target.scroller);
    const button = page.getByRole('button', { name: target.loadMoreText }).first();
    try {
      await button.waitFor({ state: 'visible', timeout: 10_000 });
    } catch {
      return { clicks_ms: times, note: `no "${target.loadMoreText}" button after ${i} clicks` };
    }
    const before = await page.evaluate(() => window.__bench.seen.size);
    const t0 = Date.now();
    // A DOM click: Playwright's pointer click waits for the button to stop moving, and the grid
    // keeps re-laying out under it.
    await button.evaluate((b) => b.click());
    // The new rows are below the fold: keep scrolling to the bottom, counting the run names seen.
    await page.waitForFunction(({ sel, before }) => {
      const el = document.querySelector(sel);
      el.scrollTop = el.scrollHeight;
      window.__bench.sampleRows();
      return window.__bench.seen.size > before;
    }, { sel: target.scroller, before }, { timeout: 60_000, polling: 'raf' });
    times.push(Date.now() - t0);
  }
  return { clicks_ms: times, rows_after: await page.evaluate(() => window.__bench.seen.size) };
}

const cardsOf = (target) => ({ slot: target.slot, card: target.card, key: target.cardKey, ready: target.cardReady });

/** The 1M-point run's charts: time until the `key` chart (train_loss) is drawn. */
export async function measureChart(browser, target, { url, key, timeout }) {
  const check = `() => window.__bench.drawnAt[${JSON.stringify(key)}] !== undefined`;
  const { context, page, cdp } = await coldPage(browser, target, { chart: check }, cardsOf(target));
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await mark(page, 'chart', timeout);
    const ms = await page.evaluate((k) => window.__bench.drawnAt[k], key);
    const busy = since(null, await mainThread(cdp));
    const res = await resources(page);
    await quietFor(page, 1000);
    return { chart_drawn_ms: round(ms, 0), main_thread_at_drawn: busy, resources: res, heap: await heap(cdp), heap_after_gc: await heap(cdp, { gc: true }) };
  } finally {
    await context.close();
  }
}

/**
 * The chart wall: time until every chart on the first screen is drawn; then mouse-wheel down 80 %
 * of a screen at a time, going on as soon as every chart cell on screen is drawn, until all
 * `expected` metrics have been drawn (both UIs draw a chart only when it is scrolled near). The
 * probe notes when each chart was first drawn; "all drawn" is the latest of those times.
 */
export async function measureChartWall(browser, target, { url, expected, timeout }) {
  const { context, page, cdp } = await coldPage(browser, target, { screen: '() => window.__bench.screenDrawn()' }, cardsOf(target));
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const screenMs = await mark(page, 'screen', timeout);
    const busy = since(null, await mainThread(cdp));
    const out = { first_screen_ms: round(screenMs, 0), main_thread_at_first_screen: busy, first_screen_charts: await page.evaluate(() => Object.keys(window.__bench.drawnAt).length) };
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height * 0.66);
    let steps = 0;
    let stalls = 0;
    let count = out.first_screen_charts;
    while (count < expected && stalls < 5 && steps < 60) {
      steps += 1;
      await page.mouse.wheel(0, Math.round(VIEWPORT.height * 0.8));
      // Two frames for the scroll to land, then until the cells on screen are drawn.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.waitForFunction(() => window.__bench.screenDrawn(), null, { timeout, polling: 'raf' }).catch(() => {});
      const now = await page.evaluate(() => Object.keys(window.__bench.drawnAt).length);
      stalls = now > count ? 0 : stalls + 1;
      count = now;
    }
    const drawnAt = await page.evaluate(() => window.__bench.drawnAt);
    out.charts_drawn = Object.keys(drawnAt).length;
    out.all_drawn_ms = out.charts_drawn >= expected ? round(Math.max(...Object.values(drawnAt)), 0) : null;
    out.scroll_steps = steps;
    out.resources = await resources(page);
    out.heap = await heap(cdp);
    out.heap_after_gc = await heap(cdp, { gc: true });
    return out;
  } finally {
    await context.close();
  }
}
