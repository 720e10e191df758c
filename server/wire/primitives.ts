import { z } from 'zod';

/**
 * Zod building blocks for MLflow's JSON and query-string encodings (reference §1.2–1.3):
 * int64 as number or decimal string, doubles with the protobuf NaN/Infinity strings, booleans
 * that arrive as `True`/`False` in query strings, and repeated fields that arrive once.
 */

const INT_STRING = /^-?\d+$/;

/** int64 / int32: a JSON number or a decimal string, within JavaScript's safe range. */
export const int64 = z.union([z.number(), z.string().trim()]).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : INT_STRING.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    ctx.addIssue({ code: 'custom', message: `expected an integer, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

const NON_FINITE: Record<string, number> = {
  NaN: Number.NaN,
  nan: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  inf: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
};

/** double: a JSON number, a protobuf non-finite string, or a numeric string. Booleans are refused. */
export const double = z.union([z.number(), z.string().trim()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  if (v in NON_FINITE) return NON_FINITE[v];
  const n = v === '' ? Number.NaN : Number(v);
  if (Number.isNaN(n)) {
    ctx.addIssue({ code: 'custom', message: `expected a number, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return n;
});

/** Encodes a double for the wire: non-finite values as protobuf JSON strings. */
export function encodeDouble(v: number): number | string {
  if (Number.isFinite(v)) return v;
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? 'Infinity' : '-Infinity';
}

/** bool: JSON booleans, or true/false strings in any case (the client sends Python's True). */
export const bool = z.union([z.boolean(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v;
  const s = v.trim().toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  ctx.addIssue({ code: 'custom', message: `expected true or false, got ${JSON.stringify(v)}` });
  return z.NEVER;
});

/** A repeated field: accepts a single value as a one-element list (GET query strings). */
export function repeated<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));
}

/** An enum sent by name (or by its protobuf number). */
export function protoEnum<const T extends readonly [string, ...string[]]>(names: T, numbers: Record<number, T[number]> = {}) {
  return z.union([z.string(), z.number()]).transform((v, ctx) => {
    const name = typeof v === 'number' ? numbers[v] : v.trim().toUpperCase();
    if (name !== undefined && (names as readonly string[]).includes(name)) return name as T[number];
    ctx.addIssue({ code: 'custom', message: `expected one of ${names.join(', ')}, got ${JSON.stringify(v)}` });
    return z.NEVER;
  });
}

/** Experiment ids are strings on the wire; old clients send integers. */
export const experimentId = z.union([z.string(), z.number().int()]).transform((v) => String(v));

export const keyValue = z.object({ key: z.string().optional(), value: z.string().optional() });
