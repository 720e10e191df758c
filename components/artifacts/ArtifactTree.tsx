'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatBytes } from '@/lib/format';
import { FOLDER_PAGE, treeKeyAction, type DirState, type TreeRow } from './tree-model';

interface Props {
  rows: TreeRow[];
  dirs: Record<string, DirState>;
  expanded: ReadonlySet<string>;
  selected: string | null;
  onActivate: (row: Extract<TreeRow, { kind: 'entry' }>) => void;
  onExpand: (path: string) => void;
  onCollapse: (path: string) => void;
  onShowMore: (dir: string) => void;
  onRetry: (dir: string) => void;
}

/**
 * The folder tree: one tab stop (roving tabindex), arrows move, Right/Left open and close,
 * Enter or Space opens a file's preview or toggles a folder. Names are React text.
 */
export function ArtifactTree({ rows, dirs, expanded, selected, onActivate, onExpand, onCollapse, onShowMore, onRetry }: Props) {
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  // Set by keyboard moves only: a click or a re-render must not pull focus into the tree.
  const moveFocus = useRef(false);

  // The tab stop: the focused row while it is on screen, else the selected one, else the first.
  const tabKey = rows.some((r) => r.key === focusKey) ? focusKey : rows.some((r) => r.key === selected) ? selected : (rows[0]?.key ?? null);

  useEffect(() => {
    if (!moveFocus.current || !tabKey) return;
    moveFocus.current = false;
    items.current.get(tabKey)?.focus();
  }, [tabKey]);

  const activate = (row: TreeRow) => {
    setFocusKey(row.key);
    if (row.kind === 'entry') onActivate(row);
    else if (row.kind === 'more') onShowMore(row.parent);
    else onRetry(row.parent);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const index = rows.findIndex((r) => r.key === tabKey);
    const action = treeKeyAction(rows, index, e.key, expanded);
    if (action.type === 'none') return;
    e.preventDefault();
    if (action.type === 'focus') {
      moveFocus.current = true;
      setFocusKey(action.key);
    } else if (action.type === 'expand') onExpand(action.path);
    else if (action.type === 'collapse') onCollapse(action.path);
    else activate(action.row);
  };

  return (
    <ul role="tree" aria-label="Artifacts" data-testid="artifact-tree" onKeyDown={onKeyDown} className="py-1 text-sm">
      {rows.map((row) => {
        const common = {
          ref: (el: HTMLLIElement | null) => {
            if (el) items.current.set(row.key, el);
            else items.current.delete(row.key);
          },
          role: 'treeitem' as const,
          tabIndex: row.key === tabKey ? 0 : -1,
          'aria-level': row.level,
          onClick: () => activate(row),
          onFocus: () => setFocusKey(row.key),
          style: { paddingLeft: `${(row.level - 1) * 1.1 + 0.4}rem` },
          className:
            'flex cursor-pointer items-center gap-1.5 rounded py-0.5 pr-2 hover:bg-slate-100 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-500 dark:hover:bg-slate-800',
        };
        if (row.kind === 'more') {
          return (
            <li key={row.key} {...common} aria-label={`Show ${Math.min(row.remaining, FOLDER_PAGE)} more of ${row.remaining} remaining entries`}>
              <span aria-hidden className="w-4" />
              <span className="text-blue-700 underline dark:text-blue-300">Show more ({row.remaining} remaining)</span>
            </li>
          );
        }
        if (row.kind === 'error') {
          return (
            <li key={row.key} {...common} aria-label={`Could not list this folder: ${row.message} Press Enter to retry.`}>
              <span aria-hidden className="w-4" />
              <span className="text-red-700 dark:text-red-300">
                {row.message} <span className="underline">Retry</span>
              </span>
            </li>
          );
        }
        const open = row.isDir && expanded.has(row.path);
        const loading = row.isDir && open && dirs[row.path]?.status === 'loading';
        const isSelected = row.path === selected;
        return (
          <li
            key={row.key}
            {...common}
            aria-label={row.name}
            aria-description={!row.isDir && row.size !== undefined ? formatBytes(row.size) : undefined}
            aria-expanded={row.isDir ? open : undefined}
            aria-selected={isSelected}
            aria-busy={loading || undefined}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            title={row.path}
            className={`${common.className} ${isSelected ? 'bg-blue-50 font-medium text-blue-900 hover:bg-blue-100 dark:bg-blue-950 dark:text-blue-100 dark:hover:bg-blue-900' : ''}`}
          >
            <span aria-hidden className="inline-block w-4 shrink-0 text-center text-xs text-slate-500">
              {row.isDir ? (open ? '▾' : '▸') : ''}
            </span>
            <EntryIcon dir={row.isDir} />
            <span className="min-w-0 flex-1 truncate">{row.name}</span>
            {loading && <span className="shrink-0 text-xs text-slate-500">loading…</span>}
            {!row.isDir && row.size !== undefined && <span className="shrink-0 text-xs tabular-nums text-slate-500">{formatBytes(row.size)}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function EntryIcon({ dir }: { dir: boolean }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className={`h-4 w-4 shrink-0 ${dir ? 'text-amber-500' : 'text-slate-400'}`} fill="currentColor">
      {dir ? (
        <path d="M1.5 3.5A1 1 0 0 1 2.5 2.5h3.6l1.5 1.5h5.9a1 1 0 0 1 1 1v7.5a1 1 0 0 1-1 1h-11a1 1 0 0 1-1-1z" />
      ) : (
        <path d="M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3" fillOpacity="0.9" />
      )}
    </svg>
  );
}
