'use client';

import { useCallback, useEffect, useState } from 'react';
import {
  ApiError,
  getLoggedModelExperimentId,
  getRegisteredModel,
  getRun,
  searchModelVersions,
  type RegistryModel,
  type RegistryModelVersion,
} from '@/lib/api-client';
import { versionsOfModelFilter } from './registry-filter';

export interface ModelState {
  model: RegistryModel | null;
  versions: RegistryModelVersion[] | null;
  error: string | null;
  notFound: boolean;
  reload: () => Promise<void>;
}

/** A model with tags/aliases and all its versions, newest first (paged through the search). */
export function useRegisteredModel(name: string, withVersions = true): ModelState {
  const [model, setModel] = useState<RegistryModel | null>(null);
  const [versions, setVersions] = useState<RegistryModelVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);

  const reload = useCallback(async () => {
    try {
      const [m, vs] = await Promise.all([getRegisteredModel(name), withVersions ? allVersions(name) : Promise.resolve(null)]);
      setModel(m);
      setVersions(vs);
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RESOURCE_DOES_NOT_EXIST') setNotFound(true);
      else setError(e instanceof Error ? e.message : String(e));
    }
  }, [name, withVersions]);

  useEffect(() => {
    setModel(null);
    setNotFound(false);
    void reload();
  }, [reload]);

  return { model, versions, error, notFound, reload };
}

async function allVersions(name: string): Promise<RegistryModelVersion[]> {
  const all: RegistryModelVersion[] = [];
  let token: string | undefined;
  do {
    const page = await searchModelVersions({ filter: versionsOfModelFilter(name), orderBy: ['version_number DESC'], maxResults: 1000, pageToken: token });
    all.push(...page.items);
    token = page.nextPageToken;
  } while (token);
  return all;
}

/** Runs a few promises at a time: a model may have many versions, the server has few cores. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * The experiment of each version's run (or logged model, when it has no run), for links to the
 * run and logged-model pages. Unknown or deleted sources map to null; links are then left out.
 */
export function useSourceExperiments(versions: RegistryModelVersion[] | null): Map<string, string | null> {
  const [map, setMap] = useState<Map<string, string | null>>(new Map());
  const wanted = (versions ?? []).map((v) => (v.run_id ? `run:${v.run_id}` : v.model_id ? `model:${v.model_id}` : '')).filter(Boolean);
  const key = [...new Set(wanted)].sort().join(',');
  useEffect(() => {
    if (!key) return;
    const controller = new AbortController();
    const ids = key.split(',');
    void mapLimited(ids, 4, async (id) => {
      const [kind, value] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
      try {
        const exp = kind === 'run' ? (await getRun(value, { signal: controller.signal })).info.experiment_id : await getLoggedModelExperimentId(value, { signal: controller.signal });
        return [id, exp] as const;
      } catch {
        return [id, null] as const;
      }
    }).then((pairs) => !controller.signal.aborted && setMap(new Map(pairs)));
    return () => controller.abort();
  }, [key]);
  return map;
}

export function sourceExperiment(map: Map<string, string | null>, v: RegistryModelVersion): string | null {
  if (v.run_id) return map.get(`run:${v.run_id}`) ?? null;
  if (v.model_id) return map.get(`model:${v.model_id}`) ?? null;
  return null;
}
