'use client';

import { useCallback, useEffect, useState } from 'react';
import { ApiError, getRun, type WireRun } from '@/lib/api-client';

export const POLL_MS = 3000;

export interface RunState {
  run: WireRun | null;
  error: string | null;
  notFound: boolean;
  /** Replace the run after a local edit (rename, tag) without waiting for a poll. */
  reload: () => Promise<void>;
}

/**
 * Loads a run and, while it is RUNNING and this browser tab is visible, polls it every ~3 s (a
 * small request: the run without histories). Polling stops when the run ends or the tab is hidden
 * and resumes, with an immediate refresh, when the tab is shown again.
 */
export function useRun(runId: string): RunState {
  const [run, setRun] = useState<WireRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);

  const reload = useCallback(async () => {
    try {
      setRun(await getRun(runId));
      setError(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'RESOURCE_DOES_NOT_EXIST') setNotFound(true);
      else setError(e instanceof Error ? e.message : String(e));
    }
  }, [runId]);

  useEffect(() => {
    setRun(null);
    setNotFound(false);
    void reload();
  }, [reload]);

  const running = run?.info.status === 'RUNNING';
  useEffect(() => {
    if (!running) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    let inflight: AbortController | null = null;
    const poll = async () => {
      if (inflight) return;
      inflight = new AbortController();
      try {
        setRun(await getRun(runId, { signal: inflight.signal }));
      } catch {
        // A missed poll is retried on the next tick; the page keeps showing the last state.
      } finally {
        inflight = null;
      }
    };
    const start = () => {
      if (timer === undefined) timer = setInterval(() => void poll(), POLL_MS);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        void poll();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      inflight?.abort();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [running, runId]);

  return { run, error, notFound, reload };
}
