/**
 * The whole compare view as JSON: where the runs come from, the parallel-coordinates axes (order,
 * log flags, brushes), the colour field, the overlay charts and their options, the scatter axes and
 * the table switches. Saved as a shared view and read back from the server, so decoding treats
 * the JSON as untrusted: wrong types, unknown kinds and oversized lists are dropped (and reported)
 * instead of reaching the page. Pure, unit-tested.
 */
import type { ChartOptions, XAxisMode } from '@/components/charts/chart-data';
import { DEFAULT_CHART_OPTIONS } from '@/components/charts/chart-options-url';
import { parseFieldId } from './compare-fields';
import { EXPERIMENT_ID_PATTERN, MAX_COMPARE_RUNS, RUN_ID_PATTERN, type RunSource } from './compare-url';
import type { Brush } from './pc-brush';

export const STATE_VERSION = 1;
export const MAX_AXES = 40;
export const MAX_OVERLAY_CHARTS = 12;
const MAX_CATEGORIES = 10_000;
const MAX_TEXT = 10_000;
const MAX_KEY = 1000;

export interface AxisSpec {
  /** A field id (`p:lr`, `m:loss`, `m.min:loss`, `t:team`). */
  key: string;
  log: boolean;
}

export interface CompareState {
  source: RunSource;
  axes: AxisSpec[];
  brushes: Brush[];
  /** A field id, or null for one colour. */
  colorBy: string | null;
  overlay: { metrics: string[]; options: ChartOptions };
  scatter: { x: string | null; y: string | null };
  onlyDifferences: boolean;
  transposed: boolean;
}

export type EncodedState = { version: number } & CompareState;

export function encodeCompareState(state: CompareState): EncodedState {
  return { version: STATE_VERSION, ...state };
}

/** A decoded view: its runs, and whichever other parts it holds. */
export type SavedState = { source: RunSource } & Partial<Omit<CompareState, 'source'>>;

export type DecodeResult = { state: SavedState; dropped: string[] } | { error: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_KEY): v is string => typeof v === 'string' && v.length <= max;
const isFieldId = (v: unknown): v is string => isText(v) && parseFieldId(v) !== null;

function decodeSource(v: unknown): RunSource | string {
  if (!isObj(v)) return 'it names no runs';
  if (v.kind === 'runs') {
    const ids = v.runIds;
    if (!Array.isArray(ids) || !ids.every((id) => isText(id, 256) && RUN_ID_PATTERN.test(id))) return 'its run ids are not valid';
    const runIds = [...new Set(ids as string[])];
    if (runIds.length < 2 || runIds.length > MAX_COMPARE_RUNS) return `it must name 2 to ${MAX_COMPARE_RUNS} runs`;
    return { kind: 'runs', runIds };
  }
  if (v.kind === 'query') {
    const { experimentIds: ids, filter, orderBy } = v;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100 || !ids.every((id) => isText(id, 64) && EXPERIMENT_ID_PATTERN.test(id))) {
      return 'its experiment ids are not valid';
    }
    if (!isText(filter, MAX_TEXT)) return 'its filter is not text';
    if (!Array.isArray(orderBy) || orderBy.length > 10 || !orderBy.every((t) => isText(t))) return 'its order is not valid';
    return { kind: 'query', experimentIds: [...new Set(ids as string[])], filter, orderBy: orderBy as string[] };
  }
  return 'it names no runs';
}

function decodeAxes(v: unknown, dropped: string[]): AxisSpec[] {
  if (!Array.isArray(v)) {
    if (v !== undefined) dropped.push('axes');
    return [];
  }
  const seen = new Set<string>();
  const out: AxisSpec[] = [];
  for (const a of v.slice(0, MAX_AXES)) {
    if (isObj(a) && isFieldId(a.key) && !seen.has(a.key)) {
      seen.add(a.key);
      out.push({ key: a.key, log: a.log === true });
    } else dropped.push('an axis');
  }
  if (v.length > MAX_AXES) dropped.push(`axes beyond ${MAX_AXES}`);
  return out;
}

function decodeBrush(b: unknown, axes: ReadonlySet<string>): Brush | null {
  if (!isObj(b) || !isFieldId(b.key) || !axes.has(b.key)) return null;
  if ('min' in b || 'max' in b) {
    const { min, max } = b;
    if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max)) return null;
    return { key: b.key, min: Math.min(min, max), max: Math.max(min, max) };
  }
  const cats = b.categories;
  if (!Array.isArray(cats) || cats.length === 0 || cats.length > MAX_CATEGORIES || !cats.every((c) => isText(c, MAX_TEXT))) return null;
  return { key: b.key, categories: [...new Set(cats as string[])] };
}

function decodeBrushes(v: unknown, axes: readonly AxisSpec[], dropped: string[]): Brush[] {
  if (!Array.isArray(v)) {
    if (v !== undefined) dropped.push('brushes');
    return [];
  }
  const keys = new Set(axes.map((a) => a.key));
  const out: Brush[] = [];
  for (const raw of v.slice(0, MAX_AXES)) {
    const b = decodeBrush(raw, keys);
    if (b && !out.some((o) => o.key === b.key)) out.push(b);
    else dropped.push('a brush');
  }
  return out;
}

const X_MODES: readonly XAxisMode[] = ['step', 'wall', 'relative'];

function decodeChartOptions(v: unknown, dropped: string[]): ChartOptions {
  if (!isObj(v)) {
    if (v !== undefined) dropped.push('chart options');
    return { ...DEFAULT_CHART_OPTIONS };
  }
  const xAxis = X_MODES.includes(v.xAxis as XAxisMode) ? (v.xAxis as XAxisMode) : DEFAULT_CHART_OPTIONS.xAxis;
  const s = v.smoothing;
  const smoothing = typeof s === 'number' && s >= 0 && s < 1 ? Math.round(s * 100) / 100 : 0;
  return { xAxis, smoothing, logY: v.logY === true };
}

function decodeOverlay(v: unknown, dropped: string[]): CompareState['overlay'] {
  const o = isObj(v) ? v : {};
  if (v !== undefined && !isObj(v)) dropped.push('overlay charts');
  const metrics = Array.isArray(o.metrics) ? o.metrics.filter((m): m is string => isText(m) && m.length > 0) : [];
  if (Array.isArray(o.metrics) && metrics.length !== o.metrics.length) dropped.push('an overlay chart');
  return { metrics: [...new Set(metrics)].slice(0, MAX_OVERLAY_CHARTS), options: decodeChartOptions(o.options, dropped) };
}

const fieldOrNull = (v: unknown): string | null => (isFieldId(v) ? v : null);

/**
 * Reads a saved state; an unusable one (not an object, another version, no runs) is an error.
 * Parts the JSON leaves out stay out (the page fills them with its defaults), so a link may carry
 * no more than its runs: `{ version: 1, source: { kind: 'runs', runIds: [...] } }`.
 */
export function decodeCompareState(raw: unknown): DecodeResult {
  if (!isObj(raw)) return { error: 'The shared view is not a compare view.' };
  if (raw.version !== STATE_VERSION) return { error: `The shared view has format version ${String(raw.version)}; this page reads version ${STATE_VERSION}.` };
  const source = decodeSource(raw.source);
  if (typeof source === 'string') return { error: `The shared view cannot be opened: ${source}.` };
  const dropped: string[] = [];
  const state: SavedState = { source };
  if (raw.axes !== undefined) {
    state.axes = decodeAxes(raw.axes, dropped);
    state.brushes = decodeBrushes(raw.brushes, state.axes, dropped);
  }
  if (raw.colorBy === null || isFieldId(raw.colorBy)) state.colorBy = raw.colorBy;
  else if (raw.colorBy !== undefined) dropped.push('the colour field');
  if (raw.overlay !== undefined) state.overlay = decodeOverlay(raw.overlay, dropped);
  if (raw.scatter !== undefined) {
    const sc = isObj(raw.scatter) ? raw.scatter : {};
    state.scatter = { x: fieldOrNull(sc.x), y: fieldOrNull(sc.y) };
  }
  if (raw.onlyDifferences !== undefined) state.onlyDifferences = raw.onlyDifferences === true;
  if (raw.transposed !== undefined) state.transposed = raw.transposed === true;
  return { state, dropped };
}
