import { describe, expect, it } from 'vitest';
import type { Experiment, Run, RunInfo } from '@/lib/domain';
import { MlflowError } from '@/server/errors';
import { validateMessage } from '@/server/http/parse-request';
import { experimentRequests, experimentToWire, viewType } from '@/server/wire/experiment';
import {
  datasetRequestToDomain,
  metricToWire,
  runIdOf,
  runInfoToWire,
  runMetricPointToWire,
  runRequests,
  runStatus,
  runToWire,
} from '@/server/wire/run';

const info: RunInfo = {
  runId: 'a'.repeat(32),
  runName: 'brave-otter-7',
  experimentId: '3',
  userId: 'ann',
  status: 'RUNNING',
  startTime: 1700000000000,
  endTime: null,
  artifactUri: 'mlflow-artifacts:/3/aaa/artifacts',
  lifecycleStage: 'active',
};

const emptyRun: Run = {
  info,
  data: { metrics: [], params: [], tags: [] },
  inputs: { datasetInputs: [], modelInputs: [] },
  outputs: { modelOutputs: [] },
};

function invalid(fn: () => unknown): MlflowError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    expect((e as MlflowError).code).toBe('INVALID_PARAMETER_VALUE');
    return e as MlflowError;
  }
  throw new Error('expected INVALID_PARAMETER_VALUE');
}

describe('runInfoToWire', () => {
  it('emits run_id and run_uuid equal, snake_case fields, and omits end_time while it is null', () => {
    const wire = runInfoToWire(info);
    expect(wire).toEqual({
      run_id: info.runId,
      run_uuid: info.runId,
      run_name: 'brave-otter-7',
      experiment_id: '3',
      user_id: 'ann',
      status: 'RUNNING',
      start_time: 1700000000000,
      artifact_uri: info.artifactUri,
      lifecycle_stage: 'active',
    });
    expect(wire).not.toHaveProperty('end_time');
  });

  it('emits end_time once set', () => {
    expect(runInfoToWire({ ...info, status: 'FINISHED', endTime: 1700000009000 })).toMatchObject({
      status: 'FINISHED',
      end_time: 1700000009000,
    });
  });
});

describe('metricToWire', () => {
  it('encodes non-finite values as the protobuf strings and keeps finite numbers', () => {
    const p = { key: 'loss', timestamp: 5, step: 2 };
    expect(metricToWire({ ...p, value: 0.5 })).toEqual({ key: 'loss', value: 0.5, timestamp: 5, step: 2 });
    expect(metricToWire({ ...p, value: Number.NaN }).value).toBe('NaN');
    expect(metricToWire({ ...p, value: Number.POSITIVE_INFINITY }).value).toBe('Infinity');
    expect(metricToWire({ ...p, value: Number.NEGATIVE_INFINITY }).value).toBe('-Infinity');
  });

  it('adds run_id only when given, and never leaks min/max of latest metrics', () => {
    const latest = { key: 'acc', value: 1, timestamp: 1, step: 0, min: 0, max: 1 };
    expect(metricToWire(latest)).toEqual({ key: 'acc', value: 1, timestamp: 1, step: 0 });
    expect(metricToWire(latest, 'r1')).toEqual({ key: 'acc', value: 1, timestamp: 1, step: 0, run_id: 'r1' });
    expect(runMetricPointToWire({ key: 'acc', value: Number.NaN, timestamp: 1, step: 0, runId: 'r2' })).toEqual({
      key: 'acc',
      value: 'NaN',
      timestamp: 1,
      step: 0,
      run_id: 'r2',
    });
  });

  it('adds model_id and the dataset fields only when they are set (the client checks model_id for absence)', () => {
    const p = { key: 'acc', value: 1, timestamp: 1, step: 0 };
    expect(metricToWire({ ...p, modelId: 'm-1', datasetName: 'train', datasetDigest: 'abc' }, 'r')).toEqual({
      ...p,
      run_id: 'r',
      model_id: 'm-1',
      dataset_name: 'train',
      dataset_digest: 'abc',
    });
    const bare = metricToWire({ ...p, modelId: '', datasetName: '', datasetDigest: '' });
    expect(Object.keys(bare).sort()).toEqual(['key', 'step', 'timestamp', 'value']);
  });

  it('produces JSON that survives JSON.stringify (no null for NaN)', () => {
    const text = JSON.stringify(metricToWire({ key: 'k', value: Number.NaN, timestamp: 0, step: 0 }));
    expect(text).toBe('{"key":"k","value":"NaN","timestamp":0,"step":0}');
  });
});

describe('runToWire', () => {
  it('omits empty metric, param, tag and dataset lists, keeping data/inputs/outputs objects', () => {
    expect(runToWire(emptyRun)).toEqual({ info: runInfoToWire(info), data: {}, inputs: {}, outputs: {} });
  });

  it('emits each non-empty list, latest metrics encoded, datasets with optional schema/profile only when set', () => {
    const run: Run = {
      info,
      data: {
        metrics: [{ key: 'acc', value: Number.POSITIVE_INFINITY, timestamp: 3, step: 1, min: 0, max: Number.POSITIVE_INFINITY }],
        params: [{ key: 'lr', value: '0.1' }],
        tags: [{ key: 'mlflow.runName', value: 'x' }],
      },
      inputs: {
        datasetInputs: [
          { tags: [], dataset: { name: 'd', digest: 'abc', sourceType: 'local', source: '/data' } },
          {
            tags: [{ key: 'mlflow.data.context', value: 'training' }],
            dataset: { name: 'e', digest: 'def', sourceType: 's3', source: 's3://b', schema: '{}', profile: '{"n":1}' },
          },
        ],
        modelInputs: [{ modelId: 'm-in' }],
      },
      outputs: { modelOutputs: [{ modelId: 'm-out', step: 3 }] },
    };
    expect(runToWire(run)).toEqual({
      info: runInfoToWire(info),
      data: {
        metrics: [{ key: 'acc', value: 'Infinity', timestamp: 3, step: 1 }],
        params: [{ key: 'lr', value: '0.1' }],
        tags: [{ key: 'mlflow.runName', value: 'x' }],
      },
      inputs: {
        dataset_inputs: [
          { dataset: { name: 'd', digest: 'abc', source_type: 'local', source: '/data' } },
          {
            tags: [{ key: 'mlflow.data.context', value: 'training' }],
            dataset: { name: 'e', digest: 'def', source_type: 's3', source: 's3://b', schema: '{}', profile: '{"n":1}' },
          },
        ],
        model_inputs: [{ model_id: 'm-in' }],
      },
      outputs: { model_outputs: [{ model_id: 'm-out', step: 3 }] },
    });
  });
});

describe('runIdOf', () => {
  it('uses run_id, falling back to the deprecated run_uuid (also when run_id is empty)', () => {
    expect(runIdOf({ run_id: 'a', run_uuid: 'b' })).toBe('a');
    expect(runIdOf({ run_uuid: 'b' })).toBe('b');
    expect(runIdOf({ run_id: '', run_uuid: 'b' })).toBe('b');
  });

  it('refuses a request with neither, naming run_id', () => {
    expect(invalid(() => runIdOf({})).message).toContain("'run_id'");
    invalid(() => runIdOf({ run_id: '', run_uuid: '' }));
  });
});

describe('run request schemas', () => {
  it('runs/create takes experiment_id as string or number and start_time as number or string', () => {
    expect(validateMessage(runRequests.create, { experiment_id: 4, start_time: '1700000000000' })).toEqual({
      experiment_id: '4',
      start_time: 1700000000000,
      tags: [],
    });
  });

  it('runs/update takes status by name or number and refuses unknown statuses', () => {
    expect(validateMessage(runRequests.update, { run_id: 'r', status: 'KILLED', end_time: '9' })).toMatchObject({
      status: 'KILLED',
      end_time: 9,
    });
    expect(validateMessage(runRequests.update, { run_id: 'r', status: 3 })).toMatchObject({ status: 'FINISHED' });
    expect(invalid(() => validateMessage(runRequests.update, { run_id: 'r', status: 'DONE' })).message).toMatch(
      /^Invalid value "DONE" for parameter 'status'/,
    );
  });

  it('the run status enum follows the protobuf numbering', () => {
    expect([1, 2, 3, 4, 5].map((n) => runStatus.parse(n))).toEqual(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
  });

  it('runs/search from a query string: single experiment id becomes a list, enums and ints from strings', () => {
    expect(
      validateMessage(runRequests.search, { experiment_ids: '1', run_view_type: 'all', max_results: '50', order_by: 'metrics.acc DESC' }),
    ).toEqual({ experiment_ids: ['1'], run_view_type: 'ALL', max_results: 50, order_by: ['metrics.acc DESC'] });
    expect(validateMessage(runRequests.search, { experiment_ids: [1, '2'], run_view_type: 2 })).toMatchObject({
      experiment_ids: ['1', '2'],
      run_view_type: 'DELETED_ONLY',
    });
    expect(validateMessage(runRequests.search, {})).toEqual({ experiment_ids: [], order_by: [] });
  });

  it('runs/log-batch parses metric values (numbers, strings, non-finite), timestamps and steps as strings', () => {
    const parsed = validateMessage(runRequests.logBatch, {
      run_uuid: 'r',
      metrics: [
        { key: 'a', value: 'NaN', timestamp: '1', step: '2' },
        { key: 'b', value: '-Infinity', timestamp: 1 },
        { key: 'c', value: 3 },
      ],
    });
    expect(parsed.run_uuid).toBe('r');
    expect(parsed.params).toEqual([]);
    expect(parsed.tags).toEqual([]);
    expect(parsed.metrics[0].value).toBeNaN();
    expect(parsed.metrics[0]).toMatchObject({ timestamp: 1, step: 2 });
    expect(parsed.metrics[1]).toMatchObject({ value: Number.NEGATIVE_INFINITY, timestamp: 1 });
    expect(parsed.metrics[2]).toEqual({ key: 'c', value: 3 });
  });

  it('runs/log-batch refuses a boolean metric value, naming the nested field', () => {
    const e = invalid(() => validateMessage(runRequests.logBatch, { run_id: 'r', metrics: [{ key: 'a', value: true, timestamp: 1 }] }));
    expect(e.message).toMatch(/^Invalid value true for parameter 'metrics.0.value'/);
  });

  it('metrics/get-history-bulk-interval accepts run_ids once or repeated', () => {
    expect(validateMessage(runRequests.getHistoryBulkInterval, { run_ids: 'a', metric_key: 'm' })).toMatchObject({ run_ids: ['a'] });
    expect(
      validateMessage(runRequests.getHistoryBulkInterval, { run_ids: ['a', 'b'], metric_key: 'm', start_step: '0', end_step: '10', max_results: '5' }),
    ).toEqual({ run_ids: ['a', 'b'], metric_key: 'm', start_step: 0, end_step: 10, max_results: 5 });
  });

  it('datasetRequestToDomain maps snake_case dataset fields and keeps absence', () => {
    expect(datasetRequestToDomain(undefined)).toBeUndefined();
    expect(datasetRequestToDomain({ name: 'n', digest: 'd', source_type: 'local', source: '/x' })).toEqual({
      name: 'n',
      digest: 'd',
      sourceType: 'local',
      source: '/x',
      schema: undefined,
      profile: undefined,
    });
  });
});

describe('experiment wire', () => {
  const experiment: Experiment = {
    experimentId: '7',
    name: 'e',
    artifactLocation: 'mlflow-artifacts:/7',
    lifecycleStage: 'deleted',
    creationTime: 1,
    lastUpdateTime: 2,
    tags: [],
  };

  it('maps an experiment to snake_case and omits tags when there are none', () => {
    expect(experimentToWire(experiment)).toEqual({
      experiment_id: '7',
      name: 'e',
      artifact_location: 'mlflow-artifacts:/7',
      lifecycle_stage: 'deleted',
      last_update_time: 2,
      creation_time: 1,
    });
    expect(experimentToWire({ ...experiment, tags: [{ key: 'k', value: 'v' }] }).tags).toEqual([{ key: 'k', value: 'v' }]);
  });

  it('view_type is accepted by name or number', () => {
    expect(['ACTIVE_ONLY', 'deleted_only', 3, 1].map((v) => viewType.parse(v))).toEqual(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL', 'ACTIVE_ONLY']);
    expect(viewType.safeParse(4).success).toBe(false);
  });

  it('experiments/get takes experiment_id as a string or an integer, and requires it', () => {
    expect(validateMessage(experimentRequests.get, { experiment_id: 0 })).toEqual({ experiment_id: '0' });
    expect(validateMessage(experimentRequests.get, { experiment_id: '12' })).toEqual({ experiment_id: '12' });
    expect(invalid(() => validateMessage(experimentRequests.get, {})).message).toMatch(
      /^Missing value for required parameter 'experiment_id'/,
    );
  });

  it('experiments/search: order_by once or repeated, max_results as a string, view_type by name', () => {
    expect(validateMessage(experimentRequests.search, { order_by: 'name', max_results: '10', view_type: 'ALL' })).toEqual({
      order_by: ['name'],
      max_results: 10,
      view_type: 'ALL',
    });
    expect(validateMessage(experimentRequests.search, { order_by: ['name', 'creation_time DESC'] }).order_by).toEqual([
      'name',
      'creation_time DESC',
    ]);
  });

  it('experiments/create defaults tags to an empty list and keeps the name optional for the service to check', () => {
    expect(validateMessage(experimentRequests.create, {})).toEqual({ tags: [] });
  });
});
