'use client';

import { useState, type ReactNode } from 'react';
import { truncatedNotice } from './preview-kind';

/** Plain text in a <pre>, as React text (HTML, scripts and all, stays text). Lines wrap on request. */
export function TextBlock({ text, testId = 'text-preview' }: { text: string; testId?: string }) {
  const [wrap, setWrap] = useState(false);
  return (
    <div className="flex min-h-0 flex-col gap-1">
      <label className="flex items-center gap-1.5 self-end text-xs text-slate-600 dark:text-slate-400">
        <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} className="focus-visible:outline-2 focus-visible:outline-blue-500" />
        Wrap lines
      </label>
      <pre
        data-testid={testId}
        tabIndex={0}
        aria-label="File content"
        className={`max-h-[65vh] overflow-auto rounded border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-slate-800 dark:bg-slate-900 ${
          wrap ? 'whitespace-pre-wrap break-words' : 'whitespace-pre'
        }`}
      >
        {text}
      </pre>
    </div>
  );
}

export function TruncatedNote({ received, size }: { received: number; size: number }) {
  return (
    <p data-testid="artifact-truncated-note" role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
      {truncatedNotice(received, size)}
    </p>
  );
}

export function Hint({ children }: { children: ReactNode }) {
  return <p className="text-xs text-slate-500 dark:text-slate-400">{children}</p>;
}

/** Two or three ways to look at one file (Rendered / Source …), as toggle buttons. */
export function ViewSwitch<T extends string>({ views, value, onChange, label }: { views: { id: T; label: string }[]; value: T; onChange: (v: T) => void; label: string }) {
  return (
    <div role="group" aria-label={label} className="inline-flex self-start overflow-hidden rounded border border-slate-300 text-xs dark:border-slate-700">
      {views.map((v) => (
        <button
          key={v.id}
          type="button"
          aria-pressed={v.id === value}
          onClick={() => onChange(v.id)}
          className={`px-2 py-0.5 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500 ${
            v.id === value ? 'bg-slate-200 font-medium dark:bg-slate-700' : 'bg-white hover:bg-slate-50 dark:bg-slate-900 dark:hover:bg-slate-800'
          }`}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}
