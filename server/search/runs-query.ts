import type { ViewType } from '@/lib/domain';
import type { Dialect } from '@/server/store/sql/dialect';
import { assembleSearch, lifecycleCondition, type CompiledSearch } from './compiled-search';
import { parseFilter, parseOrderBy } from './filter-parser';
import type { Comparison, OrderTerm } from './grammar';
import { RUN_GRAMMAR } from './grammars';
import type { SortColumn } from './keyset';
import { compareExpr, join, placeholders, sql, type Fragment } from './sql-fragment';
import { invalidParameter } from '@/server/errors';

/**
 * Compiles a runs/search request into one SQL query over `runs r` (reference §3.3 #15, §7.1).
 * Params, tags and metrics are matched with `r.run_uuid IN (SELECT ... WHERE key = ? AND value
 * ...)` so both databases can use the (key, value) indexes; dataset matches go through the run's
 * own inputs (EXISTS keyed by run_uuid) because datasets have no index on name alone.
 */
export interface RunSearchQuery {
  experimentIds: readonly string[];
  filter?: string;
  orderBy?: readonly string[];
  viewType: ViewType;
  maxResults: number;
  pageToken?: string;
  /** Runboard's runs-table options (not part of MLflow's runs/search). */
  table?: RunTableOptions;
}

/**
 * What the UI's runs table adds to a search: nesting, quick status filters, far jumps by offset,
 * and ordering by a metric's smallest or largest value (`min(metrics.loss) ASC`).
 */
export interface RunTableOptions {
  /** Only runs without an `mlflow.parentRunId` tag. */
  topLevelOnly?: boolean;
  /** Only the direct children of this run. */
  parentRunId?: string;
  statuses?: readonly string[];
  /** Rows to skip when no page token is given. */
  offset?: number;
  /**
   * Set by the store when it dropped `topLevelOnly` because no run of the experiments has a
   * parent: the result is the same, so page tokens must stay valid across the two forms.
   */
  topLevelShape?: boolean;
}

export const PARENT_RUN_TAG = 'mlflow.parentRunId';

const ATTRIBUTE_COLUMNS: Record<string, string> = {
  run_id: 'r.run_uuid',
  run_name: 'r.name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
};
const NUMERIC_ATTRIBUTES = new Set(['start_time', 'end_time']);
const NULLABLE_ATTRIBUTES = new Set(['end_time']);
const KEYED_TABLES = { metric: 'latest_metrics', param: 'params', tag: 'tags' } as const;
const DATASET_CONTEXT_TAG = 'mlflow.data.context';

export function compileRunSearch(q: RunSearchQuery, dialect: Dialect): CompiledSearch {
  const { conditions, shape } = runConditions(q, dialect);
  const terms = uniqueTerms(q.table ? parseTableOrderBy(q.orderBy) : parseOrderBy(q.orderBy, RUN_GRAMMAR));
  const { joins, columns } = runSortColumns(terms);

  return assembleSearch(
    {
      from: 'runs r',
      joins,
      conditions,
      columns,
      shape: [...shape, terms],
      maxResults: q.maxResults,
      pageToken: q.pageToken,
      offset: q.table?.offset,
    },
    dialect,
  );
}

/** `SELECT COUNT(*) AS n` over the runs the query matches (its order and paging ignored). */
export function compileRunCount(q: Omit<RunSearchQuery, 'orderBy' | 'maxResults' | 'pageToken'>, dialect: Dialect) {
  const { conditions } = runConditions(q, dialect);
  const where = join(conditions.map((c) => sql(`(${c.sql})`, ...c.params)), ' AND ');
  return { sql: dialect.finalize(`SELECT COUNT(*) AS n FROM runs r WHERE ${where.sql}`), params: where.params };
}

function runConditions(q: Omit<RunSearchQuery, 'orderBy' | 'maxResults' | 'pageToken'>, dialect: Dialect) {
  const comparisons = parseFilter(q.filter, RUN_GRAMMAR);
  // Experiment ids are integers in the database; an id that is not one names no experiment.
  const experimentIds = [...new Set(q.experimentIds.filter((id) => /^\d+$/.test(id)).map(Number))].sort(
    (a, b) => a - b,
  );
  const conditions: Fragment[] = [
    experimentIds.length
      ? sql(`r.experiment_id IN ${placeholders(experimentIds.length)}`, ...experimentIds)
      : sql('1 = 0'),
    ...lifecycleCondition('r.lifecycle_stage', q.viewType),
    ...comparisons.map((c) => runCondition(c, dialect)),
    ...tableConditions(q.table, experimentIds, q.viewType),
  ];
  const { offset: _offset, topLevelShape, ...tableShape } = q.table ?? {};
  if (topLevelShape) tableShape.topLevelOnly = true;
  return { conditions, shape: ['runs', experimentIds, q.viewType, comparisons, q.table ? tableShape : null] };
}

function tableConditions(t: RunTableOptions | undefined, experimentIds: number[], viewType: ViewType): Fragment[] {
  if (!t) return [];
  const out: Fragment[] = [];
  if (t.topLevelOnly) {
    // Top level: no parent shown in this table. A run whose parent is deleted, missing or in an
    // experiment not shown stands at the top, so it is never hidden under a row nobody can see.
    const parentShown = [
      sql('pt.run_uuid = r.run_uuid AND pt.key = ?', PARENT_RUN_TAG),
      experimentIds.length ? sql(`p.experiment_id IN ${placeholders(experimentIds.length)}`, ...experimentIds) : sql('1 = 0'),
      ...lifecycleCondition('p.lifecycle_stage', viewType),
    ];
    const where = join(parentShown, ' AND ');
    out.push(sql(`NOT EXISTS (SELECT 1 FROM tags pt JOIN runs p ON p.run_uuid = pt.value WHERE ${where.sql})`, ...where.params));
  }
  if (t.parentRunId !== undefined) {
    out.push(sql('r.run_uuid IN (SELECT pt.run_uuid FROM tags pt WHERE pt.key = ? AND pt.value = ?)', PARENT_RUN_TAG, t.parentRunId));
  }
  if (t.statuses && t.statuses.length > 0) {
    out.push(sql(`r.status IN ${placeholders(t.statuses.length)}`, ...t.statuses));
  }
  return out;
}

const AGGREGATE_ORDER = /^\s*(min|max)\s*\((.*)\)\s*(ASC|DESC)?\s*$/is;

/** MLflow's order_by, plus `min(metrics.key) [ASC|DESC]` and `max(...)` for a metric's range. */
function parseTableOrderBy(items: readonly string[] | undefined): OrderTerm[] {
  return (items ?? []).map((item) => {
    const m = AGGREGATE_ORDER.exec(item);
    if (!m) return parseOrderBy([item], RUN_GRAMMAR)[0];
    const [term] = parseOrderBy([`${m[2]} ${m[3] ?? 'ASC'}`], RUN_GRAMMAR);
    if (term.entity !== 'metric') {
      throw invalidParameter(`Invalid order_by item "${item}": ${m[1].toLowerCase()}() applies to metrics only, e.g. ${m[1].toLowerCase()}(metrics.loss) ASC.`);
    }
    return { ...term, aggregate: m[1].toLowerCase() as 'min' | 'max' };
  });
}

function runCondition(c: Comparison, dialect: Dialect): Fragment {
  switch (c.entity) {
    case 'metric':
    case 'param':
    case 'tag': {
      const match = compareExpr(dialect, 'k.value', c.op, c.value);
      return sql(
        `r.run_uuid IN (SELECT k.run_uuid FROM ${KEYED_TABLES[c.entity]} k WHERE k.key = ? AND ${match.sql})`,
        c.key,
        ...match.params,
      );
    }
    case 'attribute': {
      let value = c.value;
      // MLflow drops run ids with upper-case letters from lists: generated ids are lower-case hex.
      if (c.key === 'run_id' && Array.isArray(value)) value = value.filter((v) => v === v.toLowerCase());
      return compareExpr(dialect, ATTRIBUTE_COLUMNS[c.key], c.op, value);
    }
    case 'dataset': {
      if (c.key === 'context') {
        const match = compareExpr(dialect, 't.value', c.op, c.value);
        return sql(
          'EXISTS (SELECT 1 FROM run_dataset_input_tags t ' +
            `WHERE t.run_uuid = r.run_uuid AND t.key = ? AND ${match.sql})`,
          DATASET_CONTEXT_TAG,
          ...match.params,
        );
      }
      const match = compareExpr(dialect, c.key === 'name' ? 'd.name' : 'd.digest', c.op, c.value);
      return sql(
        'EXISTS (SELECT 1 FROM run_dataset_inputs i JOIN datasets d ON d.dataset_uuid = i.dataset_uuid ' +
          `WHERE i.run_uuid = r.run_uuid AND ${match.sql})`,
        ...match.params,
      );
    }
  }
}

/**
 * Sort columns for the order terms, then the MLflow tie-break `start_time DESC, run_uuid ASC`
 * (each skipped if the terms already order by it). Metric, param and tag values come from a LEFT
 * JOIN on the (run_uuid, key) primary key, ranked so that NaN and missing values sort last.
 */
function runSortColumns(terms: readonly OrderTerm[]): { joins: Fragment[]; columns: SortColumn[] } {
  const joins: Fragment[] = [];
  const columns: SortColumn[] = [];
  const add = (column: Omit<SortColumn, 'alias'>) =>
    columns.push({ ...column, alias: column.expr === 'r.run_uuid' ? 'run_uuid' : `sk${columns.length}` });

  terms.forEach((term, i) => {
    const descending = !term.ascending;
    if (term.entity === 'attribute') {
      const expr = ATTRIBUTE_COLUMNS[term.key];
      const type = NUMERIC_ATTRIBUTES.has(term.key) ? 'number' : 'string';
      if (NULLABLE_ATTRIBUTES.has(term.key)) {
        add({ expr: `CASE WHEN ${expr} IS NULL THEN 1 ELSE 0 END`, descending: false, type: 'rank', maxRank: 1 });
        add({ expr, descending, type, nullable: true });
      } else {
        add({ expr, descending, type });
      }
      return;
    }
    const alias = `o${i}`;
    const table = KEYED_TABLES[term.entity as keyof typeof KEYED_TABLES];
    const valueColumn = term.aggregate ? `${alias}.${term.aggregate}_value` : `${alias}.value`;
    joins.push(sql(`LEFT JOIN ${table} ${alias} ON ${alias}.run_uuid = r.run_uuid AND ${alias}.key = ?`, term.key));
    // latest_metrics.value is NULL when the latest value is NaN; NaN sorts after numbers, missing last.
    const rank =
      term.entity === 'metric'
        ? `CASE WHEN ${alias}.run_uuid IS NULL THEN 2 WHEN ${valueColumn} IS NULL THEN 1 ELSE 0 END`
        : `CASE WHEN ${alias}.value IS NULL THEN 1 ELSE 0 END`;
    add({ expr: rank, descending: false, type: 'rank', maxRank: term.entity === 'metric' ? 2 : 1 });
    add({ expr: valueColumn, descending, type: term.entity === 'metric' ? 'number' : 'string', nullable: true });
  });

  // Once the unique run id is in the order, nothing after it can matter.
  const has = (expr: string) => columns.some((c) => c.expr === expr);
  if (!has('r.run_uuid')) {
    if (!has('r.start_time')) add({ expr: 'r.start_time', descending: true, type: 'number' });
    add({ expr: 'r.run_uuid', descending: false, type: 'string' });
  }
  return { joins, columns };
}

/** A repeated order key cannot change the order; keep its first occurrence only. */
function uniqueTerms(terms: readonly OrderTerm[]): OrderTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const id = `${t.entity}\u0000${t.key}\u0000${t.aggregate ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
