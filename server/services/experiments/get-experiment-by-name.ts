import type { Experiment } from '@/lib/domain';
import { invalidParameter, notFound } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';

/** RESOURCE_DOES_NOT_EXIST is what lets `mlflow.set_experiment` go on to create the experiment. */
export async function getExperimentByName(store: TrackingStore, name: string): Promise<Experiment> {
  if (!name) throw invalidParameter("Missing value for required parameter 'experiment_name'.");
  const experiment = await store.getExperimentByName(name);
  if (!experiment) throw notFound(`Could not find experiment with name '${name}'`);
  return experiment;
}
