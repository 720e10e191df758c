'use client';

import { useId, useMemo } from 'react';
import type { WireLoggedModel } from '@/lib/api-client';
import { formatNumber, formatTime } from '@/lib/format';
import { LINK_CLASS, runPageHref } from './links';
import { modelMetricRows } from './logged-model-data';

const TH = 'sticky top-0 bg-slate-50 px-3 py-1 text-left text-xs font-medium uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400';
const TD = 'border-t border-slate-100 px-3 py-1 align-top dark:border-slate-800/70';

/** A logged model's metrics: every (key, dataset, step) entry linked to it, with the run that logged it. */
export function ModelMetricsTable({ model, runName }: { model: WireLoggedModel; runName: (runId: string) => string }) {
  const headingId = useId();
  const rows = useMemo(() => modelMetricRows(model), [model]);
  const anyDataset = rows.some((r) => r.datasetName);
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded border border-slate-200 dark:border-slate-800">
      <h2 id={headingId} className="border-b border-slate-200 px-3 py-1.5 text-sm font-semibold dark:border-slate-800">
        Metrics <span className="font-normal text-slate-500">({rows.length})</span>
      </h2>
      <div className="max-h-96 overflow-auto">
        <table data-testid="model-metrics-table" aria-labelledby={headingId} className="w-full text-sm">
          <thead>
            <tr>
              <th className={TH}>Key</th>
              <th className={`${TH} text-right`}>Value</th>
              <th className={`${TH} text-right`}>Step</th>
              {anyDataset && <th className={TH}>Dataset</th>}
              <th className={TH}>Run</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.key}-${r.datasetName ?? ''}-${r.datasetDigest ?? ''}-${r.step}-${i}`}>
                <td className={`${TD} break-all font-mono text-xs`}>{r.key}</td>
                <td className={`${TD} text-right font-mono tabular-nums`} title={formatTime(r.timestamp)}>{r.value === null ? '—' : formatNumber(r.value)}</td>
                <td className={`${TD} text-right font-mono tabular-nums`}>{r.step}</td>
                {anyDataset && (
                  <td className={TD}>
                    {r.datasetName ? (
                      <span title={r.datasetDigest ? `digest ${r.datasetDigest}` : undefined}>
                        {r.datasetName}
                        {r.datasetDigest && <span className="ml-1 font-mono text-xs text-slate-500">{r.datasetDigest.slice(0, 8)}</span>}
                      </span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                )}
                <td className={TD}>
                  {r.runId ? (
                    <a href={runPageHref(model.info.experiment_id, r.runId)} className={LINK_CLASS}>
                      {runName(r.runId)}
                    </a>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="px-3 py-2 text-sm text-slate-500">No metrics linked to this model.</p>}
      </div>
    </section>
  );
}
