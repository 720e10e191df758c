import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInside, safeArtifactFilePath, safeArtifactPath } from '@/server/artifacts/safe-path';
import { MlflowError } from '@/server/errors';

function rejection(fn: () => unknown): MlflowError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MlflowError);
    return error as MlflowError;
  }
  throw new Error('expected the path to be rejected');
}

describe('safeArtifactPath', () => {
  it.each([
    ['../x'],
    ['a/../../x'],
    ['..'],
    ['a/..'],
    ['%2e%2e/x'],
    ['%2E%2E/x'],
    ['.%2e/x'],
    ['%252e%252e/x'],
    ['%25252e%25252e/x'],
    ['a%2f..%2fb'],
    ['/etc/passwd'],
    ['%2fetc/passwd'],
    ['C:\\x'],
    ['C:/x'],
    ['c:x'],
    ['a\\..\\b'],
    ['a%5cb'],
    ['\\\\server\\share'],
    ['a#b'],
    ['a%23b'],
    ['a\u0000b'],
    ['a%00b'],
    ['a\nb'],
    ['file:///etc/passwd'],
  ])('rejects %j as INVALID_PARAMETER_VALUE "Invalid path"', (raw) => {
    const error = rejection(() => safeArtifactPath(raw));
    expect(error.code).toBe('INVALID_PARAMETER_VALUE');
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Invalid path /);
  });

  it('never echoes control characters in its message', () => {
    const error = rejection(() => safeArtifactPath('a\u0000b'));
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it.each([
    ['', ''],
    ['model/MLmodel', 'model/MLmodel'],
    ['a//b/./c/', 'a/b/c'],
    ['./a', 'a'],
    ['..a/b..', '..a/b..'],
    ['a..b/...', 'a..b/...'],
    ['100%.txt', '100%.txt'],
    ['a%20b.txt', 'a%20b.txt'],
    ['名前/ファイル.txt', '名前/ファイル.txt'],
    ['dir with space/x:y.txt', 'dir with space/x:y.txt'],
  ])('accepts %j as %j', (raw, normalised) => {
    expect(safeArtifactPath(raw)).toBe(normalised);
  });

  it('treats a missing path as the root, but a file operation needs one', () => {
    expect(safeArtifactPath(undefined)).toBe('');
    expect(rejection(() => safeArtifactFilePath('')).code).toBe('INVALID_PARAMETER_VALUE');
    expect(rejection(() => safeArtifactFilePath('./')).code).toBe('INVALID_PARAMETER_VALUE');
    expect(safeArtifactFilePath('a/b')).toBe('a/b');
  });
});

describe('resolveInside', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'runboard-safe-path-'));
    root = path.join(base, 'root');
    outside = path.join(base, 'outside');
    await mkdir(path.join(root, 'real'), { recursive: true });
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    await symlink(outside, path.join(root, 'escape'));
    await symlink(path.join(root, 'real'), path.join(root, 'alias'));
    await symlink(path.join(base, 'nowhere'), path.join(root, 'dangling'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('resolves paths under the root, existing or not', async () => {
    expect(await resolveInside(root, '')).toBe(root);
    expect(await resolveInside(root, 'real')).toBe(path.join(root, 'real'));
    expect(await resolveInside(root, 'new/deep/file.txt')).toBe(path.join(root, 'new/deep/file.txt'));
  });

  it('allows a link that stays inside the root', async () => {
    expect(await resolveInside(root, 'alias/x.txt')).toBe(path.join(root, 'alias/x.txt'));
  });

  it('refuses a link leading outside, for the link and anything below it', async () => {
    await expect(resolveInside(root, 'escape')).rejects.toThrow(/^Invalid path .*symbolic link/);
    await expect(resolveInside(root, 'escape/secret.txt')).rejects.toThrow(/symbolic link/);
    await expect(resolveInside(root, 'escape/not/yet/there.txt')).rejects.toThrow(/symbolic link/);
  });

  it('refuses a dangling link', async () => {
    await expect(resolveInside(root, 'dangling/x')).rejects.toThrow(/dangling symbolic link/);
  });

  it('applies the path rules itself', async () => {
    await expect(resolveInside(root, '../outside/secret.txt')).rejects.toThrow(/^Invalid path/);
    await expect(resolveInside(root, '%2e%2e/outside')).rejects.toThrow(/^Invalid path/);
  });

  it('resolves anything under a root that does not exist yet', async () => {
    const fresh = path.join(base, 'fresh');
    expect(await resolveInside(fresh, 'a/b')).toBe(path.join(fresh, 'a/b'));
  });
});
