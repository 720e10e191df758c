import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  compileLoggedModelSearch,
  type LoggedModelDatasetFilter,
  type LoggedModelOrderBy,
  type LoggedModelSearchQuery,
} from '@/server/search/logged-models-query';
import { postgresql, sqlite } from '@/server/store/sql/dialect';
import { openDatabase, random } from './fixtures';
import { like, sortBy, type SortKey } from './oracle';
import {
  collectAllPages,
  expectInvalidParameter,
  expectNumberedPlaceholders,
  malformedTokens,
  queryPlan,
  runPage,
  type Page,
} from './paging';

/**
 * logged-models/search against a real SQLite file with both migrations applied, checked against
 * answers computed in plain TypeScript from the same synthetic models.
 */

interface MetricRow {
  key: string;
  runUuid: string;
  step: number;
  timestamp: number;
  datasetName: string; // '' = no dataset
  datasetDigest: string;
  value: number; // may be NaN or ±Infinity
}

interface FakeModel {
  modelId: string;
  experimentId: number;
  name: string;
  creationTime: number;
  lastUpdatedTime: number;
  status: string;
  lifecycleStage: 'active' | 'deleted';
  modelType: string | null;
  sourceRunId: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: MetricRow[];
}

const DATASETS = [
  { name: '', digest: '' },
  { name: 'train-set', digest: 'aaaa1111' },
  { name: 'eval-set', digest: 'bbbb2222' },
  { name: 'eval-set', digest: 'dddd4444' },
];
const RUN_IDS = ['r1', 'r2', 'r3'];

function makeModels(count: number, seed = 11): FakeModel[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const metricValue = () => {
    const x = rnd();
    if (x < 0.07) return Number.NaN;
    if (x < 0.1) return Number.POSITIVE_INFINITY;
    if (x < 0.12) return Number.NEGATIVE_INFINITY;
    return Math.round(rnd() * 10) / 10;
  };
  return Array.from({ length: count }, (_, i) => {
    const modelId = `m-${Array.from({ length: 32 }, () => pick('0123456789abcdef'.split(''))).join('')}`;
    const creationTime = 1_700_000_000_000 + Math.floor(rnd() * 20) * 1000;
    const metrics: MetricRow[] = [];
    const seen = new Set<string>();
    const addMetric = (key: string, rows: number) => {
      for (let j = 0; j < rows; j += 1) {
        const ds = pick(DATASETS);
        // Few steps and timestamps, so the latest-row rule and its tie-breaks are exercised.
        const row: MetricRow = {
          key,
          runUuid: pick(RUN_IDS),
          step: pick([0, 1, 2]),
          timestamp: pick([1000, 2000]),
          datasetName: ds.name,
          datasetDigest: ds.digest,
          value: metricValue(),
        };
        const pk = JSON.stringify([row.key, row.runUuid, row.step, row.timestamp, row.datasetName, row.datasetDigest]);
        if (seen.has(pk)) continue;
        seen.add(pk);
        metrics.push(row);
      }
    };
    addMetric('acc', Math.floor(rnd() * 5));
    addMetric('loss', Math.floor(rnd() * 3));
    if (rnd() < 0.3) addMetric('my metric', 1);
    const params: Record<string, string> = {};
    if (rnd() < 0.8) params.lr = pick(['0.1', '0.01', '0.001']);
    if (rnd() < 0.6) params.model = pick(['rf', 'xgb', 'RF-big', 'rf_small']);
    if (rnd() < 0.2) params['my key'] = pick(['x y', "it's", '50%']);
    const tags: Record<string, string> = {};
    if (rnd() < 0.6) tags.team = pick(['vision', 'nlp', 'Vision']);
    if (rnd() < 0.5) tags['mlflow.source.type'] = pick(['NOTEBOOK', 'LOCAL']);
    return {
      modelId,
      experimentId: pick([1, 1, 2, 3]),
      name: pick(['model', 'Model', 'clf-a', 'clf_b', 'reg model', `m${i % 7}`]),
      creationTime,
      lastUpdatedTime: creationTime + Math.floor(rnd() * 4) * 500,
      status: pick(['LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED']),
      lifecycleStage: rnd() < 0.1 ? 'deleted' : 'active',
      modelType: rnd() < 0.3 ? null : pick(['sklearn', 'pytorch', 'Sklearn']),
      sourceRunId: rnd() < 0.25 ? null : pick(RUN_IDS),
      params,
      tags,
      metrics,
    };
  });
}

/** Hand-made models in experiment 9 that pin the "latest row" rule down. */
function pinnedModels(): FakeModel[] {
  const base = (modelId: string, metrics: Omit<MetricRow, 'key' | 'runUuid'>[], creationTime: number): FakeModel => ({
    modelId,
    experimentId: 9,
    name: modelId,
    creationTime,
    lastUpdatedTime: creationTime,
    status: 'LOGGED_MODEL_READY',
    lifecycleStage: 'active',
    modelType: null,
    sourceRunId: null,
    params: {},
    tags: {},
    metrics: metrics.map((m) => ({ key: 'acc', runUuid: 'run', ...m })),
  });
  const row = (step: number, timestamp: number, value: number, datasetName = '', datasetDigest = '') => ({
    step,
    timestamp,
    value,
    datasetName,
    datasetDigest,
  });
  return [
    // A higher step wins over a later timestamp: latest is 0.1.
    base('m-step', [row(0, 5000, 0.9), row(1, 1000, 0.1)], 1),
    // Same step: the later timestamp wins: latest is 0.8.
    base('m-time', [row(2, 1000, 0.2), row(2, 3000, 0.8)], 2),
    // Tied step and timestamp on two datasets: the larger value, unless narrowed to a dataset.
    base('m-tie', [row(1, 1000, 0.3, 'eval-set', 'bbbb2222'), row(1, 1000, 0.7, 'train-set', 'aaaa1111')], 3),
    // The latest value is NaN: no comparison matches, even though an older value would.
    base('m-nan', [row(0, 1000, 0.9), row(3, 1000, Number.NaN)], 4),
    // A tie between NaN and a real value picks the real value.
    base('m-nantie', [row(0, 1000, Number.NaN, 'eval-set', 'bbbb2222'), row(0, 1000, 0.6)], 5),
  ];
}

/** How the store writes metric values: NaN as 0 with is_nan, ±Infinity as ±Number.MAX_VALUE. */
function storedValue(v: number): number {
  if (Number.isNaN(v)) return 0;
  if (v === Number.POSITIVE_INFINITY) return Number.MAX_VALUE;
  if (v === Number.NEGATIVE_INFINITY) return -Number.MAX_VALUE;
  return v;
}

function insertModels(db: Database.Database, models: readonly FakeModel[]): void {
  const experiment = db.prepare(
    'INSERT OR IGNORE INTO experiments (experiment_id, name, artifact_location, creation_time, last_update_time) ' +
      'VALUES (?, ?, ?, 0, 0)',
  );
  const model = db.prepare(
    'INSERT INTO logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms, ' +
      'last_updated_timestamp_ms, status, lifecycle_stage, model_type, source_run_id) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const param = db.prepare('INSERT INTO logged_model_params (model_id, key, value) VALUES (?, ?, ?)');
  const tag = db.prepare('INSERT INTO logged_model_tags (model_id, key, value) VALUES (?, ?, ?)');
  const metric = db.prepare(
    'INSERT INTO logged_model_metrics (model_id, key, run_uuid, step, timestamp, dataset_name, dataset_digest, value, is_nan) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const m of models) {
      experiment.run(m.experimentId, `exp-${m.experimentId}`, `/tmp/${m.experimentId}`);
      model.run(
        m.modelId,
        m.experimentId,
        m.name,
        `/tmp/${m.experimentId}/models/${m.modelId}/artifacts`,
        m.creationTime,
        m.lastUpdatedTime,
        m.status,
        m.lifecycleStage,
        m.modelType,
        m.sourceRunId,
      );
      for (const [k, v] of Object.entries(m.params)) param.run(m.modelId, k, v);
      for (const [k, v] of Object.entries(m.tags)) tag.run(m.modelId, k, v);
      for (const r of m.metrics) {
        metric.run(
          m.modelId,
          r.key,
          r.runUuid,
          r.step,
          r.timestamp,
          r.datasetName,
          r.datasetDigest,
          storedValue(r.value),
          Number.isNaN(r.value) ? 1 : 0,
        );
      }
    }
  })();
}

let handle: ReturnType<typeof openDatabase>;
let models: FakeModel[];

beforeAll(() => {
  handle = openDatabase({
    migrations: ['0001_tracking.sql', '0002_logged_models.sql'],
    prefix: 'runboard-logged-models-',
  });
  models = [...makeModels(120), ...pinnedModels()];
  insertModels(handle.db, models);
});
afterAll(() => handle.close());

// --- the oracle ---------------------------------------------------------------------------------

type Scope = readonly LoggedModelDatasetFilter[];

const inScope = (row: MetricRow, scope: Scope): boolean =>
  scope.length === 0 ||
  scope.some((d) => row.datasetName === d.datasetName && (!d.datasetDigest || row.datasetDigest === d.datasetDigest));

const cmp = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/** The documented rule: latest step, then timestamp; ties real-before-NaN, then larger value. */
function metricValue(model: FakeModel, key: string, scope: Scope = []): number | undefined {
  const rows = model.metrics.filter((r) => r.key === key && inScope(r, scope));
  if (!rows.length) return undefined;
  rows.sort(
    (a, b) =>
      b.step - a.step ||
      b.timestamp - a.timestamp ||
      Number(Number.isNaN(a.value)) - Number(Number.isNaN(b.value)) ||
      cmp(b.value, a.value),
  );
  return rows[0].value;
}

/** A comparison on a missing or NaN metric is false. */
const metricIs = (model: FakeModel, key: string, test: (v: number) => boolean, scope: Scope = []): boolean => {
  const v = metricValue(model, key, scope);
  return v !== undefined && !Number.isNaN(v) && test(v);
};

const DEFAULT_ORDER: SortKey<FakeModel>[] = [
  { get: (m) => m.creationTime, descending: true },
  { get: (m) => m.modelId },
];

function expected(
  predicate: (m: FakeModel) => boolean,
  keys: SortKey<FakeModel>[] = [],
  experimentIds: readonly number[] = [1, 2, 3],
): string[] {
  const matching = models.filter(
    (m) => m.lifecycleStage === 'active' && experimentIds.includes(m.experimentId) && predicate(m),
  );
  return sortBy(matching, [...keys, ...DEFAULT_ORDER]).map((m) => m.modelId);
}

// --- running searches ----------------------------------------------------------------------------

type Query = Partial<LoggedModelSearchQuery>;

const fullQuery = (q: Query): LoggedModelSearchQuery => ({
  experimentIds: ['1', '2', '3'],
  datasets: [],
  orderBy: [],
  maxResults: 1000,
  ...q,
});

function searchPage(q: Query): Page<string> {
  const query = fullQuery(q);
  const page = runPage(handle.db, compileLoggedModelSearch(query, sqlite), query.maxResults, (row) => row.model_id as string);
  expect(page.fetched).toBeLessThanOrEqual(query.maxResults + 1);
  return page;
}

const searchAllPages = (q: Query, pageSizes: number[]): string[] =>
  collectAllPages((maxResults, pageToken) => searchPage({ ...q, maxResults, pageToken }), pageSizes);

const expectInvalid = (q: Query, message: RegExp): void =>
  expectInvalidParameter(() => compileLoggedModelSearch(fullQuery(q), sqlite), message);

const TRAIN: Scope = [{ datasetName: 'train-set' }];
const EVAL_B: Scope = [{ datasetName: 'eval-set', datasetDigest: 'bbbb2222' }];
const EVAL_ANY_OR_TRAIN: Scope = [{ datasetName: 'eval-set' }, { datasetName: 'train-set', datasetDigest: 'aaaa1111' }];

// --- tests ----------------------------------------------------------------------------------------

describe('logged-models/search filters on a real SQLite database', () => {
  const cases: Array<[string, (m: FakeModel) => boolean]> = [
    ["name = 'model'", (m) => m.name === 'model'],
    ["name != 'model'", (m) => m.name !== 'model'],
    ["name LIKE 'clf%'", (m) => like(m.name, 'clf%')],
    ["attributes.name ILIKE 'MODEL'", (m) => m.name.toLowerCase() === 'model'],
    ["name LIKE 'clf_b'", (m) => like(m.name, 'clf_b')],
    ["name IN ('model', 'reg model')", (m) => ['model', 'reg model'].includes(m.name)],
    ["name NOT IN ('model', 'Model')", (m) => !['model', 'Model'].includes(m.name)],
    ["model_type = 'sklearn'", (m) => m.modelType === 'sklearn'],
    ["model_type != 'sklearn'", (m) => m.modelType !== null && m.modelType !== 'sklearn'],
    ["model_type ILIKE 'SK%'", (m) => like(m.modelType ?? undefined, 'SK%', true)],
    ["status = 'LOGGED_MODEL_READY'", (m) => m.status === 'LOGGED_MODEL_READY'],
    [
      "attr.status IN ('LOGGED_MODEL_PENDING', 'LOGGED_MODEL_UPLOAD_FAILED')",
      (m) => m.status !== 'LOGGED_MODEL_READY',
    ],
    ["source_run_id = 'r1'", (m) => m.sourceRunId === 'r1'],
    ["source_run_id NOT IN ('r1')", (m) => m.sourceRunId !== null && m.sourceRunId !== 'r1'],
    [
      'creation_timestamp >= 1700000005000 AND creation_time < 1700000015000',
      (m) => m.creationTime >= 1_700_000_005_000 && m.creationTime < 1_700_000_015_000,
    ],
    ['last_updated_time > 1700000010000', (m) => m.lastUpdatedTime > 1_700_000_010_000],
    ['last_updated_timestamp != 1700000010000', (m) => m.lastUpdatedTime !== 1_700_000_010_000],
    ['metrics.acc > 0.5', (m) => metricIs(m, 'acc', (v) => v > 0.5)],
    ['metric.acc <= 0.3', (m) => metricIs(m, 'acc', (v) => v <= 0.3)],
    ['metrics.acc = 0.5', (m) => metricIs(m, 'acc', (v) => v === 0.5)],
    ['metrics.acc != 0.5', (m) => metricIs(m, 'acc', (v) => v !== 0.5)],
    ['metrics.acc > 1e300', (m) => metricIs(m, 'acc', (v) => v === Number.POSITIVE_INFINITY)],
    ['metrics.acc >= 1e999', (m) => metricIs(m, 'acc', (v) => v === Number.POSITIVE_INFINITY)],
    ['metrics.acc < 1e999', (m) => metricIs(m, 'acc', (v) => v < Number.POSITIVE_INFINITY)],
    ['metrics.acc <= -1e999', (m) => metricIs(m, 'acc', (v) => v === Number.NEGATIVE_INFINITY)],
    ['metrics.`my metric` >= 0', (m) => metricIs(m, 'my metric', (v) => v >= 0)],
    [
      'metrics.acc > 0.2 AND metrics.loss < 0.6',
      (m) => metricIs(m, 'acc', (v) => v > 0.2) && metricIs(m, 'loss', (v) => v < 0.6),
    ],
    ["params.lr = '0.1'", (m) => m.params.lr === '0.1'],
    ["params.lr != '0.1'", (m) => m.params.lr !== undefined && m.params.lr !== '0.1'],
    ["params.lr IN ('0.1', '0.01')", (m) => m.params.lr === '0.1' || m.params.lr === '0.01'],
    ["param.lr NOT IN ('0.1')", (m) => m.params.lr !== undefined && m.params.lr !== '0.1'],
    ["params.model LIKE 'rf%'", (m) => like(m.params.model, 'rf%')],
    ["parameters.model ILIKE 'rf%'", (m) => like(m.params.model, 'rf%', true)],
    ["params.`my key` = 'it''s'", (m) => m.params['my key'] === "it's"],
    ["tags.team = 'vision'", (m) => m.tags.team === 'vision'],
    ["tag.team ILIKE 'VISION'", (m) => m.tags.team?.toLowerCase() === 'vision'],
    ["tags.`mlflow.source.type` IN ('NOTEBOOK')", (m) => m.tags['mlflow.source.type'] === 'NOTEBOOK'],
    ["tags.team NOT IN ('nlp')", (m) => m.tags.team !== undefined && m.tags.team !== 'nlp'],
    [
      "metrics.acc >= 0.4 and params.model LIKE 'rf%' AND tags.team ILIKE 'v%' and status != 'LOGGED_MODEL_PENDING'",
      (m) =>
        metricIs(m, 'acc', (v) => v >= 0.4) &&
        like(m.params.model, 'rf%') &&
        like(m.tags.team, 'v%', true) &&
        m.status !== 'LOGGED_MODEL_PENDING',
    ],
  ];

  test.each(cases)('%s', (filter, predicate) => {
    const want = expected(predicate);
    expect(want.length).toBeGreaterThan(0);
    expect(searchPage({ filter }).ids).toEqual(want);
  });

  test('model_id = and IN find exactly the named models', () => {
    const [a, b] = expected(() => true);
    expect(searchPage({ filter: `model_id = '${a}'` }).ids).toEqual([a]);
    expect(searchPage({ filter: `model_id IN ('${a}', '${b}', 'm-nope')` }).ids).toEqual(
      expected((m) => m.modelId === a || m.modelId === b),
    );
  });

  test('a filter on a key no model has matches nothing, for != and NOT IN too', () => {
    expect(searchPage({ filter: "params.nope != 'x'" }).ids).toEqual([]);
    expect(searchPage({ filter: "tags.nope NOT IN ('x')" }).ids).toEqual([]);
    expect(searchPage({ filter: 'metrics.nope != 1' }).ids).toEqual([]);
  });

  test('only active models of the given experiments are searched', () => {
    expect(models.some((m) => m.lifecycleStage === 'deleted')).toBe(true);
    expect(searchPage({}).ids).toEqual(expected(() => true));
    expect(searchPage({ experimentIds: ['2'] }).ids).toEqual(expected(() => true, [], [2]));
    expect(searchPage({ experimentIds: ['3', '1', '3'] }).ids).toEqual(expected(() => true, [], [1, 3]));
    expect(searchPage({ experimentIds: ['999'] }).ids).toEqual([]);
    expect(searchPage({ experimentIds: ['not-a-number'] }).ids).toEqual([]);
    expect(searchPage({ experimentIds: [] }).ids).toEqual([]);
  });

  test('the query selects model_id and asks for maxResults + 1 rows', () => {
    const compiled = compileLoggedModelSearch(fullQuery({ maxResults: 25 }), sqlite);
    expect(compiled.params.at(-1)).toBe(26);
    const rows = handle.db.prepare(compiled.sql).all(...compiled.params) as Record<string, unknown>[];
    expect(rows.length).toBe(26);
    expect(typeof rows[0].model_id).toBe('string');
  });
});

describe('logged-models/search metric values: latest row, dataset narrowing', () => {
  const pinned = (q: Query) => searchPage({ experimentIds: ['9'], ...q }).ids.sort();

  test('the latest row decides: step, then timestamp, then real before NaN and the larger value', () => {
    expect(pinned({ filter: 'metrics.acc > 0.5' })).toEqual(['m-nantie', 'm-tie', 'm-time']);
    expect(pinned({ filter: 'metrics.acc < 0.5' })).toEqual(['m-step']);
    expect(pinned({ filter: 'metrics.acc = 0.7' })).toEqual(['m-tie']);
    // m-nan's latest value is NaN: no comparison holds.
    expect(pinned({ filter: 'metrics.acc != 12345' })).toEqual(['m-nantie', 'm-step', 'm-tie', 'm-time']);
  });

  test('datasets narrow which rows count', () => {
    expect(pinned({ filter: 'metrics.acc = 0.3', datasets: EVAL_B })).toEqual(['m-tie']);
    expect(pinned({ filter: 'metrics.acc > 0', datasets: [{ datasetName: 'eval-set' }] })).toEqual(['m-tie']);
    expect(pinned({ filter: 'metrics.acc > 0', datasets: [{ datasetName: 'eval-set', datasetDigest: 'x' }] })).toEqual(
      [],
    );
    // Without a metric comparison, datasets do not restrict which models match.
    expect(pinned({ datasets: EVAL_B })).toHaveLength(5);
  });

  test('ordering by a metric uses the same value, NaN and missing last', () => {
    const order = (item: Partial<LoggedModelOrderBy>) =>
      searchPage({ experimentIds: ['9'], orderBy: [{ fieldName: 'metrics.acc', ascending: true, ...item }] }).ids;
    expect(order({})).toEqual(['m-step', 'm-nantie', 'm-tie', 'm-time', 'm-nan']);
    expect(order({ ascending: false })).toEqual(['m-time', 'm-tie', 'm-nantie', 'm-step', 'm-nan']);
    // Narrowed to eval-set: m-tie has 0.3, m-nantie has only NaN; the rest have no eval-set rows
    // and follow in the default order (creation time, newest first).
    expect(order({ datasetName: 'eval-set' })).toEqual(['m-tie', 'm-nantie', 'm-nan', 'm-time', 'm-step']);
    expect(order({ datasetName: 'eval-set', datasetDigest: 'bbbb2222', ascending: false })).toEqual([
      'm-tie',
      'm-nantie',
      'm-nan',
      'm-time',
      'm-step',
    ]);
  });

  const scopes: Array<[string, Scope]> = [
    ['train-set', TRAIN],
    ['eval-set@bbbb2222', EVAL_B],
    ['eval-set (any digest) or train-set@aaaa1111', EVAL_ANY_OR_TRAIN],
  ];
  const filters: Array<[string, (m: FakeModel, scope: Scope) => boolean]> = [
    ['metrics.acc > 0.5', (m, s) => metricIs(m, 'acc', (v) => v > 0.5, s)],
    ['metrics.acc != 0.5', (m, s) => metricIs(m, 'acc', (v) => v !== 0.5, s)],
    [
      "metrics.loss <= 0.5 AND params.lr != '0.001'",
      (m, s) => metricIs(m, 'loss', (v) => v <= 0.5, s) && m.params.lr !== undefined && m.params.lr !== '0.001',
    ],
  ];
  for (const [scopeName, scope] of scopes) {
    test.each(filters)(`%s with datasets ${scopeName}`, (filter, predicate) => {
      const want = expected((m) => predicate(m, scope));
      expect(want.length).toBeGreaterThan(0);
      expect(want).not.toEqual(expected((m) => predicate(m, [])));
      expect(searchPage({ filter, datasets: scope }).ids).toEqual(want);
    });
  }
});

describe('logged-models/search order and keyset paging', () => {
  const attr = (get: (m: FakeModel) => number | string | null, descending = false): SortKey<FakeModel> => ({
    get,
    descending,
  });
  const metric = (key: string, descending = false, scope: Scope = []): SortKey<FakeModel> => ({
    get: (m) => metricValue(m, key, scope),
    descending,
  });
  const by = (fieldName: string, ascending = true, extra: Partial<LoggedModelOrderBy> = {}): LoggedModelOrderBy => ({
    fieldName,
    ascending,
    ...extra,
  });

  const orders: Array<{ name: string; filter?: string; orderBy: LoggedModelOrderBy[]; keys: SortKey<FakeModel>[] }> = [
    { name: 'default', orderBy: [], keys: [] },
    { name: 'creation_time ASC', orderBy: [by('creation_time')], keys: [attr((m) => m.creationTime)] },
    {
      name: 'creation_timestamp DESC, last_updated_time ASC',
      orderBy: [by('creation_timestamp', false), by('last_updated_time')],
      keys: [attr((m) => m.creationTime, true), attr((m) => m.lastUpdatedTime)],
    },
    { name: 'name DESC', orderBy: [by('name', false)], keys: [attr((m) => m.name, true)] },
    { name: 'attributes.name ASC', orderBy: [by('attributes.name')], keys: [attr((m) => m.name)] },
    { name: 'nullable model_type ASC', orderBy: [by('model_type')], keys: [attr((m) => m.modelType)] },
    {
      name: 'nullable source_run_id DESC, status',
      orderBy: [by('source_run_id', false), by('status')],
      keys: [attr((m) => m.sourceRunId, true), attr((m) => m.status)],
    },
    {
      name: 'last_updated_timestamp DESC',
      orderBy: [by('last_updated_timestamp', false)],
      keys: [attr((m) => m.lastUpdatedTime, true)],
    },
    { name: 'model_id DESC', orderBy: [by('model_id', false), by('name')], keys: [attr((m) => m.modelId, true)] },
    { name: 'metrics.acc ASC (NaN, missing last)', orderBy: [by('metrics.acc')], keys: [metric('acc')] },
    { name: 'metrics.acc DESC (NaN, missing last)', orderBy: [by('metrics.acc', false)], keys: [metric('acc', true)] },
    {
      name: 'metrics.acc DESC on eval-set (any digest)',
      orderBy: [by('metrics.acc', false, { datasetName: 'eval-set' })],
      keys: [metric('acc', true, [{ datasetName: 'eval-set' }])],
    },
    {
      name: 'metrics.acc ASC on eval-set@bbbb2222, then on train-set',
      orderBy: [
        by('metrics.acc', true, { datasetName: 'eval-set', datasetDigest: 'bbbb2222' }),
        by('metrics.acc', false, { datasetName: 'train-set' }),
      ],
      keys: [metric('acc', false, EVAL_B), metric('acc', true, TRAIN)],
    },
    {
      name: 'metrics.loss DESC, name',
      orderBy: [by('metrics.loss', false), by('name')],
      keys: [metric('loss', true), attr((m) => m.name)],
    },
    { name: 'metrics.`my metric`', orderBy: [by('metrics.`my metric`')], keys: [metric('my metric')] },
    {
      name: 'filtered by a dataset-scoped metric, ordered by another metric',
      filter: 'metrics.acc >= 0.3',
      orderBy: [by('metrics.loss')],
      keys: [metric('loss')],
    },
  ];

  for (const { name, filter, orderBy, keys } of orders) {
    const predicate = filter === undefined ? () => true : (m: FakeModel) => metricIs(m, 'acc', (v) => v >= 0.3);

    test(`${name}: one query returns the expected order`, () => {
      expect(searchPage({ filter, orderBy }).ids).toEqual(expected(predicate, keys));
    });

    test(`${name}: pages of 1, 7 and mixed sizes concatenate to the same order`, () => {
      const want = expected(predicate, keys);
      expect(searchAllPages({ filter, orderBy }, [1])).toEqual(want);
      expect(searchAllPages({ filter, orderBy }, [7])).toEqual(want);
      expect(searchAllPages({ filter, orderBy }, [3, 50, 1, 20])).toEqual(want);
    });
  }

  test('paging with datasets narrowing a metric filter', () => {
    const q: Query = { filter: 'metrics.acc > 0.2', datasets: EVAL_ANY_OR_TRAIN, orderBy: [by('metrics.acc', false)] };
    const want = expected((m) => metricIs(m, 'acc', (v) => v > 0.2, EVAL_ANY_OR_TRAIN), [metric('acc', true)]);
    expect(want.length).toBeGreaterThan(5);
    expect(searchAllPages(q, [2])).toEqual(want);
  });

  test('the last page has no next token', () => {
    const total = expected(() => true).length;
    expect(searchPage({ maxResults: total }).next).toBeUndefined();
    expect(searchPage({ maxResults: total - 1 }).next).toBeDefined();
  });

  test('a metric order looks the model metrics up by primary key, not by scanning them', () => {
    const compiled = compileLoggedModelSearch(fullQuery({ orderBy: [by('metrics.acc', false)] }), sqlite);
    const details = queryPlan(handle.db, compiled);
    expect(details.some((d) => /SEARCH o0 USING (COVERING )?INDEX sqlite_autoindex_logged_model_metrics_1/.test(d))).toBe(
      true,
    );
    expect(details.some((d) => /SCAN (o0|m)\b/.test(d))).toBe(false);
  });
});

describe('logged-models/search page tokens', () => {
  const base: Query = {
    filter: "params.lr = '0.1'",
    datasets: TRAIN,
    orderBy: [{ fieldName: 'metrics.acc', ascending: false, datasetName: 'eval-set' }],
    maxResults: 3,
  };
  const token = () => searchPage(base).next as string;

  test('a token from a different search is rejected', () => {
    const pageToken = token();
    const other = /issued for a different search/;
    expectInvalid({ ...base, pageToken, filter: "params.lr = '0.01'" }, other);
    expectInvalid({ ...base, pageToken, datasets: EVAL_B }, other);
    expectInvalid({ ...base, pageToken, datasets: [] }, other);
    expectInvalid({ ...base, pageToken, orderBy: [{ fieldName: 'metrics.acc', ascending: false }] }, other);
    expectInvalid(
      { ...base, pageToken, orderBy: [{ fieldName: 'metrics.acc', ascending: true, datasetName: 'eval-set' }] },
      other,
    );
    expectInvalid({ ...base, pageToken, experimentIds: ['1'] }, other);
  });

  test('a token survives spellings and page sizes that do not change the search', () => {
    const pageToken = token();
    expect(() =>
      compileLoggedModelSearch(
        fullQuery({
          ...base,
          filter: "param.`lr`  =  '0.1'",
          datasets: [{ datasetName: 'train-set', datasetDigest: '' }, { datasetName: 'train-set' }],
          orderBy: [
            { fieldName: 'metrics.acc', ascending: false, datasetName: 'eval-set', datasetDigest: '' },
            { fieldName: 'metrics.acc', ascending: true, datasetName: 'eval-set' },
          ],
          experimentIds: ['3', '2', '1'],
          maxResults: 50,
          pageToken,
        }),
        sqlite,
      ),
    ).not.toThrow();
  });

  test('malformed tokens are rejected', () => {
    for (const pageToken of malformedTokens(token(), 9)) expectInvalid({ ...base, pageToken }, /Invalid page_token/);
  });
});

describe('logged-models/search errors', () => {
  test.each<[string, RegExp]>([
    ["foo = 'x'", /unknown attribute 'foo'/],
    ["metrics.acc LIKE '0.5'", /operator 'LIKE' is not supported for 'metrics.acc'/],
    ["name < 'x'", /operator '<' is not supported for 'name'/],
    ["creation_time = 'yesterday'", /numeric/],
    ["metrics.acc = 'high'", /numeric/],
    ["params.lr = 0.1", /expects a quoted string/],
    ["datasets.name = 'x'", /unknown entity type 'datasets'/],
    ["name = 'a' OR name = 'b'", /'OR' is not supported/],
    ["(name = 'a')", /parentheses/],
    ["run_id = 'x'", /unknown attribute 'run_id'/],
  ])('filter %s', (filter, message) => expectInvalid({ filter }, message));

  test.each<[Partial<LoggedModelOrderBy>, RegExp]>([
    [{ fieldName: 'foo' }, /field_name 'foo': unknown attribute 'foo'/],
    [{ fieldName: 'params.lr' }, /cannot be ordered by params keys/],
    [{ fieldName: 'tags.team' }, /cannot be ordered by tags keys/],
    [{ fieldName: 'metrics.' }, /the key after the dot is empty/],
    [{ fieldName: 'bogus.x' }, /unknown entity type 'bogus'/],
    [{ fieldName: '' }, /field_name is required/],
    [{ fieldName: 'metrics.acc', datasetDigest: 'aaaa1111' }, /dataset_digest requires dataset_name/],
    [{ fieldName: 'name', ascending: 'yes' as never }, /ascending must be true or false/],
  ])('order_by %j', (item, message) => {
    expectInvalid({ orderBy: [{ ascending: true, ...item } as LoggedModelOrderBy] }, message);
  });

  test('the message names the accepted order fields', () => {
    expectInvalid({ orderBy: [{ fieldName: 'start_time', ascending: true }] }, /creation_time.*metrics\.<key>/);
  });

  test('a dataset without a name is rejected', () => {
    expectInvalid({ datasets: [{ datasetName: '' }] }, /datasets\[0\]: dataset_name is required/);
    expectInvalid({ datasets: [{ datasetDigest: 'x' } as never] }, /dataset_name is required/);
  });

  test('max_results must be a positive integer', () => {
    expectInvalid({ maxResults: 0 }, /max_results/);
    expectInvalid({ maxResults: 2.5 }, /max_results/);
  });
});

describe('logged-models/search on PostgreSQL', () => {
  test('finalize numbers the placeholders $1..$n, one per parameter', () => {
    const q: Query = {
      filter: "params.model LIKE 'r%' AND tags.team ILIKE 'v%' AND metrics.acc >= 0 AND name NOT IN ('x', 'y')",
      datasets: EVAL_ANY_OR_TRAIN,
      orderBy: [
        { fieldName: 'metrics.acc', ascending: false, datasetName: 'eval-set', datasetDigest: 'bbbb2222' },
        { fieldName: 'model_type', ascending: true },
        { fieldName: 'metrics.loss', ascending: true },
      ],
      maxResults: 1,
    };
    const pageToken = searchPage(q).next;
    expect(pageToken).toBeDefined();
    const compiled = compileLoggedModelSearch(fullQuery({ ...q, pageToken }), postgresql);
    expectNumberedPlaceholders(compiled);
    expect(compiled.sql).not.toContain('?');
    expect(compiled.sql).toContain('ILIKE $');
  });
});
