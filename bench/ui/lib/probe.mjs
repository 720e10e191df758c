// The script injected into every benchmarked page before its own code runs (addInitScript). It
// gives the harness timestamps taken inside the page, on the page's clock (performance.now(), so
// 0 is the navigation start), instead of round trips through the DevTools protocol:
//
// - `watch(name)`: a requestAnimationFrame loop checks named conditions every frame from the very
//   first one and records the frame time at which each first holds (first data row visible, chart
//   drawn, ...). A rAF callback runs just before the frame is painted, so that is the frame in which
//   the row or chart reaches the screen.
// - `startFrames()` / `stopFrames()`: the gaps between consecutive animation frames while scrolling.
// - long tasks (> 50 ms on the main thread), from a buffered PerformanceObserver.
// - `sampleRows()`: which rows are in the viewport (by run name), whether any row is a placeholder.
//
// Conditions are given as source text and inlined here (no eval inside the page: MLflow's UI may
// forbid it with a content security policy).

/**
 * @param {{ rowSelector: string, scroller?: string, rowName: string, checks: Record<string, string>,
 *   cards?: { slot: string, card: string, key: string, ready: string } }} cfg
 *   rowName: a regular expression source matching a run name inside a row's text.
 *   checks: name -> source of a function `() => boolean` evaluated every frame until it holds.
 *   cards: chart cards. `slot` selects one grid cell per chart (the card itself, or the
 *   placeholder a UI keeps for a card it has not mounted); `key` and `ready` are sources of
 *   functions of a card element. While `trackCards` is on, every frame records when each chart
 *   was first seen drawn (`drawnAt`).
 */
export function probeScript(cfg) {
  const checks = Object.entries(cfg.checks)
    .map(([name, src]) => `${JSON.stringify(name)}: (${src})`)
    .join(',\n');
  return `(() => {
  if (window.__bench) return;
  const ROW = ${JSON.stringify(cfg.rowSelector)};
  const SCROLLER = ${JSON.stringify(cfg.scroller ?? null)};
  const NAME = new RegExp(${JSON.stringify(cfg.rowName)});
  const checks = {${checks}};
  const CARDS = ${JSON.stringify(cfg.cards ? { slot: cfg.cards.slot, card: cfg.cards.card } : null)};
  const cardKey = ${cfg.cards?.key ?? '() => null'};
  const cardReady = ${cfg.cards?.ready ?? '() => false'};
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
  };
  const b = window.__bench = {
    marks: {}, errors: {}, frames: [], recording: false, longtasks: [], recStart: 0, seen: new Set(), samples: 0, blankSamples: 0, maxBlank: 0,
    visible,
    /** Rows on screen: inside the viewport and inside the table's scroll box (which clips them). */
    visibleRows() {
      const box = SCROLLER && document.querySelector(SCROLLER)?.getBoundingClientRect();
      return [...document.querySelectorAll(ROW)].filter((el) => {
        if (!visible(el)) return false;
        if (!box) return true;
        const r = el.getBoundingClientRect();
        return r.bottom > box.top + 1 && r.top < box.bottom - 1;
      });
    },
    rowName(el) {
      const m = NAME.exec(el.textContent || '');
      return m ? m[0] : null;
    },
    sampleRows() {
      const rows = b.visibleRows();
      let blank = 0;
      const names = [];
      for (const el of rows) {
        const n = b.rowName(el);
        if (n) { b.seen.add(n); names.push(n); } else blank += 1;
      }
      b.samples += 1;
      if (blank > 0) b.blankSamples += 1;
      b.maxBlank = Math.max(b.maxBlank, blank);
      return { rows: rows.length, blank, names };
    },
    pending() {
      return Object.keys(checks).filter((k) => !(k in b.marks));
    },
    startFrames() {
      b.frames = []; b.recording = true; b.recStart = performance.now(); b.seen = new Set(); b.samples = 0; b.blankSamples = 0; b.maxBlank = 0;
      b.sampler = setInterval(b.sampleRows, 50);
      tick();
    },
    stopFrames() {
      b.recording = false;
      clearInterval(b.sampler);
      const longtasks = b.longtasks.filter((t) => t.start >= b.recStart);
      return { ms: performance.now() - b.recStart, frames: b.frames, longtasks, seen: b.seen.size, samples: b.samples, blankSamples: b.blankSamples, maxBlank: b.maxBlank };
    },
    drawnAt: {}, trackCards: false,
    cardOf(slot) { return slot.matches(CARDS.card) ? slot : slot.querySelector(CARDS.card); },
    /** True when at least one chart cell is on screen and every one on screen is drawn. */
    screenDrawn() {
      const slots = [...document.querySelectorAll(CARDS.slot)].filter(visible);
      return slots.length > 0 && slots.every((s) => { const c = b.cardOf(s); return c && cardReady(c); });
    },
    scanCards() {
      for (const c of document.querySelectorAll(CARDS.card)) {
        if (!cardReady(c)) continue;
        const k = cardKey(c);
        if (k != null && !(k in b.drawnAt)) b.drawnAt[k] = performance.now();
      }
    },
  };
  let scheduled = false;
  let last = 0;
  function frame(t) {
    scheduled = false;
    if (b.recording) { if (last) b.frames.push(t - last); last = t; } else last = 0;
    if (b.trackCards) b.scanCards();
    for (const name of b.pending()) {
      try { if (checks[name]()) b.marks[name] = performance.now(); } catch (e) { b.errors[name] = String(e); }
    }
    if (b.recording || b.trackCards || b.pending().length) tick();
  }
  function tick() { if (!scheduled) { scheduled = true; requestAnimationFrame(frame); } }
  b.trackCards = !!CARDS;
  tick();
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long task API */ }
})();`;
}
