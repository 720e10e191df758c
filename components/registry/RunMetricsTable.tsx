'use client';

import { useState } from 'react';
import type { WireRun } from '@/lib/api-client';
import { formatNumber, wireNumber } from '@/lib/format';
import { Button } from '@/components/ui/Button';
import { defaultDirection } from './metric-compare';

const SHOWN = 15;

/** A run's latest metric values by name, with the direction the comparison page would use; long lists fold. */
export function RunMetricsTable({ run }: { run: WireRun }) {
  const [all, setAll] = useState(false);
  const metrics = [...(run.data.metrics ?? [])].sort((a, b) => a.key.localeCompare(b.key));
  if (metrics.length === 0) return <p className="text-sm text-slate-500">The source run logged no metrics.</p>;
  const shown = all ? metrics : metrics.slice(0, SHOWN);
  return (
    <div>
      <table className="w-full max-w-2xl border-collapse text-sm" data-testid="run-metrics-table">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="py-1.5 pr-4 font-medium">Metric</th>
            <th className="py-1.5 pr-4 text-right font-medium">Latest value</th>
            <th className="py-1.5 pr-4 text-right font-medium">Step</th>
            <th className="py-1.5 font-medium">Better when</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => (
            <tr key={m.key} data-testid="run-metric-row" data-metric={m.key} className="border-b border-slate-100 dark:border-slate-900">
              <th scope="row" className="py-1 pr-4 text-left font-mono font-normal break-all">{m.key}</th>
              <td className="py-1 pr-4 text-right font-mono tabular-nums">{formatNumber(wireNumber(m.value))}</td>
              <td className="py-1 pr-4 text-right tabular-nums text-slate-500">{m.step}</td>
              <td className="py-1 text-xs text-slate-500">{defaultDirection(m.key).direction}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {metrics.length > SHOWN && (
        <Button variant="ghost" className="mt-1 text-xs" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${metrics.length} metrics`}
        </Button>
      )}
    </div>
  );
}
