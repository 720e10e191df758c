'use client';

import { useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ATTR_COLUMNS, dataColumnId, type DataColumn, type DataKind } from './columns';
import { Popover } from './Popover';

export interface RunKeys {
  params: string[];
  metrics: string[];
  tags: string[];
}

/** Keys listed per group at most: an experiment can have thousands; the search narrows them. */
const LIST_LIMIT = 100;

const GROUPS: { kind: DataKind; label: string; of: keyof RunKeys }[] = [
  { kind: 'p', label: 'Params', of: 'params' },
  { kind: 'm', label: 'Metrics', of: 'metrics' },
  { kind: 't', label: 'Tags', of: 'tags' },
];

interface Props {
  keys: RunKeys | null;
  keysError: string | null;
  columns: readonly DataColumn[];
  hidden: readonly string[];
  multiExperiment: boolean;
  onToggleData: (kind: DataKind, key: string, on: boolean) => void;
  onToggleAttr: (id: string, on: boolean) => void;
  onReset: () => void;
}

/** The column chooser: attribute columns, then params, metrics and tags, with a search over keys. */
export function ColumnChooser({ keys, keysError, columns, hidden, multiExperiment, onToggleData, onToggleAttr, onReset }: Props) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const anchor = useRef<HTMLSpanElement>(null);
  const chosen = useMemo(() => new Set(columns.map(dataColumnId)), [columns]);
  const needle = search.trim().toLowerCase();
  const attrs = ATTR_COLUMNS.filter((c) => c.id !== 'name' && (multiExperiment || c.id !== 'experiment')).filter(
    (c) => !needle || c.label.toLowerCase().includes(needle),
  );

  return (
    <>
      <span ref={anchor} className="inline-flex">
        <Button data-testid="column-chooser-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          Columns
          <span className="rounded bg-slate-200 px-1 text-xs tabular-nums dark:bg-slate-700">{columns.length}</span>
        </Button>
      </span>
      <Popover anchor={anchor} open={open} onClose={() => setOpen(false)} label="Choose columns" align="end" className="flex max-h-[70vh] w-80 flex-col">
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label="Search columns"
          placeholder="Search params, metrics, tags…"
          className="mb-2 w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        />
        <div className="min-h-0 flex-1 overflow-y-auto pr-1">
          {attrs.length > 0 && (
            <fieldset className="mb-2">
              <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Attributes</legend>
              {attrs.map((c) => (
                <CheckRow key={c.id} label={c.label} checked={!hidden.includes(c.id)} onChange={(on) => onToggleAttr(c.id, on)} />
              ))}
            </fieldset>
          )}
          {keysError && <p role="alert" className="text-xs text-red-700 dark:text-red-300">Could not load the column keys: {keysError}</p>}
          {!keys && !keysError && <p className="text-xs text-slate-500">Loading keys…</p>}
          {keys &&
            GROUPS.map((g) => {
              const all = keys[g.of];
              const matching = needle ? all.filter((k) => k.toLowerCase().includes(needle)) : all;
              if (needle && matching.length === 0) return null;
              return (
                <fieldset key={g.kind} className="mb-2">
                  <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                    {g.label} <span className="font-normal normal-case">({matching.length})</span>
                  </legend>
                  {matching.length === 0 && <p className="text-xs text-slate-500">None logged.</p>}
                  {matching.slice(0, LIST_LIMIT).map((key) => (
                    <CheckRow key={key} label={key} checked={chosen.has(`${g.kind}:${key}`)} onChange={(on) => onToggleData(g.kind, key, on)} />
                  ))}
                  {matching.length > LIST_LIMIT && (
                    <p className="text-xs text-slate-500">{matching.length - LIST_LIMIT} more: type in the search box to find them.</p>
                  )}
                </fieldset>
              );
            })}
          {needle && keys && attrs.length === 0 && GROUPS.every((g) => !keys[g.of].some((k) => k.toLowerCase().includes(needle))) && (
            <p className="text-xs text-slate-500">No column matches “{search}”.</p>
          )}
        </div>
        <div className="mt-2 flex justify-end border-t border-slate-200 pt-2 dark:border-slate-700">
          <Button variant="ghost" onClick={onReset}>
            Reset to defaults
          </Button>
        </div>
      </Popover>
    </>
  );
}

function CheckRow({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-3.5 w-3.5 shrink-0 accent-blue-600" />
      <span className="truncate" title={label}>
        {label}
      </span>
    </label>
  );
}
