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
 * next page's token; optionally a faster way to the same rows (`walk`).
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
  /** The same rows, read in order along an index; the store takes it unless a probe finds it too costly. */
  walk?: IndexWalk;
}

/** One statement: final SQL in the dialect's placeholder style, and its parameters. */
export interface SearchStatement {
  sql: string;
  params: unknown[];
}

/**
 * A search answered by walking an index in result order and stopping once the page is full,
 * instead of collecting and sorting every match.
 *
 * `segments` are consecutive slices of the result order (e.g. runs with a value, then NaN, then
 * missing): their rows, concatenated, are exactly the rows `sql` returns, with the same columns.
 * Each segment's SQL ends in `LIMIT ?` without a parameter for it: the store binds the number of
 * rows it still needs, runs the segments in turn and stops at `maxResults + 1` rows.
 */
export interface IndexWalk {
  segments: WalkSegment[];
}

export interface WalkSegment extends SearchStatement {
  /**
   * A walk is only cheap when matches are dense along the index. If present, the store runs the
   * probe just before the segment; when `worthWalking` (given its one result row and the rows
   * still wanted) says no, the store drops the walk and answers the page with `sql` instead.
   */
  probe?: SearchStatement & { worthWalking(row: Record<string, unknown>, wanted: number): boolean };
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
