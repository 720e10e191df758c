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

/** Round tick values inside [min, max]: steps of 1, 2 or 5 × 10^n (whole numbers when `integer`). */
export function niceTicks(min: number, max: number, count = 5, integer = false): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  // d3-array's thresholds (√50, √10, √2): the tick count stays near the target.
  let step = (norm >= 7.071 ? 10 : norm >= 3.162 ? 5 : norm >= 1.414 ? 2 : 1) * mag;
  if (integer) step = Math.max(1, Math.round(step));
  return ticksEvery(min, max, step, 0);
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
  const first = Math.ceil((min + offset) / step) * step - offset;
  for (let i = 0, v = first; v <= max + step * 1e-9 && i < 50; i += 1, v = first + i * step) out.push(Number(v.toPrecision(12)));
  return out;
}
