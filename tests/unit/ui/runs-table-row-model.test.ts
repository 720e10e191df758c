import { describe, expect, it } from 'vitest';
import type { TableRun } from '@/lib/api-client';
import { CHILD_DISPLAY_CAP, flattenSubtree, RowIndex, type ChildrenState, type SubRow } from '@/components/runs-table/row-model';

function run(id: string, childCount = 0): TableRun {
  return {
    info: { run_id: id, run_name: id, experiment_id: '1', user_id: 'u', status: 'FINISHED', start_time: 1, artifact_uri: '', lifecycle_stage: 'active' },
    data: {},
    metric_ranges: {},
    child_run_count: childCount,
  };
}
const subRows = (ids: string[]): SubRow[] => ids.map((id) => ({ kind: 'run', run: run(id), depth: 1 }));
const ids = (index: RowIndex) =>
  Array.from({ length: index.count }, (_, v) => {
    const s = index.locate(v);
    return s.kind === 'top' ? `t${s.index}` : s.row.kind === 'run' ? s.row.run.info.run_id : s.row.kind;
  });

describe('runs table row model', () => {
  it('maps virtual rows straight to top-level rows without expansions', () => {
    const index = new RowIndex(100_000, []);
    expect(index.count).toBe(100_000);
    expect(index.locate(99_999)).toEqual({ kind: 'top', index: 99_999 });
  });

  it('inserts each expanded subtree right after its parent', () => {
    const index = new RowIndex(5, [
      { parentId: 'p3', topIndex: 3, rows: subRows(['c31']) },
      { parentId: 'p1', topIndex: 1, rows: subRows(['c11', 'c12']) },
    ]);
    expect(index.count).toBe(8);
    expect(ids(index)).toEqual(['t0', 't1', 'c11', 'c12', 't2', 't3', 'c31', 't4']);
  });

  it('ignores expansions whose parent is outside the rows or has nothing to show', () => {
    const index = new RowIndex(3, [
      { parentId: 'a', topIndex: 7, rows: subRows(['x']) },
      { parentId: 'b', topIndex: 0, rows: [] },
    ]);
    expect(ids(index)).toEqual(['t0', 't1', 't2']);
  });

  it('gives the top-level range behind a window of virtual rows (a subtree counts as its parent)', () => {
    const index = new RowIndex(1000, [{ parentId: 'p', topIndex: 10, rows: subRows(Array.from({ length: 50 }, (_, i) => `c${i}`)) }]);
    expect(index.topRange(12, 40)).toEqual([10, 10]);
    expect(index.topRange(5, 70)).toEqual([5, 70 - 50]);
  });

  it('shows placeholders while children load, then children with expanded grandchildren nested', () => {
    const parent = run('p', 2);
    const children = new Map<string, ChildrenState>();
    expect(flattenSubtree(parent, children, new Set(['p']))).toEqual([
      { kind: 'loading', depth: 1 },
      { kind: 'loading', depth: 1 },
    ]);
    children.set('p', { status: 'ready', runs: [run('c1', 1), run('c2')], truncated: false });
    children.set('c1', { status: 'ready', runs: [run('g1')], truncated: false });
    const rows = flattenSubtree(parent, children, new Set(['p', 'c1']));
    expect(rows.map((r) => (r.kind === 'run' ? `${r.run.info.run_id}@${r.depth}` : r.kind))).toEqual(['c1@1', 'g1@2', 'c2@1']);
  });

  it('adds a note when children are capped or none match, and survives a parent cycle', () => {
    const parent = run('p', 5000);
    const many = Array.from({ length: CHILD_DISPLAY_CAP }, (_, i) => run(`c${i}`));
    const capped = flattenSubtree(parent, new Map([['p', { status: 'ready', runs: many, truncated: true }]]), new Set());
    expect(capped).toHaveLength(CHILD_DISPLAY_CAP + 1);
    expect(capped.at(-1)).toMatchObject({ kind: 'note', text: expect.stringContaining('first 1,000 of 5,000') });

    const none = flattenSubtree(parent, new Map([['p', { status: 'ready', runs: [], truncated: false }]]), new Set());
    expect(none).toEqual([expect.objectContaining({ kind: 'note', text: 'No child runs.' })]);

    const loop = new Map<string, ChildrenState>([['p', { status: 'ready', runs: [run('p', 1)], truncated: false }]]);
    expect(flattenSubtree(run('p', 1), loop, new Set(['p']))).toHaveLength(1);
  });
});
