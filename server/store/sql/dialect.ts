/**
 * Every SQL difference between SQLite and PostgreSQL lives here. Store and search code write SQL
 * with `?` placeholders and these helpers; `finalize` turns it into the dialect's text.
 */
export type DialectName = 'sqlite' | 'postgresql';

export interface Dialect {
  readonly name: DialectName;
  /** Rewrites `?` placeholders (outside string literals) into the dialect's form. */
  finalize(sql: string): string;
  /** Case-sensitive LIKE against a literal pattern: SQL with one `?`, and the value to bind. */
  like(expr: string, pattern: string): [sql: string, param: string];
  /** Case-insensitive LIKE against a literal pattern. */
  ilike(expr: string, pattern: string): [sql: string, param: string];
  /** The smaller / larger of two nullable values, ignoring NULLs (NULL only when both are). */
  least(a: string, b: string): string;
  greatest(a: string, b: string): string;
  /** A boolean literal. */
  bool(value: boolean): string;
  /** A boolean as a bound parameter value (SQLite stores 0/1). */
  boolParam(value: boolean): boolean | number;
}

function numberedPlaceholders(sql: string): string {
  let n = 0;
  let out = '';
  let inString = false;
  for (const ch of sql) {
    if (ch === "'") inString = !inString;
    if (ch === '?' && !inString) {
      n += 1;
      out += `$${n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A SQL LIKE pattern (`%`, `_`) as the equivalent SQLite GLOB pattern. */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '%') out += '*';
    else if (ch === '_') out += '?';
    else if (ch === '*' || ch === '?' || ch === '[') out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

export const sqlite: Dialect = {
  name: 'sqlite',
  finalize: (sql) => sql,
  // SQLite's LIKE ignores ASCII case; GLOB is case-sensitive, so the pattern is translated.
  like: (expr, pattern) => [`${expr} GLOB ?`, likeToGlob(pattern)],
  ilike: (expr, pattern) => [`LOWER(${expr}) LIKE LOWER(?)`, pattern],
  least: (a, b) => `MIN(COALESCE(${a}, ${b}), COALESCE(${b}, ${a}))`,
  greatest: (a, b) => `MAX(COALESCE(${a}, ${b}), COALESCE(${b}, ${a}))`,
  bool: (v) => (v ? '1' : '0'),
  boolParam: (v) => (v ? 1 : 0),
};

export const postgresql: Dialect = {
  name: 'postgresql',
  finalize: numberedPlaceholders,
  // ESCAPE '' makes a backslash an ordinary character, as it is in the SQLite translation.
  like: (expr, pattern) => [`${expr} LIKE ? ESCAPE ''`, pattern],
  ilike: (expr, pattern) => [`${expr} ILIKE ? ESCAPE ''`, pattern],
  least: (a, b) => `LEAST(${a}, ${b})`,
  greatest: (a, b) => `GREATEST(${a}, ${b})`,
  bool: (v) => (v ? 'TRUE' : 'FALSE'),
  boolParam: (v) => v,
};

export function dialectFor(name: DialectName): Dialect {
  return name === 'sqlite' ? sqlite : postgresql;
}
