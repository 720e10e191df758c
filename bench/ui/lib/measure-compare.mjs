// The compare page (Runboard only): parallel coordinates over 5,000 runs x 12 axes, brushing an
// axis, and one overlay chart of 100 runs' 100,000-step histories. Each view is opened through a
// shared view (runboard/shared-views) so the axes are exactly the 12 wanted. Times are taken in
// the page, in ms after navigation start (load) or after the mouse is released (brush).
import { round, sleep } from '../../lib/common.mjs';
import { OVERLAY, SWEEP } from './compare-data.mjs';
import { VIEWPORT } from './measure.mjs';

const LOG_PARAMS = new Set(['learning_rate', 'weight_decay']);
const CHART_OPTIONS = { xAxis: 'step', smoothing: 0, logY: false };

function compareState(source, { axes = [], overlay = [], colorBy = null }) {
  return { version: 1, source, axes, brushes: [], colorBy, overlay: { metrics: overlay, options: CHART_OPTIONS }, scatter: { x: null, y: null }, onlyDifferences: false, transposed: false };
}

async function sharedView(url, state) {
  const res = await fetch(`${url}/ajax-api/2.0/runboard/shared-views/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'compare', state: JSON.stringify(state) }),
  });
  if (!res.ok) throw new Error(`shared-views/create: ${res.status} ${await res.text()}`);
  return (await res.json()).view_id;
}

/** Short links for the two views (made once per server; the id is a digest, so it is stable). */
export async function compareViews(url, ids) {
  const axes = [...SWEEP.params.map((k) => ({ key: `p:${k}`, log: LOG_PARAMS.has(k) })), ...SWEEP.metrics.map((k) => ({ key: `m:${k}`, log: false }))];
  const query = (experimentId) => ({ kind: 'query', experimentIds: [experimentId], filter: '', orderBy: [] });
  return {
    pc: await sharedView(url, compareState(query(ids.sweep), { axes, colorBy: 'm:val_loss' })),
    overlay: await sharedView(url, compareState(query(ids.overlay), { axes: [{ key: 'p:lr', log: true }], overlay: [OVERLAY.key], colorBy: null })),
  };
}

const pcSel = '[data-testid="parallel-coordinates"]';

async function newPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  return { context, page };
}

/** Load to drawn lines, the draw itself, then a brush dragged on the val_loss axis. */
export async function measureParallelCoordinates(browser, { url, timeout }) {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const drawn = await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el && Number(el.getAttribute('data-total-runs')) > 0 && el.getAttribute('data-last-draw-ms') ? performance.now() : false;
      },
      pcSel,
      { timeout, polling: 'raf' },
    );
    const out = { drawn_ms: round(await drawn.jsonValue(), 0) };
    const pc = page.locator(pcSel);
    out.runs = Number(await pc.getAttribute('data-total-runs'));
    out.axes = await page.locator('[data-testid^="pc-axis-"]').count();
    out.draw_ms = Number(await pc.getAttribute('data-last-draw-ms'));
    // Brush: drag down the middle third of the val_loss axis; time from release to the new count.
    const axis = page.locator('[data-testid="pc-axis-m:val_loss"]');
    const box = await axis.boundingBox();
    if (!box) throw new Error('no val_loss axis on screen');
    const x = box.x + box.width / 2;
    await page.evaluate((sel) => {
      const el = document.querySelector(sel);
      window.__brush = { before: el.getAttribute('data-selected-runs'), at: null, changed: null, moves: [] };
      new MutationObserver(() => {
        if (window.__brush.changed === null && window.__brush.at !== null && el.getAttribute('data-selected-runs') !== window.__brush.before) {
          window.__brush.changed = performance.now();
        }
      }).observe(el, { attributes: true });
      addEventListener('pointerup', () => (window.__brush.at = performance.now()), { capture: true, once: true });
    }, pcSel);
    await page.mouse.move(x, box.y + box.height * 0.35);
    await page.mouse.down();
    const moveStart = Date.now();
    await page.mouse.move(x, box.y + box.height * 0.65, { steps: 12 });
    const moveMs = Date.now() - moveStart;
    await page.mouse.up();
    await page.waitForFunction(() => window.__brush.changed !== null, null, { timeout });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const b = await page.evaluate(() => window.__brush);
    out.brush_applied_ms = round(b.changed - b.at, 0);
    out.brush_drag_12_moves_ms = moveMs;
    out.selected_after_brush = Number(await pc.getAttribute('data-selected-runs'));
    out.draw_after_brush_ms = Number(await pc.getAttribute('data-last-draw-ms'));
    out.heap_mb = round((await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0)) / 1024 / 1024, 1);
    return out;
  } finally {
    await context.close();
  }
}

/** Load to the drawn overlay chart of 100 runs x 100k steps. */
export async function measureOverlay(browser, { url, timeout }) {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const sel = `[data-testid="metric-chart"][data-metric-key="${OVERLAY.key}"]`;
    await page.waitForSelector(sel, { timeout });
    await page.locator(sel).scrollIntoViewIfNeeded();
    const drawn = await page.waitForFunction((s) => (document.querySelector(s)?.getAttribute('data-ready') === 'true' ? performance.now() : false), sel, { timeout, polling: 'raf' });
    const out = { drawn_ms: round(await drawn.jsonValue(), 0) };
    out.lines = await page.locator(`${sel} path.recharts-curve`).count();
    out.points_note = await page.locator(`${sel} [data-testid="points-note"]`).innerText().catch(() => null);
    const series = await page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => e.name.includes('/runboard/metrics/series')).map((e) => ({ ms: Math.round(e.duration), kb: Math.round((e.transferSize || 0) / 1024) })),
    );
    out.series_requests = series.length;
    out.series_ms = series.reduce((m, s) => Math.max(m, s.ms), 0);
    out.series_kb = series.reduce((n, s) => n + s.kb, 0);
    await sleep(0);
    return out;
  } finally {
    await context.close();
  }
}
