'use client';

import { useCallback, useEffect, useState } from 'react';
import {
  createExperiment,
  deleteExperiment,
  getExperimentRunCounts,
  renameExperiment,
  restoreExperiment,
  searchExperiments,
  type ExperimentRunCounts,
  type WireExperiment,
} from '@/lib/api-client';
import { formatRelative, formatTime } from '@/lib/format';
import { Button } from '@/components/ui/Button';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { NameDialog } from './ExperimentDialogs';

type Stage = 'ACTIVE_ONLY' | 'DELETED_ONLY';
type Pending = { kind: 'create' } | { kind: 'rename' | 'delete' | 'restore'; experiment: WireExperiment } | null;

/** `name ILIKE '%text%'`, quoted with whichever quote the text lacks (the DSL has no escapes). */
function nameFilter(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const quote = t.includes("'") ? '"' : "'";
  return `name ILIKE ${quote}%${t.replaceAll(quote, '')}%${quote}`;
}

/**
 * The experiments list: search by name, active/deleted, run counts, create, rename, delete and
 * restore, and a multi-experiment runs view. Names are user text, rendered as text only.
 */
export function ExperimentsHome() {
  const [query, setQuery] = useState('');
  const [stage, setStage] = useState<Stage>('ACTIVE_ONLY');
  const [experiments, setExperiments] = useState<WireExperiment[] | null>(null);
  const [counts, setCounts] = useState<Map<string, ExperimentRunCounts>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState<Pending>(null);

  const load = useCallback(async () => {
    try {
      const all: WireExperiment[] = [];
      let token: string | undefined;
      do {
        const page = await searchExperiments({ filter: nameFilter(query), viewType: stage, pageToken: token });
        all.push(...page.experiments);
        token = page.nextPageToken;
      } while (token && all.length < 10_000);
      setExperiments(all);
      setError(null);
      const runCounts = await getExperimentRunCounts(all.map((e) => e.experiment_id));
      setCounts(new Map(runCounts.map((c) => [c.experiment_id, c])));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [query, stage]);

  useEffect(() => {
    const timer = setTimeout(load, 200);
    return () => clearTimeout(timer);
  }, [load]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const selectedIds = [...selected].filter((id) => experiments?.some((e) => e.experiment_id === id));

  return (
    <section aria-labelledby="experiments-heading" className="max-w-6xl">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h1 id="experiments-heading" className="text-xl font-semibold">Experiments</h1>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search experiments by name"
          aria-label="Search experiments by name"
          data-testid="experiment-search"
          className="w-72 rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <div role="group" aria-label="Lifecycle" className="flex overflow-hidden rounded border border-slate-300 text-sm dark:border-slate-700">
          {(['ACTIVE_ONLY', 'DELETED_ONLY'] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={stage === s}
              onClick={() => setStage(s)}
              className={`px-2.5 py-1 focus-visible:outline-2 focus-visible:outline-blue-500 ${stage === s ? 'bg-slate-200 font-medium dark:bg-slate-700' : ''}`}
            >
              {s === 'ACTIVE_ONLY' ? 'Active' : 'Deleted'}
            </button>
          ))}
        </div>
        <div className="ml-auto flex gap-2">
          {selectedIds.length > 0 && (
            <a
              href={`/experiments/${selectedIds.join(',')}`}
              data-testid="open-selected-experiments"
              className="rounded border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Runs of {selectedIds.length} selected
            </a>
          )}
          <Button variant="primary" onClick={() => setPending({ kind: 'create' })} data-testid="create-experiment">
            New experiment
          </Button>
        </div>
      </div>

      {error && <ErrorNote>Could not load experiments: {error}</ErrorNote>}
      {!experiments && !error && <Loading label="Loading experiments…" />}
      {experiments && experiments.length === 0 && (
        <p className="text-sm text-slate-500">{query ? 'No experiment matches this name.' : stage === 'DELETED_ONLY' ? 'No deleted experiments.' : 'No experiments yet.'}</p>
      )}
      {experiments && experiments.length > 0 && (
        <table className="w-full border-collapse text-sm" data-testid="experiments-table">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="w-8 py-2"><span className="sr-only">Select</span></th>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">ID</th>
              <th className="py-2 pr-4 text-right font-medium">Runs</th>
              <th className="py-2 pr-4 font-medium">Created</th>
              <th className="py-2 pr-4 font-medium">Last updated</th>
              <th className="py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {experiments.map((e) => {
              const c = counts.get(e.experiment_id);
              return (
                <tr key={e.experiment_id} className="border-b border-slate-100 hover:bg-slate-50 dark:border-slate-900 dark:hover:bg-slate-900" data-experiment-id={e.experiment_id}>
                  <td className="py-1.5">
                    <input type="checkbox" aria-label={`Select ${e.name}`} checked={selected.has(e.experiment_id)} onChange={() => toggle(e.experiment_id)} />
                  </td>
                  <td className="py-1.5 pr-4">
                    <a href={`/experiments/${e.experiment_id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-300">{e.name}</a>
                  </td>
                  <td className="py-1.5 pr-4 font-mono">{e.experiment_id}</td>
                  <td className="py-1.5 pr-4 text-right tabular-nums" data-testid="experiment-run-count">
                    {c ? (stage === 'DELETED_ONLY' ? c.active + c.deleted : c.active).toLocaleString() : '…'}
                  </td>
                  <td className="py-1.5 pr-4" title={formatTime(e.creation_time)}>{formatRelative(e.creation_time)}</td>
                  <td className="py-1.5 pr-4" title={formatTime(e.last_update_time)}>{formatRelative(e.last_update_time)}</td>
                  <td className="py-1.5 text-right whitespace-nowrap">
                    {e.lifecycle_stage === 'active' ? (
                      <>
                        <Button variant="ghost" onClick={() => setPending({ kind: 'rename', experiment: e })} aria-label={`Rename ${e.name}`}>Rename</Button>
                        {e.experiment_id !== '0' && (
                          <Button variant="ghost" onClick={() => setPending({ kind: 'delete', experiment: e })} aria-label={`Delete ${e.name}`}>Delete</Button>
                        )}
                      </>
                    ) : (
                      <Button variant="ghost" onClick={() => setPending({ kind: 'restore', experiment: e })} aria-label={`Restore ${e.name}`}>Restore</Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <NameDialog
        open={pending?.kind === 'create'}
        title="New experiment"
        label="Name"
        submitLabel="Create"
        onSubmit={async (name) => {
          const id = await createExperiment(name);
          window.location.assign(`/experiments/${id}`);
        }}
        onClose={() => setPending(null)}
      />
      <NameDialog
        open={pending?.kind === 'rename'}
        title="Rename experiment"
        label="New name"
        initial={pending?.kind === 'rename' ? pending.experiment.name : ''}
        submitLabel="Rename"
        onSubmit={async (name) => {
          if (pending?.kind !== 'rename') return;
          await renameExperiment(pending.experiment.experiment_id, name);
          await load();
        }}
        onClose={() => setPending(null)}
      />
      <ConfirmDialog
        open={pending?.kind === 'delete' || pending?.kind === 'restore'}
        title={pending?.kind === 'restore' ? 'Restore experiment' : 'Delete experiment'}
        message={
          pending && pending.kind !== 'create'
            ? pending.kind === 'delete'
              ? `Delete “${pending.experiment.name}” and its runs? They move to Deleted and can be restored.`
              : `Restore “${pending.experiment.name}” and its runs?`
            : ''
        }
        confirmLabel={pending?.kind === 'restore' ? 'Restore' : 'Delete'}
        danger={pending?.kind === 'delete'}
        onConfirm={async () => {
          if (!pending || pending.kind === 'create') return;
          if (pending.kind === 'delete') await deleteExperiment(pending.experiment.experiment_id);
          else await restoreExperiment(pending.experiment.experiment_id);
          await load();
        }}
        onClose={() => setPending(null)}
      />
    </section>
  );
}
