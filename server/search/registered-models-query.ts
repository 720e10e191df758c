import type { Dialect } from '@/server/store/sql/dialect';
import { assembleSearch, type CompiledSearch } from './compiled-search';
import { parseFilter, parseOrderBy } from './filter-parser';
import type { Comparison, OrderTerm } from './grammar';
import { REGISTERED_MODEL_GRAMMAR } from './grammars';
import type { SortColumn } from './keyset';
import { compareExpr, sql, type Fragment } from './sql-fragment';

/**
 * Compiles a registered-models/search request into one SQL query over `registered_models rm`
 * (reference §5.1 #43, §7.3).
 *
 * Filter: `name` (also `attribute.name` / `attributes.name`) and `tags.<key>` / `tag.<key>` with
 * `=`, `!=`, `LIKE` (case-sensitive), `ILIKE`. A tag comparison on a model without that tag is
 * false, `!=` included.
 *
 * Prompts (registered models tagged `mlflow.prompt.is_prompt` = `true`) are left out unless the
 * filter asks for them; see `splitPromptFilter`. MLflow 3 clients append
 * ``tag.`mlflow.prompt.is_prompt` != 'true'`` to every search_registered_models call, which under
 * the plain missing-is-false rule would match no ordinary model at all.
 *
 * Order: the order_by terms (`name`, `creation_timestamp` / `timestamp`, `last_updated_timestamp`,
 * each ASC by default), then `name ASC` as the tie-break unless `name` is already ordered by;
 * with no order_by the order is `name ASC`. A repeated key keeps its first occurrence.
 *
 * The query selects `name` plus sort-key columns `sk<n>`; see `CompiledSearch`. Page tokens are
 * bound to the effective filter and order.
 */
export interface RegisteredModelSearchQuery {
  filter?: string;
  orderBy?: readonly string[];
  maxResults: number;
  pageToken?: string;
}

/** The tag that marks registered models and model versions as prompts (MLflow's prompt registry). */
export const PROMPT_TAG_KEY = 'mlflow.prompt.is_prompt';

const COLUMNS: Record<string, { expr: string; type: 'number' | 'string' }> = {
  name: { expr: 'rm.name', type: 'string' },
  creation_timestamp: { expr: 'rm.creation_timestamp', type: 'number' },
  last_updated_timestamp: { expr: 'rm.last_updated_timestamp', type: 'number' },
};

export function compileRegisteredModelSearch(q: RegisteredModelSearchQuery, dialect: Dialect): CompiledSearch {
  const { comparisons, excludePrompts } = splitPromptFilter(parseFilter(q.filter, REGISTERED_MODEL_GRAMMAR));
  const columns = sortColumns(parseOrderBy(q.orderBy, REGISTERED_MODEL_GRAMMAR));

  const conditions: Fragment[] = comparisons.map((c) => modelCondition(c, dialect));
  if (excludePrompts) {
    conditions.push(
      sql(
        'rm.name NOT IN (SELECT p.name FROM registered_model_tags p WHERE p.key = ? AND p.value = ?)',
        PROMPT_TAG_KEY,
        'true',
      ),
    );
  }
  return assembleSearch(
    {
      from: 'registered_models rm',
      joins: [],
      conditions,
      columns,
      shape: ['registered-models', comparisons, excludePrompts, columns.map((c) => [c.expr, c.descending])],
      maxResults: q.maxResults,
      pageToken: q.pageToken,
    },
    dialect,
  );
}

function modelCondition(c: Comparison, dialect: Dialect): Fragment {
  if (c.entity === 'tag') {
    // (key, value) is indexed, so the matching names come from one index range.
    const match = compareExpr(dialect, 't.value', c.op, c.value);
    return sql(
      `rm.name IN (SELECT t.name FROM registered_model_tags t WHERE t.key = ? AND ${match.sql})`,
      c.key,
      ...match.params,
    );
  }
  return compareExpr(dialect, COLUMNS[c.key].expr, c.op, c.value);
}

/** The terms' columns, then `name ASC`; nothing after `name` (unique) can change the order. */
function sortColumns(terms: readonly OrderTerm[]): SortColumn[] {
  const columns: SortColumn[] = [];
  for (const term of terms) {
    const { expr, type } = COLUMNS[term.key];
    if (columns.some((c) => c.expr === expr)) continue;
    columns.push({ expr, type, alias: term.key === 'name' ? 'name' : `sk${columns.length}`, descending: !term.ascending });
    if (term.key === 'name') return columns;
  }
  columns.push({ expr: COLUMNS.name.expr, type: 'string', alias: 'name', descending: false });
  return columns;
}

/**
 * MLflow's prompt rule for registered-model and model-version searches. The filter "asks for
 * prompts" when its first comparison on ``tags.`mlflow.prompt.is_prompt` `` is `= 'true'` or
 * `!= 'false'` (values compared case-insensitively). Then every comparison is kept as written and
 * nothing else changes. Otherwise every comparison on that tag is dropped and prompts are
 * excluded (`excludePrompts`): the search returns ordinary models only, whether or not the filter
 * mentioned the tag.
 */
export function splitPromptFilter(comparisons: readonly Comparison[]): {
  comparisons: Comparison[];
  excludePrompts: boolean;
} {
  const isPromptTag = (c: Comparison) => c.entity === 'tag' && c.key === PROMPT_TAG_KEY;
  const first = comparisons.find(isPromptTag);
  const value = typeof first?.value === 'string' ? first.value.toLowerCase() : undefined;
  const wantsPrompts = !!first && ((first.op === '=' && value === 'true') || (first.op === '!=' && value === 'false'));
  if (wantsPrompts) return { comparisons: [...comparisons], excludePrompts: false };
  return { comparisons: comparisons.filter((c) => !isPromptTag(c)), excludePrompts: true };
}
