/**
 * The shape of MLflow's search DSL, shared by every search endpoint. A `SearchGrammar` says which
 * entity prefixes, keys, operators and value types one endpoint accepts, so the one parser in
 * `filter-parser.ts` serves runs, experiments and, later, models and logged models.
 */

export const OPERATORS = ['=', '!=', '<', '<=', '>', '>=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'] as const;
export type Operator = (typeof OPERATORS)[number];

export type EntityKind = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

/** A number, a quoted string, or (for IN / NOT IN only) a non-empty list of quoted strings. */
export type ComparisonValue = number | string | string[];

export interface Comparison {
  entity: EntityKind;
  /** Canonical key: attribute aliases are resolved (`created` → `start_time`). */
  key: string;
  op: Operator;
  value: ComparisonValue;
}

export interface OrderTerm {
  entity: EntityKind;
  key: string;
  ascending: boolean;
  /** Runs table only: order a metric by its smallest or largest logged value. */
  aggregate?: 'min' | 'max';
}

export interface FieldRule {
  type: 'number' | 'string';
  ops: readonly Operator[];
}

export interface EntityRule {
  /** How messages name the entity, e.g. `metrics` (shown as `metrics.<key>`). */
  label: string;
  /** A closed set of keys (attributes, dataset fields). Absent: any key, checked with `anyKey`. */
  fields?: Readonly<Record<string, FieldRule>>;
  anyKey?: FieldRule;
  /** Alternative spellings of keys in `fields` / `sortable` (`Run Name` → `run_name`). */
  aliases?: Readonly<Record<string, string>>;
  /** Keys accepted by order_by: `any`, or a list of canonical keys. Absent: not sortable. */
  sortable?: 'any' | readonly string[];
}

export interface SearchGrammar {
  /** Lower-case entity prefixes without the dot (`metrics`, `attr`) and the entity each means. */
  prefixes: Readonly<Record<string, EntityKind>>;
  /** Bare keys are attributes, so `attribute` must be present. */
  entities: Readonly<Partial<Record<EntityKind, EntityRule>>> & { attribute: EntityRule };
}

export const NUMERIC_OPS = ['=', '!=', '<', '<=', '>', '>='] as const satisfies readonly Operator[];
export const STRING_OPS = ['=', '!=', 'LIKE', 'ILIKE'] as const satisfies readonly Operator[];
export const STRING_LIST_OPS = [...STRING_OPS, 'IN', 'NOT IN'] as const satisfies readonly Operator[];

export const isListOp = (op: Operator): boolean => op === 'IN' || op === 'NOT IN';
