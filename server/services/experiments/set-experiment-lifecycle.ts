import type { LifecycleStage } from '@/lib/domain';
import type { TrackingStore } from '../../store/tracking-store';
import { getExperimentOrThrow } from './get-experiment-or-throw';

/** Delete (soft) or restore an experiment together with its runs. */
export async function setExperimentLifecycle(store: TrackingStore, experimentId: string, stage: LifecycleStage): Promise<void> {
  await getExperimentOrThrow(store, experimentId);
  await store.setExperimentLifecycle(experimentId, stage);
}
