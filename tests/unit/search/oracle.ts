/**
 * The expected answers of the search tests, computed in plain TypeScript (no SQL, no parser):
 * a sort key reads a value (undefined = missing, NaN = NaN) and MLflow's rules order it.
 */

export type SortValue = number | string | null | undefined;

export interface SortKey<T> {
  get(item: T): SortValue;
  descending?: boolean;
}

/** Real values in the key's direction, then NaN, then missing, in both directions. */
function rank(v: SortValue): number {
  if (v === undefined || v === null) return 2;
  return typeof v === 'number' && Number.isNaN(v) ? 1 : 0;
}

export function sortBy<T>(items: readonly T[], keys: readonly SortKey<T>[]): T[] {
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const va = key.get(a);
      const vb = key.get(b);
      const ra = rank(va);
      const rb = rank(vb);
      if (ra !== rb) return ra - rb;
      if (ra !== 0 || va === vb) continue;
      const cmp = (va as number | string) < (vb as number | string) ? -1 : 1;
      return key.descending ? -cmp : cmp;
    }
    return 0;
  });
}

/** SQL LIKE semantics (`%`, `_`) as a RegExp; `i` for ILIKE. */
export function like(value: string | undefined, pattern: string, ignoreCase = false): boolean {
  if (value === undefined) return false;
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}
