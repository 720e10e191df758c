'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/Button';

/** The logged-models filter box: applied with Enter or Search; the server's complaint shown under it. */
export function ModelsFilter({ filter, error, onSubmit }: { filter: string; error: string | null; onSubmit: (filter: string) => void }) {
  const [draft, setDraft] = useState(filter);
  // A committed filter from elsewhere (back/forward) replaces the draft; a rejected one does not.
  useEffect(() => setDraft(filter), [filter]);
  return (
    <div className="flex flex-col gap-1">
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
            data-testid="models-filter-input"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label="Filter logged models"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'models-filter-error' : 'models-filter-help'}
            placeholder="metrics.accuracy > 0.9 AND params.model = 'xgboost'   (Enter to search)"
            spellCheck={false}
            autoComplete="off"
            className={`w-full rounded border bg-white px-2.5 py-1.5 pr-8 font-mono text-sm focus-visible:outline-2 dark:bg-slate-950 ${
              error ? 'border-red-500 focus-visible:outline-red-500' : 'border-slate-300 focus-visible:outline-blue-500 dark:border-slate-700'
            }`}
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
        <p id="models-filter-error" data-testid="models-filter-error" role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : (
        <p id="models-filter-help" className="text-xs text-slate-500 dark:text-slate-400">
          Filter on <code>name</code>, <code>model_type</code>, <code>status</code>, <code>source_run_id</code>, <code>creation_time</code>, <code>metrics.*</code>,{' '}
          <code>params.*</code>, <code>tags.*</code>; join terms with AND.
        </p>
      )}
    </div>
  );
}
