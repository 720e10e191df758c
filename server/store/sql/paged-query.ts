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
  const rows = await s.query<Record<string, unknown>>(compiled.sql, compiled.params);
  const page = rows.slice(0, maxResults);
  const idOf = typeof id === 'string' ? (row: Record<string, unknown>) => String(row[id]) : id;
  const items = await load(s, page.map(idOf));
  const nextPageToken = rows.length > maxResults ? compiled.pageTokenFor(page[page.length - 1]) : undefined;
  return { items, nextPageToken };
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
