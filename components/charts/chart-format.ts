/** Axis and tooltip text for charts. Pure; unit-tested. */
import { formatNumber, formatTime } from '@/lib/format';
import type { XAxisMode } from './chart-data';

/** A compact axis label: `0.25`, `1.5k`, `2M`, `5e-5` (tooltips show full values). */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return formatNumber(v);
  const abs = Math.abs(v);
  if (abs === 0) return '0';
  if (abs >= 1e4) {
    const [div, unit] = abs >= 1e12 ? [1e12, 'T'] : abs >= 1e9 ? [1e9, 'G'] : abs >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];
    return `${Number((v / div).toPrecision(3))}${unit}`;
  }
  if (abs < 1e-3) return Number(v.toPrecision(2)).toExponential();
  return String(Number(v.toPrecision(4)));
}

/** Seconds since the run start as compact text: `45s`, `2.5s`, `5m`, `5m 30s`, `1h 05m`, `2d 3h`. */
export function formatElapsed(seconds: number): string {
  if (!Number.isFinite(seconds)) return '';
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  if (s < 60) return `${sign}${Number(s.toPrecision(3))}s`;
  const total = Math.round(s);
  const [d, h, m, sec] = [Math.floor(total / 86400), Math.floor((total % 86400) / 3600), Math.floor((total % 3600) / 60), total % 60];
  if (d > 0) return `${sign}${d}d${h ? ` ${h}h` : ''}`;
  if (h > 0) return `${sign}${h}h${m ? ` ${String(m).padStart(2, '0')}m` : ''}`;
  return `${sign}${m}m${sec ? ` ${String(sec).padStart(2, '0')}s` : ''}`;
}

/** An x value as axis text: a step, a clock time (a date too over long spans), or an elapsed time. */
export function formatX(x: number, mode: XAxisMode, span = 0): string {
  if (mode === 'step') return formatTick(x);
  if (mode === 'relative') return formatElapsed(x);
  const text = formatTime(x);
  return span > 86_400_000 ? text.slice(5, 16) : text.slice(11);
}

/** A round step (1, 2 or 5 × 10^n) that cuts `span` into about `count` parts. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  // d3-array's thresholds (√50, √10, √2): the tick count stays near the target.
  return (norm >= 7.071 ? 10 : norm >= 3.162 ? 5 : norm >= 1.414 ? 2 : 1) * mag;
}

/** Round tick values inside [min, max]: steps of 1, 2 or 5 × 10^n (whole numbers when `integer`). */
export function niceTicks(min: number, max: number, count = 5, integer = false): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (!(max > min)) return [min];
  let step = niceStep(max - min, count);
  if (integer) step = Math.max(1, Math.round(step));
  return ticksEvery(min, max, step, 0);
}

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

const round12 = (v: number) => Number(v.toPrecision(12));
const pow10 = (e: number) => Number(`1e${e}`);

/**
 * The y axis for values from `min` to `max`: round bounds just outside the data, and the ticks
 * from bound to bound. Linear: steps of 1, 2 or 5 × 10^n; a single value gets room around it.
 * Log (both values > 0): whole decades, with 2 and 5 between them when there are few.
 */
export function valueAxis(min: number, max: number, log: boolean, count = 5): ValueAxis | null {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) return null;
  if (log) {
    if (!(min > 0)) return null;
    const a = Math.floor(Math.log10(min));
    const b = Math.max(a + 1, Math.ceil(Math.log10(max)));
    const ticks: number[] = [];
    if (b - a <= 2) {
      for (let e = a; e < b; e += 1) for (const m of [1, 2, 5]) ticks.push(round12(m * pow10(e)));
      ticks.push(pow10(b));
    } else {
      const every = Math.ceil((b - a) / count);
      for (let e = a; e <= b; e += every) ticks.push(pow10(e));
    }
    return { domain: [pow10(a), pow10(b)], ticks };
  }
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return valueAxis(min - pad, max + pad, false, count);
  }
  const step = niceStep(max - min, count);
  const lo = round12(Math.floor(min / step) * step);
  const hi = round12(Math.ceil(max / step) * step);
  return { domain: [lo, hi], ticks: ticksEvery(lo, hi, step, 0) };
}

const SECOND = 1000;
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800].map((s) => s * SECOND);

/**
 * Ticks at round clock times (every 30 s, 5 min, 1 h, 1 day, …) for time axes. `unitMs` is the
 * axis unit (1 for wall-clock ms, 1000 for elapsed seconds); local midnight aligns day ticks.
 */
export function timeTicks(min: number, max: number, unitMs: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (!(max > min)) return [min];
  const spanMs = (max - min) * unitMs;
  const stepMs = TIME_STEPS.find((s) => spanMs / s <= count) ?? Math.ceil(spanMs / count / 86_400_000) * 86_400_000;
  if (stepMs < SECOND) return niceTicks(min, max, count);
  // Wall-clock ticks align to local time (hours and days start at the local boundary).
  const offset = unitMs === 1 ? -new Date(min).getTimezoneOffset() * 60_000 : 0;
  return ticksEvery(min, max, stepMs / unitMs, offset / unitMs);
}

function ticksEvery(min: number, max: number, step: number, offset: number): number[] {
  const out: number[] = [];
  // A bound that is itself a tick (0.28 / 0.02 = 14.000000000000002) stays one.
  const first = Math.ceil((min + offset) / step - 1e-9) * step - offset;
  for (let i = 0, v = first; v <= max + step * 1e-9 && i < 50; i += 1, v = first + i * step) out.push(Number(v.toPrecision(12)));
  return out;
}
