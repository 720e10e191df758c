'use client';

import { useState } from 'react';

const MAX_CHILDREN = 500;

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function ScalarJson({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="break-all text-green-800 dark:text-green-300">{JSON.stringify(value)}</span>;
  return <span className="text-blue-800 dark:text-blue-300">{String(value)}</span>;
}

/**
 * A parsed JSON document as a collapsible tree: objects and lists open and close with a button
 * (children are only rendered while open, so a large file stays light). All values are React text.
 */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <div data-testid="json-preview" className="max-h-[65vh] overflow-auto rounded border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-900">
      <JsonNode name={null} value={value} depth={0} />
    </div>
  );
}

function JsonNode({ name, value, depth }: { name: string | null; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < 2);
  const label = name === null ? null : <span className="text-slate-700 dark:text-slate-300">{JSON.stringify(name)}: </span>;
  if (!isContainer(value)) {
    return (
      <div>
        {label}
        <ScalarJson value={value} />
      </div>
    );
  }
  const list = Array.isArray(value);
  const entries: [string, unknown][] = list ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [start, end] = list ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div>
        {label}
        {start}
        {end}
      </div>
    );
  }
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded text-left hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-800"
      >
        <span aria-hidden className="inline-block w-3 text-slate-500">{open ? '▾' : '▸'}</span>
        {label}
        {start}
        {!open && <span className="text-slate-500"> {entries.length} {list ? 'items' : 'keys'} {end}</span>}
      </button>
      {open && (
        <div className="ml-1.5 border-l border-slate-200 pl-3 dark:border-slate-700">
          {entries.slice(0, MAX_CHILDREN).map(([k, v]) => (
            <JsonNode key={k} name={list ? null : k} value={v} depth={depth + 1} />
          ))}
          {entries.length > MAX_CHILDREN && <div className="text-slate-500">… {entries.length - MAX_CHILDREN} more</div>}
        </div>
      )}
      {open && <div>{end}</div>}
    </div>
  );
}
