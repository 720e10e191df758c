import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MlflowError } from '@/server/errors';
import { compileExperimentSearch, type ExperimentSearchQuery } from '@/server/search/experiments-query';
import { postgresql, sqlite } from '@/server/store/sql/dialect';
import { insertExperiments, makeExperiments, openDatabase, type FakeExperiment } from './fixtures';
import { like, sortBy, type SortKey } from './oracle';
import { collectAllPages, errorOf, expectNumberedPlaceholders, runPage, type Page } from './paging';

let handle: ReturnType<typeof openDatabase>;
let experiments: FakeExperiment[];

beforeAll(() => {
  handle = openDatabase();
  // The migration seeds experiment 0; the fixture owns every experiment here.
  handle.db.exec('DELETE FROM experiments');
  experiments = makeExperiments(120);
  insertExperiments(handle.db, experiments);
});
afterAll(() => handle.close());

type Query = Partial<ExperimentSearchQuery>;
const fullQuery = (q: Query): ExperimentSearchQuery => ({ viewType: 'ACTIVE_ONLY', maxResults: 1000, ...q });

function searchPage(q: Query): Page<number> {
  const query = fullQuery(q);
  return runPage(handle.db, compileExperimentSearch(query, sqlite), query.maxResults, (row) => row.experiment_id as number);
}

const searchAllPages = (q: Query, pageSize: number): number[] =>
  collectAllPages((maxResults, pageToken) => searchPage({ ...q, maxResults, pageToken }), pageSize);

const ID_DESC: SortKey<FakeExperiment> = { get: (e) => e.experimentId, descending: true };

function expected(
  predicate: (e: FakeExperiment) => boolean,
  keys: SortKey<FakeExperiment>[] = [{ get: (e) => e.creationTime, descending: true }],
  scope: (e: FakeExperiment) => boolean = (e) => e.lifecycleStage === 'active',
): number[] {
  return sortBy(experiments.filter((e) => scope(e) && predicate(e)), [...keys, ID_DESC]).map((e) => e.experimentId);
}

describe('experiments/search', () => {
  test.each<[string, (e: FakeExperiment) => boolean]>([
    ["name LIKE 'proj-%'", (e) => like(e.name, 'proj-%')],
    ["attribute.name ILIKE 'PROJ-%'", (e) => like(e.name, 'PROJ-%', true)],
    ["name = 'demo-3'", (e) => e.name === 'demo-3'],
    ["name != 'demo-3'", (e) => e.name !== 'demo-3'],
    ['creation_time >= 1600000005000', (e) => e.creationTime >= 1_600_000_005_000],
    ['last_update_time < 1600000003000', (e) => e.lastUpdateTime < 1_600_000_003_000],
    ["tags.owner = 'ml-team'", (e) => e.tags.owner === 'ml-team'],
    ["tag.owner ILIKE 'ml-%'", (e) => like(e.tags.owner, 'ml-%', true)],
    ["tags.owner != 'data'", (e) => e.tags.owner !== undefined && e.tags.owner !== 'data'],
    ["tags.`mlflow.note.content` LIKE '%run' AND name LIKE '%o%'", (e) => like(e.tags['mlflow.note.content'], '%run') && e.name.includes('o')],
  ])('filter %s', (filter, predicate) => {
    const want = expected(predicate);
    expect(want.length).toBeGreaterThan(0);
    expect(searchPage({ filter }).ids).toEqual(want);
  });

  test('view types', () => {
    expect(searchPage({ viewType: 'DELETED_ONLY' }).ids).toEqual(
      expected(() => true, undefined, (e) => e.lifecycleStage === 'deleted'),
    );
    expect(searchPage({ viewType: 'ALL' }).ids).toEqual(expected(() => true, undefined, () => true));
  });

  const orders: Array<[string[], SortKey<FakeExperiment>[]]> = [
    [[], [{ get: (e) => e.creationTime, descending: true }]],
    [['name'], [{ get: (e) => e.name }]],
    [['name DESC'], [{ get: (e) => e.name, descending: true }]],
    [['creation_time ASC'], [{ get: (e) => e.creationTime }]],
    [['last_update_time DESC', 'creation_time'], [{ get: (e) => e.lastUpdateTime, descending: true }, { get: (e) => e.creationTime }]],
    [['experiment_id ASC'], [{ get: (e) => e.experimentId }]],
  ];

  test.each(orders)('order_by %j pages of 1 and 9 concatenate to the one-query order', (orderBy, keys) => {
    const want = expected(() => true, keys);
    expect(searchPage({ orderBy }).ids).toEqual(want);
    expect(searchAllPages({ orderBy }, 1)).toEqual(want);
    expect(searchAllPages({ orderBy }, 9)).toEqual(want);
  });

  test('page tokens are bound to the search they came from', () => {
    const pageToken = searchPage({ orderBy: ['name'], maxResults: 5 }).next;
    expect(pageToken).toBeDefined();
    const error = errorOf(() => compileExperimentSearch(fullQuery({ orderBy: ['name DESC'], pageToken }), sqlite));
    expect(error?.code).toBe('INVALID_PARAMETER_VALUE');
    expect(error?.message).toMatch(/issued for a different search/);
    expect(() => compileExperimentSearch(fullQuery({ pageToken: '%%%' }), sqlite)).toThrow(/malformed/);
  });

  test('filter errors are INVALID_PARAMETER_VALUE', () => {
    expect(() => compileExperimentSearch(fullQuery({ filter: 'metrics.a > 1' }), sqlite)).toThrow(MlflowError);
    expect(() => compileExperimentSearch(fullQuery({ orderBy: ['tags.x'] }), sqlite)).toThrow(/cannot order by/);
  });

  test('PostgreSQL SQL numbers its placeholders $1..$n', () => {
    const pageToken = searchPage({ filter: "tags.owner ILIKE 'ml%'", orderBy: ['name'], maxResults: 2 }).next;
    const compiled = compileExperimentSearch(
      fullQuery({ filter: "tags.owner ILIKE 'ml%'", orderBy: ['name'], maxResults: 2, pageToken }),
      postgresql,
    );
    expectNumberedPlaceholders(compiled);
    expect(compiled.sql).toContain('ILIKE $');
    expect(compiled.sql).toMatch(/^SELECT .*e\.experiment_id AS experiment_id/);
  });
});
