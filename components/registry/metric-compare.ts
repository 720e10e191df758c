import type { WireDatasetInput, WireKeyValue, WireMetric } from '@/lib/api-client';
import { wireNumber } from '@/lib/format';

export type Direction = 'lower' | 'higher';

/** Name words that mean "smaller is better": errors, losses, distances, and costs in time. */
const LOWER_WORDS = new Set([
  'loss', 'logloss', 'error', 'err', 'rmse', 'mse', 'mae', 'mape', 'smape', 'rmsle', 'msle',
  'perplexity', 'ppl', 'wer', 'cer', 'crossentropy', 'nll', 'brier', 'latency', 'duration', 'time',
]);

/** The words of a metric name: split on non-letters/digits and camelCase humps, lower-cased. */
export function metricWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export interface DirectionRule {
  direction: Direction;
  /** Why: the name word that decided it, or `default`, or `flipped` by the user. */
  reason: { kind: 'word'; word: string } | { kind: 'default' } | { kind: 'flipped'; from: Direction };
}

/** The rule from the name alone: lower is better for losses and errors, higher otherwise. */
export function defaultDirection(key: string): DirectionRule {
  const word = metricWords(key).find((w) => LOWER_WORDS.has(w));
  return word ? { direction: 'lower', reason: { kind: 'word', word } } : { direction: 'higher', reason: { kind: 'default' } };
}

export function opposite(d: Direction): Direction {
  return d === 'lower' ? 'higher' : 'lower';
}

/** The name rule, reversed when the user flipped this metric. */
export function directionFor(key: string, flipped: ReadonlySet<string>): DirectionRule {
  const rule = defaultDirection(key);
  if (!flipped.has(key)) return rule;
  return { direction: opposite(rule.direction), reason: { kind: 'flipped', from: rule.direction } };
}

export function describeRule(rule: DirectionRule): string {
  const what = rule.direction === 'lower' ? 'Lower is better' : 'Higher is better';
  switch (rule.reason.kind) {
    case 'word':
      return `${what} (name contains “${rule.reason.word}”)`;
    case 'default':
      return `${what} (default for names without loss/error words)`;
    case 'flipped':
      return `${what} (flipped by you; the name rule says ${rule.reason.from})`;
  }
}

export type Better = 'a' | 'b' | 'tie' | null;

/** Which side wins; null when either value is missing or not a finite comparison. */
export function betterSide(a: number | null, b: number | null, direction: Direction): Better {
  if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) return null;
  if (a === b) return 'tie';
  const bLower = b < a;
  return bLower === (direction === 'lower') ? 'b' : 'a';
}

export interface MetricRow {
  key: string;
  a: number | null;
  b: number | null;
  /** b − a, when both are finite. */
  diff: number | null;
  /** (b − a) / |a|, when both are finite and a ≠ 0. */
  relative: number | null;
  rule: DirectionRule;
  better: Better;
}

const latest = (metrics: WireMetric[] | undefined) => new Map((metrics ?? []).map((m) => [m.key, wireNumber(m.value)]));

/** Every metric of either run (latest values), sorted by key, with the difference and the winner. */
export function compareMetrics(a: WireMetric[] | undefined, b: WireMetric[] | undefined, flipped: ReadonlySet<string> = new Set()): MetricRow[] {
  const ma = latest(a);
  const mb = latest(b);
  const keys = [...new Set([...ma.keys(), ...mb.keys()])].sort();
  return keys.map((key) => {
    const va = ma.get(key) ?? null;
    const vb = mb.get(key) ?? null;
    const finite = va !== null && vb !== null && Number.isFinite(va) && Number.isFinite(vb);
    const rule = directionFor(key, flipped);
    return {
      key,
      a: va,
      b: vb,
      diff: finite ? vb - va : null,
      relative: finite && va !== 0 ? (vb - va) / Math.abs(va) : null,
      rule,
      better: betterSide(va, vb, rule.direction),
    };
  });
}

/** `+12.5%` / `−3.1%` for a relative difference. */
export function formatRelativeDiff(r: number | null): string {
  if (r === null) return '';
  const pct = r * 100;
  const text = Math.abs(pct) >= 100 ? pct.toFixed(0) : Math.abs(pct) >= 10 ? pct.toFixed(1) : pct.toFixed(2);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${text.replace('-', '')}%`;
}

export interface ParamRow {
  key: string;
  a: string | undefined;
  b: string | undefined;
  differs: boolean;
}

export function compareParams(a: WireKeyValue[] | undefined, b: WireKeyValue[] | undefined): ParamRow[] {
  const pa = new Map((a ?? []).map((p) => [p.key, p.value]));
  const pb = new Map((b ?? []).map((p) => [p.key, p.value]));
  const keys = [...new Set([...pa.keys(), ...pb.keys()])].sort();
  return keys.map((key) => ({ key, a: pa.get(key), b: pb.get(key), differs: pa.get(key) !== pb.get(key) }));
}

export interface DatasetRow {
  name: string;
  digest: string;
  context: string;
  sourceType: string;
  /** The other run used the same dataset (name and digest) too. */
  shared: boolean;
}

const CONTEXT_TAG = 'mlflow.data.context';

function datasetList(inputs: WireDatasetInput[] | undefined) {
  return (inputs ?? []).map((d) => ({
    name: d.dataset.name,
    digest: d.dataset.digest,
    sourceType: d.dataset.source_type,
    context: d.tags?.find((t) => t.key === CONTEXT_TAG)?.value ?? '',
  }));
}

/** Each run's dataset inputs, marked when the other run used the same name and digest. */
export function compareDatasets(a: WireDatasetInput[] | undefined, b: WireDatasetInput[] | undefined): { a: DatasetRow[]; b: DatasetRow[] } {
  const la = datasetList(a);
  const lb = datasetList(b);
  const id = (d: { name: string; digest: string }) => `${d.name}\u0000${d.digest}`;
  const ia = new Set(la.map(id));
  const ib = new Set(lb.map(id));
  return {
    a: la.map((d) => ({ ...d, shared: ib.has(id(d)) })),
    b: lb.map((d) => ({ ...d, shared: ia.has(id(d)) })),
  };
}

/** Metric keys both runs logged: the ones worth an overlaid history chart. */
export function sharedMetricKeys(a: WireMetric[] | undefined, b: WireMetric[] | undefined): string[] {
  const kb = new Set((b ?? []).map((m) => m.key));
  return [...new Set((a ?? []).map((m) => m.key))].filter((k) => kb.has(k)).sort();
}
