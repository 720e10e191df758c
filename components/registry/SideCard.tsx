'use client';

import { formatTime } from '@/lib/format';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { snippet } from './model-summary';
import { loggedModelHref, runHref, versionHref } from './registry-links';
import { LINK, VersionStatus } from './RegistryBits';
import type { SideData } from './use-side';

/** What one side is: version, source run and logged model (links), created, description line. */
export function SideCard({ name, label, data, testId, missing }: { name: string; label: string; data: SideData; testId: string; missing: string | null }) {
  const { mv, run } = data;
  return (
    <section aria-label={`Side ${label}`} data-testid={testId} data-version={mv?.version ?? ''} className="min-w-0 rounded border border-slate-200 p-3 dark:border-slate-800">
      <h2 className="mb-1 text-base font-semibold break-all">{label}</h2>
      {missing ? (
        <ErrorNote>{missing}</ErrorNote>
      ) : data.error ? (
        <ErrorNote>Could not load this version: {data.error}</ErrorNote>
      ) : !mv ? (
        <Loading label="Loading version…" />
      ) : (
        <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-500">Version</dt>
          <dd className="flex items-center gap-2">
            <a href={versionHref(name, mv.version)} className={LINK} data-testid="side-version-link">Version {mv.version}</a>
            <VersionStatus status={mv.status} />
          </dd>
          <dt className="text-slate-500">Source run</dt>
          <dd className="min-w-0 break-all">
            {run ? <a href={runHref(run.info.experiment_id, run.info.run_id)} className={LINK}>{run.info.run_name || run.info.run_id}</a> : mv.run_id ? <span className="font-mono text-xs">{mv.run_id}</span> : '—'}
          </dd>
          <dt className="text-slate-500">Logged model</dt>
          <dd className="min-w-0 font-mono text-xs break-all">
            {mv.model_id ? run ? <a href={loggedModelHref(run.info.experiment_id, mv.model_id)} className={LINK}>{mv.model_id}</a> : mv.model_id : '—'}
          </dd>
          <dt className="text-slate-500">Created</dt>
          <dd>{formatTime(mv.creation_timestamp) || '—'}</dd>
          {mv.description && (
            <>
              <dt className="text-slate-500">Description</dt>
              <dd className="min-w-0 text-slate-600 dark:text-slate-300" title={mv.description}>{snippet(mv.description, 120)}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
