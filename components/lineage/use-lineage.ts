'use client';

import { useEffect, useState } from 'react';
import { ApiError, getExperiment, getLoggedModel, getModelVersion, getModelVersionByAlias, getRun, type WireLoggedModel } from '@/lib/api-client';
import { parentRunIdOf } from '@/components/logged-models/logged-model-data';
import { loggedModelIdOf, parseVersionRef, type LineageInput, type Lookup } from './lineage-graph';

export type LineageState =
  | { status: 'loading' }
  | { status: 'not-found'; message: string }
  | { status: 'error'; message: string }
  | { status: 'ready'; input: LineageInput; alias?: string };

const isMissing = (e: unknown) => e instanceof ApiError && e.code === 'RESOURCE_DOES_NOT_EXIST';
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Runs a lookup, turning "not found" and other failures into a placeholder; aborts propagate. */
async function lookup<T>(id: string | undefined, fetch: (id: string) => Promise<T>, signal: AbortSignal): Promise<Lookup<T>> {
  if (!id) return { state: 'none' };
  try {
    return { state: 'ok', value: await fetch(id) };
  } catch (e) {
    if (signal.aborted) throw e;
    return { state: 'missing', id, reason: isMissing(e) ? 'not found (deleted?)' : `could not load: ${message(e)}` };
  }
}

async function lookupModel(id: string | undefined, signal: AbortSignal): Promise<Lookup<WireLoggedModel>> {
  const found = await lookup(id, (m) => getLoggedModel(m, {}, { signal }), signal);
  if (found.state !== 'missing' || !id || !found.reason.startsWith('not found')) return found;
  // A soft-deleted model is still worth showing, marked deleted.
  const deleted = await lookup(id, (m) => getLoggedModel(m, { allowDeleted: true }, { signal }), signal);
  return deleted.state === 'ok' ? { ...deleted, deleted: true } : found;
}

async function loadLineage(name: string, ref: string, signal: AbortSignal): Promise<LineageState> {
  const target = parseVersionRef(ref);
  let version;
  try {
    version = 'version' in target ? await getModelVersion(name, target.version, { signal }) : await getModelVersionByAlias(name, target.alias, { signal });
  } catch (e) {
    if (signal.aborted) throw e;
    if (isMissing(e)) {
      const what = 'version' in target ? `Version ${target.version} of model "${name}"` : `Alias @${target.alias} of model "${name}"`;
      return { status: 'not-found', message: `${what} does not exist. Check the link, or open the model's page to pick a version.` };
    }
    return { status: 'error', message: `Could not load the model version: ${message(e)}. Reload the page to try again.` };
  }
  const loggedModel = await lookupModel(loggedModelIdOf(version), signal);
  const model = loggedModel.state === 'ok' ? loggedModel.value : null;
  const run = await lookup(version.run_id || model?.info.source_run_id || undefined, (id) => getRun(id, { signal }), signal);
  const runValue = run.state === 'ok' ? run.value : null;
  const experimentId = runValue?.info.experiment_id || model?.info.experiment_id || undefined;
  const [parentRun, experiment] = await Promise.all([
    lookup(runValue ? parentRunIdOf(runValue.data.tags) : undefined, (id) => getRun(id, { signal }), signal),
    lookup(experimentId, (id) => getExperiment(id), signal),
  ]);
  return {
    status: 'ready',
    input: { version, loggedModel, run, parentRun, experiment },
    ...('alias' in target ? { alias: target.alias } : {}),
  };
}

/** Everything a version's lineage shows, fetched in dependency order (version → model → run → rest). */
export function useLineage(name: string, ref: string): LineageState {
  const [state, setState] = useState<LineageState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    loadLineage(name, ref, controller.signal).then(
      (s) => !controller.signal.aborted && setState(s),
      (e: unknown) => !controller.signal.aborted && setState({ status: 'error', message: message(e) }),
    );
    return () => controller.abort();
  }, [name, ref]);
  return state;
}
