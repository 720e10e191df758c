import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUnderTest } from '../support/api-under-test';
import { clampRange } from '@/server/artifacts/artifact-repository';
import { parseRangeHeader } from '@/server/artifacts/file-response';
import { readZip } from '../support/zip-reader';

// Run artifact downloads for the UI (server/services/artifacts/artifact-files.ts) over the
// real wrapper: a SQLite store for the runs, and the proxy's artifacts destination on disk. The
// store and config read the environment on first use, so it is set before they are imported.
const { dir, artifactsDir: destination, handleApiRequest, getTrackingStore } = await apiUnderTest('run-artifacts');

const HOST = 'http://localhost:5000';
const FILE = '/ajax-api/2.0/runboard/artifacts/file';
const ZIP = '/ajax-api/2.0/runboard/artifacts/zip';

const big = randomBytes(3 * 1024 * 1024 + 123);
const utf8Name = 'données/é 1.txt';
let runId: string;
let otherRunId: string;
let emptyRunId: string;
let runDir: string;

function get(pathAndQuery: string, params: Record<string, string> = {}, headers: Record<string, string> = {}): Promise<Response> {
  const query = new URLSearchParams(params).toString();
  return handleApiRequest(new Request(`${HOST}${pathAndQuery}${query ? `?${query}` : ''}`, { headers }));
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

function write(root: string, rel: string, data: string | Buffer) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/** The local directory of a run's `mlflow-artifacts:/...` URI. */
function localDir(artifactUri: string): string {
  expect(artifactUri).toMatch(/^mlflow-artifacts:\//);
  return path.join(destination, artifactUri.slice('mlflow-artifacts:/'.length));
}

beforeAll(async () => {
  const store = await getTrackingStore();
  const exp = await store.createExperiment({ name: 'artifacts', tags: [] });
  const make = async () => (await store.createRun({ experimentId: exp, runName: 'r', userId: 'u', startTime: 1, tags: [] })).info;
  const run = await make();
  runId = run.runId;
  runDir = localDir(run.artifactUri);
  write(runDir, 'a.txt', 'hello, artifacts\n');
  write(runDir, 'empty.txt', '');
  write(runDir, 'model/MLmodel', 'flavors: {}\n');
  write(runDir, 'model/data/weights.bin', big);
  write(runDir, utf8Name, 'accents');
  fs.mkdirSync(path.join(runDir, 'hollow/inner'), { recursive: true });

  const other = await make();
  otherRunId = other.runId;
  write(localDir(other.artifactUri), 'secret.txt', 'TOP SECRET');
  write(destination, 'root-secret.txt', 'ROOT SECRET');
  write(dir, 'outside.txt', 'OUTSIDE SECRET');

  emptyRunId = (await make()).runId;
});

afterAll(async () => {
  await (await getTrackingStore()).close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function expectError(res: Response, status: number, code: string): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/json');
  const text = await res.text();
  expect(text).not.toMatch(/SECRET/);
  const json = JSON.parse(text);
  expect(Object.keys(json).sort()).toEqual(['error_code', 'message']);
  expect(json.error_code).toBe(code);
  return json.message;
}

describe('parseRangeHeader', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=5-5', { start: 5, end: 5 }],
    ['bytes=100-', { start: 100 }],
    ['  bytes=1-2  ', { start: 1, end: 2 }],
    ['bytes=0-999999999999999', { start: 0, end: 999_999_999_999_999 }],
  ])('reads %j', (header, range) => {
    expect(parseRangeHeader(header)).toEqual(range);
  });

  it.each([
    [null],
    [''],
    ['bytes=-500'], // suffix range
    ['bytes=0-1,5-6'], // several ranges
    ['bytes=0-1, 5-'],
    ['bytes=9-3'], // end before start
    ['items=0-1'],
    ['bytes=a-b'],
    ['bytes 0-1'],
    ['bytes=1.5-2'],
    ['bytes=1234567890123456-'], // 16 digits
  ])('ignores %j (the whole file is sent)', (header) => {
    expect(parseRangeHeader(header)).toBeUndefined();
  });
});

describe('clampRange', () => {
  it('clamps the end to the file and refuses a start at or beyond the end', () => {
    expect(clampRange({ start: 2, end: 5 }, 10)).toEqual({ start: 2, end: 5 });
    expect(clampRange({ start: 2 }, 10)).toEqual({ start: 2, end: 9 });
    expect(clampRange({ start: 2, end: 50 }, 10)).toEqual({ start: 2, end: 9 });
    expect(clampRange({ start: 10 }, 10)).toBeNull();
    expect(clampRange({ start: 0, end: 0 }, 0)).toBeNull();
  });
});

describe('GET run artifact file', () => {
  it.each([
    ['/get-artifact', 'run_uuid'],
    [FILE, 'run_id'],
    [FILE, 'run_uuid'],
    ['/api/2.0/runboard/artifacts/file', 'run_id'],
  ])('%s?%s=&path= streams the whole file with download headers', async (route, idParam) => {
    const res = await get(route, { [idParam]: runId, path: 'a.txt' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('17');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBeNull();
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="a.txt"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('hello, artifacts\n');
  });

  it('streams a large file in a subfolder byte for byte, named by its basename', async () => {
    const res = await get(FILE, { run_id: runId, path: 'model/data/weights.bin' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(big.length));
    expect(res.headers.get('content-disposition')).toMatch(/filename="weights.bin"/);
    expect((await bytesOf(res)).equals(big)).toBe(true);
  });

  it('serves a file with a non-ASCII name', async () => {
    const res = await get(FILE, { run_id: runId, path: utf8Name });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('accents');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('é 1.txt')}`);
  });

  it('serves an empty file as 200 with content-length 0', async () => {
    const res = await get(FILE, { run_id: runId, path: 'empty.txt' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('0');
    expect((await bytesOf(res)).length).toBe(0);
  });

  describe('with a Range header', () => {
    it.each([
      ['bytes=0-9', 0, 9],
      ['bytes=7-7', 7, 7],
      ['bytes=100-', 100, big.length - 1],
      ['bytes=262139-262149', 262_139, 262_149], // across the 256 KiB read chunks
      ['bytes=1048570-2621450', 1_048_570, 2_621_450],
      [`bytes=${big.length - 3}-${big.length + 1000}`, big.length - 3, big.length - 1], // end clamped
    ])('%s answers 206 with content-range and exactly those bytes', async (range, start, end) => {
      const res = await get(FILE, { run_id: runId, path: 'model/data/weights.bin' }, { range });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${big.length}`);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      const body = await bytesOf(res);
      expect(body.length).toBe(end - start + 1);
      expect(body.equals(big.subarray(start, end + 1))).toBe(true);
    });

    it('works through /get-artifact too', async () => {
      const res = await get('/get-artifact', { run_uuid: runId, path: 'a.txt' }, { range: 'bytes=7-15' });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe('bytes 7-15/17');
      expect(await res.text()).toBe('artifacts');
    });

    it.each([`bytes=${big.length}-`, `bytes=${big.length + 5}-${big.length + 10}`])('%s (starting beyond the end) answers the whole file with 200', async (range) => {
      const res = await get(FILE, { run_id: runId, path: 'model/data/weights.bin' }, { range });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-range')).toBeNull();
      expect((await bytesOf(res)).equals(big)).toBe(true);
    });

    it.each(['bytes=0-1,4-5', 'bytes=-5', 'lines=1-2', 'bytes=5-1'])('ignores %s and answers the whole file with 200', async (range) => {
      const res = await get(FILE, { run_id: runId, path: 'a.txt' }, { range });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('hello, artifacts\n');
    });

    it('answers a range on an empty file with the empty file', async () => {
      const res = await get(FILE, { run_id: runId, path: 'empty.txt' }, { range: 'bytes=0-0' });
      expect(res.status).toBe(200);
      expect((await bytesOf(res)).length).toBe(0);
    });
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for a missing file, a directory and an unknown run', async () => {
    expect(await expectError(await get(FILE, { run_id: runId, path: 'nope.txt' }), 404, 'RESOURCE_DOES_NOT_EXIST')).toContain('nope.txt');
    await expectError(await get(FILE, { run_id: runId, path: 'model' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await expectError(await get(FILE, { run_id: 'f'.repeat(32), path: 'a.txt' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await expectError(await get('/get-artifact', { run_uuid: 'f'.repeat(32), path: 'a.txt' }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('answers 400 without run_id or without path', async () => {
    expect(await expectError(await get(FILE, { path: 'a.txt' }), 400, 'INVALID_PARAMETER_VALUE')).toMatch(/run_id/);
    expect(await expectError(await get('/get-artifact', { path: 'a.txt' }), 400, 'INVALID_PARAMETER_VALUE')).toMatch(/run_id/);
    expect(await expectError(await get(FILE, { run_id: runId }), 400, 'INVALID_PARAMETER_VALUE')).toMatch(/path/);
    await expectError(await get(FILE, { run_id: runId, path: '' }), 400, 'INVALID_PARAMETER_VALUE');
  });

  const TRAVERSALS = () => [
    `../${otherRunId}/artifacts/secret.txt`,
    '../../root-secret.txt',
    '../../../../outside.txt',
    `model/../../${otherRunId}/artifacts/secret.txt`,
    `%2e%2e/${otherRunId}/artifacts/secret.txt`,
    `%2E%2E%2F%2E%2E%2Froot-secret.txt`,
    `%252e%252e/%252e%252e/root-secret.txt`,
    '..\\..\\root-secret.txt',
    path.join(dir, 'outside.txt'),
    '/etc/passwd',
    `file://${path.join(dir, 'outside.txt')}`,
    'C:/Windows/win.ini',
  ];

  it('refuses path traversal (.., encoded .., absolute) with 400 and reads nothing', async () => {
    for (const bad of TRAVERSALS()) {
      for (const [route, idParam] of [[FILE, 'run_id'], ['/get-artifact', 'run_uuid']]) {
        const res = await get(route, { [idParam]: runId, path: bad }, { range: 'bytes=0-' });
        const message = await expectError(res, 400, 'INVALID_PARAMETER_VALUE');
        expect(message, bad).toMatch(/^Invalid path/);
      }
    }
  });
});

describe('GET run artifacts as a zip', () => {
  async function zipEntries(res: Response) {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    return readZip(await bytesOf(res)).map((e) => [e.name, e.data] as const);
  }

  it('zips all of a run artifacts, depth first in name order, byte-exact', async () => {
    const res = await get(ZIP, { run_id: runId });
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="run-${runId.slice(0, 8)}-artifacts.zip"`));
    const entries = await zipEntries(res);
    expect(entries.map(([name]) => name)).toEqual(['a.txt', utf8Name, 'empty.txt', 'model/MLmodel', 'model/data/weights.bin']);
    const byName = new Map(entries);
    expect(byName.get('a.txt')?.toString()).toBe('hello, artifacts\n');
    expect(byName.get(utf8Name)?.toString()).toBe('accents');
    expect(byName.get('empty.txt')?.length).toBe(0);
    expect(byName.get('model/MLmodel')?.toString()).toBe('flavors: {}\n');
    expect(byName.get('model/data/weights.bin')?.equals(big)).toBe(true);
  });

  it('zips a subfolder with paths relative to it, named after it', async () => {
    const res = await get(ZIP, { run_uuid: runId, path: 'model' });
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="model.zip"/);
    const entries = await zipEntries(res);
    expect(entries.map(([name]) => name)).toEqual(['MLmodel', 'data/weights.bin']);
    expect(entries[1][1].equals(big)).toBe(true);
  });

  it('zips a nested subfolder given with a trailing slash', async () => {
    const res = await get(ZIP, { run_id: runId, path: 'model/data/' });
    expect(res.headers.get('content-disposition')).toMatch(/filename="data.zip"/);
    expect((await zipEntries(res)).map(([name]) => name)).toEqual(['weights.bin']);
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for an empty folder, a missing folder and a run without artifacts', async () => {
    await expectError(await get(ZIP, { run_id: runId, path: 'hollow' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await expectError(await get(ZIP, { run_id: runId, path: 'no/such/dir' }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await expectError(await get(ZIP, { run_id: emptyRunId }), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('answers 404 for an unknown run and 400 without a run id', async () => {
    await expectError(await get(ZIP, { run_id: 'e'.repeat(32) }), 404, 'RESOURCE_DOES_NOT_EXIST');
    await expectError(await get(ZIP, {}), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('refuses path traversal with 400', async () => {
    for (const bad of ['..', `../${otherRunId}/artifacts`, '%2e%2e', '%252e%252e/..', '/etc', dir, 'model/../..']) {
      const message = await expectError(await get(ZIP, { run_id: runId, path: bad }), 400, 'INVALID_PARAMETER_VALUE');
      expect(message, bad).toMatch(/^Invalid path/);
    }
  });
});
