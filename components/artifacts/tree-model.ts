/**
 * The artifact tree as the rows on screen: folders are listed lazily, so the model is a map of
 * loaded folders plus the set of open ones, flattened into visible rows (an ARIA tree with
 * aria-level/aria-posinset instead of nested groups). Keyboard moves are computed here. Pure.
 */
import type { WireFileInfo } from '@/lib/api-client';
import { baseName } from './preview-kind';

export type DirState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; entries: WireFileInfo[] };

/** Entries rendered per folder before a "Show more" row: a folder of 50,000 files stays usable. */
export const FOLDER_PAGE = 500;

export type TreeRow =
  | { kind: 'entry'; key: string; path: string; name: string; isDir: boolean; size?: number; level: number; posInSet: number; setSize: number; parent: string }
  | { kind: 'more'; key: string; parent: string; level: number; remaining: number }
  | { kind: 'error'; key: string; parent: string; level: number; message: string };

/** Folders first, then files; names compared as a person would (`epoch_2` before `epoch_10`). */
export function sortEntries(entries: WireFileInfo[]): WireFileInfo[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return [...entries].sort((a, b) => (a.is_dir === b.is_dir ? collator.compare(baseName(a.path), baseName(b.path)) : a.is_dir ? -1 : 1));
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function visibleRows(dirs: Record<string, DirState | undefined>, expanded: ReadonlySet<string>, limits: Record<string, number> = {}): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (dir: string, level: number) => {
    const state = dirs[dir];
    if (!state || state.status === 'loading') return;
    if (state.status === 'error') {
      rows.push({ kind: 'error', key: `${dir}\u0000error`, parent: dir, level, message: state.message });
      return;
    }
    const limit = limits[dir] ?? FOLDER_PAGE;
    const shown = state.entries.slice(0, limit);
    shown.forEach((e, i) => {
      rows.push({
        kind: 'entry',
        key: e.path,
        path: e.path,
        name: baseName(e.path),
        isDir: e.is_dir,
        size: e.file_size,
        level,
        posInSet: i + 1,
        setSize: state.entries.length,
        parent: dir,
      });
      if (e.is_dir && expanded.has(e.path)) walk(e.path, level + 1);
    });
    if (state.entries.length > shown.length) {
      rows.push({ kind: 'more', key: `${dir}\u0000more`, parent: dir, level, remaining: state.entries.length - shown.length });
    }
  };
  walk('', 1);
  return rows;
}

export type TreeAction =
  | { type: 'focus'; key: string }
  | { type: 'expand'; path: string }
  | { type: 'collapse'; path: string }
  | { type: 'activate'; row: TreeRow }
  | { type: 'none' };

/** What a key press on the focused row does (WAI-ARIA tree pattern). */
export function treeKeyAction(rows: TreeRow[], index: number, key: string, expanded: ReadonlySet<string>): TreeAction {
  const row = rows[index];
  if (!row) return { type: 'none' };
  switch (key) {
    case 'ArrowDown':
      return index + 1 < rows.length ? { type: 'focus', key: rows[index + 1].key } : { type: 'none' };
    case 'ArrowUp':
      return index > 0 ? { type: 'focus', key: rows[index - 1].key } : { type: 'none' };
    case 'Home':
      return rows.length ? { type: 'focus', key: rows[0].key } : { type: 'none' };
    case 'End':
      return rows.length ? { type: 'focus', key: rows[rows.length - 1].key } : { type: 'none' };
    case 'ArrowRight':
      if (row.kind !== 'entry' || !row.isDir) return { type: 'none' };
      if (!expanded.has(row.path)) return { type: 'expand', path: row.path };
      // Open folder: go to its first child, if it has any on screen.
      return rows[index + 1] && rows[index + 1].level > row.level ? { type: 'focus', key: rows[index + 1].key } : { type: 'none' };
    case 'ArrowLeft':
      if (row.kind === 'entry' && row.isDir && expanded.has(row.path)) return { type: 'collapse', path: row.path };
      return row.parent ? { type: 'focus', key: row.parent } : { type: 'none' };
    case 'Enter':
    case ' ':
      return { type: 'activate', row };
    default:
      return { type: 'none' };
  }
}
