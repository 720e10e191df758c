import type Database from 'better-sqlite3';

/**
 * Table shapes from three sources, in one normal form, so that tests can compare them: the Prisma
 * schema (parsed as text), a migrated SQLite file (introspected), and PostgreSQL migration SQL
 * (parsed as text). Column types are compared by family only.
 */
export type TypeFamily = 'text' | 'integer' | 'real' | 'boolean';

export interface ColumnShape {
  name: string;
  family: TypeFamily;
  nullable: boolean;
}

export interface IndexShape {
  name: string;
  unique: boolean;
  columns: string[];
}

export interface TableShape {
  columns: ColumnShape[]; // sorted by name
  primaryKey: string[]; // in key order
  indexes: IndexShape[]; // sorted by name; primary keys excluded
}

export type SchemaShape = Record<string, TableShape>;

function normalise(table: { columns: ColumnShape[]; primaryKey: string[]; indexes: IndexShape[] }): TableShape {
  return {
    columns: [...table.columns].sort((a, b) => a.name.localeCompare(b.name)),
    primaryKey: table.primaryKey,
    indexes: [...table.indexes].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function familyOf(sqlType: string, where: string): TypeFamily {
  const t = sqlType.toUpperCase();
  if (/BOOL/.test(t)) return 'boolean';
  if (/INT|SERIAL/.test(t)) return 'integer';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'text';
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return 'real';
  throw new Error(`${where}: no type family for SQL type "${sqlType}"; extend familyOf in tests/unit/support/schema-shapes.ts`);
}

// ---------------------------------------------------------------------------------------------
// Prisma schema text

const PRISMA_FAMILIES: Record<string, TypeFamily> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'integer',
  Float: 'real',
  Decimal: 'real',
  Boolean: 'boolean',
};

/** Removes `//` comments, leaving string literals alone. */
function stripPrismaComments(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i += 1) {
        if (line[i] === '"' && line[i - 1] !== '\\') inString = !inString;
        if (!inString && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i);
      }
      return line;
    })
    .join('\n');
}

/** `[a, b(sort: Desc)]` → ['a', 'b'] */
function fieldList(text: string): string[] {
  return text
    .replace(/\([^)]*\)/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function quotedArg(attrs: string, name: string): string | undefined {
  return new RegExp(`${name}\\s*:\\s*"([^"]*)"`).exec(attrs)?.[1];
}

export function parsePrismaSchema(schemaText: string): SchemaShape {
  const text = stripPrismaComments(schemaText);
  const blocks = [...text.matchAll(/^\s*(model|enum|type|view)\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm)];
  const models = new Set(blocks.filter((b) => b[1] === 'model').map((b) => b[2]));
  const enums = new Set(blocks.filter((b) => b[1] === 'enum').map((b) => b[2]));
  const out: SchemaShape = {};

  for (const [, kind, modelName, body] of blocks) {
    if (kind !== 'model') {
      if (kind !== 'enum') throw new Error(`Prisma ${kind} blocks are not understood by this parser (${modelName})`);
      continue;
    }
    const columnOf = new Map<string, string>(); // field name → column name
    const columns: ColumnShape[] = [];
    let primaryKey: string[] = [];
    const indexes: { name?: string; unique: boolean; fields: string[] }[] = [];
    let table = modelName;

    for (const raw of body.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (line.startsWith('@@')) {
        const m = /^@@(\w+)\s*\((.*)\)\s*$/.exec(line);
        if (!m) throw new Error(`${modelName}: cannot parse block attribute "${line}"`);
        const [, attr, args] = m;
        const list = /^\s*(?:fields\s*:\s*)?\[([^\]]*)\]/.exec(args);
        if (attr === 'map') table = /"([^"]*)"/.exec(args)![1];
        else if (attr === 'id') primaryKey = fieldList(list![1]);
        else if (attr === 'index') indexes.push({ name: quotedArg(args, 'map'), unique: false, fields: fieldList(list![1]) });
        else if (attr === 'unique') indexes.push({ name: quotedArg(args, 'map'), unique: true, fields: fieldList(list![1]) });
        else throw new Error(`${modelName}: block attribute @@${attr} is not understood by this parser`);
        continue;
      }
      const f = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!f) throw new Error(`${modelName}: cannot parse field "${line}"`);
      const [, field, type, list, optional, attrs] = f;
      if (models.has(type)) continue; // relation field: no column
      if (list) throw new Error(`${modelName}.${field}: scalar lists are not understood by this parser`);
      const family = enums.has(type) ? 'text' : PRISMA_FAMILIES[type];
      if (!family) throw new Error(`${modelName}.${field}: no type family for Prisma type ${type}`);
      const column = /@map\("([^"]*)"\)/.exec(attrs)?.[1] ?? field;
      columnOf.set(field, column);
      columns.push({ name: column, family, nullable: Boolean(optional) });
      if (/@id\b/.test(attrs)) primaryKey = [field];
      const unique = /@unique(\(([^)]*)\))?/.exec(attrs);
      if (unique) indexes.push({ name: unique[2] ? quotedArg(unique[2], 'map') : undefined, unique: true, fields: [field] });
    }

    const col = (field: string) => {
      const c = columnOf.get(field);
      if (!c) throw new Error(`${modelName}: attribute refers to unknown field ${field}`);
      return c;
    };
    out[table] = normalise({
      columns,
      primaryKey: primaryKey.map(col),
      indexes: indexes.map((i) => {
        const cols = i.fields.map(col);
        // Prisma's default constraint names: <table>_<columns>_idx / _key.
        return { name: i.name ?? `${table}_${cols.join('_')}_${i.unique ? 'key' : 'idx'}`, unique: i.unique, columns: cols };
      }),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SQLite introspection

export function introspectSqlite(db: Database.Database, exclude: string[] = ['schema_migrations']): SchemaShape {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((n) => !exclude.includes(n));
  const out: SchemaShape = {};
  for (const table of tables) {
    const info = db.pragma(`table_info("${table}")`) as { name: string; type: string; notnull: number; pk: number }[];
    const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    // INTEGER PRIMARY KEY is the rowid and cannot hold NULL even without NOT NULL.
    const rowidAlias = pk.length === 1 && pk[0].type.toUpperCase() === 'INTEGER' ? pk[0].name : undefined;
    const indexList = db.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string }[];
    out[table] = normalise({
      columns: info.map((c) => ({
        name: c.name,
        family: familyOf(c.type, `${table}.${c.name}`),
        nullable: c.notnull === 0 && c.name !== rowidAlias,
      })),
      primaryKey: pk.map((c) => c.name),
      indexes: indexList
        .filter((i) => i.origin !== 'pk')
        .map((i) => ({
          name: i.name,
          unique: i.unique === 1,
          columns: (db.pragma(`index_info("${i.name}")`) as { seqno: number; name: string }[])
            .sort((a, b) => a.seqno - b.seqno)
            .map((c) => c.name),
        })),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SQL migration text (PostgreSQL)

/** Statements of a SQL file, comments removed, split on `;` outside quotes and parentheses. */
export function sqlStatements(sql: string): string[] {
  const noComments = sql.replace(/--[^\n]*/g, '');
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of noComments) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (ch === ';' && depth === 0) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Splits a comma list at top level (commas inside parentheses or quotes stay). */
function topLevelItems(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (ch === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

const unquote = (name: string) => name.replace(/"/g, '');
const columnList = (text: string) => text.split(',').map((c) => unquote(c.trim().split(/\s+/)[0]));

/**
 * Applies the CREATE TABLE / CREATE INDEX / ALTER TABLE ADD COLUMN statements of migration files,
 * in order, to an empty shape. Data statements are skipped; any other schema change fails loudly
 * so that this parser gets extended instead of silently going stale.
 */
export function parseSqlMigrations(files: { name: string; sql: string }[]): SchemaShape {
  const tables = new Map<string, { columns: ColumnShape[]; primaryKey: string[]; indexes: IndexShape[] }>();
  for (const file of files) {
    for (const stmt of sqlStatements(file.sql)) {
      const where = `${file.name}: "${stmt.slice(0, 60).replace(/\s+/g, ' ')}..."`;
      const create = /^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?("?\w+"?)\s*\(([\s\S]*)\)\s*$/i.exec(stmt);
      if (create) {
        const table = unquote(create[1]);
        const columns: ColumnShape[] = [];
        let primaryKey: string[] = [];
        for (const item of topLevelItems(create[2])) {
          const tablePk = /^(?:CONSTRAINT\s+\w+\s+)?PRIMARY\s+KEY\s*\(([^)]*)\)/i.exec(item);
          if (tablePk) {
            primaryKey = columnList(tablePk[1]);
            continue;
          }
          if (/^(CONSTRAINT|FOREIGN\s+KEY|UNIQUE|CHECK|EXCLUDE)\b/i.test(item)) {
            if (/^(CONSTRAINT\s+\w+\s+)?UNIQUE\b/i.test(item)) throw new Error(`${where}: inline UNIQUE constraints are not understood; use CREATE UNIQUE INDEX`);
            continue;
          }
          const col = /^("?\w+"?)\s+(.+)$/s.exec(item);
          if (!col) throw new Error(`${where}: cannot parse column "${item}"`);
          const name = unquote(col[1]);
          const rest = col[2];
          const type = /^([A-Za-z]+(?:\s+PRECISION|\s+VARYING)?(?:\s*\([^)]*\))?)/.exec(rest)![1];
          const inlinePk = /\bPRIMARY\s+KEY\b/i.test(rest);
          if (inlinePk) primaryKey = [name];
          const notNull = /\bNOT\s+NULL\b/i.test(rest) || inlinePk || /\bGENERATED\b.*\bAS\s+IDENTITY\b/i.test(rest);
          columns.push({ name, family: familyOf(type, `${where} ${name}`), nullable: !notNull });
        }
        // Primary key columns are NOT NULL in PostgreSQL whether or not the column says so.
        for (const c of columns) if (primaryKey.includes(c.name)) c.nullable = false;
        tables.set(table, { columns, primaryKey, indexes: [] });
        continue;
      }
      const index = /^CREATE\s+(UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?("?\w+"?)\s+ON\s+("?\w+"?)\s*(?:USING\s+\w+\s*)?\(([^)]*)\)\s*$/i.exec(stmt);
      if (index) {
        const table = tables.get(unquote(index[3]));
        if (!table) throw new Error(`${where}: index on unknown table`);
        table.indexes.push({ name: unquote(index[2]), unique: Boolean(index[1]), columns: columnList(index[4]) });
        continue;
      }
      const addColumn = /^ALTER\s+TABLE\s+("?\w+"?)\s+ADD\s+(?:COLUMN\s+)?("?\w+"?)\s+(.+)$/is.exec(stmt);
      if (addColumn) {
        const table = tables.get(unquote(addColumn[1]));
        if (!table) throw new Error(`${where}: ALTER of unknown table`);
        const type = /^([A-Za-z]+(?:\s+PRECISION)?)/.exec(addColumn[3])![1];
        table.columns.push({ name: unquote(addColumn[2]), family: familyOf(type, where), nullable: !/\bNOT\s+NULL\b/i.test(addColumn[3]) });
        continue;
      }
      if (/^(INSERT|UPDATE|DELETE|SELECT|WITH|SET|DO|COMMENT)\b/i.test(stmt)) continue;
      throw new Error(`${where}: statement not understood by the migration parser; extend tests/unit/support/schema-shapes.ts`);
    }
  }
  return Object.fromEntries([...tables].sort(([a], [b]) => a.localeCompare(b)).map(([name, t]) => [name, normalise(t)]));
}
