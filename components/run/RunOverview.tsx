'use client';

import { useEffect, useMemo, useState } from 'react';
import { searchRunTable, setRunTag, type TableRun, type WireRun } from '@/lib/api-client';
import { EditableDescription } from '@/components/ui/EditableDescription';
import { formatDuration, formatTime, keyValueMap, runDuration } from '@/lib/format';
import { Field } from '@/components/ui/Field';
import { StatusBadge } from './RunHeader';
import { ChildRuns, DatasetInputs, ParentRun, RunModels } from './RunRelations';
import { MetricsTable, ParamsTable, TagsTable } from './RunTables';
import { commitUrl, isRunId, metricRows, metricVersions, NOTE_TAG, PARENT_TAG } from './run-details';

/**
 * Each metric's min and max over its whole history, as the runs table computes them on the server
 * (refetched when a live run logs new points).
 */
function useMetricRanges(run: WireRun): { ranges: TableRun['metric_ranges'] | null; error: string | null } {
  const [ranges, setRanges] = useState<TableRun['metric_ranges'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { run_id: runId, experiment_id: experimentId } = run.info;
  const versions = JSON.stringify(metricVersions(run));
  useEffect(() => {
    const controller = new AbortController();
    searchRunTable({ experimentIds: [experimentId], filter: `attributes.run_id = '${runId}'`, viewType: 'ALL' }, { maxResults: 1 }, { signal: controller.signal })
      .then((page) => {
        setRanges(page.runs[0]?.metric_ranges ?? {});
        setError(null);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e.message : String(e)));
    return () => controller.abort();
  }, [experimentId, runId, versions]);
  return { ranges, error };
}

export function RunOverview({ run, onChanged, onOpenChart }: { run: WireRun; onChanged: () => Promise<void>; onOpenChart: (metricKey: string) => void }) {
  const tags = useMemo(() => keyValueMap(run.data.tags), [run.data.tags]);
  const { ranges, error: rangesError } = useMetricRanges(run);
  const rows = useMemo(() => metricRows(run, ranges), [run, ranges]);
  const { info } = run;
  const parentId = tags.get(PARENT_TAG);
  const commit = tags.get('mlflow.source.git.commit');
  const commitLink = commitUrl(tags.get('mlflow.source.git.repoURL'), commit);
  const sourceName = tags.get('mlflow.source.name');
  const sourceType = tags.get('mlflow.source.type');
  const duration = runDuration(info);

  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-label="Run details" className="rounded border border-slate-200 p-3 dark:border-slate-800">
          <dl className="grid grid-cols-[8.5rem_1fr] gap-x-3 gap-y-1.5 text-sm">
            <Field label="Status"><StatusBadge status={info.status} /></Field>
            <Field label="Run ID"><span className="font-mono text-xs">{info.run_id}</span></Field>
            <Field label="Started">{formatTime(info.start_time) || '—'}</Field>
            <Field label="Ended">{info.end_time ? formatTime(info.end_time) : info.status === 'RUNNING' ? 'still running' : '—'}</Field>
            <Field label="Duration"><span data-testid="run-duration">{formatDuration(duration) || '—'}</span></Field>
            <Field label="User">{info.user_id || tags.get('mlflow.user') || '—'}</Field>
            <Field label="Source">
              {sourceName ? <span className="font-mono text-xs">{sourceName}</span> : '—'}
              {sourceType && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">{sourceType}</span>}
            </Field>
            <Field label="Git commit">
              {commit ? (
                commitLink ? (
                  <a href={commitLink} target="_blank" rel="noopener noreferrer nofollow" className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-300">
                    {commit.slice(0, 12)}
                  </a>
                ) : (
                  <span className="font-mono text-xs">{commit}</span>
                )
              ) : (
                '—'
              )}
            </Field>
            <Field label="Parent run">
              {parentId && isRunId(parentId) ? <ParentRun experimentId={info.experiment_id} parentId={parentId} /> : parentId ? <span className="font-mono text-xs">{parentId}</span> : '—'}
            </Field>
            <Field label="Child runs"><ChildRuns experimentId={info.experiment_id} runId={info.run_id} /></Field>
            <Field label="Models"><RunModels run={run} /></Field>
            <Field label="Datasets"><DatasetInputs run={run} /></Field>
          </dl>
        </section>
        {/* MLflow keeps a run's description in the mlflow.note.content tag. */}
        <EditableDescription
          description={tags.get(NOTE_TAG) ?? ''}
          what="run"
          onSave={async (text) => {
            await setRunTag(info.run_id, NOTE_TAG, text);
            await onChanged();
          }}
        />
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <ParamsTable params={run.data.params} />
        <MetricsTable rows={rows} rangesNote={rangesError ? 'Min/max unavailable' : null} onOpenChart={onOpenChart} />
      </div>
      <TagsTable tags={run.data.tags} />
    </div>
  );
}
