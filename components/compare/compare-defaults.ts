/**
 * The view a fresh comparison opens with, picked from the runs themselves: the params that vary
 * as axes (numeric ones first), then the metrics; the first varying metric colours the lines and
 * is charted; the scatter plots the first varying param against it. Pure.
 */
import { DEFAULT_CHART_OPTIONS } from '@/components/charts/chart-options-url';
import { fieldId, fieldValue, numericValues, parseFieldId, type FieldCatalog, type RunRecord } from './compare-fields';
import type { CompareState } from './compare-state';
import type { RunSource } from './compare-url';

export const DEFAULT_AXES = 10;
const DEFAULT_METRIC_AXES = 4;

function varies(records: readonly RunRecord[], id: string): boolean {
  const f = parseFieldId(id);
  if (!f || records.length < 2) return false;
  const first = fieldValue(records[0], f);
  return records.some((r) => {
    const v = fieldValue(r, f);
    return v !== first && !(Number.isNaN(v) && Number.isNaN(first));
  });
}

function isNumeric(records: readonly RunRecord[], key: string): boolean {
  return numericValues(records.map((r) => r.params.get(key))) !== null;
}

export function defaultState(source: RunSource, catalog: FieldCatalog, records: readonly RunRecord[]): CompareState {
  // Params most runs have first (a param of a few runs breaks most lines), numeric before text.
  const coverage = new Map(catalog.params.map((k) => [k, records.filter((r) => r.params.has(k)).length / Math.max(1, records.length)]));
  const params = catalog.params.filter((k) => varies(records, fieldId('p', k)));
  // A random seed varies in every sweep but says nothing about the result.
  const isSeed = (k: string) => /(^|[^a-z])(seed|random_state)([^a-z]|$)/i.test(k);
  const score = (k: string) => (isSeed(k) ? 0 : 4) + (coverage.get(k)! >= 0.5 ? 2 : 0) + (isNumeric(records, k) ? 1 : 0);
  params.sort((a, b) => score(b) - score(a) || coverage.get(b)! - coverage.get(a)!);
  const varyingMetrics = catalog.metrics.filter((k) => varies(records, fieldId('m', k)));
  const metrics = [...(varyingMetrics.length ? varyingMetrics : catalog.metrics)];
  // Metrics most runs have first (a sweep parent's summary metric would colour one line and leave
  // the rest grey), then held-out metrics, which say most about a run: colour and chart those.
  const metricCoverage = new Map(metrics.map((k) => [k, records.filter((r) => r.metrics.has(k)).length / Math.max(1, records.length)]));
  const heldOut = (k: string) => /(^|[^a-z])(val|valid|validation|test|eval|dev)([^a-z]|$)/i.test(k);
  const metricScore = (k: string) => (metricCoverage.get(k)! >= 0.5 ? 2 : 0) + (heldOut(k) ? 1 : 0);
  metrics.sort((a, b) => metricScore(b) - metricScore(a));
  const metricAxes = metrics.slice(0, DEFAULT_METRIC_AXES).sort().map((k) => fieldId('m', k));
  const paramAxes = params.slice(0, Math.max(0, DEFAULT_AXES - metricAxes.length)).map((k) => fieldId('p', k));
  const colorMetric = metrics[0] ?? null;
  const firstParam = params.find((k) => isNumeric(records, k)) ?? params[0];
  return {
    source,
    axes: [...paramAxes, ...metricAxes].map((key) => ({ key, log: false })),
    brushes: [],
    colorBy: colorMetric ? fieldId('m', colorMetric) : null,
    overlay: { metrics: metrics.slice(0, 2), options: { ...DEFAULT_CHART_OPTIONS } },
    scatter: {
      x: firstParam ? fieldId('p', firstParam) : metrics[1] ? fieldId('m', metrics[1]) : null,
      y: colorMetric ? fieldId('m', colorMetric) : null,
    },
    onlyDifferences: false,
    transposed: false,
  };
}
