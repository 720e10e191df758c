import { notFound } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { validateExperimentTag } from './create-experiment';
import { getActiveExperimentOrThrow } from './get-experiment-or-throw';

export async function setExperimentTag(store: TrackingStore, experimentId: string, tag: { key?: string; value?: string }): Promise<void> {
  const valid = validateExperimentTag(tag);
  await getActiveExperimentOrThrow(store, experimentId);
  await store.setExperimentTag(experimentId, valid);
}

export async function deleteExperimentTag(store: TrackingStore, experimentId: string, key: string): Promise<void> {
  await getActiveExperimentOrThrow(store, experimentId);
  if (!(await store.deleteExperimentTag(experimentId, key))) {
    throw notFound(`No tag with name: ${key} in experiment with id ${experimentId}`);
  }
}
