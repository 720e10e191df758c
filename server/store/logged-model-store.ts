import type { KeyValue, LoggedModel, LoggedModelStatus, Page } from '@/lib/domain';

export interface CreateLoggedModelInput {
  modelId: string;
  experimentId: string;
  name: string;
  artifactUri: string;
  modelType?: string;
  sourceRunId?: string;
  params: KeyValue[];
  tags: KeyValue[];
}

export interface LoggedModelSearchQuery {
  experimentIds: string[];
  filter?: string;
  datasets: { datasetName: string; datasetDigest?: string }[];
  orderBy: { fieldName: string; ascending: boolean; datasetName?: string; datasetDigest?: string }[];
  maxResults: number;
  pageToken?: string;
}

/** MLflow 3 logged models and the run outputs/inputs that point at them. */
export interface LoggedModelStore {
  createLoggedModel(input: CreateLoggedModelInput): Promise<LoggedModel>;
  /** Deleted models too; callers decide whether to show them. */
  getLoggedModel(modelId: string): Promise<LoggedModel | null>;
  setLoggedModelStatus(modelId: string, status: LoggedModelStatus): Promise<void>;
  deleteLoggedModel(modelId: string): Promise<void>;
  setLoggedModelTags(modelId: string, tags: KeyValue[]): Promise<void>;
  /** Returns false when there was no such tag. */
  deleteLoggedModelTag(modelId: string, key: string): Promise<boolean>;
  /** Params are write-once: a different value for a logged key is INVALID_PARAMETER_VALUE. */
  logLoggedModelParams(modelId: string, params: KeyValue[]): Promise<void>;
  searchLoggedModels(query: LoggedModelSearchQuery): Promise<Page<LoggedModel>>;
  /** Records that the run produced each model at a step (`runs/outputs`). */
  logRunOutputs(runId: string, outputs: { modelId: string; step: number }[]): Promise<void>;
  logRunModelInputs(runId: string, modelIds: string[]): Promise<void>;
  /** Which of these ids name an existing model. */
  existingModelIds(modelIds: string[]): Promise<Set<string>>;
}
