/**
 * Conversions between JavaScript values and what the SQL drivers bind and return. Integers come
 * back as bigint from SQLite (safe-integer mode) and from PostgreSQL BIGINT columns.
 */

/** Largest finite double: ±Infinity is stored as this, because Prisma binds non-finite numbers as NULL. */
const DOUBLE_MAX = Number.MAX_VALUE;

export function storedDouble(value: number): number {
  if (value === Number.POSITIVE_INFINITY) return DOUBLE_MAX;
  if (value === Number.NEGATIVE_INFINITY) return -DOUBLE_MAX;
  return value;
}

export function loadedDouble(value: unknown): number {
  const n = Number(value);
  if (n >= DOUBLE_MAX) return Number.POSITIVE_INFINITY;
  if (n <= -DOUBLE_MAX) return Number.NEGATIVE_INFINITY;
  return n;
}

export function loadedNullableDouble(value: unknown): number | null {
  return value === null || value === undefined ? null : loadedDouble(value);
}

export function int(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value);
}

export function nullableInt(value: unknown): number | null {
  return value === null || value === undefined ? null : int(value);
}

export function bool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === '1' || value === 't';
}

/** Experiment ids are integers in the database; anything else cannot exist. */
export function experimentKey(experimentId: string): number | null {
  return /^\d{1,15}$/.test(experimentId) ? Number(experimentId) : null;
}

/** Splits a list so that IN (...) lists stay within every driver's parameter limit. */
export function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}
