import type { WireRun } from '@/lib/api/types';
import { formatNumber, keyValueMap, wireNumber } from '@/lib/format';

/** One row of the side-by-side table: a key and each run's value (undefined = not logged). */
export interface CompareRow {
  section: 'Params' | 'Metrics' | 'Tags';
  key: string;
  values: (string | undefined)[];
  /** True when the runs do not all hold the same value. */
  differs: boolean;
}

function rowsOf(section: CompareRow['section'], maps: Map<string, string>[]): CompareRow[] {
  const keys = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();
  return keys.map((key) => {
    const values = maps.map((m) => m.get(key));
    return { section, key, values, differs: new Set(values).size > 1 };
  });
}

/** Params, last metric values and user tags of the runs, as rows; `mlflow.*` tags are left out. */
export function compareRows(runs: WireRun[]): CompareRow[] {
  const metricMaps = runs.map(
    (r) => new Map((r.data.metrics ?? []).map((m) => [m.key, formatNumber(wireNumber(m.value))])),
  );
  const tagMaps = runs.map((r) => {
    const tags = keyValueMap(r.data.tags);
    for (const key of [...tags.keys()]) if (key.startsWith('mlflow.')) tags.delete(key);
    return tags;
  });
  return [
    ...rowsOf('Params', runs.map((r) => keyValueMap(r.data.params))),
    ...rowsOf('Metrics', metricMaps),
    ...rowsOf('Tags', tagMaps),
  ];
}
