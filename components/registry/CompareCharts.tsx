'use client';

import { useMemo } from 'react';
import type { WireRun } from '@/lib/api-client';
import { MetricChartCard, type ChartRun } from '@/components/charts/MetricChartCard';
import { DEFAULT_CHART_OPTIONS } from '@/components/charts/chart-options-url';
import { sharedMetricKeys } from './metric-compare';

/**
 * One overlaid history chart per metric both source runs logged. Each card loads when scrolled
 * near, so a run with many metrics costs nothing until the reader gets there.
 */
export function CompareCharts({ a, b, labelA, labelB }: { a: WireRun; b: WireRun; labelA: string; labelB: string }) {
  const keys = useMemo(() => sharedMetricKeys(a.data.metrics, b.data.metrics), [a, b]);
  const runs = useMemo<ChartRun[]>(() => {
    const list: ChartRun[] = [{ id: a.info.run_id, label: labelA, startTime: a.info.start_time }];
    // The same run on both sides draws once.
    if (b.info.run_id !== a.info.run_id) list.push({ id: b.info.run_id, label: labelB, startTime: b.info.start_time });
    return list;
  }, [a, b, labelA, labelB]);
  if (keys.length === 0) return <p className="text-sm text-slate-500">The two source runs share no metric to chart.</p>;
  return (
    <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="compare-charts">
      {keys.map((key) => (
        <MetricChartCard key={key} metricKey={key} runs={runs} options={DEFAULT_CHART_OPTIONS} />
      ))}
    </div>
  );
}
