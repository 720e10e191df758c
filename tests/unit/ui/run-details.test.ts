import { describe, expect, it } from 'vitest';
import type { WireRun } from '@/lib/api-client';
import { commitUrl, isRunId, isSystemTag, matchesSearch, metricRows, metricVersions, parseRunTab, safeHttpUrl, writeRunTab } from '@/components/run/run-details';

function run(metrics: { key: string; value: number | 'NaN'; step: number; timestamp: number }[]): WireRun {
  return {
    info: { run_id: 'r1', run_name: 'n', experiment_id: '1', user_id: 'u', status: 'RUNNING', start_time: 1, artifact_uri: '', lifecycle_stage: 'active' },
    data: { metrics },
  };
}

describe('run tab in the URL', () => {
  it('parses known tabs and defaults to the overview', () => {
    expect(parseRunTab('charts')).toBe('charts');
    expect(parseRunTab('artifacts')).toBe('artifacts');
    expect(parseRunTab(null)).toBe('overview');
    expect(parseRunTab('<script>')).toBe('overview');
  });

  it('writes the tab and keeps other parameters; the overview leaves it out', () => {
    expect(writeRunTab(new URLSearchParams('x=wall'), 'charts').toString()).toBe('x=wall&tab=charts');
    expect(writeRunTab(new URLSearchParams('tab=charts&x=wall'), 'overview').toString()).toBe('x=wall');
  });
});

describe('run tables', () => {
  it('treats mlflow.* tags as system tags', () => {
    expect(isSystemTag('mlflow.user')).toBe(true);
    expect(isSystemTag('team')).toBe(false);
    expect(isSystemTag('mlflowish')).toBe(false);
  });

  it('searches keys and values case-insensitively', () => {
    expect(matchesSearch('LR', 'learning_rate', 'lr=0.1')).toBe(true);
    expect(matchesSearch('  ', 'x')).toBe(true);
    expect(matchesSearch('zzz', 'a', 'b')).toBe(false);
  });

  it('builds metric rows with the last value and server-side min/max', () => {
    const r = run([
      { key: 'loss', value: 0.2, step: 99, timestamp: 5 },
      { key: 'acc', value: 'NaN', step: 3, timestamp: 6 },
    ]);
    const rows = metricRows(r, { loss: { min: 0.1, max: 'Infinity' } });
    expect(rows.map((m) => m.key)).toEqual(['acc', 'loss']);
    expect(rows[1]).toEqual({ key: 'loss', last: 0.2, min: 0.1, max: Number.POSITIVE_INFINITY, step: 99, timestamp: 5 });
    expect(rows[0].last).toBeNaN();
    expect(rows[0].min).toBeNull();
  });

  it('versions each metric by its latest step and timestamp', () => {
    const before = metricVersions(run([{ key: 'loss', value: 1, step: 1, timestamp: 10 }, { key: 'acc', value: 1, step: 1, timestamp: 10 }]));
    const after = metricVersions(run([{ key: 'loss', value: 1, step: 2, timestamp: 11 }, { key: 'acc', value: 1, step: 1, timestamp: 10 }]));
    expect(after.loss).not.toBe(before.loss);
    expect(after.acc).toBe(before.acc);
    expect(metricVersions(null)).toEqual({});
  });
});

describe('links from user data', () => {
  it('accepts only http(s) URLs', () => {
    expect(safeHttpUrl('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,x')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });

  it('links commits on known hosts only, for hex commit ids', () => {
    expect(commitUrl('https://github.com/acme/repo.git', 'abc1234')).toBe('https://github.com/acme/repo/commit/abc1234');
    expect(commitUrl('javascript:alert(1)//github.com', 'abc1234')).toBeNull();
    expect(commitUrl('https://github.com/acme/repo', 'main; rm')).toBeNull();
    expect(commitUrl('https://git.internal/acme', 'abc1234')).toBeNull();
  });

  it('accepts only id-like parent run ids', () => {
    expect(isRunId('0123abcd')).toBe(true);
    expect(isRunId("x' OR 1=1")).toBe(false);
    expect(isRunId(undefined)).toBe(false);
  });
});
