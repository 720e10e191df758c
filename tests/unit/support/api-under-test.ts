import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The real server below the HTTP boundary (wrapper, endpoints, services, a SQLite store) on fresh
 * temporary data. The store and config read the environment on first use, so it is set before
 * they are imported; each vitest file runs in its own process, so nothing leaks between files.
 */
export async function apiUnderTest(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `runboard-${prefix}-`));
  const artifactsDir = path.join(dir, 'artifacts');
  process.env.MLFLOW_BACKEND_STORE_URI = `sqlite:///${path.join(dir, 'x.db')}`;
  process.env.MLFLOW_ARTIFACTS_DESTINATION = artifactsDir;
  process.env.MLFLOW_SERVE_ARTIFACTS = 'true';
  delete process.env.MLFLOW_DEFAULT_ARTIFACT_ROOT;
  delete (globalThis as { __runboardStores?: unknown }).__runboardStores;
  const { handleApiRequest } = await import('@/server/http/handle-api-request');
  const { getTrackingStore } = await import('@/server/store');
  return { dir, artifactsDir, handleApiRequest, getTrackingStore };
}
