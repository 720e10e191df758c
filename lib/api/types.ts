/**
 * The JSON shapes the UI receives: MLflow's wire format (snake_case, as the Python client sees
 * it) plus Runboard's table and chart extensions. Doubles may arrive as "NaN" / "Infinity"
 * strings; `wireNumber` in lib/format.ts turns them into numbers.
 */
export type WireDouble = number | 'NaN' | 'Infinity' | '-Infinity';
export type LifecycleStage = 'active' | 'deleted';
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface WireKeyValue {
  key: string;
  value: string;
}

export interface WireExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time?: number;
  last_update_time?: number;
  tags?: WireKeyValue[];
}

export interface WireMetric {
  key: string;
  value: WireDouble;
  timestamp: number;
  step: number;
  run_id?: string;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}

export interface WireRunInfo {
  run_id: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time?: number;
  artifact_uri: string;
  lifecycle_stage: LifecycleStage;
}

export interface WireDataset {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema?: string;
  profile?: string;
}

export interface WireDatasetInput {
  tags?: WireKeyValue[];
  dataset: WireDataset;
}

export interface WireRun {
  info: WireRunInfo;
  data: { metrics?: WireMetric[]; params?: WireKeyValue[]; tags?: WireKeyValue[] };
  inputs?: { dataset_inputs?: WireDatasetInput[]; model_inputs?: { model_id: string }[] };
  outputs?: { model_outputs?: { model_id: string; step: number }[] };
}

/** A runs-table row: the run, each metric's min and max over its history, and its child count. */
export interface TableRun extends WireRun {
  metric_ranges: Record<string, { min: WireDouble | null; max: WireDouble | null }>;
  child_run_count: number;
}

export interface WireFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number;
}

/** One downsampled bucket: `value` is the mean, `min`/`max` the extremes of `count` points from `step`. */
export interface SeriesPoint {
  step: number;
  timestamp: number;
  value: number;
  min: number;
  max: number;
  count: number;
}

export interface MetricSeries {
  run_id: string;
  metric_key: string;
  /** Points of the history inside the requested step range (all of it without a range); null when sampled (not counted). */
  total_points: number | null;
  /** Buckets in step order: exact points when total_points <= max_points. */
  points: SeriesPoint[];
}

export interface WireLoggedModel {
  info: {
    model_id: string;
    experiment_id: string;
    name: string;
    artifact_uri: string;
    status: string;
    creation_timestamp_ms?: number;
    last_updated_timestamp_ms?: number;
    model_type?: string;
    source_run_id?: string;
    tags?: WireKeyValue[];
  };
  data?: { params?: WireKeyValue[]; metrics?: WireMetric[] };
}

export interface WireModelVersion {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  status?: string;
  tags?: WireKeyValue[];
  aliases?: string[];
  model_id?: string;
}

export interface WireRegisteredModel {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  description?: string;
  latest_versions?: WireModelVersion[];
  tags?: WireKeyValue[];
  aliases?: { alias: string; version: string }[];
}
