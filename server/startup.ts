import { getTrackingStore } from './store';

/** Opens the store (applying migrations) at start-up; a server that cannot reach it must not run. */
export async function openStoresOrExit(): Promise<void> {
  try {
    await getTrackingStore();
  } catch (error) {
    console.error(`[runboard] cannot open the backend store: ${(error as Error).message}`);
    process.exit(1);
  }
}
