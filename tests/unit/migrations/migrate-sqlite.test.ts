import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAppliedMigrations, loadMigrationFiles } from '@/server/store/migrations/migration-files';
import { migrateSqlite } from '@/server/store/migrations/migrate-sqlite';
import { REPO_ROOT, tableNames, tempAppDir, withDb, type TempAppDir } from '../support/migration-fixtures';

// The tracking core of 0001; later migrations add more tables, so this is a subset check.
const CORE_TABLES = [
  'datasets',
  'experiment_tags',
  'experiments',
  'latest_metrics',
  'metrics',
  'params',
  'run_dataset_input_tags',
  'run_dataset_inputs',
  'runs',
  'schema_migrations',
  'tags',
];

let app: TempAppDir;
beforeEach(() => {
  app = tempAppDir();
});
afterEach(() => {
  app.cleanup();
});

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file, 'utf8')).digest('hex');
const migrationFiles = () => fs.readdirSync(app.migrationsDir).filter((f) => f.endsWith('.sql')).sort();
const versions = () => migrationFiles().map((f) => f.replace(/\.sql$/, ''));

function appliedRows(file: string) {
  return withDb(file, (db) => db.prepare('SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version').all()) as {
    version: string;
    checksum: string;
    applied_at: number;
  }[];
}

function addMigration(name: string, sql: string) {
  fs.writeFileSync(path.join(app.migrationsDir, name), sql);
}

describe('loadMigrationFiles', () => {
  it('reads NNNN_name.sql files in version order with their sha256, ignoring other files', () => {
    for (const f of fs.readdirSync(app.migrationsDir)) fs.rmSync(path.join(app.migrationsDir, f));
    addMigration('0001_first.sql', 'SELECT 1;');
    addMigration('0003_third.sql', 'SELECT 3;');
    addMigration('0002_second.sql', 'SELECT 2;');
    fs.writeFileSync(path.join(app.migrationsDir, 'README.md'), 'notes');
    fs.writeFileSync(path.join(app.migrationsDir, '4_bad_name.sql'), 'SELECT 4;');
    fs.writeFileSync(path.join(app.migrationsDir, '0005_backup.sql.bak'), 'SELECT 5;');
    const files = loadMigrationFiles('sqlite', app.appDir);
    expect(files.map((f) => f.version)).toEqual(['0001_first', '0002_second', '0003_third']);
    expect(files[1]).toEqual({ version: '0002_second', sql: 'SELECT 2;', checksum: createHash('sha256').update('SELECT 2;').digest('hex') });
  });

  it('reads from the working directory by default', () => {
    expect(loadMigrationFiles('sqlite').map((f) => f.version)).toEqual(loadMigrationFiles('sqlite', REPO_ROOT).map((f) => f.version));
  });
});

describe('checkAppliedMigrations', () => {
  const files = [{ version: '0001_a', sql: '', checksum: 'c1' }];

  it('accepts applied migrations whose files are unchanged, and pending ones', () => {
    expect(() => checkAppliedMigrations(files, new Map())).not.toThrow();
    expect(() => checkAppliedMigrations(files, new Map([['0001_a', 'c1']]))).not.toThrow();
  });

  it('refuses a changed or a vanished applied migration, naming it', () => {
    expect(() => checkAppliedMigrations(files, new Map([['0001_a', 'other']]))).toThrow(/0001_a changed after it was applied.*refusing to start/);
    expect(() => checkAppliedMigrations(files, new Map([['0000_gone', 'x']]))).toThrow(/0000_gone was applied.*file is missing.*refusing to start/);
  });
});

describe('migrateSqlite', () => {
  it('applies every migration to a fresh file and records each with its checksum', () => {
    const file = app.dbFile();
    const before = Date.now();
    expect(migrateSqlite(file, app.appDir)).toEqual(versions());
    withDb(file, (db) => expect(tableNames(db)).toEqual(expect.arrayContaining(CORE_TABLES)));
    const rows = appliedRows(file);
    expect(rows.map((r) => r.version)).toEqual(versions());
    expect(rows.map((r) => r.checksum)).toEqual(migrationFiles().map((f) => sha256(path.join(app.migrationsDir, f))));
    for (const r of rows) expect(Number(r.applied_at)).toBeGreaterThanOrEqual(before);
  });

  it('seeds the Default experiment with id 0 exactly once', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    migrateSqlite(file, app.appDir);
    const rows = withDb(file, (db) => db.prepare('SELECT experiment_id, name, lifecycle_stage FROM experiments').all());
    expect(rows).toEqual([{ experiment_id: 0, name: 'Default', lifecycle_stage: 'active' }]);
  });

  it('applies nothing the second time and leaves the records as they were', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    const first = appliedRows(file);
    expect(migrateSqlite(file, app.appDir)).toEqual([]);
    expect(appliedRows(file)).toEqual(first);
  });

  it('applies only a migration added later', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    addMigration('9001_notes.sql', 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);');
    expect(migrateSqlite(file, app.appDir)).toEqual(['9001_notes']);
    withDb(file, (db) => expect(tableNames(db)).toContain('notes'));
    expect(appliedRows(file).map((r) => r.version)).toEqual([...versions()]);
  });

  it('refuses to start when an applied migration file changed, and changes nothing', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    const first = migrationFiles()[0];
    fs.appendFileSync(path.join(app.migrationsDir, first), '\n-- an edit after release\n');
    addMigration('9005_pending.sql', 'CREATE TABLE should_not_exist (x INTEGER);');
    expect(() => migrateSqlite(file, app.appDir)).toThrow(/changed after it was applied to this database; refusing to start/);
    withDb(file, (db) => expect(tableNames(db)).not.toContain('should_not_exist'));
  });

  it('refuses to start when an applied migration file vanished', () => {
    const file = app.dbFile();
    addMigration('9002_extra.sql', 'CREATE TABLE extra (x INTEGER);');
    migrateSqlite(file, app.appDir);
    fs.rmSync(path.join(app.migrationsDir, '9002_extra.sql'));
    expect(() => migrateSqlite(file, app.appDir)).toThrow(/9002_extra was applied to this database but its file is missing/);
  });

  it('rolls a failing migration back entirely and records nothing, so that a fixed file applies later', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    addMigration('9003_broken.sql', 'CREATE TABLE half_done (x INTEGER);\nTHIS IS NOT SQL;');
    expect(() => migrateSqlite(file, app.appDir)).toThrow();
    withDb(file, (db) => expect(tableNames(db)).not.toContain('half_done'));
    expect(appliedRows(file).map((r) => r.version)).toEqual(versions().filter((v) => v !== '9003_broken'));

    addMigration('9003_broken.sql', 'CREATE TABLE half_done (x INTEGER);');
    expect(migrateSqlite(file, app.appDir)).toEqual(['9003_broken']);
  });

  it('refuses a migration that leaves foreign key violations, rolling it back', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    addMigration('9004_orphans.sql', "INSERT INTO experiment_tags (experiment_id, key, value) VALUES (4242, 'k', 'v');");
    expect(() => migrateSqlite(file, app.appDir)).toThrow(/9004_orphans leaves 1 foreign key violations/);
    const orphans = withDb(file, (db) => db.prepare('SELECT COUNT(*) AS n FROM experiment_tags').get()) as { n: number };
    expect(orphans.n).toBe(0);
  });

  it('runs migrations with foreign keys off, so rebuilding a referenced table keeps the rows that refer to it', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    const db = new Database(file);
    db.prepare("INSERT INTO experiment_tags (experiment_id, key, value) VALUES (0, 'kept', 'yes')").run();
    db.close();
    // The usual SQLite table rebuild: with foreign keys on, DROP TABLE would cascade to the tags.
    addMigration(
      '9006_rebuild_experiments.sql',
      `CREATE TABLE experiments_new (
         experiment_id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, artifact_location TEXT NOT NULL,
         lifecycle_stage TEXT NOT NULL DEFAULT 'active', creation_time BIGINT NOT NULL, last_update_time BIGINT NOT NULL,
         description TEXT);
       INSERT INTO experiments_new (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
         SELECT experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time FROM experiments;
       DROP TABLE experiments;
       ALTER TABLE experiments_new RENAME TO experiments;
       CREATE UNIQUE INDEX experiments_name_key ON experiments (name);`,
    );
    expect(migrateSqlite(file, app.appDir)).toEqual(['9006_rebuild_experiments']);
    const tags = withDb(file, (d) => d.prepare('SELECT experiment_id, key, value FROM experiment_tags').all());
    expect(tags).toEqual([{ experiment_id: 0, key: 'kept', value: 'yes' }]);
  });

  it('leaves the database in WAL mode', () => {
    const file = app.dbFile();
    migrateSqlite(file, app.appDir);
    expect(withDb(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('wal');
  });
});
