import type { ViewType } from '@/lib/domain';
import { invalidParameter } from '@/server/errors';
import type { Dialect } from '@/server/store/sql/dialect';
import {
  afterCursor,
  decodePageToken,
  encodePageToken,
  orderByList,
  selectList,
  shapeHash,
  type SortColumn,
} from './keyset';
import { join, sql, type Fragment } from './sql-fragment';

/**
 * What a search compiler hands to its store: one query, its parameters, and how to make the
 * next page's token.
 *
 * Contract: the query selects the entity id under its own name (`run_uuid`, `experiment_id`)
 * plus the sort-key columns the token needs, and returns at most `maxResults + 1` rows. If it
 * returns more than `maxResults` rows, the store keeps the first `maxResults` and sets
 * `next_page_token = pageTokenFor(rows[maxResults - 1])` (the last row it returns).
 */
export interface CompiledSearch {
  /** Final SQL in the dialect's placeholder style. */
  sql: string;
  params: unknown[];
  pageTokenFor(lastRow: Record<string, unknown>): string;
}

export interface SearchParts {
  /** `runs r`, `experiments e`. */
  from: string;
  joins: readonly Fragment[];
  conditions: readonly Fragment[];
  /** Total order: the last column is the entity id. */
  columns: readonly SortColumn[];
  /** Everything that decides which rows match and in what order; page tokens are bound to it. */
  shape: unknown;
  maxResults: number;
  pageToken?: string;
  /** Rows to skip; only without a page token (a far jump in the runs table). */
  offset?: number;
}

export function assembleSearch(parts: SearchParts, dialect: Dialect): CompiledSearch {
  const { maxResults, columns } = parts;
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw invalidParameter(`max_results must be a positive integer, got ${maxResults}.`);
  }
  const shape = shapeHash(parts.shape);
  const conditions = [...parts.conditions];
  if (parts.pageToken) conditions.push(afterCursor(columns, decodePageToken(parts.pageToken, shape, columns)));

  const pieces: Fragment[] = [sql(`SELECT ${selectList(columns)} FROM ${parts.from}`), ...parts.joins];
  if (conditions.length) pieces.push(sql('WHERE'), join(conditions.map((c) => sql(`(${c.sql})`, ...c.params)), ' AND '));
  // One extra row tells the store whether another page exists.
  pieces.push(sql(`ORDER BY ${orderByList(columns)} LIMIT ?`, maxResults + 1));
  if (!parts.pageToken && parts.offset) {
    if (!Number.isInteger(parts.offset) || parts.offset < 0) {
      throw invalidParameter(`offset must be a non-negative integer, got ${parts.offset}.`);
    }
    pieces.push(sql('OFFSET ?', parts.offset));
  }

  const query = join(pieces, ' ');
  return {
    sql: dialect.finalize(query.sql),
    params: query.params,
    pageTokenFor: (lastRow) => encodePageToken(shape, columns, lastRow),
  };
}

const STAGE: Record<ViewType, string | undefined> = {
  ACTIVE_ONLY: 'active',
  DELETED_ONLY: 'deleted',
  ALL: undefined,
};

/** The lifecycle condition for a view type, or none for ALL. */
export function lifecycleCondition(column: string, viewType: ViewType): Fragment[] {
  if (!Object.hasOwn(STAGE, viewType)) {
    throw invalidParameter(`Invalid view type '${String(viewType)}'; expected ACTIVE_ONLY, DELETED_ONLY or ALL.`);
  }
  const stage = STAGE[viewType];
  return stage ? [sql(`${column} = ?`, stage)] : [];
}
