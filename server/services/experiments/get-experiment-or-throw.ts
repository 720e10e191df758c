import type { Experiment } from '@/lib/domain';
import { invalidParameter, notFound } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { validateExperimentId } from '../validation';

export async function getExperimentOrThrow(store: TrackingStore, experimentId: string): Promise<Experiment> {
  const experiment = await store.getExperiment(validateExperimentId(experimentId));
  if (!experiment) throw notFound(`No Experiment with id=${experimentId} exists`);
  return experiment;
}

/** Writes to an experiment (and creating runs in it) need it active. */
export async function getActiveExperimentOrThrow(store: TrackingStore, experimentId: string): Promise<Experiment> {
  const experiment = await getExperimentOrThrow(store, experimentId);
  if (experiment.lifecycleStage !== 'active') {
    throw invalidParameter(`The experiment ${experimentId} must be in the 'active' state. Current state is ${experiment.lifecycleStage}.`);
  }
  return experiment;
}
