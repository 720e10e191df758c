import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateSqlite } from '@/server/store/migrations/migrate-sqlite';
import { SqlDatabase } from '@/server/store/sql/database';
import { SqlLoggedModelStore } from '@/server/store/sql/sql-logged-model-store';
import { SqlRegistryStore } from '@/server/store/sql/sql-registry-store';
import { SqlTrackingStore } from '@/server/store/sql/sql-tracking-store';

export interface TempStore {
  store: SqlTrackingStore;
  loggedModels: SqlLoggedModelStore;
  registry: SqlRegistryStore;
  db: SqlDatabase;
  file: string;
  dir: string;
  cleanup(): Promise<void>;
}

/** A real tracking store on a fresh SQLite file in a temporary directory. */
export async function openTempStore(defaultArtifactRoot = 'mlflow-artifacts:/'): Promise<TempStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-store-'));
  const file = path.join(dir, 'runboard.db');
  migrateSqlite(file);
  const db = await SqlDatabase.open({ kind: 'sqlite', file });
  const store = new SqlTrackingStore(db, defaultArtifactRoot);
  await store.bootstrap();
  return {
    store,
    loggedModels: new SqlLoggedModelStore(db),
    registry: new SqlRegistryStore(db),
    db,
    file,
    dir,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
