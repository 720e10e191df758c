import type { TrackingStore } from '../../store/tracking-store';
import { validateExperimentName } from './create-experiment';
import { getActiveExperimentOrThrow } from './get-experiment-or-throw';

export async function renameExperiment(store: TrackingStore, experimentId: string, newName: string | undefined): Promise<void> {
  const name = validateExperimentName(newName);
  await getActiveExperimentOrThrow(store, experimentId);
  await store.renameExperiment(experimentId, name);
}
