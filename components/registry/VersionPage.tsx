'use client';

import { useCallback, useEffect, useState } from 'react';
import { ApiError, getModelVersion, getRun, updateModelVersionDescription, type RegistryModelVersion, type WireRun } from '@/lib/api-client';
import { formatTime } from '@/lib/format';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { aliasesByVersion } from './alias-logic';
import { EditableDescription } from '@/components/ui/EditableDescription';
import { Field } from '@/components/ui/Field';
import { lineageHref, loggedModelHref, runHref } from './registry-links';
import { AliasChips, LINK, RegistryBreadcrumbs, Section, TagChips, VersionStatus } from './RegistryBits';
import { RunMetricsTable } from './RunMetricsTable';
import { useRegisteredModel } from './use-registry-data';

/** The version and its source run (null when it has none, or the run is gone). */
function useVersion(name: string, version: string) {
  const [mv, setMv] = useState<RegistryModelVersion | null>(null);
  const [run, setRun] = useState<WireRun | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const reload = useCallback(async () => {
    try {
      const v = await getModelVersion(name, version);
      setMv(v);
      setError(null);
      setRun(v.run_id ? await getRun(v.run_id).catch(() => null) : null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RESOURCE_DOES_NOT_EXIST') setNotFound(true);
      else setError(e instanceof Error ? e.message : String(e));
    }
  }, [name, version]);
  useEffect(() => {
    setMv(null);
    setNotFound(false);
    void reload();
  }, [reload]);
  return { mv, run, error, notFound, reload };
}

/**
 * One model version: details, aliases (from the model, so they match the model page), tags, the
 * editable markdown description, links to its run, logged model and lineage, and the run's metrics.
 */
export function VersionPage({ name, version }: { name: string; version: string }) {
  const { model } = useRegisteredModel(name, false);
  const { mv, run, error, notFound, reload } = useVersion(name, version);

  useEffect(() => {
    document.title = `${name} v${version} · Models · Runboard`;
  }, [name, version]);

  if (notFound) {
    return (
      <div className="space-y-3">
        <RegistryBreadcrumbs name={name} current={`Version ${version}`} />
        <ErrorNote>Model “{name}” has no version {version}. Check the link, or pick a version on the model page.</ErrorNote>
      </div>
    );
  }
  if (!mv) return error ? <ErrorNote>Could not load version {version} of “{name}”: {error}. Reload the page to try again.</ErrorNote> : <Loading label="Loading version…" />;

  const aliases = (model ? aliasesByVersion(model.aliases).get(mv.version) ?? [] : mv.aliases ?? []).map((alias) => ({ alias, version: mv.version }));
  const experimentId = run?.info.experiment_id;

  return (
    <div className="max-w-7xl space-y-4">
      <div>
        <RegistryBreadcrumbs name={name} current={`Version ${mv.version}`} />
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="min-w-0 text-xl font-semibold break-all">
            <span data-testid="version-model-name">{name}</span> <span className="text-slate-500">·</span> <span data-testid="version-number">Version {mv.version}</span>
          </h1>
          <VersionStatus status={mv.status} />
          <span data-testid="version-page-aliases"><AliasChips aliases={aliases} showVersion={false} /></span>
          <a href={lineageHref(name, mv.version)} data-testid="lineage-link" className="ml-auto rounded border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
            Lineage
          </a>
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-label="Version details" className="rounded border border-slate-200 p-3 dark:border-slate-800">
          <dl className="grid grid-cols-[8.5rem_1fr] gap-x-3 gap-y-1.5 text-sm" data-testid="version-details">
            <Field label="Status"><VersionStatus status={mv.status} /></Field>
            {mv.status_message && <Field label="Status message">{mv.status_message}</Field>}
            {mv.current_stage && mv.current_stage !== 'None' && <Field label="Stage">{mv.current_stage}</Field>}
            <Field label="Source"><span className="font-mono text-xs">{mv.source || '—'}</span></Field>
            <Field label="Source run">
              {mv.run_id ? (
                experimentId ? (
                  <a href={runHref(experimentId, mv.run_id)} className={LINK} data-testid="version-run-link">{run?.info.run_name || mv.run_id}</a>
                ) : (
                  <span className="font-mono text-xs">{mv.run_id} {run === null && <span className="text-slate-500">(run not found)</span>}</span>
                )
              ) : (
                '—'
              )}
            </Field>
            <Field label="Logged model">
              {mv.model_id ? (
                experimentId ? (
                  <a href={loggedModelHref(experimentId, mv.model_id)} className={`font-mono text-xs ${LINK}`} data-testid="version-model-link">{mv.model_id}</a>
                ) : (
                  <span className="font-mono text-xs">{mv.model_id}</span>
                )
              ) : (
                '—'
              )}
            </Field>
            <Field label="Created">{formatTime(mv.creation_timestamp) || '—'}</Field>
            <Field label="Last updated">{formatTime(mv.last_updated_timestamp) || '—'}</Field>
            <Field label="User">{mv.user_id || '—'}</Field>
            <Field label="Aliases"><AliasChips aliases={aliases} showVersion={false} /></Field>
            <Field label="Tags"><TagChips tags={mv.tags} includeSystem /></Field>
          </dl>
        </section>
        <EditableDescription
          what="version"
          description={mv.description ?? ''}
          onSave={async (text) => {
            await updateModelVersionDescription(name, mv.version, text);
            await reload();
          }}
        />
      </div>

      <Section title="Source run metrics" id="run-metrics-title">
        {run === undefined ? (
          <Loading label="Loading the run…" />
        ) : run === null ? (
          <p className="text-sm text-slate-500">{mv.run_id ? 'The source run could not be loaded (it may have been deleted).' : 'This version has no source run.'}</p>
        ) : (
          <RunMetricsTable run={run} />
        )}
      </Section>
    </div>
  );
}
