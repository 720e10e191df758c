/**
 * The virtual row model: the server's top-level rows 0..total-1 with each expanded parent's
 * subtree inserted right after it. Maps a virtual row index to "top-level row i" or "row j of
 * the subtree under parent P" without materialising the list, so 100,000 rows cost nothing.
 * Pure, unit-tested.
 */
import type { TableRun } from '@/lib/api-client';
import { formatCount } from '@/lib/format';

export type ChildrenState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; runs: TableRun[]; truncated: boolean };

/** One row inside an expanded subtree. */
export type SubRow =
  | { kind: 'run'; run: TableRun; depth: number }
  | { kind: 'loading'; depth: number }
  | { kind: 'note'; depth: number; text: string; tone: 'info' | 'error' };

export interface PlacedExpansion {
  parentId: string;
  /** The parent's top-level row index. */
  topIndex: number;
  rows: SubRow[];
}

export type Slot = { kind: 'top'; index: number } | { kind: 'sub'; row: SubRow; parentId: string };

/** Children shown under one parent at most; the note row says how to see the rest. */
export const CHILD_DISPLAY_CAP = 1000;

/**
 * The rows under `parent`: its children (placeholders while they load), each expanded child's own
 * subtree after it, and a note when there are none or more than the cap.
 */
export function flattenSubtree(
  parent: TableRun,
  children: ReadonlyMap<string, ChildrenState>,
  expanded: ReadonlySet<string>,
  depth = 1,
  path: ReadonlySet<string> = new Set([parent.info.run_id]),
): SubRow[] {
  const state = children.get(parent.info.run_id) ?? { status: 'loading' };
  if (state.status === 'loading') {
    const n = Math.min(Math.max(parent.child_run_count, 1), CHILD_DISPLAY_CAP);
    return Array.from({ length: n }, () => ({ kind: 'loading' as const, depth }));
  }
  if (state.status === 'error') {
    return [{ kind: 'note', depth, tone: 'error', text: `Could not load the child runs: ${state.message}` }];
  }
  const out: SubRow[] = [];
  for (const run of state.runs) {
    out.push({ kind: 'run', run, depth });
    const id = run.info.run_id;
    // `path` guards against parent tags that form a cycle.
    if (expanded.has(id) && run.child_run_count > 0 && !path.has(id)) {
      out.push(...flattenSubtree(run, children, expanded, depth + 1, new Set([...path, id])));
    }
  }
  if (state.runs.length === 0) out.push({ kind: 'note', depth, tone: 'info', text: 'No child runs.' });
  if (state.truncated) {
    const of = parent.child_run_count > state.runs.length ? ` of ${formatCount(parent.child_run_count)}` : '';
    out.push({
      kind: 'note',
      depth,
      tone: 'info',
      text: `Showing the first ${formatCount(state.runs.length)}${of} child runs. Switch to the flat list to see them all.`,
    });
  }
  return out;
}

export class RowIndex {
  private readonly expansions: PlacedExpansion[];
  /** starts[k]: virtual index of expansion k's first sub row. */
  private readonly starts: number[] = [];
  /** through[k]: sub rows inserted by expansions 0..k. */
  private readonly through: number[] = [];
  private readonly parentTop = new Map<string, number>();
  readonly count: number;

  constructor(
    readonly total: number,
    expansions: readonly PlacedExpansion[],
  ) {
    const byTop = new Map<number, PlacedExpansion>();
    for (const e of expansions) {
      if (e.topIndex >= 0 && e.topIndex < total && e.rows.length > 0 && !byTop.has(e.topIndex)) byTop.set(e.topIndex, e);
    }
    this.expansions = [...byTop.values()].sort((a, b) => a.topIndex - b.topIndex);
    let inserted = 0;
    for (const e of this.expansions) {
      this.starts.push(e.topIndex + 1 + inserted);
      inserted += e.rows.length;
      this.through.push(inserted);
      this.parentTop.set(e.parentId, e.topIndex);
    }
    this.count = total + inserted;
  }

  /** What sits at virtual row `v` (0 ≤ v < count); sub rows name their top-level parent. */
  locate(v: number): Slot {
    // Binary search: the last expansion whose first sub row is at or before v.
    let lo = 0;
    let hi = this.expansions.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= v) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return { kind: 'top', index: v };
    const e = this.expansions[k];
    const within = v - this.starts[k];
    if (within < e.rows.length) return { kind: 'sub', row: e.rows[within], parentId: e.parentId };
    return { kind: 'top', index: v - this.through[k] };
  }

  /** Top-level rows that virtual rows first..last cover (for fetching their pages). */
  topRange(first: number, last: number): [number, number] {
    const top = (v: number): number => {
      const slot = this.locate(Math.min(Math.max(v, 0), Math.max(this.count - 1, 0)));
      return slot.kind === 'top' ? slot.index : (this.parentTop.get(slot.parentId) ?? 0);
    };
    return [top(first), top(last)];
  }
}
