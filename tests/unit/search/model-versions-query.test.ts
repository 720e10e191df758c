import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileModelVersionSearch, type ModelVersionSearchQuery } from '@/server/search/model-versions-query';
import { compileRegisteredModelSearch, PROMPT_TAG_KEY } from '@/server/search/registered-models-query';
import { postgresql, sqlite } from '@/server/store/sql/dialect';
import { openDatabase, random } from './fixtures';
import { like, sortBy, type SortKey } from './oracle';
import { collectAllPages, errorOf, expectNumberedPlaceholders, runPage, type Page } from './paging';

/**
 * model-versions/search against a real SQLite file with every migration applied, checked against
 * answers computed in plain TypeScript from the same synthetic registry.
 */

interface FakeVersion {
  name: string;
  version: number;
  creationTime: number;
  lastUpdatedTime: number;
  source: string;
  runId: string | null;
  deleted: boolean;
  tags: Record<string, string>;
}

interface FakeRegistry {
  models: string[];
  versions: FakeVersion[];
}

const RUN_IDS = ['0a1b2c3d', '0a1b9999', '5e6f7a8b', 'c0ffee00', 'deadbeef', 'f00dface'];
/** A run id as a client may have stored it; IN lists drop such items (MLflow's rule). */
const UPPER_RUN_ID = 'ABCDEF01';

function makeRegistry(modelCount: number, seed = 31): FakeRegistry {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const models: string[] = [];
  const versions: FakeVersion[] = [];
  for (let i = 0; i < modelCount; i += 1) {
    const name = `${pick(['model', 'Model', 'fraud_detector', 'reg model'])}-${i}`;
    models.push(name);
    const count = i === 1 ? 0 : 1 + Math.floor(rnd() * 9);
    for (let version = 1; version <= count; version += 1) {
      // Few distinct timestamps, so ties are common and the tie-breaks are exercised.
      const creationTime = 1_700_000_000_000 + Math.floor(rnd() * 15) * 1000;
      const r = rnd();
      const runId = r < 0.2 ? null : r < 0.25 ? UPPER_RUN_ID : pick(RUN_IDS);
      const source = pick([
        `runs:/${runId ?? 'x'}/model`,
        `models:/m-${Math.floor(rnd() * 1000)}`,
        `mlflow-artifacts:/1/${version}/artifacts/Model`,
      ]);
      const tags: Record<string, string> = {};
      if (rnd() < 0.5) tags.validation_status = pick(['approved', 'pending', 'Approved']);
      if (rnd() < 0.3) tags['my key'] = pick(['x y', "it's", '50%']);
      // Prompts: every version of models 0, 10, 20...; model 7's versions are explicitly not
      // prompts; model 13 is excluded through the tag of its deleted version 1 (tags outlive the
      // version, as in MLflow).
      if (i % 10 === 0) tags[PROMPT_TAG_KEY] = 'true';
      if (i === 7) tags[PROMPT_TAG_KEY] = 'false';
      if (i === 13 && version === 1) tags[PROMPT_TAG_KEY] = 'true';
      versions.push({
        name,
        version,
        creationTime,
        lastUpdatedTime: creationTime + Math.floor(rnd() * 3) * 1000,
        source,
        runId,
        deleted: (i === 13 && version === 1) || rnd() < 0.12,
        tags,
      });
    }
  }
  return { models, versions };
}

function insertRegistry(db: Database.Database, registry: FakeRegistry): void {
  const model = db.prepare(
    'INSERT INTO registered_models (name, creation_timestamp, last_updated_timestamp) VALUES (?, 0, 0)',
  );
  const version = db.prepare(
    'INSERT INTO model_versions (name, version, creation_timestamp, last_updated_timestamp, source, run_id, deleted) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const name of registry.models) model.run(name);
    for (const v of registry.versions) {
      version.run(v.name, v.version, v.creationTime, v.lastUpdatedTime, v.source, v.runId, v.deleted ? 1 : 0);
      for (const [k, value] of Object.entries(v.tags)) tag.run(v.name, v.version, k, value);
    }
  })();
}

let handle: ReturnType<typeof openDatabase>;
let registry: FakeRegistry;
let promptNames: Set<string>;

beforeAll(() => {
  handle = openDatabase({ migrations: 'all', prefix: 'runboard-mv-search-', file: 'registry.db' });
  registry = makeRegistry(60);
  insertRegistry(handle.db, registry);
  promptNames = new Set(registry.versions.filter((v) => v.tags[PROMPT_TAG_KEY] === 'true').map((v) => v.name));
});
afterAll(() => handle.close());

type Query = Partial<ModelVersionSearchQuery>;
const fullQuery = (q: Query): ModelVersionSearchQuery => ({ orderBy: [], maxResults: 1000, ...q });
const id = (name: unknown, version: unknown) => `${String(name)}#${String(version)}`;

function searchPage(q: Query): Page<string> {
  const query = fullQuery(q);
  return runPage(handle.db, compileModelVersionSearch(query, sqlite), query.maxResults, (row) => id(row.name, row.version));
}

const searchAllPages = (q: Query, pageSize: number): string[] =>
  collectAllPages((maxResults, pageToken) => searchPage({ ...q, maxResults, pageToken }), pageSize, {
    maxPages: 2000,
    checkPageSize: true,
  });

const TIE_BREAKS: SortKey<FakeVersion>[] = [{ get: (v) => v.name }, { get: (v) => v.version, descending: true }];
/** Without an order_by: newest first, as MLflow answers. */
const DEFAULT_ORDER: SortKey<FakeVersion>[] = [{ get: (v) => v.lastUpdatedTime, descending: true }];

/** Live ordinary versions (prompt versions excluded unless `includePrompts`), in MLflow's order. */
function expected(
  predicate: (v: FakeVersion) => boolean,
  keys: SortKey<FakeVersion>[] = [],
  includePrompts = false,
): string[] {
  const visible = registry.versions.filter((v) => !v.deleted && (includePrompts || !promptNames.has(v.name)) && predicate(v));
  return sortBy(visible, [...(keys.length > 0 ? keys : DEFAULT_ORDER), ...TIE_BREAKS]).map((v) => id(v.name, v.version));
}

/** A string comparison on a value that may be missing: missing is false for every operator. */
const str = (value: string | null | undefined, test: (s: string) => boolean) =>
  value !== null && value !== undefined && test(value);

describe('model-versions/search filters', () => {
  test('the fixture has about 300 versions, some deleted, some prompts, some without run id', () => {
    expect(registry.models.length).toBe(60);
    expect(registry.versions.length).toBeGreaterThan(250);
    expect(registry.versions.filter((v) => v.deleted).length).toBeGreaterThan(15);
    expect(promptNames.size).toBeGreaterThan(3);
    expect(registry.versions.some((v) => v.runId === null && !v.deleted)).toBe(true);
    expect(registry.versions.some((v) => v.runId === UPPER_RUN_ID && !v.deleted && !promptNames.has(v.name))).toBe(true);
  });

  test('deleted versions never appear', () => {
    const live = new Set(registry.versions.filter((v) => !v.deleted).map((v) => id(v.name, v.version)));
    const all = searchPage({ filter: 'version_number >= 1' }).ids;
    expect(all.length).toBeGreaterThan(150);
    for (const found of all) expect(live.has(found)).toBe(true);
    expect(searchPage({}).ids).toEqual(expected(() => true));
  });

  const [r0, r1] = RUN_IDS;
  test.each<[string, (v: FakeVersion) => boolean]>([
    ["name = 'Model-4'", (v) => v.name === 'Model-4'],
    ["name != 'Model-4'", (v) => v.name !== 'Model-4'],
    ["name LIKE 'model-%'", (v) => like(v.name, 'model-%')],
    ["name ILIKE 'MODEL-%'", (v) => like(v.name, 'MODEL-%', true)],
    ["attribute.name LIKE '%_detector-_'", (v) => like(v.name, '%_detector-_')],
    [`run_id = '${r0}'`, (v) => v.runId === r0],
    [`run_id != '${r0}'`, (v) => str(v.runId, (s) => s !== r0)],
    [`run_id = '${UPPER_RUN_ID}'`, (v) => v.runId === UPPER_RUN_ID],
    [`run_id IN ('${r0}', '${r1}')`, (v) => v.runId === r0 || v.runId === r1],
    [`run_id IN ('${r0}', '${UPPER_RUN_ID}')`, (v) => v.runId === r0],
    ["run_id LIKE '0a1b%'", (v) => str(v.runId, (s) => like(s, '0a1b%'))],
    ["run_id ILIKE 'ABC%'", (v) => str(v.runId, (s) => like(s, 'ABC%', true))],
    ["source_path LIKE 'runs:/%'", (v) => like(v.source, 'runs:/%')],
    ["source_path ILIKE '%/model'", (v) => like(v.source, '%/model', true)],
    ["source_path LIKE '%/Model'", (v) => like(v.source, '%/Model')],
    ["source_path != 'x'", () => true],
    ['version_number = 3', (v) => v.version === 3],
    ['version_number != 1', (v) => v.version !== 1],
    ['version_number > 5', (v) => v.version > 5],
    ['version_number >= 5', (v) => v.version >= 5],
    ['version_number <= 2', (v) => v.version <= 2],
    ['version_number < 2.5', (v) => v.version < 2.5],
    ['version_number > 2.5', (v) => v.version > 2.5],
    ['version_number <= 2.5', (v) => v.version <= 2.5],
    ['version_number >= 2.5', (v) => v.version >= 2.5],
    ['version_number != 2.5', () => true],
    ['version_number >= -0.5', () => true],
    ['version_number < 3000000000', () => true],
    ['version_number > -3000000000', () => true],
    ['version_number <= 2147483647', () => true],
    ['version_number < 1e999', () => true],
    ['version_number > -1e999', () => true],
    ["tags.validation_status = 'approved'", (v) => v.tags.validation_status === 'approved'],
    ["tag.validation_status != 'approved'", (v) => str(v.tags.validation_status, (s) => s !== 'approved')],
    ["tags.validation_status ILIKE 'APP%'", (v) => like(v.tags.validation_status, 'APP%', true)],
    ["tags.validation_status LIKE 'App%'", (v) => like(v.tags.validation_status, 'App%')],
    ["tags.`my key` = '50%'", (v) => v.tags['my key'] === '50%'],
    [
      "name = 'Model-4' and tags.validation_status != 'pending'",
      (v) => v.name === 'Model-4' && str(v.tags.validation_status, (s) => s !== 'pending'),
    ],
    [
      `run_id IN ('${r0}', '${r1}') AND version_number > 1 AND source_path LIKE '%:/%'`,
      (v) => (v.runId === r0 || v.runId === r1) && v.version > 1,
    ],
  ])('filter %s', (filter, predicate) => {
    const want = expected(predicate);
    expect(want.length).toBeGreaterThan(0);
    expect(searchPage({ filter }).ids).toEqual(want);
  });

  test.each([
    `run_id IN ('${UPPER_RUN_ID}')`,
    'version_number = 2.5',
    'version_number > 1e999',
    'version_number = 3000000000',
    'version_number >= 3000000000',
    'version_number < -3000000000',
    'version_number < 0.5',
    "tags.nope = 'x'",
    "tags.nope != 'x'",
  ])('filter %s matches nothing', (filter) => {
    expect(searchPage({ filter }).ids).toEqual([]);
  });

  test.each<[string, (v: FakeVersion) => boolean, boolean]>([
    ["tag.`mlflow.prompt.is_prompt` != 'true'", () => true, false],
    ["tags.`mlflow.prompt.is_prompt` = 'false'", () => true, false],
    ["tags.`mlflow.prompt.is_prompt` = 'true'", (v) => v.tags[PROMPT_TAG_KEY] === 'true', true],
    ["tags.`mlflow.prompt.is_prompt` != 'FALSE'", (v) => str(v.tags[PROMPT_TAG_KEY], (s) => s !== 'FALSE'), true],
    ["name LIKE '%-10' AND tags.mlflow.prompt.is_prompt = 'TRUE'", () => false, true],
  ])('prompt filter %s', (filter, predicate, includePrompts) => {
    const want = expected(predicate, [], includePrompts);
    expect(searchPage({ filter }).ids).toEqual(want);
    if (!filter.includes('TRUE')) expect(want.length).toBeGreaterThan(0);
  });

  test('prompt versions are excluded by name, also through a deleted version tag', () => {
    const names = new Set(searchPage({}).ids.map((s) => s.split('#')[0]));
    const model13 = registry.models[13];
    expect(registry.versions.some((v) => v.name === model13 && !v.deleted)).toBe(true);
    expect(names.has(model13)).toBe(false);
    expect(names.has(registry.models[7])).toBe(true);
    for (const name of promptNames) expect(names.has(name)).toBe(false);
  });
});

describe('model-versions/search order and paging', () => {
  const orders: Array<[string[], SortKey<FakeVersion>[]]> = [
    [[], []],
    [['name'], [{ get: (v) => v.name }]],
    [['name DESC'], [{ get: (v) => v.name, descending: true }]],
    [['version_number'], [{ get: (v) => v.version }]],
    [['version_number DESC'], [{ get: (v) => v.version, descending: true }]],
    [['creation_timestamp DESC'], [{ get: (v) => v.creationTime, descending: true }]],
    [['last_updated_timestamp', 'version_number ASC'], [{ get: (v) => v.lastUpdatedTime }, { get: (v) => v.version }]],
    [['name DESC', 'version_number ASC'], [{ get: (v) => v.name, descending: true }, { get: (v) => v.version }]],
    [['version_number', 'name DESC', 'creation_timestamp'], [{ get: (v) => v.version }, { get: (v) => v.name, descending: true }]],
    [['attributes.creation_timestamp', 'creation_timestamp DESC', 'last_updated_timestamp DESC'], [{ get: (v) => v.creationTime }, { get: (v) => v.lastUpdatedTime, descending: true }]],
  ];

  test.each(orders)('order_by %j: pages of 1 and 13 concatenate to the one-query order', (orderBy, keys) => {
    const want = expected(() => true, keys);
    expect(searchPage({ orderBy }).ids).toEqual(want);
    expect(searchAllPages({ orderBy }, 13)).toEqual(want);
    expect(searchAllPages({ orderBy }, 1)).toEqual(want);
  });

  test('paging with a filter', () => {
    const filter = `run_id IN ('${RUN_IDS[0]}', '${RUN_IDS[2]}', '${RUN_IDS[3]}') AND tag.\`mlflow.prompt.is_prompt\` != 'true'`;
    const keys: SortKey<FakeVersion>[] = [{ get: (v) => v.lastUpdatedTime, descending: true }];
    const want = expected((v) => [RUN_IDS[0], RUN_IDS[2], RUN_IDS[3]].includes(v.runId ?? ''), keys);
    expect(want.length).toBeGreaterThan(10);
    expect(searchAllPages({ filter, orderBy: ['last_updated_timestamp DESC'] }, 4)).toEqual(want);
  });

  test('rows carry `name`, `version` and the sort keys', () => {
    expect(Object.keys(searchPage({ orderBy: ['name'], maxResults: 2 }).rows[0])).toEqual(['name', 'version']);
    const row = searchPage({ orderBy: ['creation_timestamp'], maxResults: 2 }).rows[0];
    expect(Object.keys(row).sort()).toEqual(['name', 'sk0', 'version']);
    expect(typeof row.version).toBe('number');
  });

  test('page tokens are bound to the search they came from', () => {
    const pageToken = searchPage({ filter: "name LIKE 'model%'", maxResults: 5 }).next;
    expect(pageToken).toBeDefined();
    // The default order is last_updated_timestamp DESC, name ASC, version DESC, so spelling it
    // out is the same search.
    expect(
      searchPage({
        filter: "name LIKE 'model%'",
        orderBy: ['last_updated_timestamp DESC', 'name', 'version_number DESC'],
        maxResults: 5,
        pageToken,
      }).ids,
    ).toEqual(expected((v) => like(v.name, 'model%')).slice(5, 10));

    for (const other of [
      { filter: "name LIKE 'model%'", orderBy: ['version_number DESC'] },
      { filter: "name LIKE 'Model%'" },
      { filter: "name LIKE 'model%' AND tags.`mlflow.prompt.is_prompt` = 'true'" },
    ]) {
      const error = errorOf(() => compileModelVersionSearch(fullQuery({ ...other, pageToken }), sqlite));
      expect(error?.code).toBe('INVALID_PARAMETER_VALUE');
      expect(error?.message).toMatch(/issued for a different search/);
    }
    expect(errorOf(() => compileRegisteredModelSearch({ maxResults: 5, pageToken }, sqlite))?.message).toMatch(/different search/);
  });
});

describe('model-versions/search errors', () => {
  test.each<[Query, RegExp]>([
    [{ filter: "name IN ('a')" }, /operator 'IN' is not supported for 'name'/],
    [{ filter: "run_id NOT IN ('a')" }, /operator 'NOT IN' is not supported for 'run_id'; use one of =, !=, LIKE, ILIKE, IN/],
    [{ filter: 'run_id IN ()' }, /the list is empty/],
    [{ filter: "run_id IN 'a'" }, /expects a parenthesised list/],
    [{ filter: "source_path > 'a'" }, /operator '>' is not supported for 'source_path'/],
    [{ filter: "version_number = '3'" }, /'version_number' is numeric and expects a number/],
    [{ filter: "version_number LIKE '3%'" }, /operator 'LIKE' is not supported for 'version_number'/],
    [{ filter: "source = 'x'" }, /unknown attribute 'source'; expected one of name, run_id, source_path, version_number or a prefixed key such as tags.<key>/],
    [{ filter: 'version = 3' }, /unknown attribute 'version'/],
    [{ filter: 'creation_timestamp > 3' }, /unknown attribute 'creation_timestamp'/],
    [{ filter: "params.a = 'b'" }, /unknown entity type 'params'/],
    [{ filter: "tags.a > 'b'" }, /operator '>' is not supported for 'tags.a'/],
    [{ filter: "name = 'a' OR run_id = 'b'" }, /'OR' is not supported/],
    [{ filter: "NOT name = 'a'" }, /'NOT' is only supported as part of 'NOT IN'/],
    [{ filter: "name = 'a' AND" }, /'AND' must be followed by another comparison/],
    [{ orderBy: ['version'] }, /cannot order by 'version'; expected one of the attributes name, version_number, creation_timestamp, last_updated_timestamp/],
    [{ orderBy: ['run_id'] }, /cannot order by 'run_id'/],
    [{ orderBy: ['tags.a DESC'] }, /cannot order by 'tags.a'/],
    [{ orderBy: ['name DESC ASC'] }, /only one direction/],
    [{ maxResults: 1.5 }, /max_results must be a positive integer/],
    [{ pageToken: '!!' }, /malformed/],
  ])('%j', (q, message) => {
    const error = errorOf(() => compileModelVersionSearch(fullQuery(q), sqlite));
    expect(error?.code).toBe('INVALID_PARAMETER_VALUE');
    expect(error?.message).toMatch(message);
  });
});

describe('model-versions/search SQL', () => {
  test('PostgreSQL SQL numbers its placeholders $1..$n', () => {
    const q = {
      filter: `run_id IN ('${RUN_IDS[0]}', '${RUN_IDS[1]}', 'Upper') AND tags.validation_status ILIKE 'a%' AND version_number > 0`,
      orderBy: ['creation_timestamp DESC'],
      maxResults: 2,
    };
    const pageToken = searchPage(q).next;
    expect(pageToken).toBeDefined();
    const compiled = compileModelVersionSearch({ ...q, pageToken }, postgresql);
    expectNumberedPlaceholders(compiled);
    expect(compiled.sql).not.toContain('?');
    expect(compiled.sql).toContain('mv.deleted = FALSE');
    expect(compiled.sql).toContain('mv.run_id IN ($1, $2)');
    expect(compiled.sql).toContain("t.value ILIKE $4 ESCAPE ''");
    expect(compiled.sql).toMatch(/^SELECT mv\.creation_timestamp AS sk0, mv\.name AS name, mv\.version AS version FROM model_versions mv WHERE /);
    expect(compiled.sql).toMatch(/ORDER BY mv\.creation_timestamp DESC, mv\.name ASC, mv\.version DESC LIMIT \$\d+$/);
    expect(compiled.params.slice(0, 2)).toEqual([RUN_IDS[0], RUN_IDS[1]]);
    expect(compiled.params.at(-1)).toBe(3);
  });

  test('version literals bind as integers in the 32-bit range, or become constants', () => {
    const compile = (filter: string) => compileModelVersionSearch({ filter, maxResults: 1 }, postgresql);
    const cases: Array<[string, string, unknown[]]> = [
      ['version_number < 2.5', 'mv.version < $1', [3]],
      ['version_number <= 2.5', 'mv.version <= $1', [2]],
      ['version_number > 2.5', 'mv.version > $1', [2]],
      ['version_number >= 2.5', 'mv.version >= $1', [3]],
      ['version_number >= -2.5', 'mv.version >= $1', [-2]],
      ['version_number = 7', 'mv.version = $1', [7]],
      ['version_number != 7', 'mv.version <> $1', [7]],
      ['version_number = 2.5', '(1 = 0)', []],
      ['version_number != 2.5', '(1 = 1)', []],
      ['version_number < 1e999', '(1 = 1)', []],
      ['version_number > 3000000000', '(1 = 0)', []],
      ['version_number <= -3000000000', '(1 = 0)', []],
    ];
    for (const [filter, text, params] of cases) {
      const compiled = compile(filter);
      expect(compiled.sql, filter).toContain(text);
      // The prompt-exclusion parameters and the limit follow the comparison's.
      expect(compiled.params, filter).toEqual([...params, PROMPT_TAG_KEY, 'true', 2]);
    }
  });

  test('SQLite uses 0 for false and GLOB for LIKE', () => {
    const compiled = compileModelVersionSearch({ filter: "source_path LIKE 'runs:/%'", maxResults: 1 }, sqlite);
    expect(compiled.sql).toContain('mv.deleted = 0');
    expect(compiled.sql).toContain('mv.source GLOB ?');
    expect(compiled.params[0]).toBe('runs:/*');
  });
});
