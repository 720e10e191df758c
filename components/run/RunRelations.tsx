'use client';

import { useEffect, useState } from 'react';
import { searchRunTable, type TableRun, type WireLoggedModel, type WireModelVersion, type WireRun } from '@/lib/api-client';
import { keyValueMap } from '@/lib/format';
import { lineageHref, loggedModelHref } from '@/components/logged-models/links';
import { getLoggedModel, searchModelVersionsOfRun } from './run-api';
import { StatusBadge } from './RunHeader';

const LINK = 'text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300';

export function runHref(experimentId: string, runId: string): string {
  return `/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}

/** Direct child runs (up to 100), as links. */
export function ChildRuns({ experimentId, runId }: { experimentId: string; runId: string }) {
  const [children, setChildren] = useState<TableRun[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    searchRunTable({ experimentIds: [experimentId], parentRunId: runId }, { maxResults: 100 }, { signal: controller.signal })
      .then((page) => setChildren(page.runs))
      .catch((e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e.message : String(e)));
    return () => controller.abort();
  }, [experimentId, runId]);
  if (error) return <span className="text-sm text-red-700 dark:text-red-300">Could not load child runs: {error}</span>;
  if (!children) return <span className="text-sm text-slate-400">Loading…</span>;
  if (children.length === 0) return <span className="text-slate-500">None</span>;
  return (
    <ul data-testid="child-runs" className="flex max-h-40 flex-col gap-0.5 overflow-auto">
      {children.map((c) => (
        <li key={c.info.run_id} className="flex items-center gap-2">
          <a href={runHref(c.info.experiment_id, c.info.run_id)} className={LINK}>{c.info.run_name || c.info.run_id}</a>
          <StatusBadge status={c.info.status} />
        </li>
      ))}
      {children.length === 100 && <li className="text-xs text-slate-500">First 100 shown; see the runs table for all.</li>}
    </ul>
  );
}

/** Parent run link with its name (fetched lazily from the runs table). */
export function ParentRun({ experimentId, parentId }: { experimentId: string; parentId: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    searchRunTable({ experimentIds: [experimentId], filter: `attributes.run_id = '${parentId}'` }, { maxResults: 1 }, { signal: controller.signal })
      .then((page) => setName(page.runs[0]?.info.run_name ?? null))
      .catch(() => undefined); // the id alone is still a working link
    return () => controller.abort();
  }, [experimentId, parentId]);
  return (
    <a data-testid="parent-run" href={runHref(experimentId, parentId)} className={LINK}>
      {name ?? parentId}
    </a>
  );
}

/** Models the run logged (names fetched per id) and the registry versions made from the run. */
export function RunModels({ run }: { run: WireRun }) {
  const outputs = run.outputs?.model_outputs ?? [];
  const modelKey = outputs.map((m) => m.model_id).join(',');
  const runId = run.info.run_id;
  const [models, setModels] = useState<Record<string, WireLoggedModel | null>>({});
  const [versions, setVersions] = useState<WireModelVersion[] | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const ids = modelKey ? modelKey.split(',') : [];
    void Promise.all(ids.map((id) => getLoggedModel(id, { signal: controller.signal }).then((m) => [id, m] as const, () => [id, null] as const))).then(
      (pairs) => !controller.signal.aborted && setModels(Object.fromEntries(pairs)),
    );
    searchModelVersionsOfRun(runId, { signal: controller.signal })
      .then(setVersions)
      .catch(() => !controller.signal.aborted && setVersions([]));
    return () => controller.abort();
  }, [modelKey, runId]);

  if (outputs.length === 0 && (versions === null || versions.length === 0)) return <span className="text-slate-500">None</span>;
  return (
    <div className="space-y-1">
      {outputs.length > 0 && (
        <ul data-testid="logged-models" className="space-y-0.5">
          {outputs.map((o) => {
            const m = models[o.model_id];
            return (
              <li key={o.model_id}>
                <a href={loggedModelHref(m?.info.experiment_id || run.info.experiment_id, o.model_id)} className={`${LINK} font-medium`}>{m?.info.name ?? 'model'}</a>{' '}
                <span className="font-mono text-xs text-slate-500">{o.model_id}</span>
                {m?.info.model_type && <span className="text-xs text-slate-500"> · {m.info.model_type}</span>}
                <span className="text-xs text-slate-500"> · step {o.step}</span>
              </li>
            );
          })}
        </ul>
      )}
      {versions && versions.length > 0 && (
        <ul data-testid="registered-versions" className="space-y-0.5">
          {versions.map((v) => (
            <li key={`${v.name}/${v.version}`} className="flex flex-wrap items-center gap-1.5">
              <span className="text-xs text-slate-500">Registered:</span>
              <a href={`/models/${encodeURIComponent(v.name)}/versions/${encodeURIComponent(v.version)}`} className={LINK}>
                {v.name} v{v.version}
              </a>
              {(v.aliases ?? []).map((a) => (
                <span key={a} className="rounded bg-violet-100 px-1.5 text-xs text-violet-800 dark:bg-violet-950 dark:text-violet-200">@{a}</span>
              ))}
              <a href={lineageHref(v.name, v.version)} className={`${LINK} text-xs`} aria-label={`Lineage of ${v.name} version ${v.version}`} data-testid="version-lineage-link">Lineage</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Dataset inputs: name, digest, source type and context (training, eval, …). */
export function DatasetInputs({ run }: { run: WireRun }) {
  const inputs = run.inputs?.dataset_inputs ?? [];
  if (inputs.length === 0) return <span className="text-slate-500">None</span>;
  return (
    <table data-testid="dataset-inputs" className="text-sm">
      <thead className="sr-only">
        <tr><th>Name</th><th>Digest</th><th>Source type</th><th>Context</th></tr>
      </thead>
      <tbody>
        {inputs.map((d, i) => (
          <tr key={`${d.dataset.name}-${d.dataset.digest}-${i}`}>
            <td className="pr-3 font-medium">{d.dataset.name}</td>
            <td className="pr-3 font-mono text-xs text-slate-500">{d.dataset.digest}</td>
            <td className="pr-3 text-xs text-slate-500">{d.dataset.source_type}</td>
            <td>
              {keyValueMap(d.tags).get('mlflow.data.context') && (
                <span className="rounded bg-slate-100 px-1.5 text-xs dark:bg-slate-800">{keyValueMap(d.tags).get('mlflow.data.context')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
