import { notFound } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { getActiveRunInfoOrThrow } from './get-run-or-throw';

export async function deleteRunTag(store: TrackingStore, runId: string, key: string): Promise<void> {
  await getActiveRunInfoOrThrow(store, runId);
  if (!(await store.deleteRunTag(runId, key))) {
    throw notFound(`No tag with name: ${key} in run with id ${runId}`);
  }
}
