import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUnderTest } from '../support/api-under-test';
import { readZip } from '../support/zip-reader';

// A logged model's files for the UI (MLflow's logged-models/<id>/artifacts/files, and Runboard's
// folder zip) over the real wrapper, a SQLite store and the proxy's destination on disk.
const { dir, artifactsDir: destination, handleApiRequest, getTrackingStore } = await apiUnderTest('model-artifacts');

const HOST = 'http://localhost:5000';
let modelId: string;
let emptyModelId: string;

async function send(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return handleApiRequest(new Request(`${HOST}${url}`, init));
}
const get = (url: string, headers: Record<string, string> = {}) => send('GET', url, undefined, headers);
const fileUrl = (id: string, p?: string) => `/ajax-api/2.0/mlflow/logged-models/${id}/artifacts/files${p === undefined ? '' : `?artifact_file_path=${encodeURIComponent(p)}`}`;
const zipUrl = (id: string, p?: string) => `/ajax-api/2.0/runboard/logged-models/artifacts/zip?model_id=${id}${p === undefined ? '' : `&path=${encodeURIComponent(p)}`}`;

function write(root: string, rel: string, data: string) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

async function createModel(experimentId: string): Promise<{ id: string; root: string }> {
  const res = await send('POST', '/api/2.0/mlflow/logged-models', { experiment_id: experimentId, name: 'model' });
  expect(res.status).toBe(200);
  const { model } = (await res.json()) as { model: { info: { model_id: string; artifact_uri: string } } };
  expect(model.info.artifact_uri).toMatch(/^mlflow-artifacts:\//);
  return { id: model.info.model_id, root: path.join(destination, model.info.artifact_uri.slice('mlflow-artifacts:/'.length)) };
}

beforeAll(async () => {
  const experimentId = await (await getTrackingStore()).createExperiment({ name: 'models', tags: [] });
  const model = await createModel(experimentId);
  modelId = model.id;
  write(model.root, 'MLmodel', 'flavors:\n  python_function: {}\n');
  write(model.root, 'data/model.pkl', 'p'.repeat(5000));
  write(model.root, 'requirements.txt', 'scikit-learn==1.5\n');
  emptyModelId = (await createModel(experimentId)).id;
  // A file beside the model's root that no path may reach.
  write(path.dirname(model.root), 'secret.txt', 'not yours');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('logged-model artifact files', () => {
  it('downloads one file, and a byte range of it with 206', async () => {
    const whole = await get(fileUrl(modelId, 'MLmodel'));
    expect(whole.status).toBe(200);
    expect(await whole.text()).toBe('flavors:\n  python_function: {}\n');
    const part = await get(fileUrl(modelId, 'data/model.pkl'), { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 0-99/5000');
    expect((await part.arrayBuffer()).byteLength).toBe(100);
  });

  it('zips the whole model, or one folder of it', async () => {
    const all = await get(zipUrl(modelId));
    expect(all.status).toBe(200);
    expect(all.headers.get('content-disposition')).toContain(`${modelId}-artifacts.zip`);
    const names = readZip(Buffer.from(await all.arrayBuffer())).map((e) => e.name).sort();
    expect(names).toEqual(['MLmodel', 'data/model.pkl', 'requirements.txt']);
    const data = readZip(Buffer.from(await (await get(zipUrl(modelId, 'data'))).arrayBuffer()));
    expect(data.map((e) => [e.name, e.data.length])).toEqual([['model.pkl', 5000]]);
  });

  it('answers MLflow-style errors: missing path 400 BAD_REQUEST, unknown model or file 404, nothing to zip 404', async () => {
    const missing = await get(fileUrl(modelId));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error_code: 'BAD_REQUEST' });
    expect((await get(fileUrl('m-0000000000000000000000000000dead', 'MLmodel'))).status).toBe(404);
    expect((await get(fileUrl(modelId, 'nope.txt'))).status).toBe(404);
    expect((await get(zipUrl(emptyModelId))).status).toBe(404);
  });

  it('keeps every path inside the model root', async () => {
    for (const p of ['../secret.txt', 'data/../../secret.txt', '/etc/passwd', '..%2Fsecret.txt']) {
      const res = await get(fileUrl(modelId, p));
      expect([400, 404], p).toContain(res.status);
      expect(await res.text()).not.toContain('not yours');
    }
    const zip = await get(zipUrl(modelId, '..'));
    expect([400, 404]).toContain(zip.status);
  });
});
