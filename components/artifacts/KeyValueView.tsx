'use client';

import { scalarText } from './mlmodel';

/** Entries shown per mapping or list, and levels shown, so a huge document cannot flood the page. */
const MAX_ENTRIES = 200;
const MAX_DEPTH = 12;

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function Scalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="italic text-slate-400">null</span>;
  const text = scalarText(value);
  if (typeof value === 'string') return text === '' ? <span className="italic text-slate-400">(empty)</span> : <span className="whitespace-pre-wrap break-words">{text}</span>;
  return <span className="font-mono text-blue-800 dark:text-blue-300">{text}</span>;
}

/**
 * A parsed YAML/JSON document as nested key/value rows. Keys and values are React text; nothing of
 * the document becomes markup or a link.
 */
export function KeyValueView({ value, depth = 0 }: { value: unknown; depth?: number }) {
  if (!isContainer(value)) return <Scalar value={value} />;
  if (depth >= MAX_DEPTH) return <span className="text-slate-500">{Array.isArray(value) ? `[${value.length} items]` : '{…}'}</span>;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [`${i}`, v]) : Object.entries(value);
  if (entries.length === 0) return <span className="text-slate-500">{Array.isArray(value) ? '[]' : '{}'}</span>;
  const shown = entries.slice(0, MAX_ENTRIES);
  const list = Array.isArray(value);
  return (
    <dl className={`grid grid-cols-[minmax(6rem,max-content)_1fr] gap-x-3 gap-y-0.5 text-sm ${depth ? 'border-l border-slate-200 pl-3 dark:border-slate-700' : ''}`}>
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className={`break-all font-medium ${list ? 'text-slate-400' : 'text-slate-600 dark:text-slate-300'}`}>{list ? `[${k}]` : k}</dt>
          <dd className="min-w-0">
            <KeyValueView value={v} depth={depth + 1} />
          </dd>
        </div>
      ))}
      {entries.length > shown.length && (
        <div className="col-span-2 text-xs text-slate-500">… {entries.length - shown.length} more not shown</div>
      )}
    </dl>
  );
}
