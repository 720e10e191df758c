import { describe, expect, it } from 'vitest';
import type { TableRun } from '@/lib/api-client';
import { bestIndexes, lowerIsBetter } from '@/components/compare/best-value';
import { defaultState } from '@/components/compare/compare-defaults';
import { fieldCatalog, numericValues, parseFieldId, toRunRecord } from '@/components/compare/compare-fields';
import { compareRows, visibleRows } from '@/components/compare/compare-rows';

function run(id: string, data: { params?: Record<string, string>; metrics?: Record<string, [number | 'NaN', number, number]>; tags?: Record<string, string> }): TableRun {
  const kv = (o: Record<string, string> = {}) => Object.entries(o).map(([key, value]) => ({ key, value }));
  const metrics = Object.entries(data.metrics ?? {});
  return {
    info: { run_id: id, run_name: `run ${id}`, experiment_id: '1', user_id: 'u', status: 'FINISHED', start_time: 1, artifact_uri: '', lifecycle_stage: 'active' },
    data: { params: kv(data.params), tags: kv(data.tags), metrics: metrics.map(([key, [value]]) => ({ key, value, timestamp: 1, step: 0 })) },
    metric_ranges: Object.fromEntries(metrics.map(([key, [, min, max]]) => [key, { min, max }])),
    child_run_count: 0,
  };
}

const runs = [
  run('a', { params: { lr: '0.1', opt: 'adam', seed: '1' }, metrics: { val_loss: [0.3, 0.2, 0.9], acc: [0.8, 0.1, 0.8] }, tags: { team: 'x', 'mlflow.user': 'u1' } }),
  run('b', { params: { lr: '0.2', opt: 'adam', seed: '1' }, metrics: { val_loss: [0.25, 0.25, 0.7], acc: [0.9, 0.2, 0.9] }, tags: { team: 'x', 'mlflow.user': 'u2' } }),
  run('c', { params: { lr: '0.3', opt: 'adam' }, metrics: { val_loss: [0.25, 0.21, 0.8], acc: [0.7, 0.1, 0.7] }, tags: { team: 'x' } }),
];
const records = runs.map(toRunRecord);

describe('best value', () => {
  it('reads cost-like metric names as lower-is-better', () => {
    for (const k of ['loss', 'val_loss', 'trainLoss', 'rmse', 'val/mae', 'test_mape', 'logloss', 'val_logloss', 'perplexity', 'calibration_error', 'p95_latency_ms', 'train_time_s', 'WER']) {
      expect(lowerIsBetter(k), k).toBe(true);
    }
    for (const k of ['acc', 'val_accuracy', 'auc', 'f1', 'precision', 'recall', 'r2', 'power', 'ndcg@10', 'stderr_count']) expect(lowerIsBetter(k), k).toBe(false);
  });

  it('marks every run holding the best value, and none when nothing stands out', () => {
    expect(bestIndexes([0.3, 0.25, 0.25, undefined], true)).toEqual([1, 2]);
    expect(bestIndexes([0.8, 0.9, Number.NaN], false)).toEqual([1]);
    expect(bestIndexes([0.5, 0.5], false)).toEqual([]);
    expect(bestIndexes([0.5, undefined], false)).toEqual([]);
  });
});

describe('side-by-side rows', () => {
  it('lists params, metrics and user tags, varying rows first in each section', () => {
    const rows = compareRows(records);
    expect(rows.map((r) => `${r.section}:${r.key}:${r.differs ? 'd' : '='}`)).toEqual([
      'Params:lr:d',
      'Params:seed:d', // missing on run c counts as different
      'Params:opt:=',
      'Metrics:acc:d',
      'Metrics:val_loss:d',
      'Tags:team:=',
    ]);
  });

  it('gives each metric its best runs and each run its min and max', () => {
    const rows = compareRows(records);
    const loss = rows.find((r) => r.key === 'val_loss')!;
    expect(loss.lowerBetter).toBe(true);
    expect(loss.best).toEqual([1, 2]);
    expect(loss.ranges?.[0]).toEqual({ min: '0.2', max: '0.9' });
    expect(rows.find((r) => r.key === 'acc')!.best).toEqual([1]);
  });

  it('keeps only differing rows when asked', () => {
    const rows = compareRows(records);
    expect(visibleRows(rows, true).map((r) => r.key)).toEqual(['lr', 'seed', 'acc', 'val_loss']);
    expect(visibleRows(rows, false)).toHaveLength(rows.length);
  });

  it('treats NaN metric values as equal to each other', () => {
    const rows = compareRows([run('x', { metrics: { m: ['NaN', 0, 0] } }), run('y', { metrics: { m: ['NaN', 0, 0] } })].map(toRunRecord));
    expect(rows[0]).toMatchObject({ key: 'm', differs: false, values: ['NaN', 'NaN'] });
  });
});

describe('fields and defaults', () => {
  it('catalogues params, metric last/min/max and user tags', () => {
    const c = fieldCatalog(records);
    expect(c.all.map((f) => f.id)).toEqual(['p:lr', 'p:opt', 'p:seed', 'm:acc', 'm.min:acc', 'm.max:acc', 'm:val_loss', 'm.min:val_loss', 'm.max:val_loss', 't:team']);
    expect(parseFieldId('m.min:a:b')).toEqual({ id: 'm.min:a:b', kind: 'm.min', key: 'a:b' });
    expect(parseFieldId('x:a')).toBeNull();
    expect(numericValues(['1', undefined, '2e-3'])).toEqual(new Float64Array([1, Number.NaN, 0.002]));
    expect(numericValues(['1', 'adam'])).toBeNull();
  });

  it('opens on the varying params and metrics, coloured by the held-out metric', () => {
    const s = defaultState({ kind: 'runs', runIds: ['a', 'b', 'c'] }, fieldCatalog(records), records);
    expect(s.axes.map((a) => a.key)).toEqual(['p:lr', 'p:seed', 'm:acc', 'm:val_loss']);
    expect(s.colorBy).toBe('m:val_loss');
    expect(s.overlay.metrics).toEqual(['val_loss', 'acc']);
    expect(s.scatter).toEqual({ x: 'p:lr', y: 'm:val_loss' });
    expect(s.brushes).toEqual([]);
  });

  it('colours by a metric most runs have, not a summary only a sweep parent logged', () => {
    const withParent = [...runs, run('parent', { metrics: { best_val_auc: [0.9, 0.9, 0.9] } })].map(toRunRecord);
    const s = defaultState({ kind: 'runs', runIds: ['a', 'b', 'c', 'parent'] }, fieldCatalog(withParent), withParent);
    expect(s.colorBy).toBe('m:val_loss');
    expect(s.overlay.metrics[0]).toBe('val_loss');
  });
});
