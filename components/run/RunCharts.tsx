'use client';

import { useDeferredValue, useLayoutEffect, useMemo } from 'react';
import type { WireRun } from '@/lib/api-client';
import { ChartControls } from '@/components/charts/ChartControls';
import type { ChartOptions } from '@/components/charts/chart-data';
import { MetricChartCard, type ChartRun } from '@/components/charts/MetricChartCard';
import { seriesBatcher } from '@/components/charts/series-batcher';
import { WALL_FIRST_KEYS, WALL_POINTS, wallFirstQuery, wallKeys } from './chart-wall';
import { SearchBox } from './RunTables';
import { matchesSearch } from './run-details';

/**
 * One chart per metric of the run, in a responsive grid, filtered by a search box. The first
 * screen of charts comes in one call started on mount (preloaded by the page); the others load as
 * they scroll near. `versions` (latest step/timestamp per metric) makes a live run's charts
 * refetch only when their metric got new points.
 */
export function RunCharts({ run, versions, options, onOptionsChange, filter, onFilterChange }: {
  run: WireRun;
  versions: Record<string, string>;
  options: ChartOptions;
  onOptionsChange: (next: ChartOptions) => void;
  filter: string;
  onFilterChange: (next: string) => void;
}) {
  const { run_id: runId, run_name: runName, start_time: startTime } = run.info;
  const runs = useMemo<ChartRun[]>(() => [{ id: runId, label: runName || runId, startTime }], [runId, runName, startTime]);
  const keys = useMemo(() => wallKeys((run.data.metrics ?? []).map((m) => m.key)), [run.data.metrics]);
  const shown = keys.filter((k) => matchesSearch(filter, k));
  // Before the charts ask (they do in passive effects, which run after this).
  const firstKeys = keys.slice(0, WALL_FIRST_KEYS).join('\n');
  useLayoutEffect(() => {
    if (firstKeys) seriesBatcher.warm(wallFirstQuery(runId), firstKeys.split('\n'));
  }, [runId, firstKeys]);
  // Dragging the smoothing slider redraws every chart: let the slider stay responsive meanwhile.
  const deferredOptions = useDeferredValue(options);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        <SearchBox value={filter} onChange={onFilterChange} label="Filter metrics" />
        <ChartControls options={options} onChange={onOptionsChange} />
        <span className="text-xs text-slate-500">
          {shown.length === keys.length ? `${keys.length} metrics` : `${shown.length} of ${keys.length} metrics`} · drag on a chart to zoom
        </span>
      </div>
      {keys.length === 0 ? (
        <p className="text-sm text-slate-500">This run has no metrics.</p>
      ) : shown.length === 0 ? (
        <p className="text-sm text-slate-500">No metric matches “{filter}”.</p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {shown.map((key) => (
            <MetricChartCard key={key} metricKey={key} runs={runs} options={deferredOptions} version={versions[key]} maxPoints={WALL_POINTS} />
          ))}
        </div>
      )}
    </div>
  );
}
