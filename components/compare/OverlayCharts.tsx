'use client';

import { useId, useMemo, useState } from 'react';
import type { ChartOptions } from '@/components/charts/chart-data';
import { ChartControls } from '@/components/charts/ChartControls';
import { MetricChartCard, type ChartRun } from '@/components/charts/MetricChartCard';
import { Button } from '@/components/ui/Button';
import type { RunRecord } from './compare-fields';
import { MAX_OVERLAY_CHARTS } from './compare-state';
import { formatCount } from '@/lib/format';

/** The server's limit of runs per series request. */
export const MAX_CHART_RUNS = 100;

interface Props {
  records: readonly RunRecord[];
  colorOf: (i: number) => string;
  allMetrics: readonly string[];
  metrics: readonly string[];
  options: ChartOptions;
  onChange: (metrics: string[], options: ChartOptions) => void;
}

/**
 * One chart per chosen metric with the history of every shown run overlaid (downsampled on the
 * server: fewer points per run when many runs share a chart), a picker to add or remove charts,
 * and the shared x-axis / smoothing / log controls.
 */
export function OverlayCharts({ records, colorOf, allMetrics, metrics, options, onChange }: Props) {
  const pickId = useId();
  const addable = allMetrics.filter((m) => !metrics.includes(m));
  const [pick, setPick] = useState('');
  const chosen = pick && addable.includes(pick) ? pick : (addable[0] ?? '');
  const runs = useMemo<ChartRun[]>(
    () => records.slice(0, MAX_CHART_RUNS).map((r, i) => ({ id: r.id, label: r.name, color: colorOf(i), startTime: r.startTime })),
    [records, colorOf],
  );
  const maxPoints = runs.length > 20 ? 300 : runs.length > 5 ? 500 : 1000;
  // Many long runs: one real point per bucket found by index seeks, instead of reading every point
  // for min-max bands that would not be told apart among so many lines.
  const reduction = runs.length > 10 ? 'sample' : 'buckets';

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600 dark:text-slate-400">Charts</span>
        <ul className="flex flex-wrap gap-1.5" aria-label="Charted metrics">
          {metrics.map((m) => (
            <li key={m} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2 text-xs dark:bg-slate-800">
              <span className="font-mono">{m}</span>
              <button
                type="button"
                onClick={() => onChange(metrics.filter((x) => x !== m), options)}
                aria-label={`Remove the ${m} chart`}
                className="rounded-full px-1 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-700"
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        {addable.length > 0 && metrics.length < MAX_OVERLAY_CHARTS && (
          <span className="inline-flex items-center gap-1">
            <label htmlFor={pickId} className="sr-only">
              Metric to chart
            </label>
            <select
              id={pickId}
              data-testid="overlay-metric-picker"
              value={chosen}
              onChange={(e) => setPick(e.target.value)}
              className="max-w-56 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
            >
              {addable.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
            <Button onClick={() => chosen && onChange([...metrics, chosen], options)} data-testid="overlay-add">
              Add chart
            </Button>
          </span>
        )}
      </div>
      <div className="mb-2">
        <ChartControls options={options} onChange={(o) => onChange([...metrics], o)} />
      </div>
      {records.length > MAX_CHART_RUNS && (
        <p className="mb-2 text-xs text-amber-800 dark:text-amber-200" data-testid="overlay-capped">
          The charts show the first {MAX_CHART_RUNS} of {formatCount(records.length)} runs; brush the parallel coordinates to choose which.
        </p>
      )}
      {metrics.length === 0 ? (
        <p className="text-sm text-slate-500">No charts: pick a metric and press Add chart.</p>
      ) : runs.length === 0 ? (
        <p className="text-sm text-slate-500">No runs selected: clear a brush to chart them.</p>
      ) : (
        <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
          {metrics.map((m) => (
            <MetricChartCard key={m} metricKey={m} runs={runs} options={options} maxPoints={maxPoints} reduction={reduction} height={240} />
          ))}
        </div>
      )}
    </div>
  );
}
