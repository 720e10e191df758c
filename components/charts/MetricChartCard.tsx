'use client';

import { memo, useMemo, useRef, useState } from 'react';
import type { SeriesReduction } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { buildChartModel, pointsNote, seriesColor, type ChartOptions, type ChartSeries, type StepRange } from './chart-data';
import { MetricChart } from './MetricChart';
import { useElementWidth } from './use-element-width';
import { useIdleTurn } from './use-idle-turn';
import { useInViewOnce } from './use-in-view';
import { useMetricSeries } from './use-metric-series';

/** A run to draw on a chart. */
export interface ChartRun {
  id: string;
  label: string;
  color?: string;
  /** Run start (ms), for the relative-time axis. */
  startTime?: number;
}

export interface MetricChartCardProps {
  metricKey: string;
  runs: readonly ChartRun[];
  options: ChartOptions;
  /** Changes when new points may exist (live runs): the chart refetches its series. */
  version?: string;
  /** Points per series; by default about one per pixel of the plot's width (200 to 1,000). */
  maxPoints?: number;
  /** `sample` for overlays of many long runs: real points, no bands, no point count. */
  reduction?: SeriesReduction;
  height?: number;
}

/** One point per pixel, in steps of 100 so that small resizes do not refetch. */
function pointsForWidth(width: number): number {
  return Math.min(1000, Math.max(200, Math.ceil(width / 100) * 100));
}

const EMPTY: ChartSeries[] = [];

/**
 * A self-loading chart of one metric for one or more runs: fetched once scrolled near, drawn when
 * in view (or before, in an idle moment), downsampled on the server to at most `maxPoints`
 * buckets, drag to zoom into a step range (refetched in detail), "Reset zoom" to go back.
 * `data-ready="true"` once its data is drawn. Memoised: a live run's poll re-renders only the
 * charts whose `version` changed.
 */
export const MetricChartCard = memo(function MetricChartCard({ metricKey, runs, options, version, maxPoints, reduction, height = 200 }: MetricChartCardProps) {
  const rootRef = useRef<HTMLElement>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const inView = useInViewOnce(rootRef);
  // Data is fetched two screens ahead (charts asking together share one request), drawing waits
  // until the chart is near: scrolling down a chart wall then draws without a round trip.
  const nearby = useInViewOnce(rootRef, '200%');
  const width = useElementWidth(plotRef);
  const [range, setRange] = useState<StepRange | null>(null);
  const runIds = useMemo(() => runs.map((r) => r.id), [runs]);
  const points = maxPoints ?? pointsForWidth(width);
  // Wait for the plot's width when the resolution follows it.
  const enabled = nearby && (maxPoints !== undefined || width > 0);
  const { data, loading, error } = useMetricSeries({ runIds, metricKey, maxPoints: points, range, version, reduction, enabled });

  const series = useMemo<ChartSeries[]>(() => {
    if (!data) return EMPTY;
    return runs.flatMap((r, i) => {
      const s = data.find((d) => d.run_id === r.id);
      if (!s) return [];
      return [{ id: r.id, label: r.label, color: r.color ?? seriesColor(i), points: s.points, totalPoints: s.total_points, startTime: r.startTime }];
    });
  }, [data, runs]);
  const model = useMemo(() => buildChartModel(series, options), [series, options]);
  // Drawn when near the screen, or earlier when the browser is idle and its data is here.
  const drawNow = useIdleTurn(nearby && data !== null && !inView);
  const drawn = inView || drawNow;
  const ready = drawn && data !== null && !loading && width > 0;
  const titleId = `chart-title-${metricKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  return (
    <section
      ref={rootRef}
      data-testid="metric-chart"
      data-metric-key={metricKey}
      data-ready={ready ? 'true' : 'false'}
      aria-labelledby={titleId}
      className="min-w-0 rounded border border-slate-200 p-2 dark:border-slate-800"
    >
      <header className="mb-1 flex min-h-7 flex-wrap items-center gap-x-2 gap-y-0.5">
        <h3 id={titleId} className="min-w-0 truncate font-mono text-sm font-medium text-slate-800 dark:text-slate-100" title={metricKey}>
          {metricKey}
        </h3>
        {data && (
          <span data-testid="points-note" className="text-xs text-slate-500 dark:text-slate-400" title="Points drawn (each summarises a step bucket) of the points logged in this range">
            {pointsNote(model.drawnPoints, model.totalPoints)}
          </span>
        )}
        {options.logY && model.hiddenNonPositive > 0 && (
          <span className="text-xs text-amber-700 dark:text-amber-300">{model.hiddenNonPositive} value(s) ≤ 0 not shown on the log scale</span>
        )}
        {loading && data && <span className="text-xs text-slate-400" aria-live="polite">updating…</span>}
        {range && (
          <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
            steps {range.startStep}–{range.endStep ?? 'end'}
          </span>
        )}
        {range && (
          <Button variant="ghost" className="!px-1.5 !py-0 text-xs" onClick={() => setRange(null)}>
            Reset zoom
          </Button>
        )}
      </header>
      <div ref={plotRef} className="relative w-full" style={{ height }}>
        {error ? (
          <p role="alert" className="p-2 text-sm text-red-700 dark:text-red-300">{error}</p>
        ) : !data || !drawn ? (
          <p className="p-2 text-sm text-slate-400" aria-live="polite">{inView ? 'Loading…' : ''}</p>
        ) : model.drawnPoints === 0 ? (
          <p className="p-2 text-sm text-slate-500">No points{range ? ' in this step range' : ''}.</p>
        ) : (
          width > 0 && <MetricChart series={series} model={model} options={options} width={width} height={height} onZoom={setRange} />
        )}
      </div>
      {series.length > 1 && <SeriesLegend series={series} />}
    </section>
  );
});

/** Legend entries shown before the rest fold away (an overlay of 100 runs would fill the card). */
const LEGEND_SHOWN = 12;

function LegendItem({ s }: { s: ChartSeries }) {
  return (
    <li className="flex max-w-[14rem] items-center gap-1">
      <span aria-hidden className="inline-block h-0.5 w-3 shrink-0" style={{ background: s.color }} />
      <span className="truncate" title={s.label}>{s.label}</span>
    </li>
  );
}

function SeriesLegend({ series }: { series: readonly ChartSeries[] }) {
  const list = 'flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600 dark:text-slate-400';
  const rest = series.slice(LEGEND_SHOWN);
  return (
    <div className="mt-1">
      <ul aria-label="Runs" className={list}>
        {series.slice(0, LEGEND_SHOWN).map((s) => <LegendItem key={s.id} s={s} />)}
      </ul>
      {rest.length > 0 && (
        <details className="text-xs text-slate-600 dark:text-slate-400">
          <summary className="cursor-pointer select-none">+{rest.length} more</summary>
          <ul aria-label="More runs" className={`${list} mt-0.5`}>
            {rest.map((s) => <LegendItem key={s.id} s={s} />)}
          </ul>
        </details>
      )}
    </div>
  );
}
