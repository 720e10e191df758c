'use client';

import { useMemo, useState } from 'react';
import { ComposedChart, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts/types/synchronisation/types';
import { buildChartModel, xRangeToSteps, type ChartModel, type ChartOptions, type ChartSeries, type PreparedSeries, type StepRange } from './chart-data';
import { formatTick, formatX, niceTicks, timeTicks, valueAxis } from './chart-format';
import { ChartTooltip } from './ChartTooltip';
import { PlotUnderlay } from './PlotUnderlay';

export interface MetricChartProps {
  series: readonly ChartSeries[];
  options: ChartOptions;
  /** Drawing width in px (measured by the caller). */
  width: number;
  height?: number;
  /** Called with the step range of a drag selection. Without it, dragging does nothing. */
  onZoom?: (range: StepRange) => void;
  /** The model derived from `series` (the caller may already hold it for its notes). */
  model?: ChartModel;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value: unknown };
  textAnchor?: 'start' | 'middle' | 'end' | 'inherit';
}

/**
 * A tick label as a plain SVG text. Recharts' own label component measures every word of every
 * label with a forced layout (to wrap it), which no one-word number label needs.
 */
function tickLabel(format: (v: number) => string, dy: string) {
  function TickLabel({ x = 0, y = 0, payload, textAnchor }: TickProps) {
    if (!payload) return null;
    return (
      <text x={x} y={y} dy={dy} textAnchor={textAnchor} fill="currentColor" fontSize={11}>
        {format(Number(payload.value))}
      </text>
    );
  }
  return TickLabel;
}

const Y_TICK = tickLabel(formatTick, '0.355em');
const NO_TICKS: number[] = [];
const NO_BANDS: PreparedSeries[] = [];

function labelOf(state: MouseHandlerDataParam | undefined): number | null {
  const v = state?.activeLabel;
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/**
 * One metric as lines (one per series), each with a light min–max band so spikes hidden by
 * downsampling stay visible. Drag across the plot to select a range to zoom into.
 * Static SVG: no animation, no dots, so a wall of twenty charts draws quickly. What recharts
 * would otherwise work out per chart is given to it: both axes' ticks and the y domain (from the
 * model), and the tooltip mounts on the first hover or focus.
 */
export function MetricChart({ series, options, width, height = 220, onZoom, model: given }: MetricChartProps) {
  const model = useMemo(() => given ?? buildChartModel(series, options), [given, series, options]);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const [engaged, setEngaged] = useState(false);
  const smoothing = options.smoothing > 0;
  const xMin = model.rows.length ? model.rows[0].x : 0;
  const xMax = model.rows.length ? model.rows[model.rows.length - 1].x : 0;
  const span = xMax - xMin;
  // The axis spans exactly the data (a zoomed range fills the plot), with round ticks inside it.
  const xTicks = useMemo(() => {
    const count = Math.max(2, Math.floor(width / 90));
    if (options.xAxis === 'step') return niceTicks(xMin, xMax, count, true);
    return timeTicks(xMin, xMax, options.xAxis === 'wall' ? 1 : 1000, count);
  }, [xMin, xMax, width, options.xAxis]);

  const yAxis = useMemo(() => {
    const r = model.valueRange;
    return r ? valueAxis(r.min, r.max, options.logY, Math.max(2, Math.floor(height / 45))) : null;
  }, [model.valueRange, options.logY, height]);

  const xTick = useMemo(() => tickLabel((v) => formatX(v, options.xAxis, span), '0.71em'), [options.xAxis, span]);

  const finishDrag = () => {
    if (drag && onZoom) {
      const range = xRangeToSteps(model.series, drag.from, drag.to);
      if (range) onZoom(range);
    }
    setDrag(null);
  };

  return (
    <div
      className="select-none text-slate-500 dark:text-slate-400"
      style={{ width, height }}
      onPointerEnter={() => setEngaged(true)}
      onFocus={() => setEngaged(true)}
    >
      <ComposedChart
        width={width}
        height={height}
        data={model.rows}
        margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
        onMouseDown={(state) => {
          const x = labelOf(state);
          if (x !== null && onZoom) setDrag({ from: x, to: x });
        }}
        onMouseMove={(state) => {
          if (!drag) return;
          const x = labelOf(state);
          if (x !== null && x !== drag.to) setDrag({ from: drag.from, to: x });
        }}
        onMouseUp={finishDrag}
        onMouseLeave={() => setDrag(null)}
        style={{ cursor: onZoom ? 'crosshair' : undefined }}
      >
        <XAxis
          dataKey="x"
          type="number"
          domain={[xMin, xMax]}
          ticks={xTicks}
          niceTicks="none"
          // Every tick we chose is drawn: they are already spaced for the width (about 90 px
          // apart), and recharts' collision check measures each label with a forced layout
          // (a fifth of the time to draw a wall of 20 charts).
          interval={0}
          tick={xTick}
          stroke="currentColor"
          strokeOpacity={0.4}
          allowDataOverflow
        />
        <YAxis
          scale={options.logY ? 'log' : 'linear'}
          domain={yAxis?.domain ?? ['auto', 'auto']}
          ticks={yAxis?.ticks}
          niceTicks={yAxis ? 'none' : undefined}
          interval={0}
          tick={Y_TICK}
          stroke="currentColor"
          strokeOpacity={0.4}
          width={60}
          allowDataOverflow
        />
        {engaged && (
          <Tooltip
            isAnimationActive={false}
            content={({ active, label }) => (active && label !== undefined ? <ChartTooltip x={Number(label)} model={model} options={options} /> : null)}
          />
        )}
        <PlotUnderlay yTicks={yAxis?.ticks ?? NO_TICKS} bands={model.hasBands ? model.series : NO_BANDS} />
        {smoothing &&
          model.series.map((s, i) => (
            <Line
              key={`raw-${s.id}`}
              dataKey={`v${i}`}
              stroke={s.color}
              strokeOpacity={0.3}
              strokeWidth={1}
              dot={false}
              activeDot={false}
              isAnimationActive={false}
              connectNulls
              tooltipType="none"
            />
          ))}
        {model.series.map((s, i) => (
          <Line
            key={`line-${s.id}`}
            dataKey={smoothing ? `s${i}` : `v${i}`}
            name={s.label}
            stroke={s.color}
            strokeWidth={1.6}
            dot={s.xs.length <= 2 ? { r: 3, fill: s.color, stroke: s.color } : false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls
          />
        ))}
        {drag && drag.from !== drag.to && (
          <ReferenceArea x1={Math.min(drag.from, drag.to)} x2={Math.max(drag.from, drag.to)} fill="#3b82f6" fillOpacity={0.15} stroke="#3b82f6" strokeOpacity={0.5} />
        )}
      </ComposedChart>
    </div>
  );
}
