import type { Dialect } from '@/server/store/sql/dialect';
import type { ComparisonValue, Operator } from './grammar';

/**
 * A piece of SQL with `?` placeholders and the values they bind, in textual order. Building
 * queries from fragments keeps every placeholder next to its value, so the order cannot drift.
 */
export interface Fragment {
  sql: string;
  params: unknown[];
}

export const sql = (text: string, ...params: unknown[]): Fragment => ({ sql: text, params });

export function join(parts: readonly Fragment[], separator: string): Fragment {
  return {
    sql: parts.map((p) => p.sql).join(separator),
    params: parts.flatMap((p) => p.params),
  };
}

/** `(?, ?, ?)` for a non-empty list. */
export const placeholders = (count: number): string => `(${Array(count).fill('?').join(', ')})`;

const SIMPLE: Partial<Record<Operator, string>> = {
  '=': '=',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

/**
 * `<expr> <op> <value>` for one parsed comparison. A NULL `expr` makes every operator false, `!=`
 * and NOT IN included, which is MLflow's rule for missing values.
 */
export function compareExpr(dialect: Dialect, expr: string, op: Operator, value: ComparisonValue): Fragment {
  const simple = SIMPLE[op];
  if (simple) return sql(`${expr} ${simple} ?`, value);
  if (op === 'LIKE') {
    const [text, param] = dialect.like(expr, String(value));
    return sql(text, param);
  }
  if (op === 'ILIKE') {
    const [text, param] = dialect.ilike(expr, String(value));
    return sql(text, param);
  }
  const items = Array.isArray(value) ? value : [String(value)];
  if (items.length === 0) {
    // Only reachable after run_id items were dropped; IN () matches nothing, NOT IN () anything
    // that exists.
    return op === 'IN' ? sql('1 = 0') : sql(`${expr} IS NOT NULL`);
  }
  return sql(`${expr} ${op} ${placeholders(items.length)}`, ...items);
}
