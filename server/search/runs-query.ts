import type { ViewType } from '@/lib/domain';
import type { Dialect } from '@/server/store/sql/dialect';
import { assembleSearch, lifecycleCondition, type CompiledSearch } from './compiled-search';
import { parseFilter, parseOrderBy } from './filter-parser';
import type { Comparison, OrderTerm } from './grammar';
import { RUN_GRAMMAR } from './grammars';
import { decodePageToken, shapeHash, type SortColumn } from './keyset';
import { compileKeyWalk, compileStartTimeWalk, KEYED_TABLES, type KeyedEntity } from './run-walk';
import { compareExpr, join, placeholders, sql, type Fragment } from './sql-fragment';
import { invalidParameter } from '@/server/errors';

/**
 * Compiles a runs/search request into SQL over `runs r` (reference §3.3 #15, §7.1), in two forms
 * that return the same rows:
 *
 * - `sql`, one statement that collects every match and sorts it. Params, tags and metrics are
 *   matched with `r.run_uuid IN (SELECT ... WHERE key = ? AND value ...)`, which is cheap when a
 *   filter is selective: both databases read the (key, value) index for the few matching runs.
 * - `walk` (see run-walk.ts), when the order can come from an index: the first order key's
 *   (key, value) index, or `runs_experiment_start_idx` for start-time order. It reads runs in
 *   result order, checks filters per run with a correlated EXISTS (a primary-key probe), and stops
 *   after one page. The store takes it unless its probe finds the matches too sparse.
 *
 * Dataset matches go through the run's own inputs (EXISTS keyed by run_uuid) in both forms,
 * because datasets have no index on name alone.
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
const DATASET_CONTEXT_TAG = 'mlflow.data.context';

export function compileRunSearch(q: RunSearchQuery, dialect: Dialect): CompiledSearch {
  const filter = runConditions(q, dialect, 'in');
  const terms = uniqueTerms(q.table ? parseTableOrderBy(q.orderBy) : parseOrderBy(q.orderBy, RUN_GRAMMAR));
  const { joins, columns, lead } = runSortColumns(terms);
  const shape = [...filter.shape, terms];

  const compiled = assembleSearch(
    {
      from: 'runs r',
      joins,
      conditions: [...filter.scope, ...filter.conditions],
      columns,
      shape,
      maxResults: q.maxResults,
      pageToken: q.pageToken,
      offset: q.table?.offset,
    },
    dialect,
  );
  // A far jump by offset has to count every row before it, which only the one statement can.
  if (!q.pageToken && q.table?.offset) return compiled;

  const cursor = q.pageToken ? decodePageToken(q.pageToken, shapeHash(shape), columns) : undefined;
  const common = { dialect, maxResults: q.maxResults, columns, joins, cursor, scope: filter.scope };
  if (lead) {
    const walkFilter = runConditions(q, dialect, 'exists', lead);
    const walk = compileKeyWalk({ ...common, lead, conditions: walkFilter.conditions, leadConditions: walkFilter.folded });
    return { ...compiled, walk };
  }
  // Start-time order streams from runs_experiment_start_idx only for one experiment and one
  // lifecycle stage (otherwise the database sorts every run anyway); and the walk only pays off
  // when there are IN lists to replace.
  const streams =
    columns[0].expr === 'r.start_time' && filter.experimentIds.length === 1 && q.viewType !== 'ALL' && filter.listed;
  if (streams) {
    const walkFilter = runConditions(q, dialect, 'exists');
    return { ...compiled, walk: compileStartTimeWalk({ ...common, conditions: walkFilter.conditions }) };
  }
  return compiled;
}

/** `SELECT COUNT(*) AS n` over the runs the query matches (its order and paging ignored). */
export function compileRunCount(q: Omit<RunSearchQuery, 'orderBy' | 'maxResults' | 'pageToken'>, dialect: Dialect) {
  const { scope, conditions } = runConditions(q, dialect, 'in');
  const where = join([...scope, ...conditions].map((c) => sql(`(${c.sql})`, ...c.params)), ' AND ');
  return { sql: dialect.finalize(`SELECT COUNT(*) AS n FROM runs r WHERE ${where.sql}`), params: where.params };
}

/**
 * How a condition on params, tags or metrics is written: `in` as `r.run_uuid IN (SELECT ...)`
 * (collects the matching runs from the (key, value) index), `exists` as a correlated EXISTS
 * (probes the (run_uuid, key) primary key for one run).
 */
type KeyedForm = 'in' | 'exists';

/** The first order key of an index walk: conditions on it become conditions on its row `o0`. */
interface LeadKey {
  entity: KeyedEntity;
  key: string;
}

function runConditions(
  q: Omit<RunSearchQuery, 'orderBy' | 'maxResults' | 'pageToken'>,
  dialect: Dialect,
  form: KeyedForm,
  lead?: LeadKey,
) {
  const comparisons = parseFilter(q.filter, RUN_GRAMMAR);
  // Experiment ids are integers in the database; an id that is not one names no experiment.
  const experimentIds = [...new Set(q.experimentIds.filter((id) => /^\d+$/.test(id)).map(Number))].sort(
    (a, b) => a - b,
  );
  const scope: Fragment[] = [
    experimentIds.length
      ? sql(`r.experiment_id IN ${placeholders(experimentIds.length)}`, ...experimentIds)
      : sql('1 = 0'),
    ...lifecycleCondition('r.lifecycle_stage', q.viewType),
  ];
  const onLead = (c: Comparison) => lead !== undefined && c.entity === lead.entity && c.key === lead.key;
  // A comparison is false for a missing key and (metrics) for a NaN latest value, as in MLflow;
  // on the walk's own key it is a condition on the walked row itself.
  const folded = comparisons.filter(onLead).map((c) => compareExpr(dialect, 'o0.value', c.op, c.value));
  const conditions: Fragment[] = [
    ...comparisons.filter((c) => !onLead(c)).map((c) => runCondition(c, dialect, form)),
    ...tableConditions(q.table, experimentIds, q.viewType, form),
  ];
  // Whether the IN form collects runs into lists, which is what a walk avoids.
  const listed = comparisons.some((c) => c.entity in KEYED_TABLES) || q.table?.parentRunId !== undefined;
  const { offset: _offset, topLevelShape, ...tableShape } = q.table ?? {};
  if (topLevelShape) tableShape.topLevelOnly = true;
  return {
    scope,
    conditions,
    folded,
    experimentIds,
    listed,
    shape: ['runs', experimentIds, q.viewType, comparisons, q.table ? tableShape : null],
  };
}

function tableConditions(
  t: RunTableOptions | undefined,
  experimentIds: number[],
  viewType: ViewType,
  form: KeyedForm,
): Fragment[] {
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
    out.push(
      form === 'in'
        ? sql('r.run_uuid IN (SELECT pt.run_uuid FROM tags pt WHERE pt.key = ? AND pt.value = ?)', PARENT_RUN_TAG, t.parentRunId)
        : sql('EXISTS (SELECT 1 FROM tags pt WHERE pt.run_uuid = r.run_uuid AND pt.key = ? AND pt.value = ?)', PARENT_RUN_TAG, t.parentRunId),
    );
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

function runCondition(c: Comparison, dialect: Dialect, form: KeyedForm): Fragment {
  switch (c.entity) {
    case 'metric':
    case 'param':
    case 'tag': {
      const match = compareExpr(dialect, 'k.value', c.op, c.value);
      const table = KEYED_TABLES[c.entity];
      return form === 'in'
        ? sql(`r.run_uuid IN (SELECT k.run_uuid FROM ${table} k WHERE k.key = ? AND ${match.sql})`, c.key, ...match.params)
        : sql(`EXISTS (SELECT 1 FROM ${table} k WHERE k.run_uuid = r.run_uuid AND k.key = ? AND ${match.sql})`, c.key, ...match.params);
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
 * `lead` is the first term when it can be walked along its (key, value) index (not min/max).
 */
function runSortColumns(terms: readonly OrderTerm[]): { joins: Fragment[]; columns: SortColumn[]; lead?: LeadKey } {
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
  const first = terms[0];
  const lead = first && first.entity in KEYED_TABLES && !first.aggregate ? { entity: first.entity as KeyedEntity, key: first.key } : undefined;

  // Once the unique run id is in the order, nothing after it can matter.
  const has = (expr: string) => columns.some((c) => c.expr === expr);
  if (!has('r.run_uuid')) {
    if (!has('r.start_time')) add({ expr: 'r.start_time', descending: true, type: 'number' });
    add({ expr: 'r.run_uuid', descending: false, type: 'string' });
  }
  return { joins, columns, lead };
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
