import { randomUUID } from 'node:crypto';
import type { DatasetInput, KeyValue, LifecycleStage } from '@/lib/domain';
import { joinUri } from '../../artifacts/artifact-uri';
import type {
  BulkIntervalQuery,
  CreateExperimentInput,
  CreateRunInput,
  ExperimentSearchQuery,
  HistoryQuery,
  LogBatchInput,
  MetricSeriesQuery,
  RunCountQuery,
  RunSearchQuery,
  RunTableQuery,
  RunUpdate,
  TrackingStore,
} from '../tracking-store';
import type { SqlDatabase } from './database';
import * as experiments from './experiment-queries';
import * as logging from './logging-queries';
import * as metrics from './metric-queries';
import * as series from './metric-series-queries';
import * as table from './run-table-queries';
import * as runs from './run-queries';

/** TrackingStore on SQLite or PostgreSQL; the SQL lives in the *-queries modules. */
export class SqlTrackingStore implements TrackingStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly defaultArtifactRoot: string,
  ) {}

  /** Gives the Default experiment its artifact location on a fresh store. */
  async bootstrap(): Promise<void> {
    await this.db.run((s) =>
      s.execute(`UPDATE experiments SET artifact_location = ? WHERE experiment_id = 0 AND artifact_location = ''`, [
        joinUri(this.defaultArtifactRoot, '0'),
      ]),
    );
  }

  createExperiment(input: CreateExperimentInput) {
    return experiments.createExperiment(this.db, input, (id) => joinUri(this.defaultArtifactRoot, id));
  }
  getExperiment(experimentId: string) {
    return experiments.getExperiment(this.db, experimentId);
  }
  getExperimentByName(name: string) {
    return experiments.getExperimentByName(this.db, name);
  }
  searchExperiments(query: ExperimentSearchQuery) {
    return experiments.searchExperiments(this.db, query);
  }
  renameExperiment(experimentId: string, newName: string) {
    return experiments.renameExperiment(this.db, experimentId, newName);
  }
  setExperimentLifecycle(experimentId: string, stage: LifecycleStage) {
    return experiments.setExperimentLifecycle(this.db, experimentId, stage);
  }
  setExperimentTag(experimentId: string, tag: KeyValue) {
    return experiments.setExperimentTag(this.db, experimentId, tag);
  }
  deleteExperimentTag(experimentId: string, key: string) {
    return experiments.deleteExperimentTag(this.db, experimentId, key);
  }

  /** Run ids are uuid4 hex, 32 characters, like MLflow's. */
  createRun(input: CreateRunInput) {
    const runId = randomUUID().replace(/-/g, '');
    return this.db
      .run((s) => s.query<{ artifact_location: string }>('SELECT artifact_location FROM experiments WHERE experiment_id = ?', [Number(input.experimentId)]))
      .then(([exp]) => runs.insertRun(this.db, runId, joinUri(exp.artifact_location, runId, 'artifacts'), input));
  }
  getRun(runId: string) {
    return runs.getRun(this.db, runId);
  }
  getRunInfo(runId: string) {
    return runs.getRunInfo(this.db, runId);
  }
  updateRun(runId: string, update: RunUpdate) {
    return runs.updateRun(this.db, runId, update);
  }
  setRunLifecycle(runId: string, stage: LifecycleStage) {
    return runs.setRunLifecycle(this.db, runId, stage);
  }
  searchRuns(query: RunSearchQuery) {
    return runs.searchRuns(this.db, query);
  }

  logBatch(runId: string, batch: LogBatchInput) {
    return logging.logBatch(this.db, runId, batch);
  }
  deleteRunTag(runId: string, key: string) {
    return logging.deleteRunTag(this.db, runId, key);
  }
  logInputs(runId: string, experimentId: string, inputs: DatasetInput[]) {
    return logging.logInputs(this.db, runId, experimentId, inputs);
  }

  getMetricHistory(runId: string, key: string, query: HistoryQuery) {
    return metrics.getMetricHistory(this.db, runId, key, query);
  }
  getMetricHistoryBulkInterval(query: BulkIntervalQuery) {
    return metrics.getMetricHistoryBulkInterval(this.db, query);
  }

  searchRunTable(query: RunTableQuery) {
    return table.searchRunTable(this.db, query);
  }
  countRuns(query: RunCountQuery) {
    return table.countRuns(this.db, query);
  }
  listRunKeys(experimentIds: string[]) {
    return table.listRunKeys(this.db, experimentIds);
  }
  experimentRunCounts(experimentIds: string[]) {
    return table.experimentRunCounts(this.db, experimentIds);
  }
  getMetricSeries(query: MetricSeriesQuery) {
    return series.getMetricSeries(this.db, query);
  }

  close() {
    return this.db.close();
  }
}
