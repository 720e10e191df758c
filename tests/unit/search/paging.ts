import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { MlflowError } from '@/server/errors';
import type { CompiledSearch } from '@/server/search/compiled-search';

/**
 * Running a compiled search on a real SQLite database the way a store does (one page, then the
 * next by its token), and the checks on errors, tokens and SQL that the search tests share.
 */

export type Row = Record<string, unknown>;

export interface Page<Id> {
  ids: Id[];
  /** The page's rows as the database returned them. */
  rows: Row[];
  /** How many rows the query returned, the one extra row included. */
  fetched: number;
  next?: string;
}

/** One page as the store answers: the first `maxResults` rows, and a token if there were more. */
export function runPage<Id>(
  db: Database.Database,
  compiled: CompiledSearch,
  maxResults: number,
  idOf: (row: Row) => Id,
): Page<Id> {
  const rows = db.prepare(compiled.sql).all(...compiled.params) as Row[];
  const page = rows.slice(0, maxResults);
  return {
    ids: page.map((row) => idOf(row)),
    rows: page,
    fetched: rows.length,
    next: rows.length > maxResults ? compiled.pageTokenFor(page[page.length - 1]) : undefined,
  };
}

export interface CollectOptions {
  /** Give up (and throw) after this many pages. */
  maxPages?: number;
  /** Also expect each page to hold at most the page size asked for. */
  checkPageSize?: boolean;
}

/**
 * Follows the page tokens from the first page to the last and concatenates the ids. The page
 * sizes are used in turn, one a page.
 */
export function collectAllPages<Id>(
  fetchPage: (maxResults: number, pageToken: string | undefined) => { ids: Id[]; next?: string },
  pageSizes: number | readonly number[],
  { maxPages = 1000, checkPageSize = false }: CollectOptions = {},
): Id[] {
  const sizes = typeof pageSizes === 'number' ? [pageSizes] : pageSizes;
  const ids: Id[] = [];
  let pageToken: string | undefined;
  for (let i = 0; i < maxPages; i += 1) {
    const maxResults = sizes[i % sizes.length];
    const page = fetchPage(maxResults, pageToken);
    if (checkPageSize) expect(page.ids.length).toBeLessThanOrEqual(maxResults);
    ids.push(...page.ids);
    if (!page.next) return ids;
    pageToken = page.next;
  }
  throw new Error('paging does not terminate');
}

/** The MlflowError `fn` throws, or undefined if it throws nothing; any other error propagates. */
export function errorOf(fn: () => unknown): MlflowError | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof MlflowError) return e;
    throw e;
  }
  return undefined;
}

/** `fn` throws an MlflowError with code INVALID_PARAMETER_VALUE and a message matching `message`. */
export function expectInvalidParameter(fn: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MlflowError);
  expect((error as MlflowError).code).toBe('INVALID_PARAMETER_VALUE');
  expect((error as MlflowError).message).toMatch(message);
}

/** What a page token carries: format version, search hash and the cursor values. */
export interface TokenPayload {
  v: number;
  h: string;
  k: unknown[];
}

export const decodeToken = (token: string): TokenPayload => JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));

export const encodeToken = (payload: unknown): string => Buffer.from(JSON.stringify(payload)).toString('base64url');

/**
 * Tokens every search must reject as malformed, made from a `good` one: not base64url JSON, the
 * wrong payload, a cursor one value short, strings where numbers belong, and the first cursor
 * value replaced by `badFirstKey`.
 */
export function malformedTokens(good: string, badFirstKey: number): string[] {
  const decoded = decodeToken(good);
  return [
    'not a token!',
    'abc',
    encodeToken({ offset: 5 }),
    encodeToken({ ...decoded, k: decoded.k.slice(1) }),
    encodeToken({ ...decoded, k: decoded.k.map((v) => (typeof v === 'string' ? 5 : v)) }),
    encodeToken({ ...decoded, k: [badFirstKey, ...decoded.k.slice(1)] }),
  ];
}

/** The SQL numbers its placeholders $1..$n, one per parameter, in order (PostgreSQL). */
export function expectNumberedPlaceholders(compiled: CompiledSearch): void {
  const numbers = [...compiled.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
  expect(numbers).toEqual(compiled.params.map((_, i) => i + 1));
}

/** SQLite's EXPLAIN QUERY PLAN details for a compiled search. */
export function queryPlan(db: Database.Database, compiled: CompiledSearch): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${compiled.sql}`).all(...compiled.params) as { detail: string }[];
  return rows.map((r) => r.detail);
}
