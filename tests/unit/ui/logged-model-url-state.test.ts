import { describe, expect, it } from 'vitest';
import { nextSort, orderByOf, readModelsState, writeModelsState } from '@/components/logged-models/models-url-state';

describe('models list state in the URL', () => {
  it('round-trips a filter and a metric sort on a dataset, keeping other parameters', () => {
    const state = { filter: "metrics.acc > 0.9 AND params.model = 'xgb'", sort: { field: 'metrics.auc', asc: false, datasetName: 'eval', datasetDigest: 'd1' } };
    const params = writeModelsState(new URLSearchParams('keep=1'), state);
    expect(params.get('keep')).toBe('1');
    expect(readModelsState(params)).toEqual(state);
  });

  it('leaves defaults out and ignores unknown sort fields', () => {
    expect(writeModelsState(new URLSearchParams('filter=x&sort=name&asc=1'), { filter: ' ', sort: null }).toString()).toBe('');
    expect(readModelsState(new URLSearchParams('sort=drop table'))).toEqual({ filter: '', sort: null });
    expect(readModelsState(new URLSearchParams('sort=name&sortDataset=eval'))).toEqual({ filter: '', sort: { field: 'name', asc: false } });
  });

  it('sorts a new column best-first (metrics, times) or A→Z (text), and flips the same column', () => {
    expect(nextSort(null, { field: 'metrics.acc' })).toEqual({ field: 'metrics.acc', asc: false });
    expect(nextSort(null, { field: 'name' })).toEqual({ field: 'name', asc: true });
    expect(nextSort({ field: 'metrics.acc', asc: false }, { field: 'metrics.acc' })).toEqual({ field: 'metrics.acc', asc: true });
    expect(nextSort({ field: 'metrics.acc', asc: false, datasetName: 'a' }, { field: 'metrics.acc', datasetName: 'b' })).toEqual({ field: 'metrics.acc', asc: false, datasetName: 'b' });
  });

  it('becomes a structured order_by term', () => {
    expect(orderByOf(null)).toBeUndefined();
    expect(orderByOf({ field: 'metrics.auc', asc: true, datasetName: 'eval' })).toEqual([{ fieldName: 'metrics.auc', ascending: true, datasetName: 'eval', datasetDigest: undefined }]);
  });
});
