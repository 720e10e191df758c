import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { apiUnderTest } from '../support/api-under-test';

// Short links over the real wrapper, service and a SQLite store.
const { dir, handleApiRequest } = await apiUnderTest('shared-views');

type Json = Record<string, any>;
const BASE = 'http://localhost:5000/ajax-api/2.0/runboard/shared-views';

async function send(method: 'GET' | 'POST', path: string, body?: unknown) {
  const init: RequestInit = { method, headers: { 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await handleApiRequest(new Request(`${BASE}/${path}`, init));
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Json, text };
}
const create = (body: unknown) => send('POST', 'create', body);
const get = (id: string) => send('GET', `get?view_id=${encodeURIComponent(id)}`);

async function rowCount(): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(`${dir}/x.db`, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM runboard_shared_views').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('runboard/shared-views', () => {
  const state = { runs: Array.from({ length: 5000 }, (_, i) => `run${i.toString(16).padStart(28, '0')}`), axes: ['params.lr', 'metrics.rmse'], brushes: { 'metrics.rmse': [0.1, 0.4] } };

  it('keeps a large state under a short id and gives it back unchanged', async () => {
    const saved = await create({ kind: 'compare', state: JSON.stringify(state) });
    expect(saved.status).toBe(200);
    expect(saved.json.view_id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const back = await get(saved.json.view_id);
    expect(back.status).toBe(200);
    expect(back.json.view.kind).toBe('compare');
    expect(JSON.parse(back.json.view.state)).toEqual(state);
    expect(back.json.view.creation_timestamp).toBeGreaterThan(0);
  });

  it('gives the same view the same id without storing it twice; another view gets another id', async () => {
    const before = await rowCount();
    const a = await create({ kind: 'compare', state: JSON.stringify({ runs: ['a', 'b'] }) });
    const again = await create({ kind: 'compare', state: JSON.stringify({ runs: ['a', 'b'] }) });
    const other = await create({ kind: 'compare', state: JSON.stringify({ runs: ['a', 'c'] }) });
    expect(again.json.view_id).toBe(a.json.view_id);
    expect(other.json.view_id).not.toBe(a.json.view_id);
    expect(await rowCount()).toBe(before + 2);
  });

  it('answers an unknown or malformed id with RESOURCE_DOES_NOT_EXIST', async () => {
    for (const id of ['AAAAAAAAAAAA', '../../etc/passwd', "x' OR 1=1 --"]) {
      const res = await get(id);
      expect(res.status).toBe(404);
      expect(res.json.error_code).toBe('RESOURCE_DOES_NOT_EXIST');
    }
    const missing = await send('GET', 'get');
    expect(missing.status).toBe(400);
    expect(missing.json.message).toMatch(/view_id/);
  });

  it('refuses bad input with INVALID_PARAMETER_VALUE and stores nothing', async () => {
    const before = await rowCount();
    const cases: [unknown, RegExp][] = [
      [{ state: '{}' }, /kind/],
      [{ kind: 'dashboard', state: '{}' }, /kind/],
      [{ kind: 'compare' }, /state/],
      [{ kind: 'compare', state: '{not json' }, /JSON/],
      [{ kind: 'compare', state: '42' }, /object or array/],
      [{ kind: 'compare', state: JSON.stringify({ blob: 'x'.repeat(1024 * 1024) }) }, /at most 1048576 bytes/],
      [{ kind: 'compare', state: { runs: [] } }, /state/],
    ];
    for (const [body, message] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json.error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(res.json.message).toMatch(message);
      expect(res.text).not.toMatch(/node_modules|\.ts:\d+/);
    }
    expect(await rowCount()).toBe(before);
  });
});
