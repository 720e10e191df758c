'use client';

import type { WireLoggedModel } from '@/lib/api-client';
import { formatTime } from '@/lib/format';
import { StatusBadge } from '@/components/run/RunHeader';
import { ParamsTable, TagsTable } from '@/components/run/RunTables';
import { Field } from '@/components/ui/Field';
import { experimentHref, lineageHref, LINK_CLASS, modelVersionHref, runPageHref } from './links';
import { parentRunIdOf, type VersionRef } from './logged-model-data';
import { ModelMetricsTable } from './ModelMetricsTable';
import { ModelStatusBadge } from './ModelStatusBadge';
import type { RunLookup } from './use-logged-model';

const NONE = <span className="text-slate-400">—</span>;

function RunLink({ lookup, runId, experimentId, testId }: { lookup: RunLookup; runId: string; experimentId: string; testId: string }) {
  if (lookup.status === 'missing') {
    return (
      <span data-testid={testId}>
        <span className="font-mono text-xs">{runId}</span> <span className="text-xs text-red-700 dark:text-red-300">({lookup.reason})</span>
      </span>
    );
  }
  const run = lookup.status === 'ok' ? lookup.run : null;
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <a data-testid={testId} href={runPageHref(run?.info.experiment_id ?? experimentId, runId)} className={LINK_CLASS}>
        {run ? run.info.run_name || runId : runId}
      </a>
      {run && <StatusBadge status={run.info.status} />}
      {run?.info.lifecycle_stage === 'deleted' && <span className="rounded bg-red-50 px-1.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">deleted</span>}
    </span>
  );
}

/** Details, registry links, metrics, params and tags of one logged model. */
export function LoggedModelOverview({ model, experimentName, sourceRun, parentRun, versions, runName }: {
  model: WireLoggedModel;
  experimentName: string | null;
  sourceRun: RunLookup;
  parentRun: RunLookup;
  versions: VersionRef[];
  runName: (runId: string) => string;
}) {
  const { info } = model;
  const parentId = sourceRun.status === 'ok' ? parentRunIdOf(sourceRun.run.data.tags) : undefined;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-label="Model details" className="rounded border border-slate-200 p-3 dark:border-slate-800">
          <dl data-testid="model-details" className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1.5 text-sm">
            <Field label="Status"><ModelStatusBadge status={info.status} testId="model-status" /></Field>
            <Field label="Model ID"><span className="font-mono text-xs">{info.model_id}</span></Field>
            <Field label="Type">{info.model_type || NONE}</Field>
            <Field label="Created">{formatTime(info.creation_timestamp_ms) || NONE}</Field>
            <Field label="Last updated">{formatTime(info.last_updated_timestamp_ms) || NONE}</Field>
            <Field label="Artifact location"><span className="break-all font-mono text-xs">{info.artifact_uri}</span></Field>
            <Field label="Experiment">
              <a href={experimentHref(info.experiment_id)} className={LINK_CLASS}>{experimentName ?? `Experiment ${info.experiment_id}`}</a>
            </Field>
            <Field label="Source run">
              {info.source_run_id ? <RunLink lookup={sourceRun} runId={info.source_run_id} experimentId={info.experiment_id} testId="model-source-run" /> : NONE}
            </Field>
            <Field label="Parent run">
              {parentId ? <RunLink lookup={parentRun} runId={parentId} experimentId={info.experiment_id} testId="model-parent-run" /> : NONE}
            </Field>
            <Field label="Registered as">
              {versions.length === 0 ? (
                <span className="text-slate-500">Not registered</span>
              ) : (
                <ul data-testid="model-registered-versions" className="space-y-0.5">
                  {versions.map((v) => (
                    <li key={`${v.name}/${v.version}`} className="flex flex-wrap items-center gap-2">
                      <a href={modelVersionHref(v.name, v.version)} className={LINK_CLASS}>
                        {v.name} v{v.version}
                      </a>
                      <a
                        href={lineageHref(v.name, v.version)}
                        className={`${LINK_CLASS} text-xs`}
                        aria-label={`Lineage of ${v.name} version ${v.version}`}
                      >
                        Lineage
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </Field>
          </dl>
        </section>
        <ModelMetricsTable model={model} runName={runName} />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <ParamsTable params={model.data?.params} />
        <TagsTable tags={info.tags} />
      </div>
    </div>
  );
}
