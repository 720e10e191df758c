// Building blocks for "run plans": plain objects describing a run (name, times, status, params,
// tags, metric history, dataset inputs, artifacts, child runs) before anything is sent.
import { sig } from './random.mjs';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const PEOPLE = ['maria.garcia', 'li.wei', 'sam.okafor', 'priya.natarajan', 'jonas.berg', 'aisha.khan', 'tom.novak'];

/** Per-experiment context: who works on it, where the code lives, its commit history. */
export function makeContext(rng, { now, days, users, repo, sources }) {
  const commits = Array.from({ length: 12 }, () => rng.hex(40));
  return { rng, now, days, users, repo, sources, commits };
}

/** The `mlflow.*` system tags the MLflow client sets on every run. `frac` ∈ [0, 1] is the run's
 * position in the experiment's history and picks a matching commit. */
export function systemTags(rng, ctx, frac) {
  const source = rng.weighted(ctx.sources);
  const commit = ctx.commits[Math.min(ctx.commits.length - 1, Math.floor(frac * ctx.commits.length))];
  const tags = {
    'mlflow.user': rng.pick(ctx.users),
    'mlflow.source.name': source.name,
    'mlflow.source.type': source.type,
  };
  if (source.type !== 'NOTEBOOK') {
    tags['mlflow.source.git.commit'] = commit;
    tags['mlflow.source.git.repoURL'] = ctx.repo;
  }
  return tags;
}

/** Start times for `n` runs spread over the context's last `days` days, oldest first. */
export function startTimes(rng, ctx, n) {
  const span = ctx.days * DAY;
  return Array.from({ length: n }, (_, i) => ctx.now - span * (1 - (i + rng.uniform(0, 0.9)) / n)).map(Math.round);
}

/** A status for a run; only recent runs (`recent`) may still be RUNNING. */
export function pickStatus(rng, recent) {
  if (recent && rng.chance(0.5)) return 'RUNNING';
  return rng.weighted([
    ['FINISHED', 84],
    ['FAILED', 10],
    ['KILLED', 6],
  ]);
}

/** How far through its planned steps a run with this status got. */
export function progressFor(rng, status) {
  switch (status) {
    case 'FINISHED':
      return 1;
    case 'FAILED':
      return rng.uniform(0.03, 0.7);
    case 'KILLED':
      return rng.uniform(0.2, 0.9);
    default:
      return rng.uniform(0.15, 0.85);
  }
}

/**
 * Places a run in time: `duration` is the planned full length; the run covers `progress` of it.
 * A RUNNING run ends "now" (still going); other runs are moved back if they would end in the future.
 */
export function placeRun(ctx, start, duration, status, progress) {
  let runStart = start;
  const covered = Math.round(duration * progress);
  if (status === 'RUNNING') runStart = ctx.now - covered - Math.round(ctx.rng.uniform(5, 90) * SECOND);
  else if (runStart + covered > ctx.now - MINUTE) runStart = ctx.now - MINUTE - covered;
  return { start: runStart, end: status === 'RUNNING' ? null : runStart + covered + Math.round(ctx.rng.uniform(2, 20) * SECOND), duration };
}

/**
 * Collects metric points for one run. Steps run 0..lastStep over `duration` ms from `start`; points
 * past `progress` of the way are dropped (a failed, killed or still-running run stops early).
 */
export class MetricLog {
  constructor({ start, duration, lastStep, progress = 1 }) {
    this.start = start;
    this.duration = duration;
    this.lastStep = Math.max(1, lastStep);
    this.cutoff = Math.floor(this.lastStep * progress);
    this.points = [];
  }
  timestampOf(step) {
    return this.start + Math.round((this.duration * step) / this.lastStep);
  }
  add(key, step, value) {
    if (step > this.cutoff) return false;
    this.points.push({ key, value: sig(value), timestamp: this.timestampOf(step), step });
    return true;
  }
  /** A single summary value at the run's last reached step (e.g. test_auc), timestamped at the end. */
  final(key, value, timestamp) {
    this.points.push({ key, value: sig(value), timestamp, step: this.cutoff });
  }
  series(key) {
    return this.points.filter((p) => p.key === key).map((p) => [p.step, p.value]);
  }
  last(key) {
    for (let i = this.points.length - 1; i >= 0; i -= 1) if (this.points[i].key === key) return this.points[i].value;
    return undefined;
  }
  /** With probability `p`, turns one point of a per-step metric into NaN (an overflowed batch). */
  sprinkleNaN(rng, p, keys) {
    if (!rng.chance(p)) return;
    const candidates = this.points.filter((pt) => keys.includes(pt.key) && pt.step > 2);
    if (candidates.length) rng.pick(candidates).value = NaN;
  }
}

/** Converts `{key: value}` to MLflow's `[{key, value}]` with string values. */
export function kv(obj) {
  return Object.entries(obj)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([key, value]) => ({ key, value: String(value) }));
}

export function fmt(value, digits = 4) {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

export function isoTime(ms) {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '');
}

/** A dataset input as runs/log-inputs expects it. */
export function datasetInput({ name, digest, sourceType, source, schema, profile, context }) {
  const dataset = { name, digest, source_type: sourceType, source: JSON.stringify(source) };
  if (schema) dataset.schema = JSON.stringify({ mlflow_colspec: schema.map(([n, type]) => ({ type, name: n, required: true })) });
  if (profile) dataset.profile = JSON.stringify(profile);
  return { tags: [{ key: 'mlflow.data.context', value: context }], dataset };
}
