import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileRunSearch, type RunSearchQuery } from '@/server/search/runs-query';
import { postgresql, sqlite } from '@/server/store/sql/dialect';
import { insertRuns, makeRuns, openDatabase, type FakeRun } from './fixtures';
import { like, sortBy, type SortKey } from './oracle';
import {
  collectAllPages,
  decodeToken,
  encodeToken,
  expectInvalidParameter,
  expectNumberedPlaceholders,
  malformedTokens,
  queryPlan,
  runPage,
  type Page,
} from './paging';

let handle: ReturnType<typeof openDatabase>;
let runs: FakeRun[];

beforeAll(() => {
  handle = openDatabase();
  runs = makeRuns(300);
  insertRuns(handle.db, runs);
});
afterAll(() => handle.close());

type Query = Partial<RunSearchQuery>;

function fullQuery(q: Query): RunSearchQuery {
  return { experimentIds: ['1', '2', '3'], viewType: 'ACTIVE_ONLY', maxResults: 1000, ...q };
}

function searchPage(q: Query): Page<string> {
  const query = fullQuery(q);
  return runPage(handle.db, compileRunSearch(query, sqlite), query.maxResults, (row) => row.run_uuid as string);
}

const searchAllPages = (q: Query, pageSizes: number[]): string[] =>
  collectAllPages((maxResults, pageToken) => searchPage({ ...q, maxResults, pageToken }), pageSizes);

const DEFAULT_ORDER: SortKey<FakeRun>[] = [{ get: (r) => r.startTime, descending: true }, { get: (r) => r.runId }];

function expected(
  predicate: (r: FakeRun) => boolean,
  keys: SortKey<FakeRun>[] = [],
  scope: (r: FakeRun) => boolean = (r) => r.lifecycleStage === 'active',
): string[] {
  return sortBy(runs.filter((r) => scope(r) && predicate(r)), [...keys, ...DEFAULT_ORDER]).map((r) => r.runId);
}

const num = (v: number | undefined) => v !== undefined && !Number.isNaN(v);

describe('runs/search filters on a real SQLite database', () => {
  const cases: Array<[string, (r: FakeRun) => boolean]> = [
    ["params.model = 'rf'", (r) => r.params.model === 'rf'],
    ["params.model != 'rf'", (r) => r.params.model !== undefined && r.params.model !== 'rf'],
    ["params.model LIKE 'rf%'", (r) => like(r.params.model, 'rf%')],
    ["param.model ILIKE 'rf%'", (r) => like(r.params.model, 'rf%', true)],
    ["parameters.model like 'rf_sma_l'", (r) => like(r.params.model, 'rf_sma_l')],
    ['metrics.rmse < 0.2', (r) => num(r.metrics.rmse) && r.metrics.rmse < 0.2],
    ['metric.rmse >= 0', (r) => num(r.metrics.rmse) && r.metrics.rmse >= 0],
    ['metrics.rmse != 0.25', (r) => num(r.metrics.rmse) && r.metrics.rmse !== 0.25],
    ['metrics.rmse = -0.25', (r) => r.metrics.rmse === -0.25],
    ['metrics.rmse > 1e9', (r) => r.metrics.rmse === Number.POSITIVE_INFINITY],
    [
      "metrics.acc > 0.5 AND params.lr = '0.01'",
      (r) => num(r.metrics.acc) && r.metrics.acc > 0.5 && r.params.lr === '0.01',
    ],
    ["tags.team = 'vision'", (r) => r.tags.team === 'vision'],
    ["tags.team ILIKE 'VISION'", (r) => like(r.tags.team, 'VISION', true)],
    ["params.`my key` = 'it''s'", (r) => r.params['my key'] === "it's"],
    [`params."my key" LIKE '50%'`, (r) => like(r.params['my key'], '50%')],
    ["attributes.status = 'FINISHED'", (r) => r.status === 'FINISHED'],
    ["status != 'RUNNING' and attr.user_id = 'Carol'", (r) => r.status !== 'RUNNING' && r.userId === 'Carol'],
    ["run_name = 'alpha'", (r) => r.name === 'alpha'],
    ["`Run Name` ILIKE 'alpha'", (r) => r.name.toLowerCase() === 'alpha'],
    ["run.run_name LIKE '% run'", (r) => like(r.name, '% run')],
    ["artifact_uri LIKE 's3://bucket/a/%'", (r) => r.artifactUri.startsWith('s3://bucket/a/')],
    [
      'start_time >= 1700000010000 AND created < 1700000020000',
      (r) => r.startTime >= 1_700_000_010_000 && r.startTime < 1_700_000_020_000,
    ],
    ['end_time > 1700000005000', (r) => r.endTime !== null && r.endTime > 1_700_000_005_000],
    ['end_time != 0', (r) => r.endTime !== null],
    ["datasets.name = 'train-set'", (r) => r.inputs.some((d) => d.name === 'train-set')],
    ["datasets.name != 'train-set'", (r) => r.inputs.some((d) => d.name !== 'train-set')],
    ["dataset.name ILIKE 'train%'", (r) => r.inputs.some((d) => like(d.name, 'train%', true))],
    [
      "datasets.digest IN ('aaaa1111', 'cccc3333')",
      (r) => r.inputs.some((d) => ['aaaa1111', 'cccc3333'].includes(d.digest)),
    ],
    ["datasets.context = 'training'", (r) => r.inputs.some((d) => d.context === 'training')],
    [
      "datasets.context NOT IN ('eval')",
      (r) => r.inputs.some((d) => d.context !== undefined && d.context !== 'eval'),
    ],
    [
      "metrics.rmse > 0 and params.model = 'xgb' AND tags.team LIKE 'v%'",
      (r) => num(r.metrics.rmse) && r.metrics.rmse > 0 && r.params.model === 'xgb' && like(r.tags.team, 'v%'),
    ],
  ];

  test.each(cases)('%s', (filter, predicate) => {
    const want = expected(predicate);
    expect(want.length).toBeGreaterThan(0);
    expect(searchPage({ filter }).ids).toEqual(want);
  });

  test('a filter on a key no run has matches nothing, for != too', () => {
    expect(searchPage({ filter: "params.nope != 'x'" }).ids).toEqual([]);
    expect(searchPage({ filter: 'metrics.nope != 1' }).ids).toEqual([]);
  });

  test('tags.`mlflow.parentRunId` finds child runs', () => {
    const parent = runs[0].runId;
    const want = expected((r) => r.tags['mlflow.parentRunId'] === parent);
    expect(want.length).toBeGreaterThan(0);
    expect(searchPage({ filter: `tags.\`mlflow.parentRunId\` = '${parent}'` }).ids).toEqual(want);
  });

  test('run_id IN drops upper-case items as MLflow does; =, NOT IN and LIKE work', () => {
    const active = runs.filter((r) => r.lifecycleStage === 'active');
    const [a, b, c] = active.map((r) => r.runId);
    const upper = b.toUpperCase();
    expect(searchPage({ filter: `run_id IN ('${a}', '${upper}', '${c}')` }).ids).toEqual(
      expected((r) => r.runId === a || r.runId === c),
    );
    expect(searchPage({ filter: `run_id IN ('${upper}')` }).ids).toEqual([]);
    expect(searchPage({ filter: `run_id NOT IN ('${a}', '${upper}')` }).ids).toEqual(
      expected((r) => r.runId !== a),
    );
    expect(searchPage({ filter: `attributes.run_id = '${b}'` }).ids).toEqual([b]);
    expect(searchPage({ filter: "run_id LIKE 'a%'" }).ids).toEqual(expected((r) => r.runId.startsWith('a')));
  });

  test('view types and experiment ids scope the search', () => {
    expect(searchPage({ viewType: 'DELETED_ONLY' }).ids).toEqual(
      expected(() => true, [], (r) => r.lifecycleStage === 'deleted'),
    );
    expect(searchPage({ viewType: 'ALL' }).ids).toEqual(expected(() => true, [], () => true));
    expect(searchPage({ experimentIds: ['2'] }).ids).toEqual(
      expected((r) => r.experimentId === 2),
    );
    expect(searchPage({ experimentIds: ['999'] }).ids).toEqual([]);
    expect(searchPage({ experimentIds: ['not-a-number'] }).ids).toEqual([]);
    expect(searchPage({ experimentIds: [] }).ids).toEqual([]);
  });
});

describe('runs/search order and keyset paging', () => {
  const metric = (key: string, descending = false): SortKey<FakeRun> => ({ get: (r) => r.metrics[key], descending });
  const param = (key: string, descending = false): SortKey<FakeRun> => ({ get: (r) => r.params[key], descending });
  const attr = (get: (r: FakeRun) => number | string | null, descending = false): SortKey<FakeRun> => ({
    get,
    descending,
  });

  const orders: Array<{ name: string; filter?: string; orderBy: string[]; keys: SortKey<FakeRun>[] }> = [
    { name: 'default', orderBy: [], keys: [] },
    { name: 'metric ASC (NaN, missing last)', orderBy: ['metrics.rmse'], keys: [metric('rmse')] },
    { name: 'metric DESC (NaN, missing last)', orderBy: ['metrics.rmse DESC'], keys: [metric('rmse', true)] },
    {
      name: 'param DESC then metric ASC',
      orderBy: ['params.lr DESC', 'metrics.acc'],
      keys: [param('lr', true), metric('acc')],
    },
    { name: 'nullable end_time ASC', orderBy: ['end_time'], keys: [attr((r) => r.endTime)] },
    { name: 'nullable end_time DESC', orderBy: ['attributes.end_time DESC'], keys: [attr((r) => r.endTime, true)] },
    {
      name: 'run_name, status DESC',
      orderBy: ['run_name', 'status desc'],
      keys: [attr((r) => r.name), attr((r) => r.status, true)],
    },
    {
      name: 'tag DESC, start_time ASC',
      orderBy: ['tags.team DESC', 'start_time ASC'],
      keys: [{ get: (r) => r.tags.team, descending: true }, attr((r) => r.startTime)],
    },
    { name: 'run_id DESC', orderBy: ['run_id DESC'], keys: [attr((r) => r.runId, true)] },
    { name: 'created alias', orderBy: ['created'], keys: [attr((r) => r.startTime)] },
    {
      name: 'quoted identifiers',
      orderBy: ['`Run Name` DESC', 'params.`my key`'],
      keys: [attr((r) => r.name, true), param('my key')],
    },
    {
      name: 'user_id, artifact_uri DESC',
      orderBy: ['user_id', 'artifact_uri DESC'],
      keys: [attr((r) => r.userId), attr((r) => r.artifactUri, true)],
    },
    {
      name: 'filtered, metric DESC',
      filter: "params.model != 'rf'",
      orderBy: ['metrics.rmse DESC'],
      keys: [metric('rmse', true)],
    },
  ];

  for (const { name, filter, orderBy, keys } of orders) {
    const predicate =
      filter === undefined ? () => true : (r: FakeRun) => r.params.model !== undefined && r.params.model !== 'rf';

    test(`${name}: one query returns MLflow's order`, () => {
      expect(searchPage({ filter, orderBy }).ids).toEqual(expected(predicate, keys));
    });

    test(`${name}: pages of 1, 7 and mixed sizes concatenate to the same order`, () => {
      const want = expected(predicate, keys);
      expect(searchAllPages({ filter, orderBy }, [1])).toEqual(want);
      expect(searchAllPages({ filter, orderBy }, [7])).toEqual(want);
      expect(searchAllPages({ filter, orderBy }, [3, 50, 1, 20])).toEqual(want);
    });
  }

  test('the last page has no next token, and LIMIT asks for one extra row', () => {
    const total = expected(() => true).length;
    expect(searchPage({ maxResults: total }).next).toBeUndefined();
    expect(searchPage({ maxResults: total - 1 }).next).toBeDefined();
    const compiled = compileRunSearch(fullQuery({ maxResults: 25 }), sqlite);
    expect(compiled.params.at(-1)).toBe(26);
  });
});

describe('runs/search page tokens', () => {
  const base: Query = { filter: "params.lr = '0.1'", orderBy: ['metrics.rmse DESC'], maxResults: 5 };
  const token = () => searchPage(base).next as string;

  const expectInvalid = (q: Query, message: RegExp) =>
    expectInvalidParameter(() => compileRunSearch(fullQuery(q), sqlite), message);

  test('a token from a different search is rejected', () => {
    const pageToken = token();
    const other = /issued for a different search/;
    expectInvalid({ ...base, pageToken, filter: "params.lr = '0.01'" }, other);
    expectInvalid({ ...base, pageToken, orderBy: ['metrics.rmse ASC'] }, other);
    expectInvalid({ ...base, pageToken, viewType: 'ALL' }, other);
    expectInvalid({ ...base, pageToken, experimentIds: ['1'] }, other);
  });

  test('a token survives spelling changes that do not change the search, and page-size changes', () => {
    const pageToken = token();
    expect(() =>
      compileRunSearch(
        fullQuery({
          filter: "param.`lr`  =  '0.1'",
          orderBy: ['metric.rmse desc'],
          experimentIds: ['3', '2', '1'],
          maxResults: 50,
          pageToken,
        }),
        sqlite,
      ),
    ).not.toThrow();
  });

  test('malformed tokens are rejected with INVALID_PARAMETER_VALUE', () => {
    const good = token();
    const bad = [...malformedTokens(good, 7), encodeToken({ ...decodeToken(good), v: 99 })];
    for (const pageToken of bad) expectInvalid({ ...base, pageToken }, /Invalid page_token/);
  });

  test('row values as Prisma (bigint) or pg (string) return them give the same token', () => {
    const compiled = compileRunSearch(fullQuery({ orderBy: ['end_time'] }), sqlite);
    const row = { sk0: 0, sk1: 1_700_000_001_000, sk2: 1_700_000_000_000, run_uuid: 'abc' };
    const token = compiled.pageTokenFor(row);
    expect(compiled.pageTokenFor({ ...row, sk0: 0n, sk1: 1_700_000_001_000n, sk2: 1_700_000_000_000n })).toBe(token);
    expect(compiled.pageTokenFor({ ...row, sk0: '0', sk1: '1700000001000', sk2: '1700000000000' })).toBe(token);
  });

  test('max_results must be a positive integer', () => {
    expectInvalid({ maxResults: 0 }, /max_results/);
    expectInvalid({ maxResults: 1.5 }, /max_results/);
  });

  test('an unknown view type is rejected', () => {
    expectInvalid({ viewType: 'SOME' as never }, /view type/);
  });
});

describe('runs/search query plans and dialects', () => {
  const plan = (q: Query): string[] => queryPlan(handle.db, compileRunSearch(fullQuery(q), sqlite));

  test('a param equality filter searches the params (key, value) index', () => {
    const details = plan({ filter: "params.model = 'rf'" });
    expect(details.some((d) => /SEARCH k USING (COVERING )?INDEX params_key_value_idx \(key=\? AND value=\?\)/.test(d))).toBe(
      true,
    );
    expect(details.some((d) => /SCAN (k|params)\b/.test(d))).toBe(false);
  });

  test('a metric filter searches the latest_metrics (key, value) index', () => {
    const details = plan({ filter: 'metrics.rmse < 0.5' });
    expect(details.some((d) => /SEARCH k USING (COVERING )?INDEX latest_metrics_key_value_idx/.test(d))).toBe(true);
    expect(details.some((d) => /SCAN (k|latest_metrics)\b/.test(d))).toBe(false);
  });

  test('a metric order looks latest_metrics up by index, not by scanning it', () => {
    const details = plan({ orderBy: ['metrics.rmse DESC'], pageToken: searchPage({ orderBy: ['metrics.rmse DESC'], maxResults: 3 }).next });
    expect(details.some((d) => /SEARCH o0 USING (COVERING )?INDEX/.test(d))).toBe(true);
    expect(details.some((d) => /SCAN (o0|latest_metrics)\b/.test(d))).toBe(false);
  });

  test('PostgreSQL SQL numbers its placeholders $1..$n, one per parameter', () => {
    const pageToken = searchPage({
      filter: "params.model LIKE 'r%' AND metrics.rmse > 0 AND datasets.context IN ('training')",
      orderBy: ['metrics.rmse DESC', 'end_time', 'params.lr'],
      maxResults: 2,
    }).next;
    const compiled = compileRunSearch(
      fullQuery({
        filter: "params.model LIKE 'r%' AND metrics.rmse > 0 AND datasets.context IN ('training')",
        orderBy: ['metrics.rmse DESC', 'end_time', 'params.lr'],
        maxResults: 2,
        pageToken,
      }),
      postgresql,
    );
    expectNumberedPlaceholders(compiled);
    expect(compiled.sql).not.toContain('?');
    expect(compiled.sql).toContain('LIKE $');
  });
});
