'use client';

import { useXAxisScale, useYAxisScale } from 'recharts';
import { bandPath, type PreparedSeries } from './chart-data';

/**
 * The light min–max band of each series, drawn inside a recharts chart from its axis scales.
 * One plain path per series instead of an `Area` per series: a recharts graphical item costs a
 * chart several store updates when it mounts, and a wall of twenty charts pays for each of them.
 * Sits under the lines (recharts draws custom children below its graphical items).
 */
export function MinMaxBands({ series }: { series: readonly PreparedSeries[] }) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  return (
    <g className="runboard-minmax-bands" aria-hidden>
      {series.map((s) => (
        <path key={s.id} d={bandPath(s, x, y)} fill={s.color} fillOpacity={0.14} stroke="none" />
      ))}
    </g>
  );
}
