'use client';

import { useMemo, useState } from 'react';
import type { WireKeyValue } from '@/lib/api-client';
import { compareParams } from './metric-compare';

const Missing = () => <span className="text-slate-400">—</span>;

/** Params of both source runs; by default only the ones that differ. Values are user text. */
export function CompareParams({ a, b, labelA, labelB }: { a: WireKeyValue[] | undefined; b: WireKeyValue[] | undefined; labelA: string; labelB: string }) {
  const [onlyDiffs, setOnlyDiffs] = useState(true);
  const rows = useMemo(() => compareParams(a, b), [a, b]);
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows;
  const differing = rows.filter((r) => r.differs).length;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} data-testid="params-only-differences" />
          Only differences
        </label>
        <span className="text-slate-500" data-testid="params-summary">{differing} of {rows.length} params differ</span>
      </div>
      {shown.length === 0 ? (
        <p className="text-sm text-slate-500">{rows.length === 0 ? 'Neither source run logged params.' : 'Both runs used the same params.'}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="compare-params-table">
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                <th className="py-1.5 pr-3 font-medium">Param</th>
                <th className="py-1.5 pr-3 font-medium">{labelA}</th>
                <th className="py-1.5 font-medium">{labelB}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.key} data-testid="compare-param-row" data-param={r.key} data-differs={r.differs ? 'true' : 'false'} className={`border-b border-slate-100 dark:border-slate-900 ${r.differs ? 'bg-amber-50 dark:bg-amber-950/30' : ''}`}>
                  <th scope="row" className="py-1 pr-3 text-left font-mono font-normal break-all">{r.key}</th>
                  <td className="max-w-[24rem] py-1 pr-3 font-mono break-all" data-testid="param-a">{r.a ?? <Missing />}</td>
                  <td className="max-w-[24rem] py-1 font-mono break-all" data-testid="param-b">{r.b ?? <Missing />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
