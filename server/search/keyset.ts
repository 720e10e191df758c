import { createHash } from 'node:crypto';
import { invalidParameter } from '@/server/errors';
import { sql, type Fragment } from './sql-fragment';

/**
 * Keyset paging shared by the search compilers. A search orders by a list of sort columns that
 * ends with the entity's unique id, so the order is total; the page token holds the last row's
 * values of those columns, and the next page asks for rows strictly after them.
 *
 * NULLs never reach a comparison: a nullable value is preceded by a non-null "rank" column
 * (0 = has a value, higher = NaN / missing) that sorts ascending in both directions, which is how
 * missing values stay last whether the value sorts ASC or DESC.
 */
export interface SortColumn {
  /** SQL expression, evaluated in the search's FROM scope (may use joined aliases). */
  expr: string;
  /** The result column it is selected as; the id column uses the id's own name. */
  alias: string;
  descending: boolean;
  type: 'number' | 'string' | 'rank';
  /** Only for a value column directly after its rank column: NULL exactly when the rank is > 0. */
  nullable?: boolean;
  /** Only for rank columns: the largest rank the expression yields. */
  maxRank?: number;
}

export type CursorValue = number | string | null;

const TOKEN_VERSION = 1;

export function selectList(columns: readonly SortColumn[]): string {
  return columns.map((c) => `${c.expr} AS ${c.alias}`).join(', ');
}

export function orderByList(columns: readonly SortColumn[]): string {
  return columns.map((c) => `${c.expr} ${c.descending ? 'DESC' : 'ASC'}`).join(', ');
}

/**
 * `rows strictly after the cursor` in the columns' lexicographic order, written nested:
 * `a > ? OR (a = ? AND (b > ? OR (b = ? AND ...)))`. A NULL cursor value sits behind a rank > 0,
 * and every row with that same rank has NULL there too, so that column is equal and drops out.
 */
export function afterCursor(columns: readonly SortColumn[], cursor: readonly CursorValue[]): Fragment {
  let inner: Fragment | undefined;
  for (let i = columns.length - 1; i >= 0; i -= 1) {
    const value = cursor[i];
    if (value === null) continue;
    const { expr, descending } = columns[i];
    const beyond = `${expr} ${descending ? '<' : '>'} ?`;
    inner = inner
      ? sql(`(${beyond} OR (${expr} = ? AND ${inner.sql}))`, value, value, ...inner.params)
      : sql(beyond, value);
  }
  // The id column is never NULL, so `inner` is always set for a valid cursor.
  return inner ?? sql('1 = 1');
}

/** A short hash of whatever defines a search's result order; page tokens carry it. */
export function shapeHash(shape: unknown): string {
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url').slice(0, 16);
}

/** The page token for the row after which the next page starts. */
export function encodePageToken(
  shape: string,
  columns: readonly SortColumn[],
  row: Record<string, unknown>,
): string {
  const keys = columns.map((column) => {
    if (!(column.alias in row)) throw new Error(`search row lacks the sort column "${column.alias}"`);
    const value = fromRow(column, row[column.alias]);
    // JSON has no Infinity; number columns carry non-finite values as strings.
    return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  });
  const payload = JSON.stringify({ v: TOKEN_VERSION, h: shape, k: keys });
  return Buffer.from(payload, 'utf8').toString('base64url');
}

/** Checks a page token against the search it is used with and returns its cursor values. */
export function decodePageToken(token: string, shape: string, columns: readonly SortColumn[]): CursorValue[] {
  const payload = parsePayload(token);
  if (payload.h !== shape) {
    throw invalidParameter(
      'Invalid page_token: it was issued for a different search (the filter, order_by, experiment ids or ' +
        'view type changed). Repeat the search without page_token to start from the first page.',
    );
  }
  if (payload.k.length !== columns.length) throw malformed();
  const values: CursorValue[] = [];
  columns.forEach((column, i) => {
    values.push(checkCursorValue(column, payload.k[i], values[i - 1]));
  });
  return values;
}

function fromRow(column: SortColumn, raw: unknown): CursorValue {
  if (raw === null || raw === undefined) {
    if (column.nullable) return null;
    throw new Error(`search row has NULL in the non-null sort column "${column.alias}"`);
  }
  if (column.type === 'string') return String(raw);
  // Drivers return BIGINT as bigint (Prisma) or string (pg); timestamps fit a double exactly.
  const n = typeof raw === 'number' ? raw : Number(raw as string | bigint);
  if (Number.isNaN(n)) throw new Error(`search row has a non-numeric value in "${column.alias}"`);
  return n;
}

interface Payload {
  v: number;
  h: string;
  k: unknown[];
}

function parsePayload(token: string): Payload {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw malformed();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  const p = payload as Partial<Payload> | null;
  if (!p || typeof p !== 'object' || p.v !== TOKEN_VERSION || typeof p.h !== 'string' || !Array.isArray(p.k)) {
    throw malformed();
  }
  return p as Payload;
}

function checkCursorValue(column: SortColumn, raw: unknown, previous: CursorValue | undefined): CursorValue {
  if (column.type === 'rank') {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0 || raw > (column.maxRank ?? 0)) {
      throw malformed();
    }
    return raw;
  }
  if (column.nullable) {
    const expectNull = typeof previous === 'number' && previous > 0;
    if ((raw === null) !== expectNull) throw malformed();
    if (raw === null) return null;
  }
  if (column.type === 'string') {
    if (typeof raw !== 'string') throw malformed();
    return raw;
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (raw === 'Infinity' || raw === '-Infinity') return Number(raw);
  throw malformed();
}

const malformed = () =>
  invalidParameter(
    'Invalid page_token: it is malformed. Pass the next_page_token of the previous response unchanged, ' +
      'or omit page_token to start from the first page.',
  );
