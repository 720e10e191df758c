'use client';

import { useEffect, useState } from 'react';
import type { RunStatus } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { RUN_STATUSES } from './url-state';

const chip =
  'rounded-full border px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-500';
const chipOn = 'border-blue-600 bg-blue-600 text-white dark:border-blue-500 dark:bg-blue-600';
const chipOff = 'border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800';

interface Props {
  filter: string;
  error: string | null;
  onSubmit: (filter: string) => void;
  statuses: readonly RunStatus[];
  onStatuses: (statuses: RunStatus[]) => void;
  view: 'active' | 'deleted';
  onView: (view: 'active' | 'deleted') => void;
  flat: boolean;
  onFlat: (flat: boolean) => void;
  /** The deleted view lists runs flat: a deleted child's parent may be active. */
  flatForced: boolean;
}

/** The filter DSL box (applied with Enter; the server's complaint shown under it) and quick filters. */
export function FilterBar({ filter, error, onSubmit, statuses, onStatuses, view, onView, flat, onFlat, flatForced }: Props) {
  const [draft, setDraft] = useState(filter);
  // A committed filter from elsewhere (reload, back) replaces the draft; a rejected one does not.
  useEffect(() => setDraft(filter), [filter]);

  const toggleStatus = (s: RunStatus) => onStatuses(statuses.includes(s) ? statuses.filter((x) => x !== s) : [...statuses, s]);

  return (
    <div className="flex flex-col gap-2">
      <form
        role="search"
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(draft);
        }}
      >
        <div className="relative min-w-0 flex-1">
          <input
            data-testid="filter-input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label="Filter runs"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'runs-filter-error' : 'runs-filter-help'}
            placeholder="metrics.acc > 0.8 and params.model = 'xgboost'   (Enter to search)"
            spellCheck={false}
            autoComplete="off"
            className={`w-full rounded border bg-white px-2.5 py-1.5 pr-8 font-mono text-sm dark:bg-slate-950 ${
              error ? 'border-red-500 focus-visible:outline-red-500' : 'border-slate-300 dark:border-slate-700'
            } focus-visible:outline-2 focus-visible:outline-blue-500`}
          />
          {draft && (
            <button
              type="button"
              aria-label="Clear the filter"
              onClick={() => {
                setDraft('');
                if (filter) onSubmit('');
              }}
              className="absolute right-1.5 top-1/2 -translate-y-1/2 rounded px-1 text-slate-500 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-800"
            >
              ×
            </button>
          )}
        </div>
        <Button type="submit" variant="primary">
          Search
        </Button>
      </form>
      {error ? (
        <p id="runs-filter-error" data-testid="filter-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : (
        <p id="runs-filter-help" className="sr-only">
          MLflow search syntax, for example metrics.acc &gt; 0.8 and params.model = &apos;xgboost&apos;. Press Enter to search.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1.5">
        <div role="group" aria-label="Status" className="flex flex-wrap items-center gap-1">
          <span className="mr-1 text-xs text-slate-500">Status</span>
          {RUN_STATUSES.map((s) => (
            <button key={s} type="button" aria-pressed={statuses.includes(s)} onClick={() => toggleStatus(s)} className={`${chip} ${statuses.includes(s) ? chipOn : chipOff}`}>
              {s.charAt(0) + s.slice(1).toLowerCase()}
            </button>
          ))}
        </div>
        <div role="group" aria-label="Lifecycle" className="flex items-center gap-1">
          <span className="mr-1 text-xs text-slate-500">Lifecycle</span>
          {(['active', 'deleted'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => onView(v)} className={`${chip} ${view === v ? chipOn : chipOff}`}>
              {v === 'active' ? 'Active' : 'Deleted'}
            </button>
          ))}
        </div>
        <label className="flex items-center gap-1.5 text-xs text-slate-700 dark:text-slate-300" title={flatForced ? 'Deleted runs are always listed flat' : 'Show child runs as rows of their own instead of under their parents'}>
          <input type="checkbox" checked={flat || flatForced} disabled={flatForced} onChange={(e) => onFlat(e.target.checked)} className="h-3.5 w-3.5 accent-blue-600" />
          Flat list
        </label>
      </div>
    </div>
  );
}
