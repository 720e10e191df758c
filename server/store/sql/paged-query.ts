import type { Page } from '@/lib/domain';
import type { CompiledSearch } from '../../search/compiled-search';
import type { SqlSession } from './database';
import { chunks, placeholders } from './values';

/**
 * Runs a compiled keyset search (which fetches one row more than a page), loads the page's
 * entities by id in result order, and issues the next token when there is more.
 */
export async function searchPage<T>(
  s: SqlSession,
  compiled: CompiledSearch,
  maxResults: number,
  id: string | ((row: Record<string, unknown>) => string),
  load: (s: SqlSession, ids: string[]) => Promise<T[]>,
): Promise<Page<T>> {
  const rows = await searchRows(s, compiled, maxResults);
  const page = rows.slice(0, maxResults);
  const idOf = typeof id === 'string' ? (row: Record<string, unknown>) => String(row[id]) : id;
  const items = await load(s, page.map(idOf));
  const nextPageToken = rows.length > maxResults ? compiled.pageTokenFor(page[page.length - 1]) : undefined;
  return { items, nextPageToken };
}

/**
 * The search's rows, at most `maxResults + 1`: along its index walk when it has one, segment after
 * segment until there are enough; or with its one statement, when there is no walk or a segment's
 * probe finds walking on too costly.
 */
export async function searchRows(s: SqlSession, compiled: CompiledSearch, maxResults: number): Promise<Record<string, unknown>[]> {
  if (!compiled.walk) return s.query<Record<string, unknown>>(compiled.sql, compiled.params);
  const rows: Record<string, unknown>[] = [];
  for (const segment of compiled.walk.segments) {
    const wanted = maxResults + 1 - rows.length;
    if (wanted <= 0) break;
    if (segment.probe) {
      const [probed] = await s.query<Record<string, unknown>>(segment.probe.sql, segment.probe.params);
      if (!segment.probe.worthWalking(probed, wanted)) return s.query<Record<string, unknown>>(compiled.sql, compiled.params);
    }
    rows.push(...(await s.query<Record<string, unknown>>(segment.sql, [...segment.params, wanted])));
  }
  return rows;
}

/** `SELECT ... IN (...)` over any number of ids, in chunks within every driver's parameter limit. */
export async function selectIn<T>(s: SqlSession, sql: (inList: string) => string, ids: string[]): Promise<T[]> {
  const out: T[] = [];
  for (const part of chunks(ids)) out.push(...(await s.query<T>(sql(placeholders(part.length)), part)));
  return out;
}

export function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
