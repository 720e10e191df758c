import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunInfo } from '@/lib/domain';
import { resolveArtifactUri } from '@/server/artifacts/artifact-uri';
import { guessContentType } from '@/server/artifacts/content-type';
import { attachmentDisposition } from '@/server/artifacts/file-response';
import { LocalArtifactRepository } from '@/server/artifacts/local-artifact-repository';
import { deleteArtifact } from '@/server/services/artifacts/delete-artifact';
import { downloadArtifact } from '@/server/services/artifacts/download-artifact';
import { listArtifacts } from '@/server/services/artifacts/list-artifacts';
import { listRunArtifacts } from '@/server/services/artifacts/list-run-artifacts';
import { uploadArtifact } from '@/server/services/artifacts/upload-artifact';
import { fileInfoFromWire, fileInfoToWire, fileInfoWire } from '@/server/wire/file-info';

function putRequest(rel: string, body: string | Uint8Array): Request {
  const init = { method: 'PUT', body, duplex: 'half' };
  return new Request(`http://x/api/2.0/mlflow-artifacts/artifacts/${rel}`, init as RequestInit);
}

describe('artifact services', () => {
  let root: string;
  let repo: LocalArtifactRepository;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'runboard-services-'));
    repo = new LocalArtifactRepository(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('uploads a request body and downloads it with its basename', async () => {
    await uploadArtifact(repo, 'a/b.txt', putRequest('a/b.txt', 'hello').body);
    const download = await downloadArtifact(repo, 'a/b.txt');
    expect(download.fileName).toBe('b.txt');
    expect(download.size).toBe(5);
    expect(await new Response(download.stream).text()).toBe('hello');
  });

  it('reports a missing file as RESOURCE_DOES_NOT_EXIST', async () => {
    await expect(downloadArtifact(repo, 'nope.txt')).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST', status: 404 });
  });

  it('lists, then deletes, a tree', async () => {
    await uploadArtifact(repo, 'd/x.txt', putRequest('d/x.txt', 'x').body);
    await uploadArtifact(repo, 'd/e/y.txt', putRequest('d/e/y.txt', 'yy').body);
    expect(await listArtifacts(repo, 'd')).toEqual([
      { path: 'e', isDir: true },
      { path: 'x.txt', isDir: false, fileSize: 1 },
    ]);
    await deleteArtifact(repo, 'd');
    expect(await listArtifacts(repo, undefined)).toEqual([]);
  });

  it('refuses unsafe paths before touching storage', async () => {
    await expect(uploadArtifact(repo, '%252e%252e/x', putRequest('x', 'x').body)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    await expect(downloadArtifact(repo, '../x')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    await expect(listArtifacts(repo, '/etc')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    await expect(deleteArtifact(repo, '')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
  });

  describe('listRunArtifacts', () => {
    const run: RunInfo = {
      runId: 'r1',
      runName: 'r1',
      experimentId: '3',
      userId: 'u',
      status: 'RUNNING',
      startTime: 1,
      endTime: null,
      artifactUri: 'mlflow-artifacts:/3/r1/artifacts',
      lifecycleStage: 'active',
    };
    const deps = () => ({
      store: { getRunInfo: async (id: string) => (id === 'r1' ? run : null) },
      resolveUri: (uri: string) => resolveArtifactUri(uri, { artifactsDestination: root, localRoots: [root] }),
    });

    it('gives paths relative to the run root', async () => {
      await uploadArtifact(repo, '3/r1/artifacts/model/MLmodel', putRequest('m', 'm').body);
      await uploadArtifact(repo, '3/r1/artifacts/model/env/conda.yaml', putRequest('c', 'cc').body);
      expect(await listRunArtifacts(deps(), { runId: 'r1', path: 'model/' })).toEqual({
        rootUri: 'mlflow-artifacts:/3/r1/artifacts',
        files: [
          { path: 'model/MLmodel', isDir: false, fileSize: 1 },
          { path: 'model/env', isDir: true },
        ],
      });
      expect((await listRunArtifacts(deps(), { runId: 'r1' })).files).toEqual([{ path: 'model', isDir: true }]);
    });

    it('fails for an unknown run and an unsafe path', async () => {
      await expect(listRunArtifacts(deps(), { runId: 'r9' })).rejects.toMatchObject({ code: 'RESOURCE_DOES_NOT_EXIST' });
      await expect(listRunArtifacts(deps(), { runId: 'r1', path: '../../..' })).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    });
  });
});

describe('download headers', () => {
  it.each([
    ['model.pkl', 'application/octet-stream'],
    ['README', 'application/octet-stream'],
    ['.hidden', 'application/octet-stream'],
    ['a/b/MLmodel', 'text/plain'],
    ['conda.yaml', 'application/yaml'],
    ['PLOT.PNG', 'image/png'],
    ['data.csv', 'text/csv'],
    ['page.html', 'text/html'],
  ])('guesses %s as %s', (name, type) => {
    expect(guessContentType(name)).toBe(type);
  });

  it('quotes file names safely for Content-Disposition', () => {
    expect(attachmentDisposition('model.pkl')).toBe(`attachment; filename="model.pkl"; filename*=UTF-8''model.pkl`);
    expect(attachmentDisposition('a"b\\c;d.txt')).toBe(`attachment; filename="a_b_c;d.txt"; filename*=UTF-8''a%22b%5Cc%3Bd.txt`);
    expect(attachmentDisposition("图 (1)'s.png")).toBe(`attachment; filename="_ (1)'s.png"; filename*=UTF-8''%E5%9B%BE%20%281%29%27s.png`);
  });
});

describe('FileInfo wire mapping', () => {
  it('always emits is_dir and omits file_size for directories', () => {
    expect(fileInfoToWire({ path: 'model', isDir: true })).toEqual({ path: 'model', is_dir: true });
    expect(fileInfoToWire({ path: 'a.txt', isDir: false, fileSize: 0 })).toEqual({ path: 'a.txt', is_dir: false, file_size: 0 });
  });

  it('reads file_size as a number or a string', () => {
    expect(fileInfoFromWire(fileInfoWire.parse({ path: 'a', is_dir: false, file_size: '12' }))).toEqual({ path: 'a', isDir: false, fileSize: 12 });
    expect(fileInfoFromWire(fileInfoWire.parse({ path: 'd', is_dir: true }))).toEqual({ path: 'd', isDir: true });
  });
});
