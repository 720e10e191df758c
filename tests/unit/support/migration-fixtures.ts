import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The repository root: migrations are read from <appDir>/prisma/<dialect>/migrations. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface TempAppDir {
  /** Pass as `appDir` to the migration runners. */
  appDir: string;
  /** `<appDir>/prisma/sqlite/migrations`, a copy of the real directory. */
  migrationsDir: string;
  /** A fresh database file path in the same temporary directory (not created yet). */
  dbFile(name?: string): string;
  cleanup(): void;
}

/** A temporary app directory holding a copy of the real SQLite migrations, free to be edited. */
export function tempAppDir(): TempAppDir {
  const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-migrations-'));
  const migrationsDir = path.join(appDir, 'prisma', 'sqlite', 'migrations');
  fs.cpSync(path.join(REPO_ROOT, 'prisma', 'sqlite', 'migrations'), migrationsDir, { recursive: true });
  return {
    appDir,
    migrationsDir,
    dbFile: (name = 'test.db') => path.join(appDir, name),
    cleanup: () => fs.rmSync(appDir, { recursive: true, force: true }),
  };
}

/** Runs `fn` against a read-only connection to a SQLite file and closes it. */
export function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}
