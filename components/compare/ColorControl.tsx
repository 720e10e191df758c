'use client';

import { useId } from 'react';
import { formatNumber } from '@/lib/format';
import { rampGradient, type ColorScale } from './color-scale';
import { fieldLongLabel, type Field } from './compare-fields';

/** "Colour by" picker over the numeric fields, with the scale's legend (low → high). */
export function ColorControl({ fields, value, scale, onChange }: { fields: readonly Field[]; value: string | null; scale: ColorScale | null; onChange: (id: string | null) => void }) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="text-slate-600 dark:text-slate-400">
        Colour by
      </label>
      <select
        id={id}
        data-testid="color-by"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value || null)}
        className="max-w-56 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <option value="">None</option>
        {fields.map((f) => (
          <option key={f.id} value={f.id}>
            {fieldLongLabel(f)}
          </option>
        ))}
      </select>
      {scale && (
        <span className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400" data-testid="color-legend">
          <span className="font-mono tabular-nums">{formatNumber(scale.min)}</span>
          <span aria-hidden className="inline-block h-2.5 w-28 rounded-sm" style={{ background: rampGradient() }} />
          <span className="font-mono tabular-nums">{formatNumber(scale.max)}</span>
          <span className="sr-only">Colours run from dark purple (lowest) to yellow (highest); grey lines have no value.</span>
        </span>
      )}
    </div>
  );
}
