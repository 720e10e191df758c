import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalArtifactRepository } from '@/server/artifacts/local-artifact-repository';

/** A body delivered in uneven chunks, as a network upload would be. */
function chunkedStream(data: Uint8Array, chunk = 65_537): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.byteLength) {
        controller.close();
        return;
      }
      controller.enqueue(data.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function textStream(text: string): ReadableStream<Uint8Array> {
  return chunkedStream(new TextEncoder().encode(text));
}

describe('LocalArtifactRepository', () => {
  let base: string;
  let root: string;
  let repo: LocalArtifactRepository;

  beforeEach(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'runboard-repo-'));
    root = path.join(base, 'artifacts');
    repo = new LocalArtifactRepository(root);
  });

  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('streams a 20 MB file in and out byte for byte', async () => {
    const data = randomBytes(20 * 1024 * 1024);
    await repo.write('1/run/artifacts/big.bin', chunkedStream(data));
    expect((await stat(path.join(root, '1/run/artifacts/big.bin'))).size).toBe(data.byteLength);

    const file = await repo.open('1/run/artifacts/big.bin');
    expect(file).not.toBeNull();
    expect(file!.size).toBe(data.byteLength);
    const back = await readAll(file!.stream);
    expect(back.equals(data)).toBe(true);
  });

  it('creates an empty file for a missing body, and overwrites an existing file', async () => {
    await repo.write('a/empty.txt', null);
    expect(await readFile(path.join(root, 'a/empty.txt'), 'utf8')).toBe('');
    await repo.write('a/empty.txt', textStream('second'));
    expect(await readFile(path.join(root, 'a/empty.txt'), 'utf8')).toBe('second');
  });

  it('leaves the old file and no temp file behind when an upload breaks off', async () => {
    await repo.write('f.txt', textStream('old'));
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(new Uint8Array(1000));
        } else {
          controller.error(new Error('connection reset'));
        }
      },
    });
    await expect(repo.write('f.txt', broken)).rejects.toThrow('connection reset');
    expect(await readFile(path.join(root, 'f.txt'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['f.txt']);
  });

  it('refuses to write over a directory or below a file', async () => {
    await repo.write('dir/x.txt', textStream('x'));
    await expect(repo.write('dir', textStream('y'))).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    await expect(repo.write('dir/x.txt/y.txt', textStream('y'))).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
  });

  it('lists one directory: basenames, sorted, with is_dir and sizes', async () => {
    await repo.write('run/artifacts/model/MLmodel', textStream('flavors: {}\n'));
    await repo.write('run/artifacts/model/model.pkl', chunkedStream(new Uint8Array(1234)));
    await repo.write('run/artifacts/model/sub/deep.txt', textStream('deep'));
    await repo.write('run/artifacts/b.txt', textStream('bb'));
    await repo.write('run/artifacts/a.txt', textStream('a'));

    expect(await repo.list('run/artifacts')).toEqual([
      { path: 'a.txt', isDir: false, fileSize: 1 },
      { path: 'b.txt', isDir: false, fileSize: 2 },
      { path: 'model', isDir: true },
    ]);
    expect(await repo.list('run/artifacts/model')).toEqual([
      { path: 'MLmodel', isDir: false, fileSize: 12 },
      { path: 'model.pkl', isDir: false, fileSize: 1234 },
      { path: 'sub', isDir: true },
    ]);
    expect(await repo.list('')).toEqual([{ path: 'run', isDir: true }]);
  });

  it('lists a missing directory, a file, or a missing root as empty', async () => {
    expect(await repo.list('')).toEqual([]);
    await repo.write('x/file.txt', textStream('x'));
    expect(await repo.list('x/nope')).toEqual([]);
    expect(await repo.list('x/file.txt')).toEqual([]);
  });

  it('opens nothing for a missing file or a directory', async () => {
    await repo.write('d/f.txt', textStream('f'));
    expect(await repo.open('d/missing.txt')).toBeNull();
    expect(await repo.open('d')).toBeNull();
    expect(await repo.open('d/f.txt/below')).toBeNull();
  });

  it('deletes a whole tree, a single file, and tolerates a missing path', async () => {
    await repo.write('t/a/1.txt', textStream('1'));
    await repo.write('t/a/b/2.txt', textStream('2'));
    await repo.write('t/keep.txt', textStream('k'));
    await repo.delete('t/a');
    expect(await repo.list('t')).toEqual([{ path: 'keep.txt', isDir: false, fileSize: 1 }]);
    await repo.delete('t/keep.txt');
    expect(await repo.list('t')).toEqual([]);
    await expect(repo.delete('t/never-there')).resolves.toBeUndefined();
  });

  it('refuses to delete the root itself', async () => {
    await repo.write('x.txt', textStream('x'));
    await expect(repo.delete('')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    expect(await repo.list('')).toHaveLength(1);
  });

  describe('with a link inside the root pointing outside', () => {
    let outside: string;

    beforeEach(async () => {
      outside = path.join(base, 'outside');
      await mkdir(outside, { recursive: true });
      await writeFile(path.join(outside, 'secret.txt'), 'secret');
      await repo.write('ok/file.txt', textStream('ok'));
      await symlink(outside, path.join(root, 'escape'));
      await symlink(path.join(outside, 'secret.txt'), path.join(root, 'ok', 'secret-link.txt'));
    });

    it('refuses to read through it', async () => {
      await expect(repo.open('escape/secret.txt')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      await expect(repo.open('ok/secret-link.txt')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    });

    it('refuses to list through it, and hides it from listings', async () => {
      await expect(repo.list('escape')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      expect(await repo.list('')).toEqual([{ path: 'ok', isDir: true }]);
      expect(await repo.list('ok')).toEqual([{ path: 'file.txt', isDir: false, fileSize: 2 }]);
    });

    it('refuses to write through it', async () => {
      await expect(repo.write('escape/planted.txt', textStream('x'))).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      await expect(repo.write('escape/new/dir/planted.txt', textStream('x'))).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      expect(await readdir(outside)).toEqual(['secret.txt']);
    });

    it('refuses to delete through it', async () => {
      await expect(repo.delete('escape/secret.txt')).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    });
  });

  it('applies the path rules on every operation', async () => {
    for (const bad of ['../x', '%2e%2e/x', '/etc/passwd', 'a\\b']) {
      await expect(repo.write(bad, null)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      await expect(repo.open(bad)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      await expect(repo.list(bad)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
      await expect(repo.delete(bad)).rejects.toMatchObject({ code: 'INVALID_PARAMETER_VALUE' });
    }
  });
});
