'use client';

import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/Button';
import { LINK_CLASS, runPageHref } from '@/components/logged-models/links';
import { safeHttpUrl } from '@/components/run/run-details';
import { datasetSourceText, parseDatasetProfile, parseDatasetSchema } from './dataset-details';
import type { DatasetDetails } from './lineage-graph';

const DT = 'text-slate-500 dark:text-slate-400';

/**
 * Details of the dataset node the user opened: context, digest, source, schema columns and
 * profile, and the run that used it. Escape or Close returns focus to the node.
 */
export function DatasetPanel({ id, dataset, runName, onClose }: { id: string; dataset: DatasetDetails; runName: string; onClose: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    headingRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [dataset]);
  const schema = parseDatasetSchema(dataset.schema);
  const profile = parseDatasetProfile(dataset.profile);
  const sourceText = datasetSourceText(dataset.source);
  const sourceUrl = safeHttpUrl(sourceText);

  return (
    <section
      id={id}
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${id}-title`}
      data-testid="lineage-dataset-details"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      className="rounded border border-teal-300 bg-white p-3 text-sm shadow-sm dark:border-teal-800 dark:bg-slate-900"
    >
      <div className="mb-2 flex items-start gap-3">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="min-w-0 flex-1 break-all text-base font-semibold focus:outline-none">
          Dataset {dataset.name}
          {dataset.context && <span className="ml-2 rounded bg-teal-50 px-1.5 text-xs font-medium text-teal-800 dark:bg-teal-950 dark:text-teal-200">{dataset.context}</span>}
        </h2>
        <Button variant="ghost" onClick={onClose} aria-label="Close dataset details">
          × Close
        </Button>
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
        <dt className={DT}>Digest</dt>
        <dd className="break-all font-mono text-xs">{dataset.digest || '—'}</dd>
        <dt className={DT}>Source type</dt>
        <dd>{dataset.sourceType || '—'}</dd>
        <dt className={DT}>Source</dt>
        <dd className="break-all font-mono text-xs" data-testid="lineage-dataset-source" title={dataset.source}>
          {sourceUrl ? (
            <a href={sourceUrl} target="_blank" rel="noopener noreferrer nofollow" className={LINK_CLASS}>
              {sourceText}
            </a>
          ) : (
            sourceText || '—'
          )}
        </dd>
        <dt className={DT}>Used by run</dt>
        <dd>
          <a href={runPageHref(dataset.experimentId, dataset.runId)} className={LINK_CLASS} data-testid="lineage-dataset-run-link">
            {runName}
          </a>
          <span className="ml-1 text-xs text-slate-500">(its Overview lists every dataset input)</span>
        </dd>
        {profile && (
          <>
            <dt className={DT}>Profile</dt>
            <dd>
              {'entries' in profile ? (
                <span className="flex flex-wrap gap-x-3">
                  {profile.entries.map(([k, v]) => (
                    <span key={k}>
                      <span className="text-slate-500">{k}</span> <span className="font-mono text-xs">{v}</span>
                    </span>
                  ))}
                </span>
              ) : (
                <span className="line-clamp-3 break-all font-mono text-xs">{profile.text}</span>
              )}
            </dd>
          </>
        )}
      </dl>
      {schema.kind !== 'none' && (
        <div className="mt-2">
          <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Schema</h3>
          {schema.kind === 'columns' ? (
            <div className="max-h-56 overflow-auto">
              <table data-testid="lineage-dataset-schema" className="text-sm">
                <thead>
                  <tr className="text-left text-xs text-slate-500">
                    <th className="pr-4 font-medium">Column</th>
                    <th className="pr-4 font-medium">Type</th>
                  </tr>
                </thead>
                <tbody>
                  {schema.columns.map((c, i) => (
                    <tr key={`${c.name}-${i}`}>
                      <td className="pr-4 font-mono text-xs">{c.name}</td>
                      <td className="pr-4 font-mono text-xs text-slate-600 dark:text-slate-300">
                        {c.type}
                        {c.required === false ? ' (optional)' : ''}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all font-mono text-xs">{schema.text.slice(0, 4000)}</pre>
          )}
        </div>
      )}
    </section>
  );
}
