/** Formatting shared by the UI pages. Pure functions; no React. */
import type { WireDouble } from './api/types';

/** A wire double ("NaN", "Infinity" strings included) as a number; null stays null. */
export function wireNumber(v: WireDouble | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (v === 'NaN') return Number.NaN;
  return v === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

/** Up to 6 significant digits, no exponent for ordinary magnitudes. */
/**
 * A whole number with thousands separators: `12,345`. Written out rather than through Intl, whose
 * first use loads locale data (tens of ms on a page's critical path).
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');
}

export function formatNumber(v: number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) return v.toExponential(4);
  return String(Number(v.toPrecision(6)));
}

export function formatTime(ms: number | null | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `3.2s`, `4m 05s`, `2h 03m`, `1d 4h`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0) return '';
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** A run's duration: to its end, or to `now` while it runs. */
export function runDuration(info: { start_time: number; end_time?: number; status: string }, now = Date.now()): number | null {
  if (!info.start_time) return null;
  if (info.end_time) return info.end_time - info.start_time;
  return info.status === 'RUNNING' ? now - info.start_time : null;
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** `5 minutes ago`-style text for recent times, the date otherwise. */
export function formatRelative(ms: number | null | undefined, now = Date.now()): string {
  if (!ms) return '';
  const s = Math.round((now - ms) / 1000);
  if (s < 0) return formatTime(ms);
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 86400 * 30) return `${Math.floor(s / 86400)} d ago`;
  return formatTime(ms).slice(0, 10);
}

/** Key → value of a wire key/value list. */
export function keyValueMap(list: { key: string; value: string }[] | undefined): Map<string, string> {
  return new Map((list ?? []).map((kv) => [kv.key, kv.value]));
}

/** Backtick-quotes a key for the filter DSL / order_by when it is not a plain identifier. */
export function dslKey(prefix: 'metrics' | 'params' | 'tags' | 'attributes', key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${prefix}.${key}` : `${prefix}.\`${key.replace(/`/g, '')}\``;
}
