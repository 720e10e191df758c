import { describe, expect, it } from 'vitest';
import { FOLDER_PAGE, parentOf, sortEntries, treeKeyAction, visibleRows, type DirState, type TreeRow } from '@/components/artifacts/tree-model';

const ready = (entries: { path: string; is_dir: boolean; file_size?: number }[]): DirState => ({ status: 'ready', entries: sortEntries(entries) });

const dirs: Record<string, DirState> = {
  '': ready([
    { path: 'notes.txt', is_dir: false, file_size: 5 },
    { path: 'model', is_dir: true },
    { path: 'data', is_dir: true },
  ]),
  data: ready([
    { path: 'data/epoch_10.csv', is_dir: false, file_size: 1 },
    { path: 'data/epoch_2.csv', is_dir: false, file_size: 1 },
  ]),
  model: { status: 'loading' },
};

const keys = (rows: TreeRow[]) => rows.map((r) => r.key);

describe('artifact tree rows', () => {
  it('puts folders first and sorts names numerically', () => {
    expect(keys(visibleRows(dirs, new Set()))).toEqual(['data', 'model', 'notes.txt']);
    expect(keys(visibleRows(dirs, new Set(['data'])))).toEqual(['data', 'data/epoch_2.csv', 'data/epoch_10.csv', 'model', 'notes.txt']);
  });

  it('gives levels, positions and names for assistive technology', () => {
    const rows = visibleRows(dirs, new Set(['data']));
    expect(rows[1]).toMatchObject({ kind: 'entry', name: 'epoch_2.csv', level: 2, posInSet: 1, setSize: 2, parent: 'data', size: 1 });
    expect(rows[4]).toMatchObject({ name: 'notes.txt', level: 1, posInSet: 3, setSize: 3 });
  });

  it('shows an error row under a folder that could not be listed, and pages very large folders', () => {
    const failed = { ...dirs, model: { status: 'error', message: 'boom' } as DirState };
    expect(visibleRows(failed, new Set(['model']))[2]).toMatchObject({ kind: 'error', parent: 'model', level: 2, message: 'boom' });

    const many = ready(Array.from({ length: FOLDER_PAGE + 7 }, (_, i) => ({ path: `f${i}`, is_dir: false })));
    const rows = visibleRows({ '': many }, new Set());
    expect(rows).toHaveLength(FOLDER_PAGE + 1);
    expect(rows[FOLDER_PAGE]).toMatchObject({ kind: 'more', remaining: 7 });
    expect(visibleRows({ '': many }, new Set(), { '': FOLDER_PAGE * 2 })).toHaveLength(FOLDER_PAGE + 7);
  });

  it('parent of a path', () => {
    expect(parentOf('a/b/c')).toBe('a/b');
    expect(parentOf('c')).toBe('');
  });
});

describe('artifact tree keys', () => {
  const open = new Set(['data']);
  const rows = visibleRows(dirs, open);
  const at = (key: string) => rows.findIndex((r) => r.key === key);

  it('moves with Up/Down/Home/End', () => {
    expect(treeKeyAction(rows, 0, 'ArrowDown', open)).toEqual({ type: 'focus', key: 'data/epoch_2.csv' });
    expect(treeKeyAction(rows, 0, 'ArrowUp', open)).toEqual({ type: 'none' });
    expect(treeKeyAction(rows, 2, 'Home', open)).toEqual({ type: 'focus', key: 'data' });
    expect(treeKeyAction(rows, 0, 'End', open)).toEqual({ type: 'focus', key: 'notes.txt' });
  });

  it('opens with Right, then goes to the first child; Left closes, then goes to the parent', () => {
    expect(treeKeyAction(rows, at('model'), 'ArrowRight', open)).toEqual({ type: 'expand', path: 'model' });
    expect(treeKeyAction(rows, at('data'), 'ArrowRight', open)).toEqual({ type: 'focus', key: 'data/epoch_2.csv' });
    expect(treeKeyAction(rows, at('data/epoch_10.csv'), 'ArrowLeft', open)).toEqual({ type: 'focus', key: 'data' });
    expect(treeKeyAction(rows, at('data'), 'ArrowLeft', open)).toEqual({ type: 'collapse', path: 'data' });
    expect(treeKeyAction(rows, at('notes.txt'), 'ArrowLeft', open)).toEqual({ type: 'none' });
  });

  it('activates with Enter or Space and ignores other keys', () => {
    expect(treeKeyAction(rows, at('notes.txt'), 'Enter', open)).toMatchObject({ type: 'activate', row: { path: 'notes.txt' } });
    expect(treeKeyAction(rows, at('data'), ' ', open)).toMatchObject({ type: 'activate', row: { path: 'data' } });
    expect(treeKeyAction(rows, 0, 'a', open)).toEqual({ type: 'none' });
  });
});
