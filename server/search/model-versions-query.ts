import type { Dialect } from '@/server/store/sql/dialect';
import { assembleSearch, type CompiledSearch } from './compiled-search';
import { parseFilter, parseOrderBy } from './filter-parser';
import type { Comparison, Operator, OrderTerm } from './grammar';
import { MODEL_VERSION_GRAMMAR } from './grammars';
import type { SortColumn } from './keyset';
import { PROMPT_TAG_KEY, splitPromptFilter } from './registered-models-query';
import { compareExpr, sql, type Fragment } from './sql-fragment';

/**
 * Compiles a model-versions/search request into one SQL query over `model_versions mv`
 * (reference §5.1 #55, §7.4). Soft-deleted versions (`deleted`) never match.
 *
 * Filter:
 *   - `name`, `source_path` (the `source` column), `run_id`: `=`, `!=`, `LIKE` (case-sensitive),
 *     `ILIKE`; `run_id` also takes `IN ('a', 'b')`. As in MLflow (and runs/search), list items with
 *     upper-case letters are dropped, since generated run ids are lower-case; if none is left the
 *     comparison matches nothing. A version without a run id fails every `run_id` comparison.
 *   - `version_number`: numeric comparisons against the integer version (non-integer literals
 *     compare numerically: `version_number < 2.5` matches 1 and 2).
 *   - `tags.<key>` / `tag.<key>`: string operators on the version's own tags; a version without
 *     the tag fails every comparison, `!=` included.
 * Prompt versions are left out unless the filter asks for prompts (see `splitPromptFilter`): a
 * version is a prompt version when some version of the same name carries
 * ``mlflow.prompt.is_prompt`` = `true`, as in MLflow.
 *
 * Order: the order_by terms (`name`, `version_number`, `creation_timestamp`,
 * `last_updated_timestamp`, each ASC by default), then the tie-breaks `name ASC` and
 * `version DESC`, each unless already ordered by. With no order_by: `last_updated_timestamp DESC`
 * (newest first, as MLflow answers), then the tie-breaks.
 * A repeated key keeps its first occurrence.
 *
 * The query selects `name`, `version` plus sort-key columns `sk<n>`; see `CompiledSearch`.
 */
export interface ModelVersionSearchQuery {
  filter?: string;
  orderBy?: readonly string[];
  maxResults: number;
  pageToken?: string;
}

const ATTRIBUTES: Record<string, string> = {
  name: 'mv.name',
  run_id: 'mv.run_id',
  source_path: 'mv.source',
  version_number: 'mv.version',
};

const SORT_COLUMNS: Record<string, { expr: string; type: 'number' | 'string'; alias?: string }> = {
  name: { expr: 'mv.name', type: 'string', alias: 'name' },
  version_number: { expr: 'mv.version', type: 'number', alias: 'version' },
  creation_timestamp: { expr: 'mv.creation_timestamp', type: 'number' },
  last_updated_timestamp: { expr: 'mv.last_updated_timestamp', type: 'number' },
};

/** Without an order_by, newest first, as MLflow's store answers. */
const DEFAULT_ORDER: readonly OrderTerm[] = [{ entity: 'attribute', key: 'last_updated_timestamp', ascending: false }];

/** The tie-breaks after any order. */
const TIE_BREAKS: readonly OrderTerm[] = [
  { entity: 'attribute', key: 'name', ascending: true },
  { entity: 'attribute', key: 'version_number', ascending: false },
];

export function compileModelVersionSearch(q: ModelVersionSearchQuery, dialect: Dialect): CompiledSearch {
  const parsed = parseFilter(q.filter, MODEL_VERSION_GRAMMAR).map(normalizeComparison);
  const { comparisons, excludePrompts } = splitPromptFilter(parsed);
  const columns = sortColumns(parseOrderBy(q.orderBy, MODEL_VERSION_GRAMMAR));

  const conditions: Fragment[] = [
    sql(`mv.deleted = ${dialect.bool(false)}`),
    ...comparisons.map((c) => versionCondition(c, dialect)),
  ];
  if (excludePrompts) {
    conditions.push(
      sql(
        'mv.name NOT IN (SELECT p.name FROM model_version_tags p WHERE p.key = ? AND p.value = ?)',
        PROMPT_TAG_KEY,
        'true',
      ),
    );
  }
  return assembleSearch(
    {
      from: 'model_versions mv',
      joins: [],
      conditions,
      columns,
      shape: ['model-versions', comparisons, excludePrompts, columns.map((c) => [c.expr, c.descending])],
      maxResults: q.maxResults,
      pageToken: q.pageToken,
    },
    dialect,
  );
}

function versionCondition(c: Comparison, dialect: Dialect): Fragment {
  if (c.entity === 'tag') {
    // Keyed by the tag table's primary key (name, version, key).
    const match = compareExpr(dialect, 't.value', c.op, c.value);
    return sql(
      'EXISTS (SELECT 1 FROM model_version_tags t ' +
        `WHERE t.name = mv.name AND t.version = mv.version AND t.key = ? AND ${match.sql})`,
      c.key,
      ...match.params,
    );
  }
  if (c.key === 'version_number') return versionNumberCondition(c.op, c.value as number);
  return compareExpr(dialect, ATTRIBUTES[c.key], c.op, c.value);
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * `mv.version <op> <literal>` with an integer literal in the column's (32-bit) range. PostgreSQL
 * types an untyped parameter after the column, so binding 2.5 or 1e12 against an INTEGER fails;
 * the literal is turned into the equivalent integer bound (`< 2.5` is `< 3`, `<= 2.5` is `<= 2`),
 * or into a constant condition when nothing or everything in range can match.
 */
function versionNumberCondition(op: Operator, literal: number): Fragment {
  const always = sql('1 = 1');
  const never = sql('1 = 0');
  if (op === '=' || op === '!=') {
    const matchable = Number.isInteger(literal) && literal >= INT_MIN && literal <= INT_MAX;
    if (!matchable) return op === '=' ? never : always;
    return sql(`mv.version ${op === '=' ? '=' : '<>'} ?`, literal);
  }
  const bound = op === '<' || op === '>=' ? Math.ceil(literal) : Math.floor(literal);
  const below = op === '<' || op === '<=';
  if (bound > INT_MAX) return below ? always : never;
  if (bound < INT_MIN) return below ? never : always;
  return sql(`mv.version ${op} ?`, bound);
}

/**
 * Drops upper-case run ids from IN lists (MLflow's rule) and clamps infinite version literals
 * (`1e999`) to ±Number.MAX_VALUE, which compares the same against any version and, unlike
 * Infinity, survives JSON (so `< 1e999` and `< -1e999` do not share page tokens).
 */
function normalizeComparison(c: Comparison): Comparison {
  if (c.entity !== 'attribute') return c;
  if (c.key === 'run_id' && Array.isArray(c.value)) {
    return { ...c, value: c.value.filter((v) => v === v.toLowerCase()) };
  }
  if (c.key === 'version_number' && typeof c.value === 'number' && !Number.isFinite(c.value)) {
    return { ...c, value: c.value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE };
  }
  return c;
}

/** The terms' columns, then `name ASC`, `version DESC`; (name, version) is unique, so stop there. */
function sortColumns(terms: readonly OrderTerm[]): SortColumn[] {
  const columns: SortColumn[] = [];
  const complete = () => columns.some((c) => c.alias === 'name') && columns.some((c) => c.alias === 'version');
  for (const term of [...(terms.length > 0 ? terms : DEFAULT_ORDER), ...TIE_BREAKS]) {
    if (complete()) break;
    const { expr, type, alias } = SORT_COLUMNS[term.key];
    if (columns.some((c) => c.expr === expr)) continue;
    columns.push({ expr, type, alias: alias ?? `sk${columns.length}`, descending: !term.ascending });
  }
  return columns;
}
