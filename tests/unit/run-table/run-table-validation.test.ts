import { describe, expect, it } from 'vitest';
import { getMetricSeries, SERIES_LIMITS } from '@/server/services/run-table/get-metric-series';
import { countRunTable, listRunKeys, searchRunTable, TABLE_PAGE_LIMIT } from '@/server/services/run-table/search-run-table';
import type { TrackingStore } from '@/server/store/tracking-store';
import { expectInvalid } from './helpers';

/**
 * The limits of the runs-table services (server/services/run-table/*): every refusal is an
 * INVALID_PARAMETER_VALUE thrown before the store is asked anything, and accepted requests reach
 * the store normalised.
 */

function recordingStore() {
  const calls: Array<{ method: string; arg: unknown }> = [];
  const answer = (method: string, value: unknown) => async (arg: unknown) => {
    calls.push({ method, arg });
    return value;
  };
  const store = {
    searchRunTable: answer('searchRunTable', { items: [] }),
    countRuns: answer('countRuns', 0),
    listRunKeys: answer('listRunKeys', { params: [], metrics: [], tags: [] }),
    getMetricSeries: answer('getMetricSeries', []),
  } as unknown as TrackingStore;
  return { store, calls };
}

const RUN = 'a'.repeat(32);

describe('searchRunTable', () => {
  it.each([0, -1, TABLE_PAGE_LIMIT + 1, 50_000])('refuses max_results %s', async (maxResults) => {
    const { store, calls } = recordingStore();
    await expectInvalid(searchRunTable(store, { experimentIds: ['1'], maxResults }), /max_results.*between 1 and 1000/);
    expect(calls).toEqual([]);
  });

  it.each([1, 100, TABLE_PAGE_LIMIT])('accepts max_results %s', async (maxResults) => {
    const { store, calls } = recordingStore();
    await searchRunTable(store, { experimentIds: ['1'], maxResults });
    expect(calls[0].arg).toMatchObject({ maxResults });
  });

  it.each([-1, 1.5, 100_000_001, Number.NaN])('refuses offset %s', async (offset) => {
    const { store, calls } = recordingStore();
    await expectInvalid(searchRunTable(store, { experimentIds: ['1'], offset }), /'offset'.*integer from 0 to 100000000/);
    expect(calls).toEqual([]);
  });

  it.each([0, 1, 100_000_000])('accepts offset %s', async (offset) => {
    const { store, calls } = recordingStore();
    await searchRunTable(store, { experimentIds: ['1'], offset });
    const table = (calls[0].arg as { table: { offset?: number } }).table;
    expect(table.offset ?? 0).toBe(offset);
  });

  it('fills in defaults and normalises the statuses', async () => {
    const { store, calls } = recordingStore();
    await searchRunTable(store, { experimentIds: ['3'], statuses: ['RUNNING', 'FAILED', 'RUNNING'], pageToken: '' });
    expect(calls).toEqual([
      {
        method: 'searchRunTable',
        arg: {
          experimentIds: ['3'],
          filter: '',
          viewType: 'ACTIVE_ONLY',
          orderBy: [],
          maxResults: 100,
          pageToken: undefined,
          table: { topLevelOnly: false, statuses: ['FAILED', 'RUNNING'] },
        },
      },
    ]);
  });

  it('refuses a malformed experiment id or parent run id', async () => {
    const { store, calls } = recordingStore();
    await expectInvalid(searchRunTable(store, { experimentIds: ['1', '../2'] }), /Invalid experiment ID/);
    await expectInvalid(searchRunTable(store, { experimentIds: ['1'], parentRunId: 'a b' }), /Invalid run ID/);
    await expectInvalid(countRunTable(store, { experimentIds: ['1'], parentRunId: "x' OR 1=1" }), /Invalid run ID/);
    await expectInvalid(listRunKeys(store, ['1', '']), /Invalid experiment ID/);
    expect(calls).toEqual([]);
  });

  it('countRunTable passes the same filters but no order, page or offset', async () => {
    const { store, calls } = recordingStore();
    await countRunTable(store, { experimentIds: ['1'], filter: 'metrics.a > 1', topLevelOnly: true, parentRunId: RUN, statuses: ['KILLED'], runViewType: 'ALL' });
    expect(calls).toEqual([
      {
        method: 'countRuns',
        arg: { experimentIds: ['1'], filter: 'metrics.a > 1', viewType: 'ALL', table: { topLevelOnly: true, parentRunId: RUN, statuses: ['KILLED'] } },
      },
    ]);
  });
});

describe('getMetricSeries', () => {
  const ok = { runIds: [RUN], metricKey: 'loss' };

  it('refuses a request without metric_key', async () => {
    const { store, calls } = recordingStore();
    await expectInvalid(getMetricSeries(store, { runIds: [RUN] }), /'metric_key'/);
    await expectInvalid(getMetricSeries(store, { runIds: [RUN], metricKey: '' }), /'metric_key'/);
    expect(calls).toEqual([]);
  });

  it('refuses a request without run ids, or with a malformed one', async () => {
    const { store, calls } = recordingStore();
    await expectInvalid(getMetricSeries(store, { runIds: [], metricKey: 'loss' }), /'run_ids'/);
    await expectInvalid(getMetricSeries(store, { runIds: [RUN, '../x'], metricKey: 'loss' }), /Invalid run ID/);
    expect(calls).toEqual([]);
  });

  it(`refuses more than ${SERIES_LIMITS.runs} distinct run ids and accepts exactly ${SERIES_LIMITS.runs}`, async () => {
    const { store, calls } = recordingStore();
    const idsOf = (n: number) => Array.from({ length: n }, (_, i) => `run${i}`);
    await expectInvalid(getMetricSeries(store, { runIds: idsOf(101), metricKey: 'loss' }), /Too many run_ids: 101 given, at most 100/);
    expect(calls).toEqual([]);
    await getMetricSeries(store, { runIds: idsOf(100), metricKey: 'loss' });
    expect((calls[0].arg as { runIds: string[] }).runIds).toHaveLength(100);
  });

  it('counts repeated run ids once', async () => {
    const { store, calls } = recordingStore();
    await getMetricSeries(store, { runIds: Array.from({ length: 150 }, () => RUN), metricKey: 'loss' });
    expect((calls[0].arg as { runIds: string[] }).runIds).toEqual([RUN]);
  });

  it.each([9, 10_001, 0, -5, 10.5])('refuses max_points %s', async (maxPoints) => {
    const { store, calls } = recordingStore();
    await expectInvalid(getMetricSeries(store, { ...ok, maxPoints }), /'max_points'.*integer from 10 to 10000/);
    expect(calls).toEqual([]);
  });

  it.each([10, 1000, 10_000])('accepts max_points %s', async (maxPoints) => {
    const { store, calls } = recordingStore();
    await getMetricSeries(store, { ...ok, maxPoints });
    expect(calls[0].arg).toMatchObject({ maxPoints });
  });

  it('defaults max_points to 1000 and the reduction to buckets', async () => {
    const { store, calls } = recordingStore();
    await getMetricSeries(store, ok);
    expect(calls[0].arg).toEqual({ runIds: [RUN], metricKey: 'loss', maxPoints: 1000, reduction: 'buckets', startStep: undefined, endStep: undefined });
  });

  it('asks the store once per metric key, a key given twice once', async () => {
    const { store, calls } = recordingStore();
    await getMetricSeries(store, { runIds: [RUN], metricKey: 'loss', metricKeys: ['acc', 'loss', 'lr'], reduction: 'sample' });
    expect(calls.map((c) => (c.arg as { metricKey: string; reduction: string }).metricKey)).toEqual(['loss', 'acc', 'lr']);
    expect(calls.every((c) => (c.arg as { reduction: string }).reduction === 'sample')).toBe(true);
  });

  it('refuses start_step greater than end_step and accepts an equal or one-sided range', async () => {
    const { store, calls } = recordingStore();
    await expectInvalid(getMetricSeries(store, { ...ok, startStep: 10, endStep: 9 }), /start_step \(10\) must not be greater than end_step \(9\)/);
    expect(calls).toEqual([]);
    await getMetricSeries(store, { ...ok, startStep: 5, endStep: 5 });
    await getMetricSeries(store, { ...ok, startStep: 5 });
    await getMetricSeries(store, { ...ok, endStep: -3 });
    expect(calls.map((c) => c.arg)).toMatchObject([{ startStep: 5, endStep: 5 }, { startStep: 5 }, { endStep: -3 }]);
  });
});
