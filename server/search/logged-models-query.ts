import { invalidParameter } from '@/server/errors';
import type { Dialect } from '@/server/store/sql/dialect';
import { assembleSearch, lifecycleCondition, type CompiledSearch } from './compiled-search';
import { parseFilter } from './filter-parser';
import type { Comparison, EntityKind } from './grammar';
import { LOGGED_MODEL_GRAMMAR } from './grammars';
import type { SortColumn } from './keyset';
import { compareExpr, join, placeholders, sql, type Fragment } from './sql-fragment';

/**
 * Compiles a logged-models/search request into one SQL query over `logged_models lm`
 * (reference §4.1 #33, §4.4, §7.5). Only active models of the given experiments match.
 *
 * The value of a metric. A model can have several `logged_model_metrics` rows for one key (from
 * several runs, steps or datasets). Filters and order_by both use one value per (model, key): the
 * value of the model's *latest* row for that key among the rows in scope, where latest means
 * highest step, then latest timestamp; rows tied on both are ranked real-before-NaN, then larger
 * value first (then run id and dataset fields, only so that exactly one row is picked). The scope
 * is:
 *   - for filters, the request's `datasets` (a row counts if its dataset_name equals some entry's
 *     name and, when that entry has a digest, its dataset_digest equals it); all rows when empty;
 *   - for an order_by item, that item's own dataset_name / dataset_digest; all rows when absent
 *     (the request's `datasets` do not narrow ordering).
 * A missing metric, or one whose latest value is NaN, makes every comparison false (`!=` too) and
 * sorts last in both directions, NaN before missing. ±Infinity is stored as ±Number.MAX_VALUE, so
 * infinite literals in a filter (`metrics.x < 1e999`) are compared as ±Number.MAX_VALUE too.
 *
 * Order: the order_by items, then `creation_timestamp DESC` (unless already ordered by it), then
 * `model_id ASC`, which makes the order total; with no order_by that is the whole order.
 * The query selects `model_id` plus sort-key columns `sk<n>`; see `CompiledSearch`.
 */
export interface LoggedModelDatasetFilter {
  datasetName: string;
  datasetDigest?: string;
}

export interface LoggedModelOrderBy {
  /** An attribute (`creation_time`, `name`, ...) or `metrics.<key>`. */
  fieldName: string;
  ascending: boolean;
  /** Narrow a `metrics.<key>` item to rows of this dataset; ignored for attributes. */
  datasetName?: string;
  datasetDigest?: string;
}

export interface LoggedModelSearchQuery {
  experimentIds: readonly string[];
  filter?: string;
  datasets: readonly LoggedModelDatasetFilter[];
  orderBy: readonly LoggedModelOrderBy[];
  maxResults: number;
  pageToken?: string;
}

const ATTRIBUTES: Record<string, { expr: string; type: 'number' | 'string'; nullable?: boolean }> = {
  name: { expr: 'lm.name', type: 'string' },
  model_id: { expr: 'lm.model_id', type: 'string' },
  model_type: { expr: 'lm.model_type', type: 'string', nullable: true },
  status: { expr: 'lm.status', type: 'string' },
  source_run_id: { expr: 'lm.source_run_id', type: 'string', nullable: true },
  creation_timestamp: { expr: 'lm.creation_timestamp_ms', type: 'number' },
  last_updated_timestamp: { expr: 'lm.last_updated_timestamp_ms', type: 'number' },
};
const KEYED_TABLES = { param: 'logged_model_params', tag: 'logged_model_tags' } as const;
const METRICS = 'logged_model_metrics';
/** Latest first; the trailing primary-key columns only make the pick unique. */
const LATEST_FIRST =
  'ORDER BY m.step DESC, m.timestamp DESC, m.is_nan ASC, m.value DESC, ' +
  'm.run_uuid ASC, m.dataset_name ASC, m.dataset_digest ASC LIMIT 1';

/** A dataset a metric row must belong to; no digest means any digest. */
interface DatasetRef {
  name: string;
  digest?: string;
}

type SortTerm =
  | { entity: 'attribute'; key: string; ascending: boolean }
  | { entity: 'metric'; key: string; ascending: boolean; dataset?: DatasetRef };

export function compileLoggedModelSearch(q: LoggedModelSearchQuery, dialect: Dialect): CompiledSearch {
  const comparisons = parseFilter(q.filter, LOGGED_MODEL_GRAMMAR).map(clampInfinity);
  const scope = normalizeDatasets(q.datasets ?? []);
  const terms = uniqueTerms((q.orderBy ?? []).map((item, i) => resolveOrderItem(item, i)));
  // Experiment ids are integers in the database; an id that is not one names no experiment.
  const experimentIds = [...new Set(q.experimentIds.filter((id) => /^\d+$/.test(id)).map(Number))].sort(
    (a, b) => a - b,
  );

  const conditions: Fragment[] = [
    experimentIds.length
      ? sql(`lm.experiment_id IN ${placeholders(experimentIds.length)}`, ...experimentIds)
      : sql('1 = 0'),
    ...lifecycleCondition('lm.lifecycle_stage', 'ACTIVE_ONLY'),
    ...comparisons.map((c) => modelCondition(c, scope, dialect)),
  ];
  const { joins, columns } = sortColumns(terms);

  return assembleSearch(
    {
      from: 'logged_models lm',
      joins,
      conditions,
      columns,
      shape: ['logged-models', experimentIds, scope, comparisons, terms],
      maxResults: q.maxResults,
      pageToken: q.pageToken,
    },
    dialect,
  );
}

function modelCondition(c: Comparison, scope: readonly DatasetRef[], dialect: Dialect): Fragment {
  switch (c.entity) {
    case 'attribute':
      return compareExpr(dialect, ATTRIBUTES[c.key].expr, c.op, c.value);
    case 'param':
    case 'tag': {
      // (key, value) indexes serve `model_id IN (SELECT ...)`, as for runs.
      const match = compareExpr(dialect, 'k.value', c.op, c.value);
      return sql(
        `lm.model_id IN (SELECT k.model_id FROM ${KEYED_TABLES[c.entity]} k WHERE k.key = ? AND ${match.sql})`,
        c.key,
        ...match.params,
      );
    }
    case 'metric': {
      // NULL when the model has no row in scope or its latest value is NaN: every comparison is false.
      const latest = join(
        [
          sql(`(SELECT CASE WHEN m.is_nan THEN NULL ELSE m.value END FROM ${METRICS} m`),
          sql('WHERE m.model_id = lm.model_id AND m.key = ?', c.key),
          ...inScope('m', scope),
          sql(`${LATEST_FIRST})`),
        ],
        ' ',
      );
      // Numeric operators render as `<expr> <op> ?`, so the subquery's parameters come first.
      const match = compareExpr(dialect, latest.sql, c.op, c.value);
      return sql(match.sql, ...latest.params, ...match.params);
    }
    default:
      throw invalidParameter(`Logged model search cannot filter on '${c.entity}' keys.`);
  }
}

/** `AND (<alias> belongs to one of the datasets)`, or nothing for an empty scope. */
function inScope(alias: string, scope: readonly DatasetRef[]): Fragment[] {
  if (!scope.length) return [];
  const alternatives = scope.map((d) =>
    d.digest === undefined
      ? sql(`${alias}.dataset_name = ?`, d.name)
      : sql(`(${alias}.dataset_name = ? AND ${alias}.dataset_digest = ?)`, d.name, d.digest),
  );
  const any = join(alternatives, ' OR ');
  return [sql(`AND (${any.sql})`, ...any.params)];
}

/**
 * Sort columns for the terms, then the tie-break. A metric term LEFT JOINs the model's latest row
 * in the term's scope (at most one row, picked by its primary key), ranked 0 = value, 1 = NaN,
 * 2 = missing so that NaN and missing sort last in both directions.
 */
function sortColumns(terms: readonly SortTerm[]): { joins: Fragment[]; columns: SortColumn[] } {
  const joins: Fragment[] = [];
  const columns: SortColumn[] = [];
  const add = (column: Omit<SortColumn, 'alias'>) =>
    columns.push({ ...column, alias: column.expr === 'lm.model_id' ? 'model_id' : `sk${columns.length}` });
  const has = (expr: string) => columns.some((c) => c.expr === expr);

  for (const [i, term] of terms.entries()) {
    const descending = !term.ascending;
    if (term.entity === 'attribute') {
      const { expr, type, nullable } = ATTRIBUTES[term.key];
      if (nullable) {
        add({ expr: `CASE WHEN ${expr} IS NULL THEN 1 ELSE 0 END`, descending: false, type: 'rank', maxRank: 1 });
        add({ expr, descending, type, nullable: true });
      } else {
        add({ expr, descending, type });
      }
      // The id is unique: later terms cannot change the order.
      if (term.key === 'model_id') return { joins, columns };
      continue;
    }
    const o = `o${i}`;
    const latest = join(
      [
        sql(
          `LEFT JOIN ${METRICS} ${o} ON ${o}.model_id = lm.model_id AND ${o}.key = ? AND ` +
            `(${o}.run_uuid, ${o}.step, ${o}.timestamp, ${o}.dataset_name, ${o}.dataset_digest) = ` +
            `(SELECT m.run_uuid, m.step, m.timestamp, m.dataset_name, m.dataset_digest FROM ${METRICS} m ` +
            'WHERE m.model_id = lm.model_id AND m.key = ?',
          term.key,
          term.key,
        ),
        ...inScope('m', term.dataset ? [term.dataset] : []),
        sql(`${LATEST_FIRST})`),
      ],
      ' ',
    );
    joins.push(latest);
    add({
      expr: `CASE WHEN ${o}.model_id IS NULL THEN 2 WHEN ${o}.is_nan THEN 1 ELSE 0 END`,
      descending: false,
      type: 'rank',
      maxRank: 2,
    });
    add({ expr: `CASE WHEN ${o}.is_nan THEN NULL ELSE ${o}.value END`, descending, type: 'number', nullable: true });
  }

  if (!has(ATTRIBUTES.creation_timestamp.expr)) {
    add({ expr: ATTRIBUTES.creation_timestamp.expr, descending: true, type: 'number' });
  }
  add({ expr: ATTRIBUTES.model_id.expr, descending: false, type: 'string' });
  return { joins, columns };
}

/**
 * Resolves a structured order_by item. `field_name` is an attribute (aliases allowed, optionally
 * prefixed `attributes.`) or `metrics.<key>`; the key is taken verbatim after the first dot
 * (`metrics.val-loss`, `metrics.a.b`), or unquoted if the whole key is quoted (``metrics.`a b` ``).
 */
function resolveOrderItem(item: LoggedModelOrderBy, index: number): SortTerm {
  const where = `order_by[${index}]`;
  if (!item || typeof item.fieldName !== 'string' || item.fieldName.trim() === '') {
    throw invalidParameter(`Invalid ${where}: field_name is required; expected ${SORTABLE_SUMMARY}.`);
  }
  if (item.ascending !== undefined && typeof item.ascending !== 'boolean') {
    throw invalidParameter(`Invalid ${where}: ascending must be true or false.`);
  }
  const ascending = item.ascending ?? true;
  const fieldName = item.fieldName.trim();
  const fail = (why: string) =>
    invalidParameter(`Invalid ${where} field_name '${fieldName}': ${why}; expected ${SORTABLE_SUMMARY}.`);

  let entity: EntityKind = 'attribute';
  let key = fieldName;
  const dot = fieldName.indexOf('.');
  if (dot !== -1) {
    const prefix = fieldName.slice(0, dot).toLowerCase();
    const found = LOGGED_MODEL_GRAMMAR.prefixes[prefix];
    if (!found) throw fail(`unknown entity type '${fieldName.slice(0, dot)}'`);
    entity = found;
    key = unquote(fieldName.slice(dot + 1));
    if (key === '') throw fail('the key after the dot is empty');
  }
  const rule = LOGGED_MODEL_GRAMMAR.entities[entity];
  if (!rule?.sortable) throw fail(`logged models cannot be ordered by ${rule?.label ?? entity} keys`);

  if (entity === 'attribute') {
    key = rule.aliases?.[key] ?? key;
    if (rule.sortable !== 'any' && !rule.sortable.includes(key)) throw fail(`unknown attribute '${key}'`);
    // dataset_name / dataset_digest only narrow metric values; they mean nothing for an attribute.
    return { entity: 'attribute', key, ascending };
  }
  const datasetName = optionalString(item.datasetName, `${where}.dataset_name`);
  const datasetDigest = optionalString(item.datasetDigest, `${where}.dataset_digest`);
  if (datasetDigest !== undefined && datasetName === undefined) {
    throw invalidParameter(`Invalid ${where}: dataset_digest requires dataset_name.`);
  }
  return {
    entity: 'metric',
    key,
    ascending,
    ...(datasetName === undefined ? {} : { dataset: dataset(datasetName, datasetDigest) }),
  };
}

const SORTABLE_SUMMARY = `one of the attributes ${[
  ...(LOGGED_MODEL_GRAMMAR.entities.attribute.sortable as readonly string[]),
  ...Object.keys(LOGGED_MODEL_GRAMMAR.entities.attribute.aliases ?? {}),
].join(', ')}, or metrics.<key>`;

function unquote(key: string): string {
  const q = key[0];
  if (key.length >= 2 && (q === '`' || q === '"' || q === "'") && key.endsWith(q)) return key.slice(1, -1);
  return key;
}

/** An absent or empty string is "not given" (proto3 strings have no null). */
function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParameter(`Invalid ${what}: expected a string.`);
  return value;
}

const dataset = (name: string, digest: string | undefined): DatasetRef =>
  digest === undefined ? { name } : { name, digest };

/**
 * Checks the request's datasets and puts them in a canonical order (so equivalent requests share
 * page tokens). An entry without digest already covers entries with the same name and a digest.
 */
function normalizeDatasets(datasets: readonly LoggedModelDatasetFilter[]): DatasetRef[] {
  const refs = datasets.map((d, i) => {
    const name = optionalString(d?.datasetName, `datasets[${i}].dataset_name`);
    if (name === undefined) throw invalidParameter(`Invalid datasets[${i}]: dataset_name is required.`);
    return dataset(name, optionalString(d.datasetDigest, `datasets[${i}].dataset_digest`));
  });
  const anyDigest = new Set(refs.filter((d) => d.digest === undefined).map((d) => d.name));
  const seen = new Set<string>();
  return refs
    .filter((d) => d.digest === undefined || !anyDigest.has(d.name))
    .filter((d) => {
      const id = JSON.stringify([d.name, d.digest ?? null]);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.digest ?? '', b.digest ?? ''));
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** ±Infinity is stored as ±Number.MAX_VALUE, so infinite literals compare as that value. */
function clampInfinity(c: Comparison): Comparison {
  if (c.entity !== 'metric' || typeof c.value !== 'number' || Number.isFinite(c.value)) return c;
  return { ...c, value: c.value > 0 ? Number.MAX_VALUE : -Number.MAX_VALUE };
}

/** A repeated order key (same metric scope) cannot change the order; keep its first occurrence. */
function uniqueTerms(terms: readonly SortTerm[]): SortTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const id = JSON.stringify([t.entity, t.key, t.entity === 'metric' ? (t.dataset ?? null) : null]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
