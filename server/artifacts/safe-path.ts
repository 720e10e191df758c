import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { MlflowError } from '../errors';

/**
 * Path safety for every artifact path a request can carry (reference §6.5): proxy paths, the
 * `path` of artifacts/list, and whatever later routes read files. A path is checked in every form
 * it takes while being URL-decoded again and again, so that no later decoding (ours, a proxy's or
 * a storage backend's) can turn it into something that leaves the artifact root.
 */

/** Beyond this many nested encodings a path is refused rather than decoded further. */
const MAX_DECODE_ROUNDS = 8;

const CONTROL_CHAR = /[\u0000-\u001f\u007f]/;
const DRIVE_LETTER = /^[A-Za-z]:/;

function describe(raw: string): string {
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  // JSON.stringify escapes control characters, so they are shown, never echoed raw.
  return JSON.stringify(shown);
}

function invalidPath(raw: string, reason: string): MlflowError {
  return new MlflowError(
    'INVALID_PARAMETER_VALUE',
    `Invalid path ${describe(raw)}: ${reason}. Artifact paths are relative and '/'-separated, ` +
      `without '..' segments, backslashes, '#', drive letters or control characters.`,
  );
}

/** Decodes every %XX run it can and leaves malformed escapes alone, like Python's `unquote`. */
function lenientDecode(value: string): string {
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

function problemWith(form: string): string | null {
  if (form.includes('#')) return "it contains '#'";
  if (CONTROL_CHAR.test(form)) return 'it contains a control character';
  if (form.includes('\\')) return 'it contains a backslash';
  if (/^file:/i.test(form)) return 'it is a file: URI, not a relative path';
  if (form.startsWith('/')) return 'it is absolute';
  if (DRIVE_LETTER.test(form)) return 'it starts with a drive letter';
  if (form.split('/').includes('..')) return "it contains a '..' segment";
  return null;
}

/**
 * Checks an artifact path and returns it normalised: '/'-separated, without empty or `.`
 * segments, `''` for the root. The path itself is kept as given (not decoded further): the
 * decoded forms are only checked, as the MLflow server does.
 */
export function safeArtifactPath(raw: string | undefined | null): string {
  if (raw === undefined || raw === null) return '';
  let form = raw;
  for (let round = 0; ; round++) {
    const problem = problemWith(form);
    if (problem) throw invalidPath(raw, problem);
    const decoded = lenientDecode(form);
    if (decoded === form) break;
    if (round === MAX_DECODE_ROUNDS) throw invalidPath(raw, 'it is URL-encoded too many times over');
    form = decoded;
  }
  return raw
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.')
    .join('/');
}

/** Like safeArtifactPath, for operations on one file or tree: the root itself is refused. */
export function safeArtifactFilePath(raw: string | undefined | null): string {
  const rel = safeArtifactPath(raw);
  if (rel === '') throw invalidPath(raw ?? '', 'an artifact path naming a file or directory is required');
  return rel;
}

/** True when `candidate` is `root` or lies below it (both absolute and normalised). */
export function isPathInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return candidate.startsWith(prefix);
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function realpathOrNull(p: string): Promise<string | null> {
  try {
    return await realpath(p);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}

async function isSymlink(p: string): Promise<boolean> {
  try {
    return (await lstat(p)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Resolves an artifact path under a local root and proves it stays there: lexically first, then
 * through the file system, where the deepest entry of the path that exists must have its real
 * location (symbolic links followed) inside the root's real location. Entries below it do not
 * exist yet and will be created as plain directories. Returns the lexical absolute path.
 *
 * A link swapped in between this check and the use of the path is not caught; only someone with
 * write access to the artifact directory itself could do that, and the API never creates links.
 */
export async function resolveInside(root: string, relPath: string): Promise<string> {
  const rel = safeArtifactPath(relPath);
  const absRoot = path.resolve(root);
  const target = rel === '' ? absRoot : path.resolve(absRoot, ...rel.split('/'));
  if (!isPathInside(absRoot, target)) throw invalidPath(relPath, 'it leaves the artifact root');

  const realRoot = await realpathOrNull(absRoot);
  if (realRoot === null) return target; // nothing has been stored yet, so nothing can be a link

  for (let current = target; ; current = path.dirname(current)) {
    let real: string | null;
    try {
      real = await realpathOrNull(current);
    } catch (error) {
      if (errorCode(error) === 'ELOOP') throw invalidPath(relPath, 'it runs into a loop of symbolic links');
      throw error;
    }
    if (real !== null) {
      if (!isPathInside(realRoot, real)) {
        throw invalidPath(relPath, 'it leads outside the artifact root through a symbolic link');
      }
      return target;
    }
    if (await isSymlink(current)) throw invalidPath(relPath, 'it runs into a dangling symbolic link');
    if (current === absRoot) return target;
  }
}
