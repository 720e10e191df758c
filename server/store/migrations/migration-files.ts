import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DialectName } from '../sql/dialect';

export interface MigrationFile {
  version: string;
  sql: string;
  checksum: string;
}

/** prisma/<dialect>/migrations/NNNN_name.sql, in version order. */
export function loadMigrationFiles(dialect: DialectName, appDir = process.cwd()): MigrationFile[] {
  const dir = path.join(appDir, 'prisma', dialect, 'migrations');
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** Refuses to go on when an applied migration changed or vanished: the schema would be unknown. */
export function checkAppliedMigrations(files: MigrationFile[], applied: Map<string, string>): void {
  const byVersion = new Map(files.map((f) => [f.version, f.checksum]));
  for (const [version, checksum] of applied) {
    const current = byVersion.get(version);
    if (current === undefined) {
      throw new Error(`Migration ${version} was applied to this database but its file is missing; refusing to start`);
    }
    if (current !== checksum) {
      throw new Error(`Migration ${version} changed after it was applied to this database; refusing to start`);
    }
  }
}
