'use client';

import { useState, type KeyboardEvent } from 'react';
import { formatNumber } from '@/lib/format';
import { Button } from '@/components/ui/Button';
import { fieldLongLabel } from './compare-fields';
import { brushFits, isRangeBrush, withBrush, type Brush } from './pc-brush';
import { axisLabel, type CategoricalAxis, type NumericAxis, type PcAxis } from './pc-scales';

const CATEGORY_LIST_LIMIT = 200;
const input =
  'w-24 rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-950 focus-visible:outline-2 focus-visible:outline-blue-500';

function brushText(axis: PcAxis, b: Brush): string {
  if (isRangeBrush(b)) return `${formatNumber(b.min)} – ${formatNumber(b.max)}`;
  const n = b.categories.length;
  return n <= 2 ? b.categories.join(', ') : `${n} of ${axis.kind === 'categorical' ? axis.categories.length : n} values`;
}

/**
 * The brushes as text (each with a remove button) and, under "Edit axis ranges", a min/max pair
 * per numeric axis and a checkbox list per categorical one: brushing without a mouse.
 */
export function PcBrushEditor({ axes, brushes, onBrushes }: { axes: readonly PcAxis[]; brushes: readonly Brush[]; onBrushes: (next: Brush[]) => void }) {
  const active = brushes.flatMap((b) => {
    const axis = axes.find((a) => a.field.id === b.key);
    return axis && brushFits(axis, b) ? [{ axis, b }] : [];
  });
  return (
    <div className="mt-1 text-sm">
      <div className="flex flex-wrap items-center gap-2" aria-live="polite">
        {active.length === 0 ? (
          <span className="text-slate-500 dark:text-slate-400">No brushes: drag along an axis to keep only the runs in a range.</span>
        ) : (
          <>
            {active.map(({ axis, b }) => (
              <span key={b.key} data-testid="pc-brush-chip" className="inline-flex items-center gap-1 rounded-full bg-blue-50 py-0.5 pr-1 pl-2 text-xs text-blue-900 dark:bg-blue-950 dark:text-blue-100">
                <span>
                  <span className="font-mono">{axisLabel(axis)}</span>: {brushText(axis, b)}
                </span>
                <button
                  type="button"
                  onClick={() => onBrushes(withBrush(brushes, b.key, null))}
                  aria-label={`Clear the brush on ${fieldLongLabel(axis.field)}`}
                  className="rounded-full px-1 hover:bg-blue-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-blue-900"
                >
                  ✕
                </button>
              </span>
            ))}
            <Button variant="ghost" className="!py-0 text-xs" onClick={() => onBrushes([])} data-testid="pc-clear-brushes">
              Clear all brushes
            </Button>
          </>
        )}
      </div>
      <details className="mt-1">
        <summary className="cursor-pointer text-xs text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100">Edit axis ranges</summary>
        <div className="mt-2 grid grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-2">
          {axes.map((axis) => {
            const b = brushes.find((x) => x.key === axis.field.id);
            const set = (next: Brush | null) => onBrushes(withBrush(brushes, axis.field.id, next));
            return axis.kind === 'numeric' ? (
              <RangeInputs
                key={`${axis.field.id}:${b && isRangeBrush(b) ? `${b.min}:${b.max}` : ''}`}
                axis={axis}
                brush={b && isRangeBrush(b) ? b : null}
                onChange={set}
              />
            ) : (
              <CategoryChoices key={axis.field.id} axis={axis} brush={b && !isRangeBrush(b) ? b : null} onChange={set} />
            );
          })}
        </div>
      </details>
    </div>
  );
}

function RangeInputs({ axis, brush, onChange }: { axis: NumericAxis; brush: { min: number; max: number } | null; onChange: (b: Brush | null) => void }) {
  const label = fieldLongLabel(axis.field);
  // Keyed by the brush (below), so a brush dragged on the plot resets what is typed here.
  const [min, setMin] = useState(brush ? String(brush.min) : '');
  const [max, setMax] = useState(brush ? String(brush.max) : '');
  const commit = () => {
    if (min.trim() === '' && max.trim() === '') return onChange(null);
    const lo = min.trim() === '' ? axis.min : Number(min);
    const hi = max.trim() === '' ? axis.max : Number(max);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return;
    onChange({ key: axis.field.id, min: Math.min(lo, hi), max: Math.max(lo, hi) });
  };
  const onKey = (e: KeyboardEvent) => e.key === 'Enter' && commit();
  return (
    <fieldset className="rounded border border-slate-200 px-2 py-1 dark:border-slate-800" data-testid={`pc-range-${axis.field.id}`}>
      <legend className="truncate px-1 font-mono text-xs" title={label}>
        {axisLabel(axis)}
      </legend>
      <div className="flex items-center gap-1 text-xs">
        <input type="number" step="any" value={min} placeholder={formatNumber(axis.min)} onChange={(e) => setMin(e.target.value)} onBlur={commit} onKeyDown={onKey} aria-label={`${label} minimum`} className={input} />
        <span aria-hidden>–</span>
        <input type="number" step="any" value={max} placeholder={formatNumber(axis.max)} onChange={(e) => setMax(e.target.value)} onBlur={commit} onKeyDown={onKey} aria-label={`${label} maximum`} className={input} />
        {brush && (
          <button type="button" onClick={() => onChange(null)} aria-label={`Clear the brush on ${label}`} className="rounded px-1 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-800">
            ✕
          </button>
        )}
      </div>
    </fieldset>
  );
}

function CategoryChoices({ axis, brush, onChange }: { axis: CategoricalAxis; brush: { categories: string[] } | null; onChange: (b: Brush | null) => void }) {
  const label = fieldLongLabel(axis.field);
  const chosen = new Set(brush?.categories ?? []);
  const toggle = (c: string, on: boolean) => {
    const next = axis.categories.filter((x) => (x === c ? on : chosen.has(x)));
    onChange(next.length ? { key: axis.field.id, categories: next } : null);
  };
  return (
    <fieldset className="rounded border border-slate-200 px-2 py-1 dark:border-slate-800" data-testid={`pc-range-${axis.field.id}`}>
      <legend className="truncate px-1 font-mono text-xs" title={label}>
        {axisLabel(axis)} <span className="font-sans text-slate-500">(none checked = all)</span>
      </legend>
      <div className="max-h-28 overflow-y-auto text-xs">
        {axis.categories.slice(0, CATEGORY_LIST_LIMIT).map((c) => (
          <label key={c} className="flex items-center gap-1.5">
            <input type="checkbox" checked={chosen.has(c)} onChange={(e) => toggle(c, e.target.checked)} className="h-3.5 w-3.5 accent-blue-600" />
            <span className="truncate font-mono" title={c}>
              {c}
            </span>
          </label>
        ))}
        {axis.categories.length > CATEGORY_LIST_LIMIT && <p className="text-slate-500">{axis.categories.length - CATEGORY_LIST_LIMIT} more: brush the axis to choose among them.</p>}
      </div>
    </fieldset>
  );
}
