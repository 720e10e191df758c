'use client';

import { FilterBox } from '@/components/ui/FilterBox';

/** The logged-models filter box: applied with Enter or Search; the server's complaint shown under it. */
export function ModelsFilter({ filter, error, onSubmit }: { filter: string; error: string | null; onSubmit: (filter: string) => void }) {
  return (
    <div className="flex flex-col gap-1">
      <FilterBox
        filter={filter}
        error={error}
        onSubmit={onSubmit}
        label="Filter logged models"
        placeholder="metrics.accuracy > 0.9 AND params.model = 'xgboost'   (Enter to search)"
        inputTestId="models-filter-input"
        errorTestId="models-filter-error"
        helpClassName="text-xs text-slate-500 dark:text-slate-400"
        help={
          <>
            Filter on <code>name</code>, <code>model_type</code>, <code>status</code>, <code>source_run_id</code>, <code>creation_time</code>, <code>metrics.*</code>,{' '}
            <code>params.*</code>, <code>tags.*</code>; join terms with AND.
          </>
        }
      />
    </div>
  );
}
