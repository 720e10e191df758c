'use client';

import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { bandPath, type PreparedSeries } from './chart-data';

/**
 * What a metric chart draws under its lines, from the chart's own axis scales: horizontal grid
 * lines at the y ticks, and each series' light min–max band. Plain SVG rather than recharts'
 * `CartesianGrid` and an `Area` per series: each of those costs a chart several store updates
 * when it mounts, and a wall of twenty charts pays for every one. Recharts draws custom children
 * below its graphical items.
 */
export function PlotUnderlay({ yTicks, bands }: { yTicks: readonly number[]; bands: readonly PreparedSeries[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  const area = usePlotArea();
  if (!x || !y || !area) return null;
  return (
    <g className="runboard-plot-underlay" aria-hidden>
      {yTicks.map((t) => {
        const py = y(t);
        if (py === undefined || !Number.isFinite(py)) return null;
        return <line key={t} x1={area.x} x2={area.x + area.width} y1={py} y2={py} stroke="currentColor" strokeOpacity={0.15} />;
      })}
      {bands.map((s) => (
        <path key={s.id} d={bandPath(s, x, y)} fill={s.color} fillOpacity={0.14} stroke="none" />
      ))}
    </g>
  );
}
