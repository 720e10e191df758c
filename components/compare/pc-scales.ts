/**
 * Parallel-coordinates axes: each chosen field becomes a numeric axis (linear, or log when asked
 * and every value is > 0) or a categorical one (sorted distinct values, evenly spaced). Positions
 * are "units": 0 at the bottom of the axis, 1 at the top, NaN for a run without a value. Pure.
 */
import { formatTick, niceTicks } from '@/components/charts/chart-format';
import { fieldLabel, numericValues, type Field, type FieldValue } from './compare-fields';

export interface NumericAxis {
  kind: 'numeric';
  field: Field;
  min: number;
  max: number;
  /** Drawn on a log scale (asked for, and possible). */
  log: boolean;
  /** Every present value is > 0, so a log scale is possible. */
  canLog: boolean;
  /** One value per run, NaN where missing. */
  values: Float64Array;
}

export interface CategoricalAxis {
  kind: 'categorical';
  field: Field;
  categories: string[];
  /** One category index per run, -1 where missing. */
  codes: Int32Array;
}

export type PcAxis = NumericAxis | CategoricalAxis;

const collator = new Intl.Collator('en', { numeric: true });

export function buildAxis(field: Field, values: readonly FieldValue[], log: boolean): PcAxis {
  const nums = numericValues(values);
  if (nums) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of nums) {
      if (Number.isNaN(v)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (min > max) [min, max] = [0, 1];
    const canLog = min > 0;
    return { kind: 'numeric', field, min, max, log: log && canLog, canLog, values: nums };
  }
  const categories = [...new Set(values.filter((v): v is string => v !== undefined).map(String))].sort(collator.compare);
  const index = new Map(categories.map((c, i) => [c, i]));
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => (codes[i] = v === undefined ? -1 : (index.get(String(v)) ?? -1)));
  return { kind: 'categorical', field, categories, codes };
}

export function axisLabel(axis: PcAxis): string {
  return fieldLabel(axis.field);
}

/** A value's unit position on a numeric axis (NaN when it cannot be placed). */
export function valueToUnit(axis: Pick<NumericAxis, 'min' | 'max' | 'log'>, v: number): number {
  if (!Number.isFinite(v)) return Number.NaN;
  if (axis.log) {
    if (v <= 0) return Number.NaN;
    const lo = Math.log10(axis.min);
    const span = Math.log10(axis.max) - lo;
    return span > 0 ? (Math.log10(v) - lo) / span : 0.5;
  }
  const span = axis.max - axis.min;
  return span > 0 ? (v - axis.min) / span : 0.5;
}

/** The value at a unit position of a numeric axis. */
export function unitToValue(axis: Pick<NumericAxis, 'min' | 'max' | 'log'>, u: number): number {
  if (axis.log) {
    const lo = Math.log10(axis.min);
    return 10 ** (lo + u * (Math.log10(axis.max) - lo));
  }
  return axis.min + u * (axis.max - axis.min);
}

export function categoryUnit(index: number, count: number): number {
  return count <= 1 ? 0.5 : index / (count - 1);
}

/** Every run's unit position on the axis. */
export function axisPositions(axis: PcAxis): Float32Array {
  if (axis.kind === 'numeric') {
    const out = new Float32Array(axis.values.length);
    for (let i = 0; i < out.length; i += 1) out[i] = valueToUnit(axis, axis.values[i]);
    return out;
  }
  const n = axis.categories.length;
  const out = new Float32Array(axis.codes.length);
  for (let i = 0; i < out.length; i += 1) out[i] = axis.codes[i] < 0 ? Number.NaN : categoryUnit(axis.codes[i], n);
  return out;
}

export interface Tick {
  unit: number;
  label: string;
}

function logTicks(min: number, max: number, count: number): number[] {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const decades: number[] = [];
  for (let e = lo; e <= hi; e += 1) decades.push(10 ** e);
  const inside = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const powers = decades.filter(inside);
  if (powers.length >= 2) {
    const every = Math.ceil(powers.length / count);
    return powers.filter((_, i) => i % every === 0);
  }
  // Less than two decades: 1-2-5 steps read better than a lone power of ten.
  const fine = decades.flatMap((d) => [d, 2 * d, 5 * d]).filter(inside);
  return fine.length >= 2 ? fine : niceTicks(min, max, count);
}

/** At most about `count` labelled positions along the axis. */
export function axisTicks(axis: PcAxis, count: number): Tick[] {
  if (axis.kind === 'categorical') {
    const n = axis.categories.length;
    const every = Math.max(1, Math.ceil(n / Math.max(1, count)));
    return axis.categories.flatMap((c, i) => (i % every === 0 || i === n - 1 ? [{ unit: categoryUnit(i, n), label: c }] : []));
  }
  if (axis.min === axis.max) return [{ unit: 0.5, label: formatTick(axis.min) }];
  const values = axis.log ? logTicks(axis.min, axis.max, count) : niceTicks(axis.min, axis.max, count);
  return values.map((v) => ({ unit: valueToUnit(axis, v), label: formatTick(v) })).filter((t) => t.unit >= -1e-9 && t.unit <= 1 + 1e-9);
}
