import { expect } from 'vitest';
import type { MetricPoint, Page, RunStatus } from '@/lib/domain';
import { MlflowError } from '@/server/errors';
import type { TrackingStore } from '@/server/store/tracking-store';

/** Shared set-up for the runs-table tests: runs made through the real store, and error checks. */

export const PARENT_TAG = 'mlflow.parentRunId';

export interface RunSpec {
  experimentId: string;
  name?: string;
  startTime?: number;
  parent?: string;
  status?: RunStatus;
  deleted?: boolean;
  metrics?: MetricPoint[];
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

export async function makeRun(store: TrackingStore, spec: RunSpec): Promise<string> {
  const name = spec.name ?? 'run';
  const tags = [{ key: 'mlflow.runName', value: name }];
  if (spec.parent) tags.push({ key: PARENT_TAG, value: spec.parent });
  const run = await store.createRun({ experimentId: spec.experimentId, runName: name, userId: 'u', startTime: spec.startTime ?? 1000, tags });
  const runId = run.info.runId;
  const params = Object.entries(spec.params ?? {}).map(([key, value]) => ({ key, value }));
  const extraTags = Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value }));
  if (spec.metrics?.length || params.length || extraTags.length) {
    await store.logBatch(runId, { metrics: spec.metrics ?? [], params, tags: extraTags });
  }
  if (spec.status && spec.status !== 'RUNNING') await store.updateRun(runId, { status: spec.status, endTime: 2000 });
  if (spec.deleted) await store.setRunLifecycle(runId, 'deleted');
  return runId;
}

/** A metric history logged at steps 0, 1, 2, ... (so the last value is the latest). */
export function history(key: string, values: readonly number[]): MetricPoint[] {
  return values.map((value, step) => ({ key, value, step, timestamp: 10_000 + step }));
}

/** Follows next-page tokens to the end; each page size is used in turn. */
export async function collectPages<T>(
  fetch: (maxResults: number, pageToken: string | undefined) => Promise<Page<T>>,
  pageSizes: number | readonly number[],
): Promise<T[][]> {
  const sizes = typeof pageSizes === 'number' ? [pageSizes] : pageSizes;
  const pages: T[][] = [];
  let token: string | undefined;
  for (let i = 0; i < 10_000; i += 1) {
    const size = sizes[i % sizes.length];
    const page = await fetch(size, token);
    expect(page.items.length).toBeLessThanOrEqual(size);
    pages.push(page.items);
    if (!page.nextPageToken) return pages;
    // A token is only given when more rows follow: a full page.
    expect(page.items.length).toBe(size);
    token = page.nextPageToken;
  }
  throw new Error('paging does not terminate');
}

/** The MlflowError a promise (or function) rejects with; fails the test when it resolves. */
export async function mlflowError(p: Promise<unknown> | (() => unknown)): Promise<MlflowError> {
  let error: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected an MlflowError').toBeInstanceOf(MlflowError);
  return error as MlflowError;
}

export async function expectInvalid(p: Promise<unknown> | (() => unknown), message?: RegExp): Promise<MlflowError> {
  const error = await mlflowError(p);
  expect(error.code).toBe('INVALID_PARAMETER_VALUE');
  if (message) expect(error.message).toMatch(message);
  return error;
}
