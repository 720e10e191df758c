import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateSqlite } from '@/server/store/migrations/migrate-sqlite';
import { REPO_ROOT, tableNames, tempAppDir, withDb, type TempAppDir } from '../support/migration-fixtures';

// Several server processes starting at once against one fresh SQLite file, as with a process
// manager starting workers together. Each child runs the real migrate-sqlite.ts (transpiled to
// CommonJS with the repository's TypeScript, so no extra runner is needed) and waits at a barrier
// so that all of them migrate at the same moment.

const PROCESSES = 6;
const ROUNDS = 3;

let app: TempAppDir;
let runnerDir: string;

function transpile(relPath: string, outName: string) {
  const source = fs.readFileSync(path.join(REPO_ROOT, relPath), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  fs.writeFileSync(path.join(runnerDir, outName), out.outputText);
}

const RUNNER = `
const { migrateSqlite } = require('./migrate-sqlite.js');
const [file, appDir] = process.argv.slice(2);
process.stdout.write('ready\\n');
process.stdin.once('data', () => {
  try {
    const applied = migrateSqlite(file, appDir);
    process.stdout.write(JSON.stringify({ applied }) + '\\n');
    process.exit(0);
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error && error.stack || error) }) + '\\n');
    process.exit(1);
  }
});
`;

interface ChildResult {
  code: number | null;
  applied?: string[];
  error?: string;
}

function startChild(file: string): { child: ChildProcess; ready: Promise<void>; done: Promise<ChildResult> } {
  const child = spawn(process.execPath, [path.join(runnerDir, 'runner.cjs'), file, app.appDir], {
    // better-sqlite3 is resolved from the repository's node_modules.
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const done = new Promise<ChildResult>((resolve) => {
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      const parsed = line ? (JSON.parse(line) as Omit<ChildResult, 'code'>) : { error: `no result; stderr: ${err}` };
      resolve({ code, ...parsed });
    });
  });
  return { child, ready, done };
}

async function migrateConcurrently(file: string, count: number): Promise<ChildResult[]> {
  const children = Array.from({ length: count }, () => startChild(file));
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin!.write('go\n');
  return Promise.all(children.map((c) => c.done));
}

beforeAll(() => {
  app = tempAppDir();
  // Extra migrations make the window for races wider: each is its own transaction.
  fs.writeFileSync(path.join(app.migrationsDir, '9001_notes.sql'), 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);');
  fs.writeFileSync(
    path.join(app.migrationsDir, '9002_seed_notes.sql'),
    "INSERT INTO notes (body) VALUES ('seeded once');\nALTER TABLE notes ADD COLUMN author TEXT;",
  );
  runnerDir = path.join(app.appDir, 'runner');
  fs.mkdirSync(runnerDir);
  transpile('server/store/migrations/migration-files.ts', 'migration-files.js');
  transpile('server/store/migrations/migrate-sqlite.ts', 'migrate-sqlite.js');
  fs.writeFileSync(path.join(runnerDir, 'runner.cjs'), RUNNER);
});

afterAll(() => {
  app.cleanup();
});

describe('migrateSqlite from several processes at once', () => {
  it.each(Array.from({ length: ROUNDS }, (_, i) => i + 1))(
    `round %i: ${PROCESSES} processes on one fresh file apply each migration exactly once`,
    async (round) => {
      const file = app.dbFile(`concurrent-${round}.db`);
      const expectedVersions = fs
        .readdirSync(app.migrationsDir)
        .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
        .sort()
        .map((f) => f.replace(/\.sql$/, ''));

      const results = await migrateConcurrently(file, PROCESSES);

      // Every process started successfully.
      expect(results.filter((r) => r.code !== 0)).toEqual([]);
      // Between them, the processes applied each migration exactly once.
      const appliedByAll = results.flatMap((r) => r.applied ?? []).sort();
      expect(appliedByAll).toEqual(expectedVersions);

      withDb(file, (db) => {
        const recorded = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: string }[];
        expect(recorded.map((r) => r.version)).toEqual(expectedVersions);
        expect(tableNames(db)).toEqual(expect.arrayContaining(['experiments', 'runs', 'metrics', 'latest_metrics', 'notes', 'schema_migrations']));
        expect(db.prepare('SELECT experiment_id, name FROM experiments').all()).toEqual([{ experiment_id: 0, name: 'Default' }]);
        expect(db.prepare('SELECT body, author FROM notes').all()).toEqual([{ body: 'seeded once', author: null }]);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      });
    },
  );

  it('a process that starts after the others finished applies nothing', async () => {
    const file = app.dbFile('late.db');
    await migrateConcurrently(file, 2);
    const [late] = await migrateConcurrently(file, 1);
    expect(late).toEqual({ code: 0, applied: [] });
  });
});

/** A separate process that holds a write transaction (RESERVED lock) on `file` for `ms`. */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { timeout: 30000 });
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('holding\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, Number(process.argv[2]));
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], {
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  // Wrapped in an object: an async function would otherwise wait for the returned promise.
  return { released: new Promise<void>((resolve) => child.on('exit', () => resolve())) };
}

describe('migrateSqlite waiting for other writers', () => {
  // The busy timeout does not cover `PRAGMA journal_mode = WAL`: with another writer holding the
  // file, SQLite refuses the switch at once. migrateSqlite waits for it instead.
  it('waits for a writer holding the database instead of failing with "database is locked"', async () => {
    const file = app.dbFile('held.db');
    const seed = new Database(file);
    seed.exec('CREATE TABLE unrelated (x INTEGER)');
    seed.close();
    const { released } = await holdWriteLock(file, 1500);
    const started = Date.now();
    try {
      expect(migrateSqlite(file, app.appDir).length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      await released;
    }
  });
});
