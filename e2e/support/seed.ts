import { expect, type APIRequestContext } from '@playwright/test';

/**
 * Logs test data through Runboard's MLflow REST API, as any client would. Each spec creates its
 * own experiment with a unique name, so specs never see each other's runs.
 */
export interface SeedRun {
  name: string;
  params?: Record<string, string>;
  /** Metric key → values at steps 0..n-1 (timestamps 1 s apart). */
  metrics?: Record<string, number[]>;
  tags?: Record<string, string>;
  /** Name of an earlier run in the same `seedRuns` call. */
  parent?: string;
  status?: 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';
  /** Relative path → file content. */
  artifacts?: Record<string, string | Buffer>;
  startTime?: number;
}

async function post<T>(api: APIRequestContext, path: string, data: unknown): Promise<T> {
  const res = await api.post(`/api/2.0/mlflow/${path}`, { data });
  expect(res.ok(), `${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export async function createExperiment(api: APIRequestContext, name: string): Promise<string> {
  return (await post<{ experiment_id: string }>(api, 'experiments/create', { name })).experiment_id;
}

/** Creates the runs in order; returns run ids by name. */
export async function seedRuns(api: APIRequestContext, experimentId: string, runs: SeedRun[]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const base = Date.now() - runs.length * 60_000;
  for (const [i, r] of runs.entries()) {
    const tags = Object.entries(r.tags ?? {}).map(([key, value]) => ({ key, value }));
    if (r.parent) tags.push({ key: 'mlflow.parentRunId', value: ids[r.parent] });
    const startTime = r.startTime ?? base + i * 60_000;
    const { run } = await post<{ run: { info: { run_id: string; artifact_uri: string } } }>(api, 'runs/create', {
      experiment_id: experimentId,
      run_name: r.name,
      start_time: startTime,
      tags,
    });
    const runId = run.info.run_id;
    ids[r.name] = runId;
    const metrics = Object.entries(r.metrics ?? {}).flatMap(([key, values]) =>
      values.map((value, step) => ({ key, value, step, timestamp: startTime + step * 1000 })),
    );
    const params = Object.entries(r.params ?? {}).map(([key, value]) => ({ key, value }));
    for (let at = 0; at < Math.max(metrics.length, 1); at += 1000) {
      await post(api, 'runs/log-batch', { run_id: runId, metrics: metrics.slice(at, at + 1000), params: at === 0 ? params : [] });
    }
    for (const [path, content] of Object.entries(r.artifacts ?? {})) {
      const root = run.info.artifact_uri.replace(/^mlflow-artifacts:\/+/, '');
      const res = await api.put(`/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`, { data: content });
      expect(res.ok(), `upload ${path}: ${res.status()}`).toBeTruthy();
    }
    const status = r.status ?? 'FINISHED';
    if (status !== 'RUNNING') {
      await post(api, 'runs/update', { run_id: runId, status, end_time: startTime + 30_000 });
    }
  }
  return ids;
}
