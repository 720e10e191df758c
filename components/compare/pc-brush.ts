/**
 * Brushes on parallel-coordinates axes: a value range on a numeric axis, a set of categories on a
 * categorical one. Brushes on different axes AND together. Kept in value space (not pixels), so a
 * shared view selects the same runs at any size and on a log or linear axis alike. Pure.
 */
import { categoryUnit, unitToValue, valueToUnit, type PcAxis } from './pc-scales';

export interface RangeBrush {
  key: string;
  min: number;
  max: number;
}

export interface CategoryBrush {
  key: string;
  categories: string[];
}

export type Brush = RangeBrush | CategoryBrush;

export function isRangeBrush(b: Brush): b is RangeBrush {
  return 'min' in b;
}

/** Whether the brush can apply to the axis (a stale shared brush may not). */
export function brushFits(axis: PcAxis, b: Brush): boolean {
  return axis.kind === 'numeric' ? isRangeBrush(b) : !isRangeBrush(b);
}

/**
 * A dragged bound rounded to what a pixel can mean (about 1/1000 of the axis; 4 significant digits
 * on a log axis), so brush inputs and shared links show 0.175 rather than 0.17500000000000002.
 */
export function tidy(axis: { min: number; max: number; log: boolean }, v: number): number {
  if (axis.log || v === 0) return Number(v.toPrecision(4));
  const span = axis.max - axis.min;
  if (!(span > 0)) return v;
  const step = 10 ** Math.floor(Math.log10(span / 1000));
  return Number((Math.round(v / step) * step).toPrecision(12));
}

/** The brush for a dragged span of unit positions (either order); null when it catches nothing. */
export function brushFromUnits(axis: PcAxis, u0: number, u1: number): Brush | null {
  const lo = Math.max(0, Math.min(u0, u1));
  const hi = Math.min(1, Math.max(u0, u1));
  if (axis.kind === 'numeric') {
    if (axis.min === axis.max) return lo <= 0.5 && hi >= 0.5 ? { key: axis.field.id, min: axis.min, max: axis.max } : null;
    return { key: axis.field.id, min: tidy(axis, unitToValue(axis, lo)), max: tidy(axis, unitToValue(axis, hi)) };
  }
  const n = axis.categories.length;
  const categories = axis.categories.filter((_, i) => {
    const u = categoryUnit(i, n);
    return u >= lo && u <= hi;
  });
  return categories.length ? { key: axis.field.id, categories } : null;
}

/** Half the gap between neighbouring categories: how far a category's band reaches. */
function categoryHalfStep(n: number): number {
  return n <= 1 ? 0.5 : 0.5 / (n - 1);
}

/** The unit spans to draw for a brush (a category brush draws one band per run of neighbours). */
export function brushSpans(axis: PcAxis, b: Brush): [number, number][] {
  if (axis.kind === 'numeric') {
    if (!isRangeBrush(b)) return [];
    const clampUnit = (v: number) => {
      if (axis.log && v <= 0) return 0;
      const u = valueToUnit(axis, v);
      return Number.isNaN(u) ? 0.5 : Math.min(1, Math.max(0, u));
    };
    return [[clampUnit(b.min), clampUnit(b.max)]];
  }
  if (isRangeBrush(b)) return [];
  const n = axis.categories.length;
  const chosen = new Set(b.categories);
  const half = categoryHalfStep(n);
  const spans: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= n; i += 1) {
    const on = i < n && chosen.has(axis.categories[i]);
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      spans.push([Math.max(0, categoryUnit(start, n) - half), Math.min(1, categoryUnit(i - 1, n) + half)]);
      start = -1;
    }
  }
  return spans;
}

/** Whether a unit position falls inside the drawn brush (clicks there keep the brush). */
export function unitInBrush(axis: PcAxis, b: Brush, u: number): boolean {
  return brushSpans(axis, b).some(([lo, hi]) => u >= Math.min(lo, hi) && u <= Math.max(lo, hi));
}

/**
 * 1 for each run inside every brush that applies to a shown axis, 0 otherwise. A run without a
 * value on a brushed axis is outside that brush.
 */
export function selectRuns(axes: readonly PcAxis[], brushes: readonly Brush[], runCount: number): Uint8Array {
  const mask = new Uint8Array(runCount).fill(1);
  for (const b of brushes) {
    const axis = axes.find((a) => a.field.id === b.key);
    if (!axis || !brushFits(axis, b)) continue;
    if (axis.kind === 'numeric' && isRangeBrush(b)) {
      const lo = Math.min(b.min, b.max);
      const hi = Math.max(b.min, b.max);
      const vs = axis.values;
      for (let i = 0; i < runCount; i += 1) if (mask[i] && !(vs[i] >= lo && vs[i] <= hi)) mask[i] = 0;
    } else if (axis.kind === 'categorical' && !isRangeBrush(b)) {
      const chosen = new Set(b.categories);
      const allowed = new Uint8Array(axis.categories.length);
      axis.categories.forEach((c, i) => (allowed[i] = chosen.has(c) ? 1 : 0));
      const codes = axis.codes;
      for (let i = 0; i < runCount; i += 1) if (mask[i] && (codes[i] < 0 || !allowed[codes[i]])) mask[i] = 0;
    }
  }
  return mask;
}

export function countSelected(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i += 1) n += mask[i];
  return n;
}

/** The brushes with the one on `key` replaced (or removed when `next` is null), order kept. */
export function withBrush(brushes: readonly Brush[], key: string, next: Brush | null): Brush[] {
  const i = brushes.findIndex((b) => b.key === key);
  if (i < 0) return next ? [...brushes, next] : [...brushes];
  return next ? brushes.map((b, j) => (j === i ? next : b)) : brushes.filter((_, j) => j !== i);
}
