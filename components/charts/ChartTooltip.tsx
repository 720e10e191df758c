'use client';

import { formatNumber, formatTime } from '@/lib/format';
import { nearestIndex, type ChartModel, type ChartOptions, type XAxisMode } from './chart-data';
import { formatX } from './chart-format';

function xLabel(mode: XAxisMode): string {
  return mode === 'step' ? 'Step' : mode === 'wall' ? 'Time' : 'Elapsed';
}

/**
 * Values of every series at the hovered x: each series' nearest bucket (series of several runs
 * rarely share x values), with the bucket's min/max when it summarises several points.
 */
export function ChartTooltip({ x, model, options }: { x: number; model: ChartModel; options: ChartOptions }) {
  const smoothing = options.smoothing > 0;
  return (
    <div className="max-w-xs rounded border border-slate-200 bg-white/95 px-2 py-1.5 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100">
      <div className="mb-1 font-medium">
        {xLabel(options.xAxis)}: {options.xAxis === 'wall' ? formatTime(x) : formatX(x, options.xAxis)}
      </div>
      <ul className="space-y-0.5">
        {model.series.map((s) => {
          const i = nearestIndex(s.xs, x);
          if (i < 0) return null;
          const raw = s.values[i];
          const count = s.counts[i];
          return (
            <li key={s.id} className="flex flex-wrap items-baseline gap-x-1.5">
              <span aria-hidden className="inline-block h-2 w-2 rounded-full" style={{ background: s.color }} />
              {model.series.length > 1 && <span className="max-w-[10rem] truncate">{s.label}</span>}
              <span className="font-mono font-semibold">{formatNumber(smoothing ? s.smoothed[i] : raw)}</span>
              {smoothing && <span className="text-slate-500">(raw {formatNumber(raw)})</span>}
              {count > 1 && (
                <span className="text-slate-500">
                  mean of {count} · min {formatNumber(s.mins[i])} · max {formatNumber(s.maxs[i])}
                </span>
              )}
              {options.xAxis !== 'step' && <span className="text-slate-500">step {s.steps[i]}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
