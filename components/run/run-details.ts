/**
 * Pure helpers of the run page: tab state in the URL, the rows of its tables, what changed
 * between two polls of a live run. No React, unit-tested.
 */
import type { TableRun, WireDouble, WireKeyValue, WireRun } from '@/lib/api-client';
import { wireNumber } from '@/lib/format';
import { compareKeys } from '@/lib/metric-keys';

export type RunTab = 'overview' | 'charts' | 'artifacts';
export const RUN_TABS: { id: RunTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'charts', label: 'Charts' },
  { id: 'artifacts', label: 'Artifacts' },
];

/** `?tab=charts` → 'charts'; anything else is the overview. */
export function parseRunTab(value: string | null | undefined): RunTab {
  return RUN_TABS.some((t) => t.id === value) ? (value as RunTab) : 'overview';
}

/** A copy of `params` with the tab written (overview is the default and leaves `tab` out). */
export function writeRunTab(params: URLSearchParams, tab: RunTab): URLSearchParams {
  const next = new URLSearchParams(params);
  if (tab === 'overview') next.delete('tab');
  else next.set('tab', tab);
  return next;
}

export const NOTE_TAG = 'mlflow.note.content';
export const PARENT_TAG = 'mlflow.parentRunId';

/** MLflow's own bookkeeping tags (`mlflow.*`), hidden unless asked for. */
export function isSystemTag(key: string): boolean {
  return key.startsWith('mlflow.');
}

/** Case-insensitive match of the search text against a row's key or value. */
export function matchesSearch(query: string, ...fields: string[]): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return fields.some((f) => f.toLowerCase().includes(q));
}

export function sortedKeyValues(list: WireKeyValue[] | undefined): WireKeyValue[] {
  return [...(list ?? [])].sort((a, b) => compareKeys(a.key, b.key));
}

export interface MetricRow {
  key: string;
  last: number | null;
  min: number | null;
  max: number | null;
  step: number;
  timestamp: number;
}

/** Latest value per metric from the run, min/max from the runs-table ranges (when loaded). */
export function metricRows(run: WireRun, ranges?: TableRun['metric_ranges'] | null): MetricRow[] {
  return (run.data.metrics ?? [])
    .map((m) => {
      const r = ranges?.[m.key];
      return {
        key: m.key,
        last: wireNumber(m.value as WireDouble),
        min: r ? wireNumber(r.min) : null,
        max: r ? wireNumber(r.max) : null,
        step: Number(m.step),
        timestamp: Number(m.timestamp),
      };
    })
    .sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * Per metric, a token of its latest point (`step:timestamp`). A chart refetches when its token
 * changes, so a poll of a live run reloads only the metrics that got new points.
 */
export function metricVersions(run: WireRun | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of run?.data.metrics ?? []) out[m.key] = `${m.step}:${m.timestamp}`;
  return out;
}

/** Accepts only http(s) URLs for links built from user data; anything else is shown as text. */
export function safeHttpUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to a commit on GitHub/GitLab/Bitbucket-style hosts, when the repo URL is an http(s) URL. */
export function commitUrl(repoUrl: string | undefined, commit: string | undefined): string | null {
  const base = safeHttpUrl(repoUrl?.replace(/\.git$/, ''));
  if (!base || !commit || !/^[0-9a-f]{7,40}$/i.test(commit)) return null;
  const host = new URL(base).hostname;
  if (host === 'github.com' || host.endsWith('gitlab.com')) return `${base.replace(/\/$/, '')}/commit/${commit}`;
  if (host === 'bitbucket.org') return `${base.replace(/\/$/, '')}/commits/${commit}`;
  return null;
}

/** A run id as it may appear in a path (MLflow ids are hex; anything else is refused). */
export function isRunId(value: string | undefined): value is string {
  return !!value && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}
