import type {
  DatasetInput,
  Experiment,
  KeyValue,
  LifecycleStage,
  MetricPoint,
  Page,
  Run,
  RunInfo,
  RunMetricPoint,
  RunStatus,
  ExperimentRunCounts,
  MetricSeries,
  RunKeys,
  RunTableRow,
  ViewType,
} from '@/lib/domain';
import type { RunTableOptions } from '../search/runs-query';

export interface CreateExperimentInput {
  name: string;
  /** When absent the store derives `<default root>/<experiment_id>`. */
  artifactLocation?: string;
  tags: KeyValue[];
}

export interface CreateRunInput {
  experimentId: string;
  runName: string;
  userId: string;
  startTime: number;
  tags: KeyValue[];
}

export interface RunUpdate {
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

export interface LogBatchInput {
  metrics: MetricPoint[];
  params: KeyValue[];
  tags: KeyValue[];
}

export interface RunSearchQuery {
  experimentIds: string[];
  filter: string;
  orderBy: string[];
  viewType: ViewType;
  maxResults: number;
  pageToken?: string;
}

export interface RunTableQuery extends RunSearchQuery {
  table: RunTableOptions;
}

export type RunCountQuery = Omit<RunTableQuery, 'orderBy' | 'maxResults' | 'pageToken'>;

/**
 * `buckets`: mean/min/max of every point per bucket (reads the whole range). `sample`: the first
 * point of each bucket and the last one, found by index seeks (cost independent of history length).
 */
export type SeriesReduction = 'buckets' | 'sample';

export interface MetricSeriesQuery {
  runIds: string[];
  metricKey: string;
  maxPoints: number;
  reduction: SeriesReduction;
  startStep?: number;
  endStep?: number;
}

export interface ExperimentSearchQuery {
  filter: string;
  orderBy: string[];
  viewType: ViewType;
  maxResults: number;
  pageToken?: string;
}

export interface HistoryQuery {
  maxResults?: number;
  pageToken?: string;
}

export interface BulkIntervalQuery {
  runIds: string[];
  metricKey: string;
  startStep?: number;
  endStep?: number;
  maxResults: number;
}

/**
 * Persistence of experiments, runs and their data. Implementations translate their database's
 * errors into MlflowError (a duplicate name becomes RESOURCE_ALREADY_EXISTS, and so on); domain
 * rules that need no database (limits, lifecycle checks) live in the services.
 */
export interface TrackingStore {
  createExperiment(input: CreateExperimentInput): Promise<string>;
  getExperiment(experimentId: string): Promise<Experiment | null>;
  /** Prefers an active experiment when names collide with deleted ones. */
  getExperimentByName(name: string): Promise<Experiment | null>;
  searchExperiments(query: ExperimentSearchQuery): Promise<Page<Experiment>>;
  renameExperiment(experimentId: string, newName: string): Promise<void>;
  /** Sets the experiment's stage and that of all its runs. */
  setExperimentLifecycle(experimentId: string, stage: LifecycleStage): Promise<void>;
  setExperimentTag(experimentId: string, tag: KeyValue): Promise<void>;
  /** Returns false when there was no such tag. */
  deleteExperimentTag(experimentId: string, key: string): Promise<boolean>;

  createRun(input: CreateRunInput): Promise<Run>;
  getRun(runId: string): Promise<Run | null>;
  getRunInfo(runId: string): Promise<RunInfo | null>;
  updateRun(runId: string, update: RunUpdate): Promise<RunInfo>;
  setRunLifecycle(runId: string, stage: LifecycleStage): Promise<void>;
  searchRuns(query: RunSearchQuery): Promise<Page<Run>>;

  /**
   * Writes metrics, params and tags of one run in one transaction. A param whose key already holds
   * a different value fails the whole batch with INVALID_PARAMETER_VALUE. Identical metric points
   * are stored once.
   */
  logBatch(runId: string, batch: LogBatchInput): Promise<void>;
  /** Returns false when there was no such tag. */
  deleteRunTag(runId: string, key: string): Promise<boolean>;
  logInputs(runId: string, experimentId: string, inputs: DatasetInput[]): Promise<void>;

  getMetricHistory(runId: string, key: string, query: HistoryQuery): Promise<Page<MetricPoint>>;
  /** Up to `maxResults` points per run, spread over the step range, always keeping the last step. */
  getMetricHistoryBulkInterval(query: BulkIntervalQuery): Promise<RunMetricPoint[]>;

  /** Runs-table reads (Runboard's UI). */
  searchRunTable(query: RunTableQuery): Promise<Page<RunTableRow>>;
  countRuns(query: RunCountQuery): Promise<number>;
  /** Distinct param, metric and tag keys over the runs of these experiments, sorted. */
  listRunKeys(experimentIds: string[]): Promise<RunKeys>;
  experimentRunCounts(experimentIds: string[]): Promise<ExperimentRunCounts[]>;
  /** Per run, the history of one metric in at most `maxPoints` step buckets (mean, min, max). */
  getMetricSeries(query: MetricSeriesQuery): Promise<MetricSeries[]>;

  close(): Promise<void>;
}
