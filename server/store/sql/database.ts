import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { BackendStore } from '../../config';
import { PrismaClient as PostgresqlPrismaClient } from '../generated/postgresql/client';
import { PrismaClient as SqlitePrismaClient } from '../generated/sqlite/client';
import { dialectFor, type Dialect } from './dialect';
import { SqliteWriter } from './sqlite-writer';

/** Both generated clients have the same API; code is written against the SQLite one's types. */
export type PrismaDb = SqlitePrismaClient;
type PrismaTx = Omit<PrismaDb, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/** What store code works with: SQL with `?` placeholders (see dialect.ts). */
export interface SqlSession {
  readonly dialect: Dialect;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<number>;
}

/**
 * A FIFO lock for SQLite. The Prisma adapter shares one connection, so statements of different
 * requests must not interleave (one would land inside another's transaction); and a transaction
 * on the direct writer connection holds the write lock, which the Prisma connection would wait for
 * synchronously, blocking the event loop the transaction needs to finish.
 */
class Gate {
  private tail: Promise<void> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

function writerSession(dialect: Dialect, writer: SqliteWriter): SqlSession {
  return {
    dialect,
    query: async <T>(sql: string, params: unknown[] = []) => writer.query<T>(sql, params),
    execute: async (sql, params = []) => writer.execute(sql, params),
  };
}

function session(dialect: Dialect, prisma: PrismaTx): SqlSession {
  return {
    dialect,
    query: <T>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<T[]>(dialect.finalize(sql), ...params),
    execute: (sql, params = []) => prisma.$executeRawUnsafe(dialect.finalize(sql), ...params),
  };
}

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 60_000 };

export class SqlDatabase {
  readonly dialect: Dialect;
  private readonly prisma: PrismaDb;
  /** Only for SQLite; PostgreSQL has a connection pool and real concurrency. */
  private readonly gate: Gate | undefined;
  /** SQLite only: transactions (every multi-statement write) run on a direct connection. */
  private readonly writer: SqliteWriter | undefined;

  private constructor(dialect: Dialect, prisma: PrismaDb, gate?: Gate, writer?: SqliteWriter) {
    this.dialect = dialect;
    this.prisma = prisma;
    this.gate = gate;
    this.writer = writer;
  }

  static async open(store: BackendStore): Promise<SqlDatabase> {
    if (store.kind === 'sqlite') {
      const adapter = new PrismaBetterSqlite3({ url: store.file, timeout: 30_000 });
      const prisma = new SqlitePrismaClient({ adapter });
      const db = new SqlDatabase(dialectFor('sqlite'), prisma, new Gate(), new SqliteWriter(store.file));
      // The migrator has put the file in WAL mode (it persists); NORMAL sync is safe with WAL.
      await db.run(async (s) => {
        await s.query('PRAGMA synchronous = NORMAL');
        await s.query('PRAGMA foreign_keys = ON');
      });
      return db;
    }
    const adapter = new PrismaPg({ connectionString: store.url });
    const prisma = new PostgresqlPrismaClient({ adapter }) as unknown as PrismaDb;
    return new SqlDatabase(dialectFor('postgresql'), prisma);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.gate ? this.gate.run(fn) : fn();
  }

  /** Statements without a surrounding transaction. */
  run<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
    return this.exclusive(() => fn(session(this.dialect, this.prisma)));
  }

  /** One transaction: everything in `fn` commits together or not at all. */
  transaction<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
    const writer = this.writer;
    if (writer) return this.exclusive(() => writer.transaction(() => fn(writerSession(this.dialect, writer))));
    return this.prisma.$transaction((tx) => fn(session(this.dialect, tx as unknown as PrismaTx)), TRANSACTION_OPTIONS);
  }

  async close(): Promise<void> {
    this.writer?.close();
    await this.prisma.$disconnect();
  }
}
