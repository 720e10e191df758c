import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunTableRow } from '@/lib/domain';
import { compileRunCount, compileRunSearch, type RunSearchQuery } from '@/server/search/runs-query';
import { postgresql, sqlite } from '@/server/store/sql/dialect';
import type { RunTableQuery } from '@/server/store/tracking-store';
import { random } from '../search/fixtures';
import { sortBy, type SortKey } from '../search/oracle';
import { expectNumberedPlaceholders } from '../search/paging';
import { openTempStore, type TempStore } from '../support/temp-store';
import { collectPages, expectInvalid, history, makeRun } from './helpers';

/**
 * The runs-table additions to the run search compiler (server/search/runs-query.ts): ordering by
 * a metric's smallest or largest value, offset jumps, the table's filters in page-token shapes,
 * and the COUNT query, all run on a real SQLite store and checked against a plain-TS oracle.
 */

interface Expected {
  runId: string;
  startTime: number;
  /** undefined: no loss metric; NaN: only NaN values were logged. */
  lossMin: number | undefined;
  lossMax: number | undefined;
  lossLatest: number | undefined;
}

let t: TempStore;
let experimentId: string;
let otherExperimentId: string;
const expected: Expected[] = [];

const VALUES = [0.5, 0.25, 1, 2, 0.125, 3];

beforeAll(async () => {
  t = await openTempStore();
  experimentId = await t.store.createExperiment({ name: 'ordering', tags: [] });
  otherExperimentId = await t.store.createExperiment({ name: 'elsewhere', tags: [] });
  const rand = random(11);
  for (let i = 0; i < 45; i += 1) {
    // Few distinct start times and values, so ties exercise the start_time/run_uuid tie-break.
    const startTime = 1000 + (i % 6);
    let values: number[] | undefined;
    switch (i % 9) {
      case 0:
        values = undefined; // no loss at all
        break;
      case 1:
        values = [Number.NaN, Number.NaN]; // min/max NULL: ranks after every number
        break;
      case 2:
        values = [1, Number.POSITIVE_INFINITY, 0.5];
        break;
      case 3:
        values = [Number.NEGATIVE_INFINITY, 2];
        break;
      case 4:
        values = [0.25, 3, Number.NaN]; // latest NaN, but min/max are numbers
        break;
      default:
        values = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => VALUES[Math.floor(rand() * VALUES.length)]);
    }
    const runId = await makeRun(t.store, {
      experimentId,
      name: `r${i}`,
      startTime,
      metrics: [...(values ? history('loss', values) : []), ...history('acc', [i / 100])],
    });
    const finite = (values ?? []).filter((v) => !Number.isNaN(v));
    expected.push({
      runId,
      startTime,
      lossMin: values === undefined ? undefined : finite.length ? Math.min(...finite) : Number.NaN,
      lossMax: values === undefined ? undefined : finite.length ? Math.max(...finite) : Number.NaN,
      lossLatest: values?.at(-1),
    });
  }
  // Not part of the answers: another experiment, and deleted runs.
  await makeRun(t.store, { experimentId: otherExperimentId, metrics: history('loss', [-100]) });
  await makeRun(t.store, { experimentId, deleted: true, metrics: history('loss', [-50]) });
});

afterAll(async () => {
  await t.cleanup();
});

const TIE_BREAK: SortKey<Expected>[] = [{ get: (r) => r.startTime, descending: true }, { get: (r) => r.runId }];

function oracle(keys: SortKey<Expected>[]): string[] {
  return sortBy(expected, [...keys, ...TIE_BREAK]).map((r) => r.runId);
}

function tableQuery(q: Partial<RunTableQuery> = {}): RunTableQuery {
  return { experimentIds: [experimentId], filter: '', orderBy: [], viewType: 'ACTIVE_ONLY', maxResults: 1000, table: {}, ...q };
}

const ids = (rows: RunTableRow[]) => rows.map((r) => r.run.info.runId);

async function allPages(q: Partial<RunTableQuery>, sizes: number | number[]): Promise<string[][]> {
  const pages = await collectPages((maxResults, pageToken) => t.store.searchRunTable(tableQuery({ ...q, maxResults, pageToken })), sizes);
  return pages.map(ids);
}

const ORDERS: Array<[string, SortKey<Expected>[]]> = [
  ['min(metrics.loss) ASC', [{ get: (r) => r.lossMin }]],
  ['min(metrics.loss) DESC', [{ get: (r) => r.lossMin, descending: true }]],
  ['max(metrics.loss) ASC', [{ get: (r) => r.lossMax }]],
  ['max(metrics.loss) DESC', [{ get: (r) => r.lossMax, descending: true }]],
  ['min(metrics.loss)', [{ get: (r) => r.lossMin }]],
  ['MAX( metrics.`loss` ) desc', [{ get: (r) => r.lossMax, descending: true }]],
];

describe('ordering by min(metrics.x) / max(metrics.x)', () => {
  it.each(ORDERS)('%s orders by the range end, NaN-only and missing last, ties by start_time DESC, run_uuid', async (order, keys) => {
    const page = await t.store.searchRunTable(tableQuery({ orderBy: [order] }));
    expect(page.nextPageToken).toBeUndefined();
    expect(ids(page.items)).toEqual(oracle(keys));
  });

  it('ranks a run whose values were all NaN after every number and before runs without the metric, in both directions', async () => {
    const nanOnly = new Set(expected.filter((r) => Number.isNaN(r.lossMin)).map((r) => r.runId));
    const missing = new Set(expected.filter((r) => r.lossMin === undefined).map((r) => r.runId));
    expect(nanOnly.size).toBeGreaterThan(0);
    expect(missing.size).toBeGreaterThan(0);
    for (const order of ['min(metrics.loss) ASC', 'min(metrics.loss) DESC', 'max(metrics.loss) ASC', 'max(metrics.loss) DESC']) {
      const order_ = ids((await t.store.searchRunTable(tableQuery({ orderBy: [order] }))).items);
      const tail = order_.slice(-(nanOnly.size + missing.size));
      expect(new Set(tail.slice(0, nanOnly.size)), order).toEqual(nanOnly);
      expect(new Set(tail.slice(nanOnly.size)), order).toEqual(missing);
    }
  });

  it('puts -Infinity first for min ASC and +Infinity first for max DESC', async () => {
    const minAsc = (await t.store.searchRunTable(tableQuery({ orderBy: ['min(metrics.loss) ASC'] }))).items;
    expect(minAsc[0].run.data.metrics.find((m) => m.key === 'loss')?.min).toBe(Number.NEGATIVE_INFINITY);
    const maxDesc = (await t.store.searchRunTable(tableQuery({ orderBy: ['max(metrics.loss) DESC'] }))).items;
    expect(maxDesc[0].run.data.metrics.find((m) => m.key === 'loss')?.max).toBe(Number.POSITIVE_INFINITY);
  });

  it('orders by the range, not by the latest value: a run whose latest loss is NaN still sorts by its min', async () => {
    const latestNan = expected.find((r) => Number.isNaN(r.lossLatest) && !Number.isNaN(r.lossMin))!;
    const byMin = ids((await t.store.searchRunTable(tableQuery({ orderBy: ['min(metrics.loss) ASC'] }))).items);
    const byLatest = ids((await t.store.searchRunTable(tableQuery({ orderBy: ['metrics.loss ASC'] }))).items);
    expect(byMin).toEqual(oracle([{ get: (r) => r.lossMin }]));
    expect(byLatest).toEqual(oracle([{ get: (r) => r.lossLatest }]));
    expect(byMin.indexOf(latestNan.runId)).toBeLessThan(byLatest.indexOf(latestNan.runId));
  });

  it('combines an aggregate with other keys, and keeps min and max of the same metric as separate keys', async () => {
    const page = await t.store.searchRunTable(tableQuery({ orderBy: ['max(metrics.loss) DESC', 'min(metrics.loss) ASC', 'metrics.acc DESC'] }));
    expect(ids(page.items)).toEqual(
      oracle([
        { get: (r) => r.lossMax, descending: true },
        { get: (r) => r.lossMin },
        { get: (r) => expected.indexOf(r) / 100, descending: true },
      ]),
    );
  });

  it('a repeated aggregate term keeps its first direction', async () => {
    const page = await t.store.searchRunTable(tableQuery({ orderBy: ['min(metrics.loss) DESC', 'min(metrics.loss) ASC'] }));
    expect(ids(page.items)).toEqual(oracle([{ get: (r) => r.lossMin, descending: true }]));
  });

  it('rows carry the metric min and max the order used', async () => {
    const page = await t.store.searchRunTable(tableQuery({ orderBy: ['min(metrics.loss) ASC'] }));
    for (const row of page.items) {
      const e = expected.find((r) => r.runId === row.run.info.runId)!;
      const loss = row.run.data.metrics.find((m) => m.key === 'loss');
      if (e.lossMin === undefined) expect(loss).toBeUndefined();
      else if (Number.isNaN(e.lossMin)) expect(loss).toMatchObject({ min: null, max: null });
      else expect(loss).toMatchObject({ min: e.lossMin, max: e.lossMax });
    }
  });

  it.each([
    ['min(params.lr) ASC', /min\(\) applies to metrics only/],
    ['max(tags.team) DESC', /max\(\) applies to metrics only/],
    ['min(attributes.start_time)', /min\(\) applies to metrics only/],
    ['max(run_name) ASC', /max\(\) applies to metrics only/],
  ])('refuses %s with INVALID_PARAMETER_VALUE naming the item', async (order, message) => {
    const error = await expectInvalid(t.store.searchRunTable(tableQuery({ orderBy: [order] })), message);
    expect(error.message).toContain(order);
  });

  it.each(['min(metrics.loss) SIDEWAYS', 'min()', 'median(metrics.loss)', 'min(metrics.) ASC'])('refuses the malformed order_by %s', async (order) => {
    await expectInvalid(t.store.searchRunTable(tableQuery({ orderBy: [order] })));
  });

  it('plain runs/search (no table options) does not accept aggregates', async () => {
    await expectInvalid(
      t.store.searchRuns({ experimentIds: [experimentId], filter: '', orderBy: ['min(metrics.loss) ASC'], viewType: 'ACTIVE_ONLY', maxResults: 10 }),
    );
  });
});

describe('keyset paging with aggregate orders', () => {
  const cases: Array<[string, number[], SortKey<Expected>[]]> = [
    ['min(metrics.loss) ASC', [1], [{ get: (r) => r.lossMin }]],
    ['min(metrics.loss) DESC', [2], [{ get: (r) => r.lossMin, descending: true }]],
    ['max(metrics.loss) ASC', [3, 1, 7], [{ get: (r) => r.lossMax }]],
    ['max(metrics.loss) DESC', [4], [{ get: (r) => r.lossMax, descending: true }]],
    ['min(metrics.loss) ASC', [5, 2], [{ get: (r) => r.lossMin }]],
  ];

  it.each(cases)('%s paged by %j returns every run exactly once, in order', async (order, sizes, keys) => {
    const pages = await allPages({ orderBy: [order] }, sizes);
    const flat = pages.flat();
    expect(new Set(flat).size).toBe(flat.length);
    expect(flat).toEqual(oracle(keys));
  });

  it('pages across the NaN-only and missing tail with page size 1 in both directions', async () => {
    for (const order of ['max(metrics.loss) ASC', 'max(metrics.loss) DESC']) {
      const keys: SortKey<Expected>[] = [{ get: (r) => r.lossMax, descending: order.endsWith('DESC') }];
      expect((await allPages({ orderBy: [order] }, 1)).flat()).toEqual(oracle(keys));
    }
  });

  it('an offset jump returns the same rows as paging to that position, and its token continues from there', async () => {
    const order = ['max(metrics.loss) DESC'];
    const all = oracle([{ get: (r) => r.lossMax, descending: true }]);
    for (const offset of [0, 1, 7, 20, 44]) {
      const page = await t.store.searchRunTable(tableQuery({ orderBy: order, maxResults: 5, table: { offset } }));
      expect(ids(page.items), `offset ${offset}`).toEqual(all.slice(offset, offset + 5));
      if (offset + 5 < all.length) {
        const next = await t.store.searchRunTable(tableQuery({ orderBy: order, maxResults: 5, table: { offset }, pageToken: page.nextPageToken }));
        expect(ids(next.items), `after offset ${offset}`).toEqual(all.slice(offset + 5, offset + 10));
      } else {
        expect(page.nextPageToken).toBeUndefined();
      }
    }
  });

  it('paging to a position gives the same rows as an offset jump there', async () => {
    const order = ['min(metrics.loss) ASC'];
    const pages = await allPages({ orderBy: order }, 4);
    for (let i = 0; i < pages.length; i += 1) {
      const jump = await t.store.searchRunTable(tableQuery({ orderBy: order, maxResults: 4, table: { offset: i * 4 } }));
      expect(ids(jump.items)).toEqual(pages[i]);
    }
  });

  it('an offset past the end returns no rows and no token', async () => {
    const page = await t.store.searchRunTable(tableQuery({ orderBy: ['min(metrics.loss) ASC'], maxResults: 10, table: { offset: 1000 } }));
    expect(page).toEqual({ items: [] });
  });

  it('a page token ignores the offset it is sent with', async () => {
    const first = await t.store.searchRunTable(tableQuery({ orderBy: ['min(metrics.loss) ASC'], maxResults: 3 }));
    const second = await t.store.searchRunTable(tableQuery({ orderBy: ['min(metrics.loss) ASC'], maxResults: 3, pageToken: first.nextPageToken, table: { offset: 30 } }));
    expect(ids(second.items)).toEqual(oracle([{ get: (r) => r.lossMin }]).slice(3, 6));
  });

  it.each([
    ['min → max', { orderBy: ['min(metrics.loss) ASC'] }, { orderBy: ['max(metrics.loss) ASC'] }],
    ['min ASC → min DESC', { orderBy: ['min(metrics.loss) ASC'] }, { orderBy: ['min(metrics.loss) DESC'] }],
    ['aggregate → latest value', { orderBy: ['min(metrics.loss) ASC'] }, { orderBy: ['metrics.loss ASC'] }],
    ['all runs → top level only', {}, { table: { topLevelOnly: true } }],
    ['no status filter → FINISHED', {}, { table: { statuses: ['FINISHED'] } }],
    ['all runs → children of a parent', {}, { table: { parentRunId: 'abc' } }],
    ['filter changed', {}, { filter: "params.x = '1'" }],
    ['view type changed', {}, { viewType: 'ALL' as const }],
  ])('refuses a page token from a different query shape (%s)', async (_name, from, to) => {
    const first = await t.store.searchRunTable(tableQuery({ maxResults: 2, ...from }));
    expect(first.nextPageToken).toBeDefined();
    await expectInvalid(t.store.searchRunTable(tableQuery({ maxResults: 2, ...to, pageToken: first.nextPageToken })), /different search/);
  });

  it('refuses a runs/search token in the runs table and a runs-table token in runs/search', async () => {
    const search = { experimentIds: [experimentId], filter: '', orderBy: [], viewType: 'ACTIVE_ONLY' as const, maxResults: 2 };
    const plain = await t.store.searchRuns(search);
    const table = await t.store.searchRunTable(tableQuery({ maxResults: 2 }));
    await expectInvalid(t.store.searchRunTable(tableQuery({ maxResults: 2, pageToken: plain.nextPageToken })), /different search/);
    await expectInvalid(t.store.searchRuns({ ...search, pageToken: table.nextPageToken }), /different search/);
  });
});

describe('compileRunSearch / compileRunCount', () => {
  const base: RunSearchQuery = { experimentIds: ['1'], viewType: 'ACTIVE_ONLY', maxResults: 10 };

  it('adds OFFSET only without a page token, and refuses a negative or fractional offset', async () => {
    expect(compileRunSearch({ ...base, table: { offset: 5 } }, sqlite).sql).toMatch(/LIMIT \? OFFSET \?$/);
    expect(compileRunSearch({ ...base, table: { offset: 5 } }, sqlite).params.slice(-2)).toEqual([11, 5]);
    expect(compileRunSearch({ ...base, table: { offset: 0 } }, sqlite).sql).not.toMatch(/OFFSET/);
    await expectInvalid(() => compileRunSearch({ ...base, table: { offset: -1 } }, sqlite), /offset must be a non-negative integer/);
    await expectInvalid(() => compileRunSearch({ ...base, table: { offset: 2.5 } }, sqlite), /offset/);
  });

  it('numbers PostgreSQL placeholders in order with table filters, aggregates and an offset', () => {
    const compiled = compileRunSearch(
      {
        ...base,
        filter: "params.lr = '0.1'",
        orderBy: ['max(metrics.loss) DESC', 'params.lr'],
        table: { topLevelOnly: true, parentRunId: 'p1', statuses: ['FINISHED', 'FAILED'], offset: 40 },
      },
      postgresql,
    );
    expectNumberedPlaceholders(compiled);
    expect(compiled.sql).toContain('o0.max_value');
  });

  it('the count query has no order, limit or offset and binds the same conditions as the search', () => {
    const q = { experimentIds: ['1', '2'], viewType: 'ALL' as const, filter: 'metrics.acc > 0.5', table: { topLevelOnly: true, statuses: ['RUNNING'], offset: 9 } };
    const count = compileRunCount(q, sqlite);
    expect(count.sql).toMatch(/^SELECT COUNT\(\*\) AS n FROM runs r WHERE /);
    expect(count.sql).not.toMatch(/ORDER BY|LIMIT|OFFSET/);
    expect(count.params).toEqual([1, 2, 'acc', 0.5, 'mlflow.parentRunId', 1, 2, 'RUNNING']);
    expectNumberedPlaceholders(compileRunCount(q, postgresql) as never);
  });

  it('the count query matches nothing for experiment ids that are not integers', async () => {
    const count = compileRunCount({ experimentIds: ['abc'], viewType: 'ACTIVE_ONLY' }, sqlite);
    expect(count.sql).toContain('1 = 0');
    expect(await t.store.countRuns({ experimentIds: ['abc'], filter: '', viewType: 'ACTIVE_ONLY', table: {} })).toBe(0);
  });

  it('the count query refuses a bad filter like the search does', async () => {
    await expectInvalid(() => compileRunCount({ experimentIds: ['1'], viewType: 'ACTIVE_ONLY', filter: 'metrics.acc >>> 1' }, sqlite));
  });

  it('counts exactly the runs the search pages through', async () => {
    const rows = (await allPages({}, 7)).flat();
    expect(await t.store.countRuns({ experimentIds: [experimentId], filter: '', viewType: 'ACTIVE_ONLY', table: {} })).toBe(rows.length);
    expect(rows.length).toBe(expected.length);
    expect(await t.store.countRuns({ experimentIds: [experimentId], filter: '', viewType: 'ALL', table: {} })).toBe(expected.length + 1);
    expect(await t.store.countRuns({ experimentIds: [experimentId, otherExperimentId], filter: 'metrics.loss < 0', viewType: 'ALL', table: {} })).toBe(2);
  });
});
