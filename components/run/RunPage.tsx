'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { getExperiment } from '@/lib/api-client';
import { parseChartOptions, writeChartOptions } from '@/components/charts/chart-options-url';
import type { ChartOptions } from '@/components/charts/chart-data';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { Tabs } from '@/components/ui/Tabs';
import { RunCharts } from './RunCharts';
import { Breadcrumbs, RunTitle } from './RunHeader';
import { metricVersions, parseRunTab, RUN_TABS, writeRunTab, type RunTab } from './run-details';
import { useRun } from './use-run';
import { useUrlState, type UrlCodec } from './use-url-state';

// Tabs load their code when first shown: the page's first scripts leave out the overview's
// markdown and the artifact browser's previews (YAML, CSV, markdown), which the Charts tab does
// not need. The charts stay in: their tab is the one whose first screen has to be quick.
const RunOverview = dynamic(() => import('./RunOverview').then((m) => m.RunOverview), {
  loading: () => <Loading label="Loading overview…" />,
});
const ArtifactBrowser = dynamic(() => import('@/components/artifacts/ArtifactBrowser').then((m) => m.ArtifactBrowser), {
  loading: () => <Loading label="Loading artifacts…" />,
});

const TAB_CODEC: UrlCodec<RunTab> = { read: (p) => parseRunTab(p.get('tab')), write: writeRunTab };
const CHART_CODEC: UrlCodec<ChartOptions> = { read: parseChartOptions, write: writeChartOptions };

/**
 * A run: header (breadcrumbs, name, status), and tabs kept in `?tab=`: Overview (details,
 * description, params/metrics/tags), Charts (one per metric, options in the URL), Artifacts.
 * A RUNNING run is polled, so status, duration, tables and charts follow it without a reload.
 */
export function RunPage({ experimentId, runId }: { experimentId: string; runId: string }) {
  const [tab, selectTab] = useUrlState(TAB_CODEC, 'push');
  const [chartOptions, setChartOptions] = useUrlState(CHART_CODEC, 'replace', 300);
  const { run, error, notFound, reload } = useRun(runId);
  const [experimentName, setExperimentName] = useState<string | null>(null);
  const [metricFilter, setMetricFilter] = useState('');
  const runExperimentId = run?.info.experiment_id ?? experimentId.split(',')[0];

  useEffect(() => {
    let live = true;
    getExperiment(runExperimentId)
      .then((e) => live && setExperimentName(e.name))
      .catch(() => undefined); // the breadcrumb falls back to the id
    return () => {
      live = false;
    };
  }, [runExperimentId]);

  const versionsJson = JSON.stringify(metricVersions(run));
  const versions = useMemo(() => JSON.parse(versionsJson) as Record<string, string>, [versionsJson]);

  useEffect(() => {
    if (run) document.title = `${run.info.run_name || run.info.run_id} · Runboard`;
  }, [run]);

  const openChart = useCallback(
    (key: string) => {
      setMetricFilter(key);
      selectTab('charts');
    },
    [selectTab],
  );

  if (notFound) {
    return (
      <div className="space-y-3">
        <Breadcrumbs experimentId={runExperimentId} experimentName={experimentName} runName={runId} />
        <ErrorNote>Run {runId} does not exist. Check the link, or go back to the experiment to pick a run.</ErrorNote>
      </div>
    );
  }
  if (!run) return error ? <ErrorNote>Could not load run {runId}: {error}. Reload the page to try again.</ErrorNote> : <Loading label="Loading run…" />;

  return (
    <div className="space-y-3">
      <div>
        <Breadcrumbs experimentId={run.info.experiment_id} experimentName={experimentName} runName={run.info.run_name || run.info.run_id} />
        <RunTitle run={run} onRenamed={reload} />
      </div>
      <Tabs tabs={RUN_TABS} selected={tab} onSelect={selectTab} label="Run sections" />
      <div role="tabpanel" aria-label={RUN_TABS.find((t) => t.id === tab)?.label}>
        {tab === 'overview' && <RunOverview run={run} onChanged={reload} onOpenChart={openChart} />}
        {tab === 'charts' && (
          <RunCharts
            run={run}
            versions={versions}
            options={chartOptions}
            onOptionsChange={setChartOptions}
            filter={metricFilter}
            onFilterChange={setMetricFilter}
          />
        )}
        {tab === 'artifacts' && <ArtifactBrowser runId={run.info.run_id} />}
      </div>
    </div>
  );
}
