import type { ViewType } from '@/lib/domain';
import type { Dialect } from '@/server/store/sql/dialect';
import { assembleSearch, lifecycleCondition, type CompiledSearch } from './compiled-search';
import { parseFilter, parseOrderBy } from './filter-parser';
import type { Comparison, OrderTerm } from './grammar';
import { EXPERIMENT_GRAMMAR } from './grammars';
import type { SortColumn } from './keyset';
import { compareExpr, sql, type Fragment } from './sql-fragment';

/**
 * Compiles an experiments/search request into one SQL query over `experiments e`
 * (reference §3.2 #4, §7.2).
 *
 * Order: the order_by terms, then `experiment_id DESC` as MLflow's tie-break. With no order_by
 * the order is `creation_time DESC, experiment_id DESC`: newest first, and among experiments
 * created in the same millisecond the later-created (higher id) first.
 */
export interface ExperimentSearchQuery {
  filter?: string;
  orderBy?: readonly string[];
  viewType: ViewType;
  maxResults: number;
  pageToken?: string;
}

const COLUMNS: Record<string, { expr: string; type: 'number' | 'string' }> = {
  name: { expr: 'e.name', type: 'string' },
  experiment_id: { expr: 'e.experiment_id', type: 'number' },
  creation_time: { expr: 'e.creation_time', type: 'number' },
  last_update_time: { expr: 'e.last_update_time', type: 'number' },
};

export function compileExperimentSearch(q: ExperimentSearchQuery, dialect: Dialect): CompiledSearch {
  const comparisons = parseFilter(q.filter, EXPERIMENT_GRAMMAR);
  const parsedTerms = parseOrderBy(q.orderBy, EXPERIMENT_GRAMMAR);
  const terms: OrderTerm[] = parsedTerms.length
    ? parsedTerms
    : [{ entity: 'attribute', key: 'creation_time', ascending: false }];

  const conditions: Fragment[] = [
    ...lifecycleCondition('e.lifecycle_stage', q.viewType),
    ...comparisons.map((c) => experimentCondition(c, dialect)),
  ];
  return assembleSearch(
    {
      from: 'experiments e',
      joins: [],
      conditions,
      columns: experimentSortColumns(terms),
      shape: ['experiments', q.viewType, comparisons, terms],
      maxResults: q.maxResults,
      pageToken: q.pageToken,
    },
    dialect,
  );
}

function experimentCondition(c: Comparison, dialect: Dialect): Fragment {
  if (c.entity === 'tag') {
    // experiment_tags is keyed (experiment_id, key), so a correlated lookup per experiment is indexed.
    const match = compareExpr(dialect, 't.value', c.op, c.value);
    return sql(
      `EXISTS (SELECT 1 FROM experiment_tags t WHERE t.experiment_id = e.experiment_id AND t.key = ? AND ${match.sql})`,
      c.key,
      ...match.params,
    );
  }
  return compareExpr(dialect, COLUMNS[c.key].expr, c.op, c.value);
}

function experimentSortColumns(terms: readonly OrderTerm[]): SortColumn[] {
  const columns: SortColumn[] = [];
  for (const term of terms) {
    const { expr, type } = COLUMNS[term.key];
    if (columns.some((c) => c.expr === expr)) continue;
    const alias = term.key === 'experiment_id' ? 'experiment_id' : `sk${columns.length}`;
    columns.push({ expr, alias, type, descending: !term.ascending });
    // The id is unique: later terms cannot change the order.
    if (term.key === 'experiment_id') return columns;
  }
  columns.push({ expr: 'e.experiment_id', alias: 'experiment_id', type: 'number', descending: true });
  return columns;
}
