import { describe, expect, it } from 'vitest';
import type { WireLoggedModel, WireMetric } from '@/lib/api-client';
import { loggedModelArtifactUrl, loggedModelZipUrl } from '@/lib/api-client';
import { lineageHref, loggedModelHref, modelVersionHref } from '@/components/logged-models/links';
import {
  mergeVersionRefs,
  metricCell,
  metricColumns,
  modelMetricRows,
  paramKeys,
  parseModelVersionsTag,
  registeredVersionsOf,
  statusText,
} from '@/components/logged-models/logged-model-data';

function model(id: string, metrics: Partial<WireMetric>[] = [], params: Record<string, string> = {}, tags: Record<string, string> = {}): WireLoggedModel {
  return {
    info: {
      model_id: id,
      experiment_id: '1',
      name: 'model',
      artifact_uri: `mlflow-artifacts:/1/models/${id}/artifacts`,
      status: 'LOGGED_MODEL_READY',
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    },
    data: {
      params: Object.entries(params).map(([key, value]) => ({ key, value })),
      metrics: metrics.map((m) => ({ key: 'acc', value: 0, step: 0, timestamp: 0, ...m })),
    },
  };
}

describe('the mlflow.modelVersions tag', () => {
  it('reads the JSON list the MLflow client writes', () => {
    expect(parseModelVersionsTag('[{"name": "churn", "version": "4"}, {"name": "churn", "version": 5}]')).toEqual([
      { name: 'churn', version: '4' },
      { name: 'churn', version: '5' },
    ]);
  });

  it('keeps the well-formed entries of a malformed tag and never throws', () => {
    expect(parseModelVersionsTag('[{"name": "a", "version": "1"}, {"name": 3}, null, "x", {"name": "a", "version": "1"}]')).toEqual([{ name: 'a', version: '1' }]);
    expect(parseModelVersionsTag('{"name": "a"}')).toEqual([]);
    expect(parseModelVersionsTag('not json')).toEqual([]);
    expect(parseModelVersionsTag(undefined)).toEqual([]);
  });

  it('is read from a model and merged with registry results without duplicates', () => {
    const m = model('m-1', [], {}, { 'mlflow.modelVersions': '[{"name":"b","version":"10"},{"name":"a","version":"2"}]' });
    expect(registeredVersionsOf(m)).toEqual([
      { name: 'b', version: '10' },
      { name: 'a', version: '2' },
    ]);
    expect(mergeVersionRefs(registeredVersionsOf(m), [{ name: 'b', version: '9' }, { name: 'a', version: '2' }])).toEqual([
      { name: 'a', version: '2' },
      { name: 'b', version: '9' },
      { name: 'b', version: '10' },
    ]);
  });
});

describe('models table columns', () => {
  const models = [
    model('m-1', [
      { key: 'acc', value: 0.8, step: 1 },
      { key: 'acc', value: 0.9, step: 2 },
      { key: 'auc', value: 0.7, step: 0, dataset_name: 'eval', dataset_digest: 'd1' },
    ], { lr: '0.1' }),
    model('m-2', [{ key: 'auc', value: 'NaN', step: 0, dataset_name: 'eval', dataset_digest: 'd1' }, { key: 'auc', value: 0.6, step: 0 }], { depth: '3', lr: '0.2' }),
  ];

  it('has one column per metric key and dataset, sorted, and the union of param keys', () => {
    expect(metricColumns(models).map((c) => [c.key, c.datasetName ?? null])).toEqual([
      ['acc', null],
      ['auc', null],
      ['auc', 'eval'],
    ]);
    expect(paramKeys(models)).toEqual(['depth', 'lr']);
  });

  it("shows a model's latest value in each column, and nothing where it has none", () => {
    const [acc, auc, aucEval] = metricColumns(models);
    expect(metricCell(models[0], acc)).toEqual({ value: 0.9, step: 2 });
    expect(metricCell(models[0], aucEval)).toEqual({ value: 0.7, step: 0 });
    expect(metricCell(models[0], auc)).toBeNull();
    expect(metricCell(models[1], aucEval)?.value).toBeNaN();
  });

  it('lists every metric entry of a model for its page, by key then dataset then step', () => {
    expect(modelMetricRows(models[0]).map((r) => `${r.key}@${r.datasetName ?? '-'}:${r.step}`)).toEqual(['acc@-:1', 'acc@-:2', 'auc@eval:0']);
  });

  it('shows statuses without the enum prefix', () => {
    expect(statusText('LOGGED_MODEL_READY')).toBe('READY');
    expect(statusText('LOGGED_MODEL_UPLOAD_FAILED')).toBe('UPLOAD_FAILED');
    expect(statusText('LOGGED_MODEL_STATUS_UNSPECIFIED')).toBe('UNSPECIFIED');
    expect(statusText(undefined)).toBe('UNKNOWN');
  });
});

describe('logged-model links and files', () => {
  it('encodes every segment built from user data', () => {
    expect(loggedModelHref('1', 'm-1')).toBe('/experiments/1/models/m-1');
    expect(modelVersionHref('team/a b#1', '2')).toBe('/models/team%2Fa%20b%231/versions/2');
    expect(lineageHref('team/a b#1', '2')).toBe('/models/team%2Fa%20b%231/versions/2/lineage');
  });

  it('reads model files and folder zips through the logged-model routes, the path as a query value', () => {
    expect(loggedModelArtifactUrl({ model_id: 'm-1' }, 'sub dir/a#b.json')).toBe(
      '/ajax-api/2.0/mlflow/logged-models/m-1/artifacts/files?artifact_file_path=sub+dir%2Fa%23b.json',
    );
    expect(loggedModelZipUrl({ model_id: 'm-1' }, '')).toBe('/ajax-api/2.0/runboard/logged-models/artifacts/zip?model_id=m-1');
    expect(loggedModelZipUrl({ model_id: 'm-1' }, 'data')).toBe('/ajax-api/2.0/runboard/logged-models/artifacts/zip?model_id=m-1&path=data');
  });
});
