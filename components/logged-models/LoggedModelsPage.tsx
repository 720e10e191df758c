'use client';

import { Suspense, useEffect, useMemo } from 'react';
import { Button } from '@/components/ui/Button';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { useUrlState, type UrlCodec } from '@/components/run/use-url-state';
import { Crumbs } from './Crumbs';
import { ExperimentSections } from './ExperimentSections';
import { experimentHref } from './links';
import { LoggedModelsTable } from './LoggedModelsTable';
import { ModelsFilter } from './ModelsFilter';
import { nextSort, readModelsState, writeModelsState, type ModelsViewState } from './models-url-state';
import { useExperimentName } from './use-experiment-name';
import { useLoggedModels } from './use-logged-models';
import { useVersionsByModel } from './use-model-versions';
import { useRunNames } from './use-run-names';

const CODEC: UrlCodec<ModelsViewState> = { read: readModelsState, write: writeModelsState };

/** `/experiments/<id>/models`: the experiment's MLflow 3 logged models. */
export function LoggedModelsPage({ experimentId }: { experimentId: string }) {
  return (
    <Suspense fallback={<Loading label="Loading models…" />}>
      <ModelsView experimentId={experimentId} />
    </Suspense>
  );
}

function ModelsView({ experimentId }: { experimentId: string }) {
  const [state, setState] = useUrlState(CODEC, 'push');
  const experimentName = useExperimentName(experimentId);
  const list = useLoggedModels(experimentId, state);
  const runIds = useMemo(() => (list.models ?? []).map((m) => m.info.source_run_id ?? ''), [list.models]);
  const runNames = useRunNames([experimentId], runIds);
  const versionsByModel = useVersionsByModel(list.models);
  const title = experimentName ?? `Experiment ${experimentId}`;

  useEffect(() => {
    document.title = `Models · ${title} · Runboard`;
  }, [title]);

  const count = list.models?.length ?? 0;
  return (
    <section aria-labelledby="models-heading" className="flex flex-col gap-2.5">
      <div>
        <Crumbs items={[{ label: 'Experiments', href: '/' }, { label: title, href: experimentHref(experimentId) }, { label: 'Models' }]} />
        <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h1 id="models-heading" className="truncate text-xl font-semibold" title={title}>
            {title}
          </h1>
          <ExperimentSections experimentId={experimentId} current="models" />
          <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
            {list.models ? (
              <>
                <span data-testid="models-count" className="font-medium tabular-nums text-slate-900 dark:text-slate-100">
                  {count}
                  {list.hasMore ? '+' : ''}
                </span>{' '}
                logged {count === 1 && !list.hasMore ? 'model' : 'models'}
              </>
            ) : (
              'Loading models…'
            )}
            {list.loading && list.models && <span className="ml-2 text-slate-500">Searching…</span>}
          </p>
        </header>
      </div>
      <ModelsFilter filter={state.filter} error={list.filterError} onSubmit={(filter) => setState({ ...state, filter })} />
      {list.error && (
        <ErrorNote>
          Could not load the logged models: {list.error}{' '}
          <Button variant="ghost" onClick={list.retry}>
            Retry
          </Button>
        </ErrorNote>
      )}
      {list.models === null ? (
        !list.error && <Loading label="Loading models…" />
      ) : list.models.length === 0 ? (
        <p data-testid="models-empty" className="rounded border border-slate-200 px-3 py-6 text-center text-sm text-slate-500 dark:border-slate-800">
          {state.filter.trim()
            ? 'No logged model matches the filter. Change or clear it to see more.'
            : 'No logged models in this experiment yet. Models logged with MLflow 3 (mlflow.<flavor>.log_model) appear here.'}
        </p>
      ) : (
        <>
          <LoggedModelsTable
            models={list.models}
            experimentId={experimentId}
            runNames={runNames}
            versionsByModel={versionsByModel}
            sort={state.sort}
            onSort={(target) => setState({ ...state, sort: nextSort(state.sort, target) })}
          />
          {list.hasMore && (
            <div>
              <Button data-testid="models-load-more" onClick={list.loadMore} disabled={list.loadingMore}>
                {list.loadingMore ? 'Loading…' : 'Load more models'}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
