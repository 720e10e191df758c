/**
 * The side-by-side table's rows: params, metrics (last value, with min/max) and user tags of the
 * compared runs. Within each section the rows whose values vary come first; each metric row knows
 * its best run(s). Pure, unit-tested.
 */
import { formatNumber } from '@/lib/format';
import { bestIndexes, lowerIsBetter } from './best-value';
import type { RunRecord } from './compare-fields';

export type Section = 'Params' | 'Metrics' | 'Tags';

/** One key and each run's value (undefined = not logged). */
export interface CompareRow {
  section: Section;
  key: string;
  values: (string | undefined)[];
  /** Metrics: each run's smallest and largest logged value (text), when known. */
  ranges?: ({ min: string; max: string } | undefined)[];
  /** True when the runs do not all hold the same value (a missing value counts as different). */
  differs: boolean;
  /** Metrics: indexes of the runs holding the best last value. */
  best: number[];
  lowerBetter?: boolean;
}

function allSame(values: readonly unknown[]): boolean {
  for (let i = 1; i < values.length; i += 1) {
    const a = values[i];
    const b = values[0];
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) return false;
  }
  return true;
}

function order(rows: CompareRow[]): CompareRow[] {
  return rows.sort((a, b) => Number(b.differs) - Number(a.differs) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function textRows(section: Section, maps: Map<string, string>[]): CompareRow[] {
  const keys = new Set<string>();
  for (const m of maps) for (const k of m.keys()) keys.add(k);
  return order(
    [...keys].map((key) => {
      const values = maps.map((m) => m.get(key));
      return { section, key, values, differs: !allSame(values), best: [] };
    }),
  );
}

function metricRows(records: readonly RunRecord[]): CompareRow[] {
  const keys = new Set<string>();
  for (const r of records) for (const k of r.metrics.keys()) keys.add(k);
  return order(
    [...keys].map((key) => {
      const raw = records.map((r) => r.metrics.get(key));
      const lasts = raw.map((m) => m?.last);
      const lowerBetter = lowerIsBetter(key);
      return {
        section: 'Metrics' as const,
        key,
        values: raw.map((m) => (m ? formatNumber(m.last) : undefined)),
        ranges: raw.map((m) => (m && m.min !== null && m.max !== null ? { min: formatNumber(m.min), max: formatNumber(m.max) } : undefined)),
        differs: !allSame(lasts),
        best: bestIndexes(lasts, lowerBetter),
        lowerBetter,
      };
    }),
  );
}

/** Params, then metrics, then tags; varying rows first in each. */
export function compareRows(records: readonly RunRecord[]): CompareRow[] {
  return [
    ...textRows('Params', records.map((r) => r.params)),
    ...metricRows(records),
    ...textRows('Tags', records.map((r) => r.tags)),
  ];
}

export function visibleRows(rows: readonly CompareRow[], onlyDifferences: boolean): CompareRow[] {
  return onlyDifferences ? rows.filter((r) => r.differs) : [...rows];
}
