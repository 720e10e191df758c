'use client';

import type { RunStatus } from '@/lib/api-client';
import { FilterBox } from '@/components/ui/FilterBox';
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

/** The filter DSL box and the quick filters (status, lifecycle, flat list). */
export function FilterBar({ filter, error, onSubmit, statuses, onStatuses, view, onView, flat, onFlat, flatForced }: Props) {
  const toggleStatus = (s: RunStatus) => onStatuses(statuses.includes(s) ? statuses.filter((x) => x !== s) : [...statuses, s]);

  return (
    <div className="flex flex-col gap-2">
      <FilterBox
        filter={filter}
        error={error}
        onSubmit={onSubmit}
        label="Filter runs"
        placeholder="metrics.acc > 0.8 and params.model = 'xgboost'   (Enter to search)"
        inputTestId="filter-input"
        errorTestId="filter-error"
        helpClassName="sr-only"
        help="MLflow search syntax, for example metrics.acc > 0.8 and params.model = 'xgboost'. Press Enter to search."
      />
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
