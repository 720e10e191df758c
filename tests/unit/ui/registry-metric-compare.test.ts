import { describe, expect, it } from 'vitest';
import {
  betterSide,
  compareDatasets,
  compareMetrics,
  compareParams,
  defaultDirection,
  describeRule,
  directionFor,
  formatRelativeDiff,
  metricWords,
  sharedMetricKeys,
} from '@/components/registry/metric-compare';

const m = (key: string, value: number | 'NaN' | 'Infinity') => ({ key, value, timestamp: 1, step: 0 });

describe('which direction is better', () => {
  it('splits names into words on separators and camelCase', () => {
    expect(metricWords('val_logLoss-v2')).toEqual(['val', 'log', 'loss', 'v2']);
    expect(metricWords('errorRate')).toEqual(['error', 'rate']);
  });

  it('says lower is better for losses and errors, naming the word that decided', () => {
    for (const key of ['loss', 'val_loss', 'train/logloss', 'RMSE', 'test_mae', 'mape', 'perplexity', 'errorRate', 'val-error']) {
      expect(defaultDirection(key).direction, key).toBe('lower');
    }
    expect(defaultDirection('val_rmse').reason).toEqual({ kind: 'word', word: 'rmse' });
  });

  it('says higher is better otherwise, as the default rule', () => {
    for (const key of ['accuracy', 'val_auc', 'f1', 'r2', 'glossary_score']) {
      expect(defaultDirection(key), key).toEqual({ direction: 'higher', reason: { kind: 'default' } });
    }
  });

  it('reverses the rule for a flipped metric and says so', () => {
    const rule = directionFor('val_loss', new Set(['val_loss']));
    expect(rule).toEqual({ direction: 'higher', reason: { kind: 'flipped', from: 'lower' } });
    expect(describeRule(rule)).toMatch(/Higher is better.*flipped/);
    expect(describeRule(defaultDirection('val_loss'))).toBe('Lower is better (name contains “loss”)');
  });
});

describe('the better side', () => {
  it('picks the smaller value when lower is better and the larger otherwise', () => {
    expect(betterSide(0.3, 0.2, 'lower')).toBe('b');
    expect(betterSide(0.3, 0.2, 'higher')).toBe('a');
    expect(betterSide(1, 1, 'higher')).toBe('tie');
  });

  it('has no winner when a value is missing or NaN', () => {
    expect(betterSide(null, 1, 'higher')).toBeNull();
    expect(betterSide(Number.NaN, 1, 'lower')).toBeNull();
  });

  it('compares every metric of either run, with B − A and the relative change', () => {
    const rows = compareMetrics([m('loss', 0.5), m('acc', 0.8), m('only_a', 1)], [m('loss', 0.4), m('acc', 0.9), m('nan', 'NaN')]);
    expect(rows.map((r) => r.key)).toEqual(['acc', 'loss', 'nan', 'only_a']);
    const loss = rows.find((r) => r.key === 'loss')!;
    expect(loss.better).toBe('b');
    expect(loss.diff).toBeCloseTo(-0.1);
    expect(loss.relative).toBeCloseTo(-0.2);
    expect(rows.find((r) => r.key === 'acc')!.better).toBe('b');
    expect(rows.find((r) => r.key === 'only_a')).toMatchObject({ a: 1, b: null, diff: null, better: null });
    expect(rows.find((r) => r.key === 'nan')!.better).toBeNull();
  });

  it('turns the winner around when the user flips a metric', () => {
    const rows = compareMetrics([m('loss', 0.5)], [m('loss', 0.4)], new Set(['loss']));
    expect(rows[0].better).toBe('a');
  });

  it('leaves the difference out for infinite values but still ranks them', () => {
    const [row] = compareMetrics([m('loss', 'Infinity')], [m('loss', 2)]);
    expect(row.diff).toBeNull();
    expect(row.better).toBe('b');
  });

  it('formats relative changes with a sign', () => {
    expect(formatRelativeDiff(0.125)).toBe('+12.5%');
    expect(formatRelativeDiff(-0.0312)).toBe('−3.12%');
    expect(formatRelativeDiff(0)).toBe('0.00%');
    expect(formatRelativeDiff(null)).toBe('');
  });
});

describe('params, datasets and charts', () => {
  it('lists params of both runs and marks the ones that differ or are missing', () => {
    const rows = compareParams([{ key: 'lr', value: '0.1' }, { key: 'depth', value: '6' }], [{ key: 'lr', value: '0.05' }, { key: 'depth', value: '6' }, { key: 'seed', value: '1' }]);
    expect(rows).toEqual([
      { key: 'depth', a: '6', b: '6', differs: false },
      { key: 'lr', a: '0.1', b: '0.05', differs: true },
      { key: 'seed', a: undefined, b: '1', differs: true },
    ]);
  });

  it('marks datasets used by both runs (same name and digest) with their context', () => {
    const ds = (name: string, digest: string, context?: string) => ({
      tags: context ? [{ key: 'mlflow.data.context', value: context }] : [],
      dataset: { name, digest, source_type: 'local', source: '/x' },
    });
    const out = compareDatasets([ds('train', 'd1', 'training'), ds('eval', 'e1', 'eval')], [ds('train', 'd1', 'training'), ds('eval', 'e2')]);
    expect(out.a).toEqual([
      { name: 'train', digest: 'd1', context: 'training', sourceType: 'local', shared: true },
      { name: 'eval', digest: 'e1', context: 'eval', sourceType: 'local', shared: false },
    ]);
    expect(out.b[1]).toMatchObject({ name: 'eval', digest: 'e2', context: '', shared: false });
  });

  it('charts only the metrics both runs logged', () => {
    expect(sharedMetricKeys([m('b', 1), m('a', 1), m('x', 1)], [m('a', 2), m('b', 2)])).toEqual(['a', 'b']);
  });
});
