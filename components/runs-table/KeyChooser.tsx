'use client';

import { useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/Button';
import { Popover } from './Popover';

/** Keys listed per group at most: an experiment can have thousands; the search narrows them. */
export const KEY_LIST_LIMIT = 100;

/** The keys containing the (lower-cased) search text; all of them for an empty search. */
export function matchKeys(needle: string, keys: readonly string[]): readonly string[] {
  return needle ? keys.filter((k) => k.toLowerCase().includes(needle)) : keys;
}

/**
 * A button with a count that opens a panel of checkboxes over params, metrics and tags, with a
 * search box above a scrolling list (the runs table's columns, the compare page's axes). The list
 * is drawn by `children` from the lower-cased search text.
 */
export function KeyChooser({
  title,
  count,
  testId,
  panelLabel,
  searchLabel,
  align,
  width,
  notice,
  footer,
  children,
}: {
  title: string;
  count: number;
  testId: string;
  panelLabel: string;
  searchLabel: string;
  align?: 'start' | 'end';
  /** Tailwind width class of the panel. */
  width: string;
  /** Shown between the search box and the list. */
  notice?: ReactNode;
  footer?: ReactNode;
  children: (needle: string, search: string) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const anchor = useRef<HTMLSpanElement>(null);
  return (
    <>
      <span ref={anchor} className="inline-flex">
        <Button data-testid={testId} aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {title}
          <span className="rounded bg-slate-200 px-1 text-xs tabular-nums dark:bg-slate-700">{count}</span>
        </Button>
      </span>
      <Popover anchor={anchor} open={open} onClose={() => setOpen(false)} label={panelLabel} align={align} className={`flex max-h-[70vh] ${width} flex-col`}>
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          aria-label={searchLabel}
          placeholder="Search params, metrics, tags…"
          className="mb-2 w-full rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950"
        />
        {notice}
        <div className="min-h-0 flex-1 overflow-y-auto pr-1">{children(search.trim().toLowerCase(), search)}</div>
        {footer}
      </Popover>
    </>
  );
}
