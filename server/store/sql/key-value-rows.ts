import type { KeyValue } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { SqlSession } from './database';
import { chunks } from './values';

const ROWS_PER_STATEMENT = 400;

function valuesList(rowCount: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rowCount }, () => row).join(', ');
}

/** Inserts rows with multi-row statements of at most ROWS_PER_STATEMENT rows each. */
export async function insertRows(s: SqlSession, head: string, tail: string, rows: unknown[][]): Promise<void> {
  for (const part of chunks(rows, ROWS_PER_STATEMENT)) {
    await s.execute(`${head} VALUES ${valuesList(part.length, part[0].length)} ${tail}`, part.flat());
  }
}

/** A key/value table owned by one entity: `params`/`run_uuid`, `logged_model_tags`/`model_id`, ... */
export interface KeyValueTable {
  table: string;
  owner: string;
}

/** Upserts tags; within one call the last value of a key wins. */
export async function upsertKeyValues(s: SqlSession, t: KeyValueTable, ownerId: string | number, entries: KeyValue[]): Promise<void> {
  const last = new Map(entries.map((e) => [e.key, e.value]));
  if (last.size === 0) return;
  await insertRows(s, `INSERT INTO ${t.table} (${t.owner}, key, value)`,
    `ON CONFLICT (${t.owner}, key) DO UPDATE SET value = excluded.value`,
    [...last].map(([key, value]) => [ownerId, key, value]));
}

/**
 * Writes params, which can never change: logging the same value again is fine, a different value
 * fails (and the caller's transaction rolls back). Checked after the insert, so a concurrent
 * writer of the same key is seen as well.
 */
export async function insertWriteOnce(
  s: SqlSession,
  t: KeyValueTable,
  ownerId: string,
  entries: KeyValue[],
  ownerLabel: string,
): Promise<void> {
  if (entries.length === 0) return;
  await insertRows(s, `INSERT INTO ${t.table} (${t.owner}, key, value)`, `ON CONFLICT (${t.owner}, key) DO NOTHING`,
    entries.map((p) => [ownerId, p.key, p.value]));
  const wanted = new Map(entries.map((p) => [p.key, p.value]));
  for (const part of chunks([...wanted.keys()])) {
    const stored = await s.query<{ key: string; value: string }>(
      `SELECT key, value FROM ${t.table} WHERE ${t.owner} = ? AND key IN (${part.map(() => '?').join(', ')})`,
      [ownerId, ...part],
    );
    for (const row of stored) {
      if (row.value !== wanted.get(row.key)) {
        throw invalidParameter(
          `Changing param values is not allowed. Param with key='${row.key}' was already logged with value='${row.value}' for ${ownerLabel}. Attempted logging new value '${wanted.get(row.key)}'.`,
        );
      }
    }
  }
}
