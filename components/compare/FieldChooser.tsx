'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Popover } from '@/components/runs-table/Popover';
import { fieldId, type FieldCatalog, type FieldKind } from './compare-fields';

const LIST_LIMIT = 100;
const check = 'h-3.5 w-3.5 shrink-0 accent-blue-600';

interface Props {
  catalog: FieldCatalog;
  chosen: readonly string[];
  max: number;
  onToggle: (id: string, on: boolean) => void;
}

/** The axes picker: params, metrics (last, min, max) and tags, with a search over keys. */
export function FieldChooser({ catalog, chosen, max, onToggle }: Props) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const anchor = useRef<HTMLSpanElement>(null);
  const on = new Set(chosen);
  const full = chosen.length >= max;
  const needle = search.trim().toLowerCase();
  const match = (keys: string[]) => (needle ? keys.filter((k) => k.toLowerCase().includes(needle)) : keys);

  const box = (kind: FieldKind, key: string, label: string, aria: string) => {
    const id = fieldId(kind, key);
    return (
      <label className="flex items-center gap-1" title={aria}>
        <input type="checkbox" className={check} checked={on.has(id)} disabled={!on.has(id) && full} onChange={(e) => onToggle(id, e.target.checked)} aria-label={aria} />
        {label}
      </label>
    );
  };

  const group = (title: string, keys: string[], kind: 'p' | 't') => {
    const shown = match(keys);
    return (
      <fieldset className="mb-2">
        <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {title} <span className="font-normal normal-case">({shown.length})</span>
        </legend>
        {shown.slice(0, LIST_LIMIT).map((k) => (
          <div key={k} className="truncate rounded px-1 py-0.5 font-mono hover:bg-slate-100 dark:hover:bg-slate-800">
            {box(kind, k, k, `${title === 'Params' ? 'Param' : 'Tag'} ${k}`)}
          </div>
        ))}
        {shown.length > LIST_LIMIT && <p className="text-xs text-slate-500">{shown.length - LIST_LIMIT} more: search to find them.</p>}
      </fieldset>
    );
  };
  const metrics = match(catalog.metrics);

  return (
    <>
      <span ref={anchor} className="inline-flex">
        <Button data-testid="pc-axes-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Axes
          <span className="rounded bg-slate-200 px-1 text-xs tabular-nums dark:bg-slate-700">{chosen.length}</span>
        </Button>
      </span>
      <Popover anchor={anchor} open={open} onClose={() => setOpen(false)} label="Choose axes" className="flex max-h-[70vh] w-96 flex-col">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search axes"
          placeholder="Search params, metrics, tags…"
          className="mb-2 w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        />
        {full && <p className="mb-1 text-xs text-amber-700 dark:text-amber-300">At most {max} axes: remove one to add another.</p>}
        <div className="min-h-0 flex-1 overflow-y-auto pr-1">
          {group('Params', catalog.params, 'p')}
          <fieldset className="mb-2">
            <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Metrics <span className="font-normal normal-case">({metrics.length}; last, min, max)</span>
            </legend>
            {metrics.slice(0, LIST_LIMIT).map((k) => (
              <div key={k} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800">
                <span className="min-w-0 flex-1 truncate font-mono" title={k}>
                  {box('m', k, k, `Metric ${k} (last)`)}
                </span>
                <span className="text-xs">{box('m.min', k, 'min', `Metric ${k} (min)`)}</span>
                <span className="text-xs">{box('m.max', k, 'max', `Metric ${k} (max)`)}</span>
              </div>
            ))}
            {metrics.length > LIST_LIMIT && <p className="text-xs text-slate-500">{metrics.length - LIST_LIMIT} more: search to find them.</p>}
          </fieldset>
          {group('Tags', catalog.tags, 't')}
        </div>
      </Popover>
    </>
  );
}
