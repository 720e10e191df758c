'use client';

import { useEffect, useId, useState, type ReactNode } from 'react';
import { Button } from './Button';

interface Props {
  /** The committed filter; a new one from elsewhere (reload, back) replaces the draft. */
  filter: string;
  /** The server's complaint about the last filter, shown under the box (the draft is kept). */
  error: string | null;
  onSubmit: (filter: string) => void;
  label: string;
  placeholder: string;
  /** Syntax help under the box while there is no error. */
  help: ReactNode;
  helpClassName: string;
  inputTestId: string;
  errorTestId: string;
}

/** A box for the MLflow filter language: applied with Enter or Search, cleared with ×. */
export function FilterBox({ filter, error, onSubmit, label, placeholder, help, helpClassName, inputTestId, errorTestId }: Props) {
  const id = useId();
  const [draft, setDraft] = useState(filter);
  // A committed filter from elsewhere replaces the draft; a rejected one does not.
  useEffect(() => setDraft(filter), [filter]);
  return (
    <>
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
            data-testid={inputTestId}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label={label}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-help`}
            placeholder={placeholder}
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
        <p id={`${id}-error`} data-testid={errorTestId} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : (
        <p id={`${id}-help`} className={helpClassName}>
          {help}
        </p>
      )}
    </>
  );
}
