'use client';

import type { WireDatasetInput } from '@/lib/api-client';
import { compareDatasets, type DatasetRow } from './metric-compare';

function DatasetList({ label, rows, testId }: { label: string; rows: DatasetRow[]; testId: string }) {
  return (
    <div data-testid={testId} className="min-w-0">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{label}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No dataset inputs logged.</p>
      ) : (
        <ul className="space-y-1.5 text-sm">
          {rows.map((d, i) => (
            <li key={`${d.name}-${d.digest}-${i}`} data-testid="dataset-item" data-dataset={d.name} data-shared={d.shared ? 'true' : 'false'} className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
              <span className="font-medium break-all">{d.name}</span>
              <span className="font-mono text-xs text-slate-500" title="Digest">{d.digest}</span>
              {d.context && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs dark:bg-slate-800">{d.context}</span>}
              <span className={`text-xs ${d.shared ? 'text-slate-500' : 'font-medium text-amber-700 dark:text-amber-300'}`}>
                {d.shared ? 'same in both' : 'only here'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The dataset inputs of each source run, side by side; inputs the other run lacks are marked. */
export function CompareDatasets({ a, b, labelA, labelB }: { a: WireDatasetInput[] | undefined; b: WireDatasetInput[] | undefined; labelA: string; labelB: string }) {
  const rows = compareDatasets(a, b);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <DatasetList label={labelA} rows={rows.a} testId="datasets-a" />
      <DatasetList label={labelB} rows={rows.b} testId="datasets-b" />
    </div>
  );
}
