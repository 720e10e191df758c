import pg from 'pg';
import { checkAppliedMigrations, loadMigrationFiles } from './migration-files';

/** Any fixed number: the advisory lock that serialises migrating processes. */
const MIGRATION_LOCK_KEY = 7_215_604_311;

/** Applies pending migrations, each in a transaction holding a transaction-level advisory lock. */
export async function migratePostgresql(url: string, appDir?: string): Promise<string[]> {
  const files = loadMigrationFiles('postgresql', appDir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const appliedNow: string[] = [];
  try {
    for (const migration of files) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          version TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)`);
        const { rows } = await client.query<{ version: string; checksum: string }>('SELECT version, checksum FROM schema_migrations');
        const applied = new Map(rows.map((r) => [r.version, r.checksum]));
        checkAppliedMigrations(files, applied);
        if (!applied.has(migration.version)) {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, checksum, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.checksum,
            Date.now(),
          ]);
          appliedNow.push(migration.version);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.end();
  }
  return appliedNow;
}
