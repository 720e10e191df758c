'use client';

import { Fragment, useEffect, useMemo, useState } from 'react';
import { getRun, type WireRun } from '@/lib/api-client';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { compareRows } from './compare-rows';

/**
 * The compare entry point: the chosen runs side by side (params, last metric values, tags), with
 * an "only differences" switch. Every value is user text, rendered as text.
 */
export function ComparePage({ runIds }: { runIds: string[] }) {
  const [runs, setRuns] = useState<WireRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyDiffs, setOnlyDiffs] = useState(false);

  useEffect(() => {
    if (runIds.length === 0) return;
    Promise.all(runIds.map((id) => getRun(id)))
      .then(setRuns)
      .catch((e: Error) => setError(e.message));
  }, [runIds.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  const rows = useMemo(() => (runs ? compareRows(runs) : []), [runs]);
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows;

  if (runIds.length < 2) return <ErrorNote>Choose at least two runs to compare: select them in a runs table and press Compare.</ErrorNote>;
  if (error) return <ErrorNote>Could not load the runs: {error}</ErrorNote>;
  if (!runs) return <Loading label="Loading runs…" />;

  return (
    <section aria-labelledby="compare-heading">
      <div className="mb-3 flex items-center gap-4">
        <h1 id="compare-heading" className="text-xl font-semibold">Comparing {runs.length} runs</h1>
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} data-testid="only-differences" />
          Only differences
        </label>
      </div>
      <div className="overflow-x-auto">
        <table className="border-collapse text-sm" data-testid="compare-table">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="sticky left-0 bg-white py-2 pr-4 font-medium dark:bg-slate-950">Run</th>
              {runs.map((r) => (
                <th key={r.info.run_id} className="min-w-40 py-2 pr-4 font-medium">
                  <a href={`/experiments/${r.info.experiment_id}/runs/${r.info.run_id}`} className="text-blue-700 hover:underline dark:text-blue-300">
                    {r.info.run_name || r.info.run_id}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              <Fragment key={`${row.section}-${row.key}`}>
                {(i === 0 || shown[i - 1].section !== row.section) && (
                  <tr>
                    <th colSpan={runs.length + 1} className="pt-3 pb-1 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">{row.section}</th>
                  </tr>
                )}
                <tr className={`border-b border-slate-100 dark:border-slate-900 ${row.differs ? 'bg-amber-50 dark:bg-amber-950/30' : ''}`} data-testid="compare-row">
                  <th scope="row" className="sticky left-0 bg-inherit py-1 pr-4 text-left font-mono font-normal">{row.key}</th>
                  {row.values.map((v, j) => (
                    <td key={j} className="py-1 pr-4 font-mono">{v ?? <span className="text-slate-400">—</span>}</td>
                  ))}
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="mt-2 text-sm text-slate-500">The runs hold the same values everywhere.</p>}
      </div>
    </section>
  );
}
