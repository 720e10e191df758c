import { z } from 'zod';
import { LOGGED_MODEL_STATUSES, type LoggedModel } from '@/lib/domain';
import { tagsToWire } from './experiment';
import { bool, experimentId, int64, keyValue, protoEnum, repeated } from './primitives';
import { metricToWire } from './run';

/** LoggedModel ↔ MLflow JSON (reference §2.4). */
export function loggedModelToWire(m: LoggedModel) {
  return {
    info: {
      model_id: m.modelId,
      experiment_id: m.experimentId,
      name: m.name,
      creation_timestamp_ms: m.creationTimestampMs,
      last_updated_timestamp_ms: m.lastUpdatedTimestampMs,
      artifact_uri: m.artifactUri,
      status: m.status,
      ...(m.modelType !== undefined ? { model_type: m.modelType } : {}),
      ...(m.sourceRunId !== undefined ? { source_run_id: m.sourceRunId } : {}),
      ...(m.statusMessage !== undefined ? { status_message: m.statusMessage } : {}),
      ...(m.tags.length > 0 ? { tags: tagsToWire(m.tags) } : {}),
    },
    data: {
      ...(m.params.length > 0 ? { params: tagsToWire(m.params) } : {}),
      ...(m.metrics.length > 0 ? { metrics: m.metrics.map((x) => metricToWire(x, x.runId)) } : {}),
    },
  };
}

export const loggedModelStatus = protoEnum(LOGGED_MODEL_STATUSES, {
  0: 'LOGGED_MODEL_STATUS_UNSPECIFIED',
  1: 'LOGGED_MODEL_PENDING',
  2: 'LOGGED_MODEL_READY',
  3: 'LOGGED_MODEL_UPLOAD_FAILED',
});

const modelIdPath = z.object({ model_id: z.string() });

export const loggedModelRequests = {
  create: z.object({
    experiment_id: experimentId.optional(),
    name: z.string().optional(),
    model_type: z.string().optional(),
    source_run_id: z.string().optional(),
    params: z.array(keyValue).default([]),
    tags: z.array(keyValue).default([]),
  }),
  get: modelIdPath.extend({ allow_deleted: bool.optional() }),
  finalize: modelIdPath.extend({ status: loggedModelStatus.optional() }),
  delete: modelIdPath,
  search: z.object({
    experiment_ids: repeated(experimentId).default([]),
    filter: z.string().optional(),
    datasets: z.array(z.object({ dataset_name: z.string().optional(), dataset_digest: z.string().optional() })).default([]),
    max_results: int64.optional(),
    order_by: z
      .array(z.object({
        field_name: z.string().optional(),
        ascending: bool.optional(),
        dataset_name: z.string().optional(),
        dataset_digest: z.string().optional(),
      }))
      .default([]),
    page_token: z.string().optional(),
  }),
  setTags: modelIdPath.extend({ tags: z.array(keyValue).default([]) }),
  deleteTag: modelIdPath.extend({ tag_key: z.string() }),
  logParams: modelIdPath.extend({ params: z.array(keyValue).default([]) }),
  listDirectory: modelIdPath.extend({ artifact_directory_path: z.string().optional(), page_token: z.string().optional() }),
  runOutputs: z.object({
    run_id: z.string().optional(),
    models: z.array(z.object({ model_id: z.string().optional(), step: int64.optional() })).default([]),
  }),
};
