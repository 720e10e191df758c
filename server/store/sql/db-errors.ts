/** Recognises a unique-constraint violation from either driver, typed or raw query. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; message?: unknown; meta?: { code?: unknown } };
  if (e.code === 'P2002') return true;
  const text = `${String(e.message ?? '')} ${String(e.meta?.code ?? '')}`;
  return /UNIQUE constraint failed|duplicate key value|23505|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(text);
}
