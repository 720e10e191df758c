import type { Dialect } from '@/server/store/sql/dialect';
import type { IndexWalk, SearchStatement, WalkSegment } from './compiled-search';
import { afterCursor, orderByList, type CursorValue, type SortColumn } from './keyset';
import { join, sql, type Fragment } from './sql-fragment';

/**
 * The runs/search index walks (see `IndexWalk`): the same rows as the one-statement search of
 * runs-query.ts, read along an index in result order so a page stops after `maxResults + 1` rows.
 *
 * Ordered by a metric, param or tag, the order's first column is a rank (0 value, 1 NaN for
 * metrics, then missing) and the walk is one segment per rank:
 *
 * - rank 0 starts from the key's (key, value) index: `FROM latest_metrics o0 CROSS JOIN runs r`,
 *   in `o0.value` order (CROSS JOIN keeps SQLite from starting at the runs instead; PostgreSQL
 *   reads it as an inner join);
 * - rank 1 of a metric, the runs whose latest value is NaN (`o0.value IS NULL`);
 * - the last rank, runs without the key (`NOT EXISTS`), in start-time order.
 *
 * Each segment selects the rank as a constant and the other sort columns as the one statement
 * does, so page tokens are the same in both forms. A token's rank says where to start; later
 * segments take no cursor.
 *
 * Ordered by start time (the default), the walk is `runs_experiment_start_idx` itself with
 * EXISTS probes instead of IN lists.
 *
 * A walk is cheap only if matches are dense along it; with one very selective filter it would
 * read the whole index (1–2 s at 100k runs where the IN lists take ~25 ms). So the segments that
 * can be long (runs with a value, runs without the key, the start-time walk) carry a probe, which
 * the store runs when it reaches the segment: it reads the first PROBE_ROWS rows along the walk
 * and counts the matches, and the walk goes on only if the rows still wanted are predicted to
 * need at most `walkBudget` rows read. Measured on 100k runs (bench/README.md), the walk wins
 * below roughly 2,000–5,000 rows read for a page of 100. PostgreSQL, which plans EXISTS and IN
 * alike from its statistics, would not need the probes; SQLite without ANALYZE does.
 */

export const KEYED_TABLES = { metric: 'latest_metrics', param: 'params', tag: 'tags' } as const;
export type KeyedEntity = keyof typeof KEYED_TABLES;

/** How many rows of the walk the probe reads. */
export const PROBE_ROWS = 256;

/** The most rows a walk may be predicted to read for `wanted` rows before the one statement is preferred. */
export const walkBudget = (wanted: number): number => Math.max(4000, 10 * wanted);

interface WalkInput {
  dialect: Dialect;
  maxResults: number;
  /** The search's sort columns, as the one statement orders by them. */
  columns: readonly SortColumn[];
  /** The order terms' LEFT JOINs, in term order (a key walk's lead term first). */
  joins: readonly Fragment[];
  /** The page token's cursor, one value per sort column. */
  cursor?: readonly CursorValue[];
  /** Experiment ids and lifecycle stage. */
  scope: readonly Fragment[];
  /** The other conditions, params / tags / metrics written as correlated EXISTS. */
  conditions: readonly Fragment[];
}

export interface KeyWalkInput extends WalkInput {
  /** The first order term. */
  lead: { entity: KeyedEntity; key: string };
  /** Filter conditions on the lead key itself, written on `o0.value`. */
  leadConditions: readonly Fragment[];
}

export function compileKeyWalk(w: KeyWalkInput): IndexWalk {
  const [rank, value, ...rest] = w.columns;
  const table = KEYED_TABLES[w.lead.entity];
  const missingRank = rank.maxRank ?? 1;
  // A filter on the lead key is false for NaN and missing values: only rank 0 can match.
  const lastRank = w.leadConditions.length > 0 ? 0 : missingRank;
  const startRank = w.cursor ? Number(w.cursor[0]) : 0;
  const sortJoins = w.joins.slice(1);

  const keyRow = (nullValue: boolean) => [
    sql('r.run_uuid = o0.run_uuid'),
    sql('o0.key = ?', w.lead.key),
    sql(`o0.value IS ${nullValue ? '' : 'NOT '}NULL`),
  ];
  // The cursor's value as a plain range too, so the index seek starts there (the nested
  // comparison of afterCursor is not one every planner turns into a range).
  const valueBound = w.cursor && startRank === 0 ? [sql(`o0.value ${value.descending ? '<=' : '>='} ?`, w.cursor[1])] : [];

  const segments: WalkSegment[] = [];
  for (let r = startRank; r <= lastRank; r += 1) {
    const after = r === startRank ? w.cursor : undefined;
    const select = w.columns.map((c) => {
      if (c === rank) return `${r} AS ${c.alias}`;
      if (c === value && r === missingRank) return `NULL AS ${c.alias}`;
      return `${c.expr} AS ${c.alias}`;
    });
    if (r === 0) {
      // Runs with a value, in the order of the key's (key, value) index.
      const indexRange = [sql('o0.key = ?', w.lead.key), sql('o0.value IS NOT NULL'), ...w.leadConditions, ...valueBound];
      const segment = statement(w.dialect, {
        select,
        from: `${table} o0 CROSS JOIN runs r`,
        joins: sortJoins,
        conditions: [
          ...keyRow(false),
          ...w.leadConditions,
          ...w.scope,
          ...w.conditions,
          ...(after ? [...valueBound, afterCursor([value, ...rest], after.slice(1))] : []),
        ],
        orderBy: [value, ...rest],
      });
      const sample = where(indexRange);
      const probe = densityProbe(
        w.dialect,
        `SELECT o0.run_uuid FROM ${table} o0 WHERE ${sample.sql} ORDER BY o0.value ${value.descending ? 'DESC' : 'ASC'} LIMIT ?`,
        sample.params,
        [...w.scope, ...w.conditions],
      );
      segments.push({ ...segment, probe });
    } else if (r < missingRank) {
      // A metric's NaN runs: few as a rule, and their sort is bounded by how many there are.
      segments.push(
        statement(w.dialect, {
          select,
          from: `${table} o0 CROSS JOIN runs r`,
          joins: sortJoins,
          conditions: [...keyRow(true), ...w.scope, ...w.conditions, ...(after ? [afterCursor(rest, after.slice(2))] : [])],
          orderBy: rest,
        }),
      );
    } else {
      // Runs without the key: a walk over the experiments' runs, worth it only if they are common.
      const withoutKey = sql(`NOT EXISTS (SELECT 1 FROM ${table} k WHERE k.run_uuid = r.run_uuid AND k.key = ?)`, w.lead.key);
      const segment = statement(w.dialect, {
        select,
        from: 'runs r',
        joins: sortJoins,
        conditions: [withoutKey, ...w.scope, ...w.conditions, ...(after ? [afterCursor(rest, after.slice(2))] : [])],
        orderBy: rest,
      });
      const scope = where(w.scope);
      const probe = densityProbe(w.dialect, `SELECT r.run_uuid FROM runs r WHERE ${scope.sql} LIMIT ?`, scope.params, [
        withoutKey,
        ...w.conditions,
      ]);
      segments.push({ ...segment, probe });
    }
  }
  return { segments };
}

/** Start-time order: `runs_experiment_start_idx` read in order, filters as EXISTS probes. */
export function compileStartTimeWalk(w: WalkInput): IndexWalk {
  const [first] = w.columns;
  const bound = w.cursor ? [sql(`${first.expr} ${first.descending ? '<=' : '>='} ?`, w.cursor[0])] : [];
  const segment = statement(w.dialect, {
    select: w.columns.map((c) => `${c.expr} AS ${c.alias}`),
    from: 'runs r',
    joins: w.joins,
    conditions: [...w.scope, ...w.conditions, ...(w.cursor ? [...bound, afterCursor(w.columns, w.cursor)] : [])],
    orderBy: w.columns,
  });
  const sample = where([...w.scope, ...bound]);
  const probe = densityProbe(
    w.dialect,
    `SELECT r.run_uuid FROM runs r WHERE ${sample.sql} ORDER BY ${first.expr} ${first.descending ? 'DESC' : 'ASC'} LIMIT ?`,
    sample.params,
    w.conditions,
  );
  return { segments: [{ ...segment, probe }] };
}

/**
 * Reads the first PROBE_ROWS runs along a walk (`driver`, selecting `run_uuid`, its LIMIT left
 * open) and counts how many meet `conditions`: `taken` and `hits`. Walking on is worth it if the
 * walk ends within the sample, or if its density predicts at most `walkBudget` rows to read for
 * the rows still wanted. The LEFT JOIN keeps the sample the outer loop: with an inner join SQLite
 * may start from every run of the experiments instead.
 */
function densityProbe(
  dialect: Dialect,
  driver: string,
  driverParams: readonly unknown[],
  conditions: readonly Fragment[],
): NonNullable<WalkSegment['probe']> {
  const on = where([sql('r.run_uuid = w.run_uuid'), ...conditions]);
  const text = sql(
    `SELECT COUNT(*) AS taken, COUNT(r.run_uuid) AS hits FROM (${driver}) w LEFT JOIN runs r ON ${on.sql}`,
    ...driverParams,
    PROBE_ROWS,
    ...on.params,
  );
  return {
    sql: dialect.finalize(text.sql),
    params: text.params,
    worthWalking(row, wanted) {
      const taken = Number(row.taken);
      const hits = Number(row.hits);
      return taken < PROBE_ROWS || (hits > 0 && wanted * PROBE_ROWS <= hits * walkBudget(wanted));
    },
  };
}

function where(conditions: readonly Fragment[]): Fragment {
  return join(conditions.map((c) => sql(`(${c.sql})`, ...c.params)), ' AND ');
}

/** One segment: `SELECT ... ORDER BY ... LIMIT ?`, the LIMIT left for the store to bind. */
function statement(
  dialect: Dialect,
  s: { select: string[]; from: string; joins: readonly Fragment[]; conditions: readonly Fragment[]; orderBy: readonly SortColumn[] },
): SearchStatement {
  const text = join(
    [sql(`SELECT ${s.select.join(', ')} FROM ${s.from}`), ...s.joins, sql('WHERE'), where(s.conditions), sql(`ORDER BY ${orderByList(s.orderBy)} LIMIT ?`)],
    ' ',
  );
  return { sql: dialect.finalize(text.sql), params: text.params };
}
