'use client';

import { useMemo, useState } from 'react';
import type { WireMetric } from '@/lib/api-client';
import { formatNumber } from '@/lib/format';
import { Button } from '@/components/ui/Button';
import { compareMetrics, describeRule, formatRelativeDiff } from './metric-compare';

const WIN = 'bg-green-50 font-semibold text-green-900 dark:bg-green-950/60 dark:text-green-200';

/**
 * Latest metric values of both source runs, B − A, and which side is better under the rule named
 * in each row (lower for losses and errors, higher otherwise); "Flip" reverses one metric's rule.
 */
export function CompareMetrics({ a, b, labelA, labelB }: { a: WireMetric[] | undefined; b: WireMetric[] | undefined; labelA: string; labelB: string }) {
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => compareMetrics(a, b, flipped), [a, b, flipped]);
  const toggle = (key: string) =>
    setFlipped((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  if (rows.length === 0) return <p className="text-sm text-slate-500">Neither source run logged metrics.</p>;
  const wins = { a: rows.filter((r) => r.better === 'a').length, b: rows.filter((r) => r.better === 'b').length };

  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="metrics-score">
        <span className="font-medium">{labelA}</span> is better on {wins.a} metric{wins.a === 1 ? '' : 's'}, <span className="font-medium">{labelB}</span> on {wins.b}.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid="compare-metrics-table">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="py-1.5 pr-3 font-medium">Metric</th>
              <th className="py-1.5 pr-3 text-right font-medium">{labelA}</th>
              <th className="py-1.5 pr-3 text-right font-medium">{labelB}</th>
              <th className="py-1.5 pr-3 text-right font-medium">Δ ({labelB} − {labelA})</th>
              <th className="py-1.5 pr-3 font-medium">Better</th>
              <th className="py-1.5 font-medium">Rule</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="compare-metric-row" data-metric={r.key} data-better={r.better ?? 'none'} className="border-b border-slate-100 dark:border-slate-900">
                <th scope="row" className="py-1 pr-3 text-left font-mono font-normal break-all">{r.key}</th>
                <td className={`py-1 pr-3 text-right font-mono tabular-nums ${r.better === 'a' ? WIN : ''}`} data-testid="metric-a">
                  {r.a === null ? <span className="text-slate-400">—</span> : formatNumber(r.a)}
                </td>
                <td className={`py-1 pr-3 text-right font-mono tabular-nums ${r.better === 'b' ? WIN : ''}`} data-testid="metric-b">
                  {r.b === null ? <span className="text-slate-400">—</span> : formatNumber(r.b)}
                </td>
                <td className="py-1 pr-3 text-right font-mono tabular-nums whitespace-nowrap" data-testid="metric-diff">
                  {r.diff === null ? '' : `${r.diff > 0 ? '+' : ''}${formatNumber(r.diff)}`}
                  {r.relative !== null && <span className="ml-1 text-xs text-slate-500">({formatRelativeDiff(r.relative)})</span>}
                </td>
                <td className="py-1 pr-3 whitespace-nowrap" data-testid="metric-better">
                  {r.better === 'a' ? `▲ ${labelA}` : r.better === 'b' ? `▲ ${labelB}` : r.better === 'tie' ? 'same' : <span className="text-slate-400">—</span>}
                </td>
                <td className="py-1 text-xs text-slate-600 dark:text-slate-400">
                  <div className="flex items-center justify-between gap-2">
                    <span data-testid="metric-rule">{describeRule(r.rule)}</span>
                    <Button
                      variant="ghost"
                      className="shrink-0 !px-1.5 !py-0 text-xs"
                      aria-pressed={flipped.has(r.key)}
                      aria-label={`Flip the rule for ${r.key}: make ${r.rule.direction === 'lower' ? 'higher' : 'lower'} better`}
                      data-testid="metric-flip"
                      onClick={() => toggle(r.key)}
                    >
                      ⇅ Flip
                    </Button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
