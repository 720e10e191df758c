'use client';

import { useEffect, useState } from 'react';
import { searchExperiments, type WireExperiment } from '@/lib/api-client';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; experiments: WireExperiment[] };

/** The experiments list: names come from users and are rendered as text only. */
export function ExperimentsHome() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    searchExperiments()
      .then(({ experiments }) => setState({ kind: 'ready', experiments }))
      .catch((e: Error) => setState({ kind: 'error', message: e.message }));
  }, []);

  return (
    <section aria-labelledby="experiments-heading">
      <h1 id="experiments-heading" className="mb-3 text-xl font-semibold">Experiments</h1>
      {state.kind === 'loading' && <p className="text-slate-500">Loading experiments…</p>}
      {state.kind === 'error' && <p role="alert" className="text-red-600">Could not load experiments: {state.message}</p>}
      {state.kind === 'ready' && (
        <table className="w-full max-w-4xl border-collapse text-sm" data-testid="experiments-table">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">ID</th>
              <th className="py-2 pr-4 font-medium">Created</th>
              <th className="py-2 font-medium">Artifact location</th>
            </tr>
          </thead>
          <tbody>
            {state.experiments.map((e) => (
              <tr key={e.experiment_id} className="border-b border-slate-100 dark:border-slate-900">
                <td className="py-2 pr-4">{e.name}</td>
                <td className="py-2 pr-4 font-mono">{e.experiment_id}</td>
                <td className="py-2 pr-4">{e.creation_time ? new Date(e.creation_time).toLocaleString() : ''}</td>
                <td className="py-2 font-mono text-slate-500">{e.artifact_location}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
