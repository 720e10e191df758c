'use client';

import { useId } from 'react';
import type { ChartOptions, XAxisMode } from './chart-data';

const X_CHOICES: { id: XAxisMode; label: string }[] = [
  { id: 'step', label: 'Step' },
  { id: 'wall', label: 'Wall time' },
  { id: 'relative', label: 'Relative time' },
];

/** X axis, smoothing and log-scale controls shared by every chart of a page. */
export function ChartControls({ options, onChange }: { options: ChartOptions; onChange: (next: ChartOptions) => void }) {
  const id = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
      <fieldset className="flex items-center gap-1">
        <legend className="sr-only">X axis</legend>
        <span className="mr-1 text-slate-600 dark:text-slate-400" aria-hidden>
          X axis
        </span>
        {X_CHOICES.map((c) => (
          <label
            key={c.id}
            className={`cursor-pointer rounded border px-2 py-0.5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-500 ${
              options.xAxis === c.id
                ? 'border-blue-600 bg-blue-50 text-blue-800 dark:bg-blue-950 dark:text-blue-200'
                : 'border-slate-300 text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800'
            }`}
          >
            <input
              type="radio"
              name={`${id}-x`}
              value={c.id}
              checked={options.xAxis === c.id}
              onChange={() => onChange({ ...options, xAxis: c.id })}
              className="sr-only"
            />
            {c.label}
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-2">
        <label htmlFor={`${id}-smooth`} className="text-slate-600 dark:text-slate-400">
          Smoothing
        </label>
        <input
          id={`${id}-smooth`}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={options.smoothing}
          onChange={(e) => onChange({ ...options, smoothing: Number(e.target.value) })}
          className="w-32 accent-blue-600 focus-visible:outline-2 focus-visible:outline-blue-500"
        />
        <output htmlFor={`${id}-smooth`} className="w-8 font-mono text-xs tabular-nums">
          {options.smoothing.toFixed(2)}
        </output>
      </div>
      <label className="flex cursor-pointer items-center gap-1.5 text-slate-700 dark:text-slate-300">
        <input
          type="checkbox"
          checked={options.logY}
          onChange={(e) => onChange({ ...options, logY: e.target.checked })}
          className="h-4 w-4 accent-blue-600 focus-visible:outline-2 focus-visible:outline-blue-500"
        />
        Log scale (y)
      </label>
    </div>
  );
}
