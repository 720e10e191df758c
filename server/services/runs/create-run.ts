import type { Run } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { getActiveExperimentOrThrow } from '../experiments/get-experiment-or-throw';
import { validateRunTag } from '../validation';
import { generateRunName } from './generate-run-name';

export interface CreateRunRequest {
  experimentId?: string;
  userId?: string;
  runName?: string;
  startTime?: number;
  tags: { key?: string; value?: string }[];
}

const RUN_NAME_TAG = 'mlflow.runName';

/**
 * The run name comes from run_name, else the mlflow.runName tag, else is generated; the tag is
 * then set to the final name, as the MLflow server does.
 */
export async function createRun(store: TrackingStore, req: CreateRunRequest): Promise<Run> {
  const experimentId = req.experimentId ?? '0';
  const tags = req.tags.map(validateRunTag);
  const tagName = tags.findLast((t) => t.key === RUN_NAME_TAG)?.value;
  if (req.runName && tagName && req.runName !== tagName) {
    throw invalidParameter(`Both 'run_name' (${req.runName}) and the '${RUN_NAME_TAG}' tag (${tagName}) were given with different values. Give one, or the same value in both.`);
  }
  const runName = req.runName || tagName || generateRunName();
  await getActiveExperimentOrThrow(store, experimentId);
  const userId = req.userId || tags.findLast((t) => t.key === 'mlflow.user')?.value || '';
  return store.createRun({
    experimentId,
    runName,
    userId,
    startTime: req.startTime ?? Date.now(),
    tags: [...tags.filter((t) => t.key !== RUN_NAME_TAG), { key: RUN_NAME_TAG, value: runName }],
  });
}
