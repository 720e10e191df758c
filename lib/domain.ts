/**
 * Domain types shared by the server and the UI. Plain data, camelCase; the snake_case wire shapes
 * live in server/wire/ only. Times are epoch milliseconds.
 */
export type LifecycleStage = 'active' | 'deleted';
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface KeyValue {
  key: string;
  value: string;
}

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValue[];
}

export interface RunInfo {
  runId: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

/** One metric point. `value` may be NaN or ±Infinity. */
export interface MetricPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  /** MLflow 3: the logged model and dataset the value belongs to, when given. */
  modelId?: string;
  datasetName?: string;
  datasetDigest?: string;
}

export interface LatestMetric extends MetricPoint {
  /** Smallest / largest non-NaN value ever logged for the key; null when all were NaN. */
  min: number | null;
  max: number | null;
}

export interface Dataset {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface DatasetInput {
  tags: KeyValue[];
  dataset: Dataset;
}

export interface Run {
  info: RunInfo;
  data: {
    metrics: LatestMetric[];
    params: KeyValue[];
    tags: KeyValue[];
  };
  inputs: { datasetInputs: DatasetInput[]; modelInputs: { modelId: string }[] };
  outputs: { modelOutputs: { modelId: string; step: number }[] };
}

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextPageToken?: string;
}

/** A history point as returned with its run, for bulk reads. */
export interface RunMetricPoint extends MetricPoint {
  runId: string;
}

/** An artifact listing entry; `path` is relative to the listed root. */
export interface FileInfo {
  path: string;
  isDir: boolean;
  /** Absent for directories. */
  fileSize?: number;
}

export const LOGGED_MODEL_STATUSES = [
  'LOGGED_MODEL_STATUS_UNSPECIFIED',
  'LOGGED_MODEL_PENDING',
  'LOGGED_MODEL_READY',
  'LOGGED_MODEL_UPLOAD_FAILED',
] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];

/** A metric value linked to a logged model, from the run that logged it. */
export interface LoggedModelMetric extends MetricPoint {
  runId: string;
}

/** MLflow 3 LoggedModel (reference §2.4). */
export interface LoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  artifactUri: string;
  creationTimestampMs: number;
  lastUpdatedTimestampMs: number;
  status: LoggedModelStatus;
  lifecycleStage: LifecycleStage;
  modelType?: string;
  sourceRunId?: string;
  statusMessage?: string;
  tags: KeyValue[];
  params: KeyValue[];
  metrics: LoggedModelMetric[];
}

export const MODEL_VERSION_STAGES = ['None', 'Staging', 'Production', 'Archived'] as const;
export type ModelVersionStage = (typeof MODEL_VERSION_STAGES)[number];
export const MODEL_VERSION_STATUSES = ['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'] as const;
export type ModelVersionStatus = (typeof MODEL_VERSION_STATUSES)[number];

/** A registry version (reference §2.5). `version` is a number here and a string on the wire. */
export interface ModelVersion {
  name: string;
  version: number;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description?: string;
  userId?: string;
  currentStage: ModelVersionStage;
  source: string;
  /** Where the version's files are, resolved from the source at registration. */
  storageLocation?: string;
  runId?: string;
  runLink?: string;
  status: ModelVersionStatus;
  statusMessage?: string;
  modelId?: string;
  tags: KeyValue[];
  aliases: string[];
}

export interface RegisteredModel {
  name: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description?: string;
  tags: KeyValue[];
  aliases: { alias: string; version: number }[];
  /** The newest version in each stage. */
  latestVersions: ModelVersion[];
}

/** A runs-table row: the run (its latest metrics carry min/max) and how many children it has. */
export interface RunTableRow {
  run: Run;
  childRunCount: number;
}

export interface RunKeys {
  params: string[];
  metrics: string[];
  tags: string[];
}

export interface ExperimentRunCounts {
  experimentId: string;
  active: number;
  deleted: number;
}

/**
 * A downsampled bucket of a metric history: mean, min and max of `count` finite points from `step`.
 * A sampled series has one real point per bucket instead (min = max = value, count 1).
 */
export interface SeriesBucket {
  step: number;
  timestamp: number;
  value: number;
  min: number;
  max: number;
  count: number;
}

export interface MetricSeries {
  runId: string;
  metricKey: string;
  /**
   * All points in the requested step range, NaN and infinite ones included; null for a sampled
   * series (counting a long history would cost what sampling saves).
   */
  totalPoints: number | null;
  buckets: SeriesBucket[];
}
