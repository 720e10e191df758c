import { randomUUID } from 'node:crypto';
import type { LoggedModel } from '@/lib/domain';
import { joinUri } from '../../artifacts/artifact-uri';
import { notFound } from '../../errors';
import type { LoggedModelStore } from '../../store/logged-model-store';
import type { TrackingStore } from '../../store/tracking-store';
import { getActiveExperimentOrThrow } from '../experiments/get-experiment-or-throw';
import { generateRunName } from '../runs/generate-run-name';
import { validateLength, validateName, validateParam, validateRunTag } from '../validation';

export interface CreateLoggedModelRequest {
  experimentId?: string;
  name?: string;
  modelType?: string;
  sourceRunId?: string;
  params: { key?: string; value?: string }[];
  tags: { key?: string; value?: string }[];
}

/**
 * Creates a PENDING model whose files go to `<experiment artifact location>/models/<id>/artifacts`,
 * where MLflow 3 puts them.
 */
export async function createLoggedModel(
  stores: { tracking: TrackingStore; loggedModels: LoggedModelStore },
  req: CreateLoggedModelRequest,
): Promise<LoggedModel> {
  const params = req.params.map(validateParam);
  const tags = req.tags.map(validateRunTag);
  const name = req.name ? validateName('model', req.name) : generateRunName();
  const experiment = await getActiveExperimentOrThrow(stores.tracking, req.experimentId ?? '0');
  if (req.sourceRunId && !(await stores.tracking.getRunInfo(req.sourceRunId))) {
    throw notFound(`Run with id=${req.sourceRunId} not found; source_run_id must name an existing run.`);
  }
  // Model ids must not contain '/' or '@': the client parses them out of models:/<model_id>.
  const modelId = `m-${randomUUID().replace(/-/g, '')}`;
  return stores.loggedModels.createLoggedModel({
    modelId,
    experimentId: experiment.experimentId,
    name,
    artifactUri: joinUri(experiment.artifactLocation, 'models', modelId, 'artifacts'),
    modelType: req.modelType ? validateLength('model_type', req.modelType, 500) : undefined,
    sourceRunId: req.sourceRunId || undefined,
    params,
    tags,
  });
}
