'use client';

import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Crumbs } from '@/components/logged-models/Crumbs';
import { modelVersionHref, registeredModelHref } from '@/components/logged-models/links';
import { ErrorNote, InfoNote, Loading } from '@/components/ui/Notice';
import { buildLineageGraph, type LineageNode } from './lineage-graph';
import { DatasetPanel } from './DatasetPanel';
import { LineageGraph } from './LineageGraph';
import { useLineage } from './use-lineage';

/**
 * `/models/<name>/versions/<v>/lineage` (or `…/versions/@alias/lineage`): where a registered
 * version comes from, drawn as a graph whose nodes lead to each thing's page.
 */
export function LineagePage({ name, versionRef }: { name: string; versionRef: string }) {
  const state = useLineage(name, versionRef);
  const panelId = useId().replace(/[^a-zA-Z0-9_-]/g, '') + '-dataset';
  const [openDataset, setOpenDataset] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const buttonRef = useCallback(
    (id: string) => (el: HTMLButtonElement | null) => {
      if (el) buttons.current.set(id, el);
      else buttons.current.delete(id);
    },
    [],
  );

  const graph = useMemo(() => (state.status === 'ready' ? buildLineageGraph(state.input) : null), [state]);
  const version = state.status === 'ready' ? state.input.version : null;
  const shownVersion = version?.version ?? versionRef;
  useEffect(() => {
    document.title = `Lineage · ${name} v${shownVersion} · Runboard`;
  }, [name, shownVersion]);

  const toggleDataset = useCallback((node: LineageNode) => setOpenDataset((cur) => (cur === node.id ? null : node.id)), []);
  const closeDataset = useCallback(() => {
    const id = openDataset;
    setOpenDataset(null);
    if (id) buttons.current.get(id)?.focus();
  }, [openDataset]);

  const crumbs = [
    { label: 'Models', href: '/models' },
    { label: name, href: registeredModelHref(name) },
    { label: `Version ${shownVersion}`, href: modelVersionHref(name, shownVersion) },
    { label: 'Lineage' },
  ];
  const dataset = graph?.nodes.find((n) => n.id === openDataset)?.dataset;
  const runNode = graph?.nodes.find((n) => n.kind === 'run');
  const aliases = [...new Set(version?.aliases ?? [])].sort((a, b) => a.localeCompare(b));

  return (
    <div className="space-y-3">
      <div>
        <Crumbs items={crumbs} />
        <h1 className="break-all text-xl font-semibold">
          Lineage of {name} <span className="text-slate-500">v{shownVersion}</span>
        </h1>
      </div>
      {state.status === 'loading' && <Loading label="Loading lineage…" />}
      {(state.status === 'not-found' || state.status === 'error') && <ErrorNote>{state.message}</ErrorNote>}
      {state.status === 'ready' && graph && version && (
        <>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-400">
            <span data-testid="lineage-aliases">
              {aliases.length === 0 ? (
                'No alias points at this version.'
              ) : (
                <>
                  {aliases.length === 1 ? 'Alias' : 'Aliases'} pointing here:{' '}
                  {aliases.map((a) => (
                    <span key={a} className="ml-1 rounded bg-violet-100 px-1.5 text-xs text-violet-800 dark:bg-violet-950 dark:text-violet-200">
                      @{a}
                    </span>
                  ))}
                </>
              )}
            </span>
            <span>Select a node to open its page; dashed boxes mark what is missing.</span>
          </div>
          {state.alias && (
            <InfoNote>
              @{state.alias} currently points at version {version.version}; the link follows the alias when it moves.
            </InfoNote>
          )}
          <LineageGraph
            graph={graph}
            label={`Lineage of ${name} version ${version.version}`}
            openDataset={openDataset}
            panelId={panelId}
            onOpenDataset={toggleDataset}
            datasetButtonRef={buttonRef}
          />
          {dataset && <DatasetPanel id={panelId} dataset={dataset} runName={runNode?.missing ? dataset.runId : (runNode?.title ?? dataset.runId)} onClose={closeDataset} />}
        </>
      )}
    </div>
  );
}
