'use client';

import { Suspense, useCallback, useEffect, useMemo } from 'react';
import { ArtifactBrowser } from '@/components/artifacts/ArtifactBrowser';
import { useUrlState, type UrlCodec } from '@/components/run/use-url-state';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { Tabs } from '@/components/ui/Tabs';
import { Crumbs } from './Crumbs';
import { experimentHref, loggedModelsHref } from './links';
import { loggedModelArtifactSource } from './logged-model-artifacts';
import { parentRunIdOf } from './logged-model-data';
import { LoggedModelOverview } from './LoggedModelOverview';
import { ModelStatusBadge } from './ModelStatusBadge';
import { useExperimentName } from './use-experiment-name';
import { useLoggedModel, useRegisteredVersions, useRunLookup } from './use-logged-model';
import { useRunNames } from './use-run-names';

type ModelTab = 'overview' | 'artifacts';
const TABS: { id: ModelTab; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'artifacts', label: 'Artifacts' },
];
const TAB_CODEC: UrlCodec<ModelTab> = {
  read: (p) => (p.get('tab') === 'artifacts' ? 'artifacts' : 'overview'),
  write: (p, tab) => {
    const next = new URLSearchParams(p);
    if (tab === 'overview') next.delete('tab');
    else next.set('tab', tab);
    return next;
  },
};

/** `/experiments/<id>/models/<modelId>`: one MLflow 3 logged model, its lineage links and files. */
export function LoggedModelPage({ experimentId, modelId }: { experimentId: string; modelId: string }) {
  return (
    <Suspense fallback={<Loading label="Loading model…" />}>
      <ModelView experimentId={experimentId} modelId={modelId} />
    </Suspense>
  );
}

function ModelView({ experimentId, modelId }: { experimentId: string; modelId: string }) {
  const [tab, selectTab] = useUrlState(TAB_CODEC, 'push');
  const { model, deleted, notFound, error } = useLoggedModel(modelId);
  const modelExperimentId = model?.info.experiment_id || experimentId;
  const experimentName = useExperimentName(modelExperimentId);
  const sourceRun = useRunLookup(model?.info.source_run_id || undefined);
  const parentRun = useRunLookup(sourceRun.status === 'ok' ? parentRunIdOf(sourceRun.run.data.tags) : undefined);
  const versions = useRegisteredVersions(model);
  const metricRunIds = useMemo(() => (model?.data?.metrics ?? []).map((m) => m.run_id ?? ''), [model]);
  const runNames = useRunNames([modelExperimentId], metricRunIds);
  const runName = useCallback((id: string) => runNames.get(id)?.name ?? id, [runNames]);
  const info = model?.info;
  const source = useMemo(() => (info ? loggedModelArtifactSource({ model_id: info.model_id }) : null), [info]);

  const title = model ? model.info.name || model.info.model_id : modelId;
  useEffect(() => {
    document.title = `${title} · Models · Runboard`;
  }, [title]);

  const crumbs = [
    { label: 'Experiments', href: '/' },
    { label: experimentName ?? `Experiment ${modelExperimentId}`, href: experimentHref(modelExperimentId) },
    { label: 'Models', href: loggedModelsHref(modelExperimentId) },
    { label: title },
  ];

  if (notFound || error || !model || !source) {
    return (
      <div className="space-y-3">
        <Crumbs items={crumbs} />
        {notFound ? (
          <ErrorNote>Logged model {modelId} does not exist. Check the link, or open the experiment&apos;s models list to pick one.</ErrorNote>
        ) : error ? (
          <ErrorNote>Could not load logged model {modelId}: {error}. Reload the page to try again.</ErrorNote>
        ) : (
          <Loading label="Loading model…" />
        )}
      </div>
    );
  }

  return (
    <div className="space-y-3">
      <div>
        <Crumbs items={crumbs} />
        <div className="flex flex-wrap items-center gap-3">
          <h1 data-testid="model-name" className="min-w-0 break-all text-xl font-semibold">{title}</h1>
          <ModelStatusBadge status={model.info.status} />
          {deleted && <span className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">deleted</span>}
          <span className="font-mono text-xs text-slate-500">{model.info.model_id}</span>
        </div>
      </div>
      <Tabs tabs={TABS} selected={tab} onSelect={selectTab} label="Model sections" />
      <div role="tabpanel" aria-label={TABS.find((t) => t.id === tab)?.label}>
        {tab === 'overview' ? (
          <LoggedModelOverview model={model} experimentName={experimentName} sourceRun={sourceRun} parentRun={parentRun} versions={versions} runName={runName} />
        ) : (
          <ArtifactBrowser source={source} emptyMessage="No files stored for this model yet." />
        )}
      </div>
    </div>
  );
}
