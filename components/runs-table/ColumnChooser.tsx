'use client';

import { useMemo } from 'react';
import { Button } from '@/components/ui/Button';
import { ATTR_COLUMNS, dataColumnId, type DataColumn, type DataKind } from './columns';
import { KEY_LIST_LIMIT, KeyChooser, matchKeys } from './KeyChooser';

export interface RunKeys {
  params: string[];
  metrics: string[];
  tags: string[];
}

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
  const chosen = useMemo(() => new Set(columns.map(dataColumnId)), [columns]);
  const attrsOf = (needle: string) =>
    ATTR_COLUMNS.filter((c) => c.id !== 'name' && (multiExperiment || c.id !== 'experiment')).filter((c) => !needle || c.label.toLowerCase().includes(needle));

  return (
    <KeyChooser
      title="Columns"
      count={columns.length}
      testId="column-chooser-button"
      panelLabel="Choose columns"
      searchLabel="Search columns"
      align="end"
      width="w-80"
      footer={
        <div className="mt-2 flex justify-end border-t border-slate-200 pt-2 dark:border-slate-700">
          <Button variant="ghost" onClick={onReset}>
            Reset to defaults
          </Button>
        </div>
      }
    >
      {(needle, search) => {
        const attrs = attrsOf(needle);
        return (
          <>
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
                const matching = matchKeys(needle, all);
                if (needle && matching.length === 0) return null;
                return (
                  <fieldset key={g.kind} className="mb-2">
                    <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                      {g.label} <span className="font-normal normal-case">({matching.length})</span>
                    </legend>
                    {matching.length === 0 && <p className="text-xs text-slate-500">None logged.</p>}
                    {matching.slice(0, KEY_LIST_LIMIT).map((key) => (
                      <CheckRow key={key} label={key} checked={chosen.has(`${g.kind}:${key}`)} onChange={(on) => onToggleData(g.kind, key, on)} />
                    ))}
                    {matching.length > KEY_LIST_LIMIT && (
                      <p className="text-xs text-slate-500">{matching.length - KEY_LIST_LIMIT} more: type in the search box to find them.</p>
                    )}
                  </fieldset>
                );
              })}
            {needle && keys && attrs.length === 0 && GROUPS.every((g) => !keys[g.of].some((k) => k.toLowerCase().includes(needle))) && (
              <p className="text-xs text-slate-500">No column matches “{search}”.</p>
            )}
          </>
        );
      }}
    </KeyChooser>
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
