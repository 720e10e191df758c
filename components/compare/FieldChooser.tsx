'use client';

import { KEY_LIST_LIMIT, KeyChooser, matchKeys } from '@/components/runs-table/KeyChooser';
import { fieldId, type FieldCatalog, type FieldKind } from './compare-fields';

const check = 'h-3.5 w-3.5 shrink-0 accent-blue-600';

interface Props {
  catalog: FieldCatalog;
  chosen: readonly string[];
  max: number;
  onToggle: (id: string, on: boolean) => void;
}

/** The axes picker: params, metrics (last, min, max) and tags, with a search over keys. */
export function FieldChooser({ catalog, chosen, max, onToggle }: Props) {
  const on = new Set(chosen);
  const full = chosen.length >= max;

  const box = (kind: FieldKind, key: string, label: string, aria: string) => {
    const id = fieldId(kind, key);
    return (
      <label className="flex items-center gap-1" title={aria}>
        <input type="checkbox" className={check} checked={on.has(id)} disabled={!on.has(id) && full} onChange={(e) => onToggle(id, e.target.checked)} aria-label={aria} />
        {label}
      </label>
    );
  };

  const group = (needle: string, title: string, keys: string[], kind: 'p' | 't') => {
    const shown = matchKeys(needle, keys);
    return (
      <fieldset className="mb-2">
        <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {title} <span className="font-normal normal-case">({shown.length})</span>
        </legend>
        {shown.slice(0, KEY_LIST_LIMIT).map((k) => (
          <div key={k} className="truncate rounded px-1 py-0.5 font-mono hover:bg-slate-100 dark:hover:bg-slate-800">
            {box(kind, k, k, `${title === 'Params' ? 'Param' : 'Tag'} ${k}`)}
          </div>
        ))}
        {shown.length > KEY_LIST_LIMIT && <p className="text-xs text-slate-500">{shown.length - KEY_LIST_LIMIT} more: search to find them.</p>}
      </fieldset>
    );
  };
  return (
    <KeyChooser
      title="Axes"
      count={chosen.length}
      testId="pc-axes-button"
      panelLabel="Choose axes"
      searchLabel="Search axes"
      width="w-96"
      notice={full && <p className="mb-1 text-xs text-amber-700 dark:text-amber-300">At most {max} axes: remove one to add another.</p>}
    >
      {(needle) => {
        const metrics = matchKeys(needle, catalog.metrics);
        return (
          <>
            {group(needle, 'Params', catalog.params, 'p')}
            <fieldset className="mb-2">
              <legend className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                Metrics <span className="font-normal normal-case">({metrics.length}; last, min, max)</span>
              </legend>
              {metrics.slice(0, KEY_LIST_LIMIT).map((k) => (
                <div key={k} className="flex items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-100 dark:hover:bg-slate-800">
                  <span className="min-w-0 flex-1 truncate font-mono" title={k}>
                    {box('m', k, k, `Metric ${k} (last)`)}
                  </span>
                  <span className="text-xs">{box('m.min', k, 'min', `Metric ${k} (min)`)}</span>
                  <span className="text-xs">{box('m.max', k, 'max', `Metric ${k} (max)`)}</span>
                </div>
              ))}
              {metrics.length > KEY_LIST_LIMIT && <p className="text-xs text-slate-500">{metrics.length - KEY_LIST_LIMIT} more: search to find them.</p>}
            </fieldset>
            {group(needle, 'Tags', catalog.tags, 't')}
          </>
        );
      }}
    </KeyChooser>
  );
}
