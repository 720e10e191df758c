'use client';

import { memo, useId, useMemo, useRef } from 'react';
import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { formatTick } from '@/components/charts/chart-format';
import { formatCount, formatNumber } from '@/lib/format';
import { useElementWidth } from '@/components/charts/use-element-width';
import { useInViewOnce } from '@/components/charts/use-in-view';
import type { ColorScale } from './color-scale';
import { runColor } from './color-scale';
import { fieldLabel, fieldLongLabel, fieldValue, type Field, type RunRecord } from './compare-fields';
import { buildAxis, type PcAxis } from './pc-scales';

interface Point {
  x: number;
  y: number;
  name: string;
  xText: string;
  yText: string;
  /** The run's colour; null for a run outside the brushes (drawn grey). */
  fill: string | null;
}

interface Props {
  records: readonly RunRecord[];
  selection: Uint8Array;
  color: ColorScale | null;
  fields: readonly Field[];
  x: Field | null;
  y: Field | null;
  onChange: (x: string | null, y: string | null) => void;
}

const HEIGHT = 340;

/** Where a run sits on a scatter axis: its number, or its category's index. */
function coord(axis: PcAxis, i: number): { v: number; text: string } | null {
  if (axis.kind === 'numeric') {
    const v = axis.values[i];
    return Number.isNaN(v) ? null : { v, text: formatNumber(v) };
  }
  const c = axis.codes[i];
  return c < 0 ? null : { v: c, text: axis.categories[c] };
}

function axisProps(axis: PcAxis | null) {
  if (!axis || axis.kind === 'numeric') return { type: 'number' as const, domain: ['auto', 'auto'] as const, tickFormatter: formatTick };
  const n = axis.categories.length;
  const every = Math.max(1, Math.ceil(n / 12));
  return {
    type: 'number' as const,
    domain: [-0.5, n - 0.5] as [number, number],
    ticks: axis.categories.map((_, i) => i).filter((i) => i % every === 0),
    tickFormatter: (v: number) => {
      const c = axis.categories[v] ?? '';
      return c.length > 12 ? `${c.slice(0, 11)}…` : c;
    },
  };
}

function Dot(props: unknown) {
  const { cx, cy, payload } = props as { cx?: number; cy?: number; payload?: Point };
  if (cx === undefined || cy === undefined || !payload) return <g />;
  if (payload.fill === null) return <circle cx={cx} cy={cy} r={3} className="fill-slate-300 dark:fill-slate-700" />;
  return <circle cx={cx} cy={cy} r={3.5} fill={payload.fill} fillOpacity={0.8} />;
}

function Picker({ label, value, fields, onChange }: { label: string; value: Field | null; fields: readonly Field[]; onChange: (id: string | null) => void }) {
  const id = useId();
  return (
    <span className="inline-flex items-center gap-1.5">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <select
        id={id}
        data-testid={`scatter-${label.toLowerCase()}`}
        value={value?.id ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        className="max-w-60 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <option value="">Choose…</option>
        {fields.map((f) => (
          <option key={f.id} value={f.id}>
            {fieldLongLabel(f)}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * Any two params or metrics against each other, one point per run, coloured as in the parallel
 * coordinates; runs outside the brushes are grey and drawn underneath.
 */
export const ScatterPlot = memo(function ScatterPlot({ records, selection, color, fields, x, y, onChange }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  // Thousands of SVG points are worth drawing only once the plot is scrolled near.
  const inView = useInViewOnce(ref);
  const xAxis = useMemo(() => (x ? buildAxis(x, records.map((r) => fieldValue(r, x)), false) : null), [records, x]);
  const yAxis = useMemo(() => (y ? buildAxis(y, records.map((r) => fieldValue(r, y)), false) : null), [records, y]);
  const [inside, outside] = useMemo(() => {
    const ins: Point[] = [];
    const outs: Point[] = [];
    if (!xAxis || !yAxis) return [ins, outs];
    records.forEach((r, i) => {
      const a = coord(xAxis, i);
      const b = coord(yAxis, i);
      if (!a || !b) return;
      const p = { x: a.v, y: b.v, name: r.name, xText: a.text, yText: b.text, fill: selection[i] ? runColor(color, i) : null };
      (selection[i] ? ins : outs).push(p);
    });
    return [ins, outs];
  }, [records, selection, color, xAxis, yAxis]);

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-4 text-sm">
        <Picker label="X" value={x} fields={fields} onChange={(id) => onChange(id, y?.id ?? null)} />
        <Picker label="Y" value={y} fields={fields} onChange={(id) => onChange(x?.id ?? null, id)} />
        {x && y && (
          <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="scatter-count">
            {formatCount(inside.length + outside.length)} runs with both values
            {outside.length > 0 && `, ${formatCount(inside.length)} selected`}
          </span>
        )}
      </div>
      <div ref={ref} className="w-full text-slate-500 dark:text-slate-400" style={{ height: HEIGHT }} data-testid="scatter-plot">
        {!x || !y ? (
          <p className="p-2 text-sm text-slate-500">Choose a field for each axis.</p>
        ) : width > 0 && inView ? (
          <ScatterChart width={width} height={HEIGHT} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} />
            <XAxis
              dataKey="x"
              name={fieldLabel(x)}
              {...axisProps(xAxis)}
              tick={{ fill: 'currentColor', fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              label={{ value: fieldLabel(x), position: 'insideBottom', offset: -14, fill: 'currentColor', fontSize: 12 }}
              padding={{ left: 12, right: 12 }}
              allowDataOverflow
            />
            <YAxis
              dataKey="y"
              name={fieldLabel(y)}
              {...axisProps(yAxis)}
              width={70}
              tick={{ fill: 'currentColor', fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.4}
              label={{ value: fieldLabel(y), angle: -90, position: 'insideLeft', fill: 'currentColor', fontSize: 12 }}
              padding={{ top: 8, bottom: 8 }}
              allowDataOverflow
            />
            <Tooltip isAnimationActive={false} cursor={{ strokeDasharray: '3 3' }} content={({ active, payload }) => <ScatterTip active={active} point={payload?.[0]?.payload as Point | undefined} x={x} y={y} />} />
            {outside.length > 0 && <Scatter data={outside} shape={Dot} isAnimationActive={false} />}
            <Scatter data={inside} shape={Dot} isAnimationActive={false} />
          </ScatterChart>
        ) : null}
      </div>
    </div>
  );
});

function ScatterTip({ active, point, x, y }: { active?: boolean; point?: Point; x: Field; y: Field }) {
  if (!active || !point) return null;
  return (
    <div className="max-w-xs rounded border border-slate-200 bg-white/95 px-2 py-1.5 text-xs text-slate-800 shadow dark:border-slate-700 dark:bg-slate-900/95 dark:text-slate-100">
      <div className="mb-0.5 flex items-center gap-1.5 font-medium">
        <span aria-hidden className="inline-block h-2 w-2 rounded-full bg-slate-400" style={point.fill ? { background: point.fill } : undefined} />
        <span className="truncate">{point.name}</span>
      </div>
      <div>
        {fieldLabel(x)}: <span className="font-mono">{point.xText}</span>
      </div>
      <div>
        {fieldLabel(y)}: <span className="font-mono">{point.yText}</span>
      </div>
    </div>
  );
}
