'use client';

import { useEffect, useState } from 'react';
import { ApiError, getLoggedModel, getRun, type WireLoggedModel, type WireRun } from '@/lib/api-client';
import { searchModelVersionsOfRun } from '@/components/run/run-api';
import { mergeVersionRefs, registeredVersionsOf, type VersionRef } from './logged-model-data';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isMissing = (e: unknown) => e instanceof ApiError && e.code === 'RESOURCE_DOES_NOT_EXIST';

export interface LoggedModelState {
  model: WireLoggedModel | null;
  /** Found only with `allow_deleted`: the model was deleted. */
  deleted: boolean;
  notFound: boolean;
  error: string | null;
}

/** A logged model; a deleted one is still shown, marked as such. */
export function useLoggedModel(modelId: string): LoggedModelState {
  const [state, setState] = useState<LoggedModelState>({ model: null, deleted: false, notFound: false, error: null });
  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    setState({ model: null, deleted: false, notFound: false, error: null });
    getLoggedModel(modelId, {}, { signal })
      .then((model) => ({ model, deleted: false }))
      .catch(async (e: unknown) => {
        if (!isMissing(e)) throw e;
        return { model: await getLoggedModel(modelId, { allowDeleted: true }, { signal }), deleted: true };
      })
      .then(({ model, deleted }) => setState({ model, deleted, notFound: false, error: null }))
      .catch((e: unknown) => {
        if (signal.aborted) return;
        setState({ model: null, deleted: false, notFound: isMissing(e), error: isMissing(e) ? null : message(e) });
      });
    return () => controller.abort();
  }, [modelId]);
  return state;
}

export type RunLookup = { status: 'none' } | { status: 'loading' } | { status: 'ok'; run: WireRun } | { status: 'missing'; reason: string };

/** A run by id, reporting a missing (purged) run or a failure as such rather than throwing. */
export function useRunLookup(runId: string | undefined): RunLookup {
  const [state, setState] = useState<RunLookup>(runId ? { status: 'loading' } : { status: 'none' });
  useEffect(() => {
    if (!runId) {
      setState({ status: 'none' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    getRun(runId, { signal: controller.signal })
      .then((run) => setState({ status: 'ok', run }))
      .catch((e: unknown) => !controller.signal.aborted && setState({ status: 'missing', reason: isMissing(e) ? 'not found' : message(e) }));
    return () => controller.abort();
  }, [runId]);
  return state;
}

/**
 * Registry versions made from a model: the `mlflow.modelVersions` tag (written by the MLflow
 * client) and the versions of its source run whose `model_id` is this model (written by any
 * client that registers with a model id).
 */
export function useRegisteredVersions(model: WireLoggedModel | null): VersionRef[] {
  const [fromRegistry, setFromRegistry] = useState<VersionRef[]>([]);
  const modelId = model?.info.model_id;
  const runId = model?.info.source_run_id;
  useEffect(() => {
    setFromRegistry([]);
    if (!runId || !modelId) return;
    const controller = new AbortController();
    searchModelVersionsOfRun(runId, { signal: controller.signal })
      .then((versions) => setFromRegistry(versions.filter((v) => v.model_id === modelId).map((v) => ({ name: v.name, version: v.version }))))
      .catch(() => undefined); // the tag still lists what it knows
    return () => controller.abort();
  }, [modelId, runId]);
  const fromTag = model ? registeredVersionsOf(model) : [];
  return mergeVersionRefs(fromTag, fromRegistry);
}
