import Database from 'better-sqlite3';
import { checkAppliedMigrations, loadMigrationFiles } from './migration-files';

/**
 * Applies pending migrations to a SQLite file. Each migration runs in its own BEGIN IMMEDIATE
 * transaction, so processes starting together apply each one exactly once. Foreign keys are
 * switched off outside the transaction (inside it the pragma is ignored) and checked before commit.
 */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * Switching to WAL needs a moment with no other writer, and SQLite answers SQLITE_BUSY at once
 * instead of waiting (the busy timeout does not apply); so wait here, up to the same timeout.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new Error(`SQLite refused WAL mode (journal mode is ${String(mode)})`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('SQLITE_BUSY') || Date.now() > deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25);
    }
  }
}

export function migrateSqlite(file: string, appDir?: string): string[] {
  const files = loadMigrationFiles('sqlite', appDir);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  const appliedNow: string[] = [];
  try {
    enableWal(db);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
    db.pragma('foreign_keys = OFF');
    for (const migration of files) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const rows = db.prepare('SELECT version, checksum FROM schema_migrations').all() as { version: string; checksum: string }[];
        const applied = new Map(rows.map((r) => [r.version, r.checksum]));
        checkAppliedMigrations(files, applied);
        if (!applied.has(migration.version)) {
          db.exec(migration.sql);
          const violations = db.pragma('foreign_key_check') as unknown[];
          if (violations.length > 0) {
            throw new Error(`Migration ${migration.version} leaves ${violations.length} foreign key violations`);
          }
          db.prepare('INSERT INTO schema_migrations (version, checksum, applied_at) VALUES (?, ?, ?)')
            .run(migration.version, migration.checksum, Date.now());
          appliedNow.push(migration.version);
        }
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    }
  } finally {
    db.close();
  }
  return appliedNow;
}
