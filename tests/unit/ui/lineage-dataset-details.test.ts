import { describe, expect, it } from 'vitest';
import { datasetSourceText, parseDatasetProfile, parseDatasetSchema } from '@/components/lineage/dataset-details';

describe('dataset schema and profile', () => {
  it('lists the columns of an MLflow colspec schema', () => {
    const schema = JSON.stringify({ mlflow_colspec: [{ name: 'amount', type: 'double', required: true }, { name: 'country', type: 'string', required: false }, { type: 'long' }] });
    expect(parseDatasetSchema(schema)).toEqual({
      kind: 'columns',
      columns: [
        { name: 'amount', type: 'double', required: true },
        { name: 'country', type: 'string', required: false },
        { name: '(unnamed)', type: 'long' },
      ],
    });
  });

  it('keeps other schemas as text and absent ones as none', () => {
    expect(parseDatasetSchema('{"mlflow_tensorspec": {}}')).toEqual({ kind: 'text', text: '{"mlflow_tensorspec": {}}' });
    expect(parseDatasetSchema('not json <b>')).toEqual({ kind: 'text', text: 'not json <b>' });
    expect(parseDatasetSchema('')).toEqual({ kind: 'none' });
    expect(parseDatasetSchema(undefined)).toEqual({ kind: 'none' });
  });

  it('reads a JSON profile as entries and anything else as text', () => {
    expect(parseDatasetProfile('{"num_rows": 1000, "source": "s3", "stats": {"a": 1}}')).toEqual({
      entries: [
        ['num_rows', '1000'],
        ['source', 's3'],
        ['stats', '{"a":1}'],
      ],
    });
    expect(parseDatasetProfile('[1,2]')).toEqual({ text: '[1,2]' });
    expect(parseDatasetProfile('rows=3')).toEqual({ text: 'rows=3' });
    expect(parseDatasetProfile(undefined)).toBeNull();
  });
});

describe('dataset source', () => {
  it('shows the location inside MLflow JSON sources and raw text otherwise', () => {
    expect(datasetSourceText('{"uri": "s3://bucket/train.parquet"}')).toBe('s3://bucket/train.parquet');
    expect(datasetSourceText('{"url": "https://x.test/data.csv"}')).toBe('https://x.test/data.csv');
    expect(datasetSourceText('{"table_name": "main.sales"}')).toBe('main.sales');
    expect(datasetSourceText('{"other": 1}')).toBe('{"other": 1}');
    expect(datasetSourceText('s3://plain')).toBe('s3://plain');
    expect(datasetSourceText(undefined)).toBe('');
  });
});
