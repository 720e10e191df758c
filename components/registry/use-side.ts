'use client';

import { useEffect, useState } from 'react';
import { getModelVersion, getRun, type RegistryModelVersion, type WireRun } from '@/lib/api-client';

export interface SideData {
  mv: RegistryModelVersion | null;
  /** null: the version has no run, or it could not be loaded. */
  run: WireRun | null;
  loading: boolean;
  error: string | null;
}

const EMPTY: SideData = { mv: null, run: null, loading: false, error: null };

/** One side of the comparison: the version and its source run. Reloads when the version changes. */
export function useSide(name: string, version: string | undefined): SideData {
  const [data, setData] = useState<SideData>(EMPTY);
  useEffect(() => {
    if (!version) {
      setData(EMPTY);
      return;
    }
    const controller = new AbortController();
    const { signal } = controller;
    setData({ ...EMPTY, loading: true });
    (async () => {
      try {
        const mv = await getModelVersion(name, version, { signal });
        const run = mv.run_id ? await getRun(mv.run_id, { signal }).catch(() => null) : null;
        if (!signal.aborted) setData({ mv, run, loading: false, error: null });
      } catch (e) {
        if (!signal.aborted) setData({ ...EMPTY, error: e instanceof Error ? e.message : String(e) });
      }
    })();
    return () => controller.abort();
  }, [name, version]);
  return data;
}
