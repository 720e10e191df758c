import { z } from 'zod';
import { RUN_STATUSES, type DatasetInput, type LatestMetric, type MetricPoint, type Run, type RunInfo, type RunMetricPoint } from '@/lib/domain';
import { invalidParameter } from '../errors';
import { tagsToWire, viewType } from './experiment';
import { double, encodeDouble, experimentId, int64, keyValue, protoEnum, repeated } from './primitives';

/** Run and metric ↔ MLflow JSON (reference §2.2). */
export function runInfoToWire(i: RunInfo) {
  return {
    run_id: i.runId,
    run_uuid: i.runId,
    run_name: i.runName,
    experiment_id: i.experimentId,
    user_id: i.userId,
    status: i.status,
    start_time: i.startTime,
    ...(i.endTime !== null ? { end_time: i.endTime } : {}),
    artifact_uri: i.artifactUri,
    lifecycle_stage: i.lifecycleStage,
  };
}

/** `model_id` and the dataset fields only when set: the client checks whether model_id is absent. */
export function metricToWire(m: MetricPoint | LatestMetric, runId?: string) {
  return {
    key: m.key,
    value: encodeDouble(m.value),
    timestamp: m.timestamp,
    step: m.step,
    ...(runId !== undefined ? { run_id: runId } : {}),
    ...(m.modelId ? { model_id: m.modelId } : {}),
    ...(m.datasetName ? { dataset_name: m.datasetName } : {}),
    ...(m.datasetDigest ? { dataset_digest: m.datasetDigest } : {}),
  };
}

export function runMetricPointToWire(p: RunMetricPoint) {
  return metricToWire(p, p.runId);
}

function datasetInputToWire(d: DatasetInput) {
  return {
    ...(d.tags.length > 0 ? { tags: tagsToWire(d.tags) } : {}),
    dataset: {
      name: d.dataset.name,
      digest: d.dataset.digest,
      source_type: d.dataset.sourceType,
      source: d.dataset.source,
      ...(d.dataset.schema !== undefined ? { schema: d.dataset.schema } : {}),
      ...(d.dataset.profile !== undefined ? { profile: d.dataset.profile } : {}),
    },
  };
}

export function runToWire(r: Run) {
  const data = {
    ...(r.data.metrics.length > 0 ? { metrics: r.data.metrics.map((m) => metricToWire(m)) } : {}),
    ...(r.data.params.length > 0 ? { params: tagsToWire(r.data.params) } : {}),
    ...(r.data.tags.length > 0 ? { tags: tagsToWire(r.data.tags) } : {}),
  };
  const inputs = {
    ...(r.inputs.datasetInputs.length > 0 ? { dataset_inputs: r.inputs.datasetInputs.map(datasetInputToWire) } : {}),
    ...(r.inputs.modelInputs.length > 0 ? { model_inputs: r.inputs.modelInputs.map((m) => ({ model_id: m.modelId })) } : {}),
  };
  const outputs = r.outputs.modelOutputs.length > 0
    ? { model_outputs: r.outputs.modelOutputs.map((m) => ({ model_id: m.modelId, step: m.step })) }
    : {};
  return { info: runInfoToWire(r.info), data, inputs, outputs };
}

export const runStatus = protoEnum(RUN_STATUSES, { 1: 'RUNNING', 2: 'SCHEDULED', 3: 'FINISHED', 4: 'FAILED', 5: 'KILLED' });

const metricMessage = z.object({
  key: z.string().optional(),
  value: double.optional(),
  timestamp: int64.optional(),
  step: int64.optional(),
  model_id: z.string().optional(),
  dataset_name: z.string().optional(),
  dataset_digest: z.string().optional(),
});

/** Run-scoped requests carry run_id and, from the client, the deprecated run_uuid too. */
const runIdFields = { run_id: z.string().optional(), run_uuid: z.string().optional() };

function withRun<T extends z.ZodRawShape>(shape: T) {
  return z.object({ ...runIdFields, ...shape });
}

/** run_id, falling back to run_uuid. */
export function runIdOf(req: { run_id?: string; run_uuid?: string }): string {
  const runId = req.run_id || req.run_uuid;
  if (!runId) throw invalidParameter("Missing value for required parameter 'run_id'.");
  return runId;
}

const datasetMessage = z.object({
  name: z.string().optional(),
  digest: z.string().optional(),
  source_type: z.string().optional(),
  source: z.string().optional(),
  schema: z.string().optional(),
  profile: z.string().optional(),
});

export const runRequests = {
  create: z.object({
    experiment_id: experimentId.optional(),
    user_id: z.string().optional(),
    run_name: z.string().optional(),
    start_time: int64.optional(),
    tags: z.array(keyValue).default([]),
  }),
  get: withRun({}),
  update: withRun({ status: runStatus.optional(), end_time: int64.optional(), run_name: z.string().optional() }),
  delete: withRun({}),
  restore: withRun({}),
  search: z.object({
    experiment_ids: repeated(experimentId).default([]),
    filter: z.string().optional(),
    run_view_type: viewType.optional(),
    max_results: int64.optional(),
    order_by: repeated(z.string()).default([]),
    page_token: z.string().optional(),
  }),
  logMetric: withRun(metricMessage.shape),
  logParam: withRun({ key: z.string().optional(), value: z.string().optional() }),
  setTag: withRun({ key: z.string().optional(), value: z.string().optional() }),
  deleteTag: withRun({ key: z.string() }),
  logBatch: withRun({
    metrics: z.array(metricMessage).default([]),
    params: z.array(keyValue).default([]),
    tags: z.array(keyValue).default([]),
  }),
  logInputs: withRun({
    datasets: z.array(z.object({ tags: z.array(keyValue).default([]), dataset: datasetMessage.optional() })).default([]),
    models: z.array(z.object({ model_id: z.string().optional() })).default([]),
  }),
  getHistory: withRun({ metric_key: z.string().optional(), page_token: z.string().optional(), max_results: int64.optional() }),
  getHistoryBulkInterval: z.object({
    run_ids: repeated(z.string()).default([]),
    metric_key: z.string().optional(),
    start_step: int64.optional(),
    end_step: int64.optional(),
    max_results: int64.optional(),
  }),
};

export function datasetRequestToDomain(d: z.output<typeof datasetMessage> | undefined) {
  return d && {
    name: d.name,
    digest: d.digest,
    sourceType: d.source_type,
    source: d.source,
    schema: d.schema,
    profile: d.profile,
  };
}
