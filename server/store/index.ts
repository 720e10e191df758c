import { getConfig } from '../config';
import { migratePostgresql } from './migrations/migrate-postgresql';
import { migrateSqlite } from './migrations/migrate-sqlite';
import { SqlDatabase } from './sql/database';
import { SqlTrackingStore } from './sql/sql-tracking-store';
import { SqlLoggedModelStore } from './sql/sql-logged-model-store';
import { SqlRegistryStore } from './sql/sql-registry-store';
import { SqlSharedViewStore } from './sql/sql-shared-view-store';
import type { LoggedModelStore } from './logged-model-store';
import type { RegistryStore } from './registry-store';
import type { SharedViewStore } from './shared-view-store';
import type { TrackingStore } from './tracking-store';

interface Stores {
  tracking: TrackingStore;
  loggedModels: LoggedModelStore;
  registry: RegistryStore;
  sharedViews: SharedViewStore;
}

// Kept on globalThis so that Next's module duplication (and dev reloads) share one connection.
const holder = globalThis as typeof globalThis & { __runboardStores?: Promise<Stores> };

async function openStores(): Promise<Stores> {
  const config = getConfig();
  const store = config.backendStore;
  if (store.kind === 'sqlite') migrateSqlite(store.file);
  else await migratePostgresql(store.url);
  const db = await SqlDatabase.open(store);
  const tracking = new SqlTrackingStore(db, config.defaultArtifactRoot);
  await tracking.bootstrap();
  return { tracking, loggedModels: new SqlLoggedModelStore(db), registry: new SqlRegistryStore(db), sharedViews: new SqlSharedViewStore(db) };
}

function stores(): Promise<Stores> {
  holder.__runboardStores ??= openStores().catch((error) => {
    holder.__runboardStores = undefined;
    throw error;
  });
  return holder.__runboardStores;
}

/** The tracking store for the configured backend; migrations run on first use. */
export async function getTrackingStore(): Promise<TrackingStore> {
  return (await stores()).tracking;
}

export async function getLoggedModelStore(): Promise<LoggedModelStore> {
  return (await stores()).loggedModels;
}

export async function getRegistryStore(): Promise<RegistryStore> {
  return (await stores()).registry;
}

export async function getSharedViewStore(): Promise<SharedViewStore> {
  return (await stores()).sharedViews;
}
