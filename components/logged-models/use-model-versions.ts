'use client';

import { useEffect, useState } from 'react';
import { searchModelVersions, type WireLoggedModel, type WireModelVersion } from '@/lib/api-client';
import { mergeVersionRefs, registeredVersionsOf, type VersionRef } from './logged-model-data';

const BATCH = 100;
const quote = (id: string) => `'${id.replace(/'/g, '')}'`;

/** Registry versions whose source run is one of `runIds` (MLflow allows `run_id IN (...)`). */
async function searchVersionsOfRuns(runIds: string[], signal: AbortSignal): Promise<WireModelVersion[]> {
  const out: WireModelVersion[] = [];
  for (let i = 0; i < runIds.length; i += BATCH) {
    const page = await searchModelVersions({ filter: `run_id IN (${runIds.slice(i, i + BATCH).map(quote).join(', ')})`, maxResults: 1000 }, { signal });
    out.push(...page.items);
  }
  return out;
}

/**
 * Registered versions per logged model: the `mlflow.modelVersions` tag the MLflow client writes,
 * plus the versions whose `model_id` names the model (registered by any client), found with one
 * search over the models' source runs.
 */
export function useVersionsByModel(models: readonly WireLoggedModel[] | null): Map<string, VersionRef[]> {
  const [found, setFound] = useState<WireModelVersion[]>([]);
  const runKey = [...new Set((models ?? []).map((m) => m.info.source_run_id).filter((id): id is string => !!id))].sort().join(',');
  useEffect(() => {
    if (!runKey) return;
    const controller = new AbortController();
    searchVersionsOfRuns(runKey.split(','), controller.signal).then(
      (versions) => !controller.signal.aborted && setFound(versions),
      () => undefined, // the tags still list what they know
    );
    return () => controller.abort();
  }, [runKey]);

  const byModel = new Map<string, VersionRef[]>();
  for (const m of models ?? []) {
    const fromRegistry = found.filter((v) => v.model_id === m.info.model_id).map((v) => ({ name: v.name, version: v.version }));
    byModel.set(m.info.model_id, mergeVersionRefs(registeredVersionsOf(m), fromRegistry));
  }
  return byModel;
}
