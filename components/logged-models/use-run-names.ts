'use client';

import { useEffect, useState } from 'react';
import { searchRunTable } from '@/lib/api-client';

export interface RunLabel {
  name: string;
  deleted: boolean;
}

const BATCH = 100;
const quote = (id: string) => `'${id.replace(/'/g, '')}'`;

/**
 * Names of runs by id (one runs-table query per 100 ids, deleted runs included), for links that
 * would otherwise show bare ids. Ids already known are not asked for again.
 */
export function useRunNames(experimentIds: string[], runIds: string[]): Map<string, RunLabel> {
  const [names, setNames] = useState<Map<string, RunLabel>>(new Map());
  const idsKey = [...new Set(runIds.filter(Boolean))].sort().join(',');
  const expKey = experimentIds.join(',');

  useEffect(() => {
    const wanted = idsKey ? idsKey.split(',') : [];
    const missing = wanted.filter((id) => !names.has(id));
    if (missing.length === 0 || !expKey) return;
    const controller = new AbortController();
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += BATCH) batches.push(missing.slice(i, i + BATCH));
    void Promise.all(
      batches.map((ids) =>
        searchRunTable(
          { experimentIds: expKey.split(','), filter: `attributes.run_id IN (${ids.map(quote).join(', ')})`, viewType: 'ALL' },
          { maxResults: ids.length },
          { signal: controller.signal },
        ).then((page) => page.runs, () => []), // ids stay usable as link text
      ),
    ).then((pages) => {
      if (controller.signal.aborted) return;
      setNames((prev) => {
        const next = new Map(prev);
        for (const run of pages.flat()) next.set(run.info.run_id, { name: run.info.run_name || run.info.run_id, deleted: run.info.lifecycle_stage === 'deleted' });
        // Unknown ids are remembered too, so they are not asked for on every render.
        for (const id of missing) if (!next.has(id)) next.set(id, { name: id, deleted: false });
        return next;
      });
    });
    return () => controller.abort();
    // `names` is read, not a trigger: only new ids start a query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [idsKey, expKey]);
  return names;
}
