import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileModelVersionSearch } from '@/server/search/model-versions-query';
import {
  compileRegisteredModelSearch,
  PROMPT_TAG_KEY,
  type RegisteredModelSearchQuery,
} from '@/server/search/registered-models-query';
import { postgresql, sqlite } from '@/server/store/sql/dialect';
import { openDatabase, random } from './fixtures';
import { like, sortBy, type SortKey } from './oracle';
import {
  collectAllPages,
  decodeToken,
  encodeToken,
  errorOf,
  expectNumberedPlaceholders,
  runPage,
  type Page,
} from './paging';

/**
 * registered-models/search against a real SQLite file with every migration applied, checked
 * against answers computed in plain TypeScript from the same synthetic models.
 */

interface FakeModel {
  name: string;
  creationTime: number;
  lastUpdatedTime: number;
  tags: Record<string, string>;
}

function makeModels(count: number, seed = 23): FakeModel[] {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const models: FakeModel[] = [];
  const names = new Set<string>();
  while (models.length < count) {
    const i = models.length;
    const generated = `${pick(['model', 'Model', 'fraud-detector', 'clf_a', 'reg model', 'm'])}${pick(['', '-', '_'])}${i % 13}`;
    // Two names the equality tests look for.
    const name = i === 3 ? 'fraud-detector-3' : i === 5 ? 'reg model-5' : generated;
    if (names.has(name)) continue;
    names.add(name);
    // Few distinct timestamps, so ties are common and the name tie-break is exercised.
    const creationTime = 1_700_000_000_000 + Math.floor(rnd() * 12) * 1000;
    const tags: Record<string, string> = {};
    if (rnd() < 0.6) tags.team = pick(['vision', 'nlp', 'Vision', 'speech']);
    if (rnd() < 0.3) tags['my key'] = pick(['x y', "it's", '50%', 'yy']);
    // Prompts, some with a team; explicit non-prompts; a value that only differs in case.
    if (i % 10 === 0) tags[PROMPT_TAG_KEY] = 'true';
    if (i % 20 === 0) tags.team = 'vision';
    if (i === 7 || i === 17) tags[PROMPT_TAG_KEY] = 'false';
    if (i === 13) tags[PROMPT_TAG_KEY] = 'TRUE';
    models.push({ name, creationTime, lastUpdatedTime: creationTime + Math.floor(rnd() * 4) * 1000, tags });
  }
  return models;
}

function insertModels(db: Database.Database, models: readonly FakeModel[]): void {
  const model = db.prepare(
    'INSERT INTO registered_models (name, creation_timestamp, last_updated_timestamp, description) VALUES (?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT INTO registered_model_tags (name, key, value) VALUES (?, ?, ?)');
  const version = db.prepare(
    'INSERT INTO model_versions (name, version, creation_timestamp, last_updated_timestamp, source, deleted) ' +
      'VALUES (?, ?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const [i, m] of models.entries()) {
      model.run(m.name, m.creationTime, m.lastUpdatedTime, i % 3 ? null : 'about');
      for (const [k, v] of Object.entries(m.tags)) tag.run(m.name, k, v);
      // Versions do not take part in registered-model search; a few are here to show that.
      for (let v = 1; v <= i % 3; v += 1) version.run(m.name, v, m.creationTime, m.creationTime, `runs:/r/${v}`, v === 2 ? 1 : 0);
    }
  })();
}

let handle: ReturnType<typeof openDatabase>;
let models: FakeModel[];

beforeAll(() => {
  handle = openDatabase({ migrations: 'all', prefix: 'runboard-rm-search-', file: 'registry.db' });
  models = makeModels(60);
  insertModels(handle.db, models);
});
afterAll(() => handle.close());

type Query = Partial<RegisteredModelSearchQuery>;
const fullQuery = (q: Query): RegisteredModelSearchQuery => ({ orderBy: [], maxResults: 1000, ...q });

/** One page; its ids are the model names. */
function searchPage(q: Query): Page<string> {
  const query = fullQuery(q);
  return runPage(handle.db, compileRegisteredModelSearch(query, sqlite), query.maxResults, (row) => row.name as string);
}

const searchAllPages = (q: Query, pageSize: number): string[] =>
  collectAllPages((maxResults, pageToken) => searchPage({ ...q, maxResults, pageToken }), pageSize, {
    checkPageSize: true,
  });

const NAME_ASC: SortKey<FakeModel> = { get: (m) => m.name };
const isPrompt = (m: FakeModel) => m.tags[PROMPT_TAG_KEY] === 'true';

/** Ordinary models (prompts excluded, as for any filter that does not ask for prompts). */
function expected(predicate: (m: FakeModel) => boolean, keys: SortKey<FakeModel>[] = [], includePrompts = false): string[] {
  const visible = models.filter((m) => (includePrompts || !isPrompt(m)) && predicate(m));
  return sortBy(visible, [...keys, NAME_ASC]).map((m) => m.name);
}

describe('registered-models/search filters', () => {
  test('the fixture has prompts, explicit non-prompts and tag ties', () => {
    expect(models.filter(isPrompt).length).toBeGreaterThan(2);
    expect(models.some((m) => m.tags[PROMPT_TAG_KEY] === 'false')).toBe(true);
    expect(models.some((m) => m.tags[PROMPT_TAG_KEY] === 'TRUE')).toBe(true);
  });

  test.each<[string, (m: FakeModel) => boolean]>([
    ['', () => true],
    ["name = 'fraud-detector-3'", (m) => m.name === 'fraud-detector-3'],
    ["name != 'fraud-detector-3'", (m) => m.name !== 'fraud-detector-3'],
    ["name LIKE 'model%'", (m) => like(m.name, 'model%')],
    ["name LIKE 'Model%'", (m) => like(m.name, 'Model%')],
    ["attribute.name ILIKE 'MODEL%'", (m) => like(m.name, 'MODEL%', true)],
    ["attributes.name LIKE 'm_1_'", (m) => like(m.name, 'm_1_')],
    ['`name` = "reg model-5"', (m) => m.name === 'reg model-5'],
    ["tags.team = 'vision'", (m) => m.tags.team === 'vision'],
    ["tag.team != 'vision'", (m) => m.tags.team !== undefined && m.tags.team !== 'vision'],
    ["tags.team LIKE 'V%'", (m) => like(m.tags.team, 'V%')],
    ["tags.team ILIKE 'vis%'", (m) => like(m.tags.team, 'vis%', true)],
    ["tags.`my key` LIKE '%y'", (m) => like(m.tags['my key'], '%y')],
    ['tags."my key" = \'it\'\'s\'', (m) => m.tags['my key'] === "it's"],
    ["name ILIKE 'model%' AND tags.team != 'nlp'", (m) => like(m.name, 'model%', true) && m.tags.team !== undefined && m.tags.team !== 'nlp'],
    ["tags.team = 'vision' and tags.team LIKE 'v%' AND name != 'x'", (m) => m.tags.team === 'vision'],
  ])('filter %s', (filter, predicate) => {
    const want = expected(predicate);
    expect(want.length).toBeGreaterThan(0);
    expect(searchPage({ filter }).ids).toEqual(want);
  });

  test.each<[string, (m: FakeModel) => boolean, boolean]>([
    // What MLflow 3 clients append to every search_registered_models call: ordinary models only,
    // including the many without the tag.
    ["tag.`mlflow.prompt.is_prompt` != 'true'", () => true, false],
    ["name LIKE 'model%' AND tag.`mlflow.prompt.is_prompt` != 'true'", (m) => like(m.name, 'model%'), false],
    // Any other test of the tag that does not ask for prompts is dropped; prompts stay excluded.
    ["tags.`mlflow.prompt.is_prompt` = 'false'", () => true, false],
    ["tags.`mlflow.prompt.is_prompt` LIKE 't%'", () => true, false],
    // Asking for prompts: the comparison applies as written, prompts are not excluded.
    ["tags.`mlflow.prompt.is_prompt` = 'true'", (m) => m.tags[PROMPT_TAG_KEY] === 'true', true],
    ["tags.`mlflow.prompt.is_prompt` = 'TRUE'", (m) => m.tags[PROMPT_TAG_KEY] === 'TRUE', true],
    ["tags.`mlflow.prompt.is_prompt` != 'false'", (m) => m.tags[PROMPT_TAG_KEY] !== undefined && m.tags[PROMPT_TAG_KEY] !== 'false', true],
    ["tags.mlflow.prompt.is_prompt = 'true' AND tags.team = 'vision'", (m) => isPrompt(m) && m.tags.team === 'vision', true],
  ])('prompt filter %s', (filter, predicate, includePrompts) => {
    const want = expected(predicate, [], includePrompts);
    expect(want.length).toBeGreaterThan(0);
    expect(searchPage({ filter }).ids).toEqual(want);
  });

  test('prompts are excluded without a filter', () => {
    const names = new Set(searchPage({}).ids);
    for (const m of models) expect(names.has(m.name)).toBe(!isPrompt(m));
  });
});

describe('registered-models/search order and paging', () => {
  const orders: Array<[string[], SortKey<FakeModel>[]]> = [
    [[], []],
    [['name'], []],
    [['name DESC'], [{ get: (m) => m.name, descending: true }]],
    [['attributes.name desc'], [{ get: (m) => m.name, descending: true }]],
    [['creation_timestamp'], [{ get: (m) => m.creationTime }]],
    [['timestamp DESC'], [{ get: (m) => m.creationTime, descending: true }]],
    [['last_updated_timestamp DESC'], [{ get: (m) => m.lastUpdatedTime, descending: true }]],
    [['last_updated_timestamp', 'name DESC', 'creation_timestamp'], [{ get: (m) => m.lastUpdatedTime }, { get: (m) => m.name, descending: true }]],
    [['creation_timestamp DESC', 'last_updated_timestamp ASC'], [{ get: (m) => m.creationTime, descending: true }, { get: (m) => m.lastUpdatedTime }]],
    [['timestamp', 'creation_timestamp DESC'], [{ get: (m) => m.creationTime }]],
  ];

  test.each(orders)('order_by %j: pages of 1 and 7 concatenate to the one-query order', (orderBy, keys) => {
    const want = expected(() => true, keys);
    expect(searchPage({ orderBy }).ids).toEqual(want);
    expect(searchAllPages({ orderBy }, 1)).toEqual(want);
    expect(searchAllPages({ orderBy }, 7)).toEqual(want);
  });

  test('paging with a filter, including the prompt filter MLflow 3 clients add', () => {
    const filter = "name ILIKE '%model%' AND tag.`mlflow.prompt.is_prompt` != 'true'";
    const want = expected((m) => like(m.name, '%model%', true), [{ get: (m) => m.lastUpdatedTime, descending: true }]);
    expect(want.length).toBeGreaterThan(5);
    expect(searchAllPages({ filter, orderBy: ['last_updated_timestamp DESC'] }, 3)).toEqual(want);
  });

  test('a page of exactly the remaining rows has no next token', () => {
    const all = expected(() => true);
    const first = searchPage({ maxResults: all.length - 4 });
    expect(first.next).toBeDefined();
    const last = searchPage({ maxResults: 4, pageToken: first.next });
    expect(last.ids).toEqual(all.slice(-4));
    expect(last.next).toBeUndefined();
  });

  test('rows carry the name under `name` and the sort keys', () => {
    const { rows } = searchPage({ orderBy: ['last_updated_timestamp DESC'], maxResults: 3 });
    expect(Object.keys(rows[0]).sort()).toEqual(['name', 'sk0']);
    expect(Object.keys(searchPage({ maxResults: 3 }).rows[0])).toEqual(['name']);
  });

  test('equivalent orders share page tokens; other searches reject them', () => {
    const pageToken = searchPage({ orderBy: [], maxResults: 5 }).next;
    expect(pageToken).toBeDefined();
    expect(searchPage({ orderBy: ['name ASC'], maxResults: 5, pageToken }).ids).toEqual(expected(() => true).slice(5, 10));

    for (const other of [
      { orderBy: ['name DESC'] },
      { filter: "name LIKE 'm%'" },
      { filter: "tags.`mlflow.prompt.is_prompt` = 'true'" },
    ]) {
      const error = errorOf(() => compileRegisteredModelSearch(fullQuery({ ...other, pageToken }), sqlite));
      expect(error?.code).toBe('INVALID_PARAMETER_VALUE');
      expect(error?.message).toMatch(/issued for a different search/);
    }
    // Nor does a model-version search accept a registered-model token.
    expect(errorOf(() => compileModelVersionSearch({ maxResults: 5, pageToken }, sqlite))?.message).toMatch(
      /different search/,
    );
  });
});

describe('registered-models/search errors', () => {
  test.each<[Query, RegExp]>([
    [{ filter: "name > 'a'" }, /operator '>' is not supported for 'name'; use one of =, !=, LIKE, ILIKE/],
    [{ filter: "name IN ('a')" }, /operator 'IN' is not supported/],
    [{ filter: "tags.team IN ('a')" }, /operator 'IN' is not supported for 'tags.team'/],
    [{ filter: 'creation_timestamp > 5' }, /unknown attribute 'creation_timestamp'; expected one of name or a prefixed key such as tags.<key>/],
    [{ filter: 'timestamp > 5' }, /unknown attribute 'timestamp'/],
    [{ filter: "run_id = 'a'" }, /unknown attribute 'run_id'/],
    [{ filter: "metrics.x = 'a'" }, /unknown entity type 'metrics'/],
    [{ filter: "name = 'a' OR name = 'b'" }, /'OR' is not supported/],
    [{ filter: "(name = 'a')" }, /parentheses/],
    [{ filter: 'name = a' }, /expects a quoted string/],
    [{ filter: "name = 'a" }, /unterminated/],
    [{ orderBy: ['tags.team'] }, /cannot order by 'tags.team'; expected one of the attributes name, creation_timestamp, last_updated_timestamp/],
    [{ orderBy: ['version_number'] }, /cannot order by 'version_number'/],
    [{ orderBy: ['name ASC DESC'] }, /only one direction/],
    [{ orderBy: ['name sideways'] }, /expected ASC, DESC/],
    [{ orderBy: [''] }, /the item is empty/],
    [{ maxResults: 0 }, /max_results must be a positive integer/],
    [{ pageToken: 'not a token!' }, /malformed/],
    [{ pageToken: Buffer.from('{"v":1,"h":"x","k":[]}').toString('base64url') }, /different search/],
  ])('%j', (q, message) => {
    const error = errorOf(() => compileRegisteredModelSearch(fullQuery(q), sqlite));
    expect(error?.code).toBe('INVALID_PARAMETER_VALUE');
    expect(error?.message).toMatch(message);
  });

  test('a token with the right shape but a wrong cursor is malformed', () => {
    const token = searchPage({ orderBy: ['creation_timestamp'], maxResults: 2 }).next as string;
    const payload = decodeToken(token);
    payload.k[0] = 'not a number';
    const forged = encodeToken(payload);
    expect(errorOf(() => compileRegisteredModelSearch(fullQuery({ orderBy: ['creation_timestamp'], pageToken: forged }), sqlite))?.message).toMatch(/malformed/);
  });
});

describe('registered-models/search SQL', () => {
  test('PostgreSQL SQL numbers its placeholders $1..$n', () => {
    const q = {
      filter: "name LIKE '%' AND tags.team ILIKE '%i%' AND tags.team != 'x'",
      orderBy: ['creation_timestamp DESC'],
      maxResults: 2,
    };
    const pageToken = searchPage(q).next;
    expect(pageToken).toBeDefined();
    const compiled = compileRegisteredModelSearch({ ...q, pageToken }, postgresql);
    expectNumberedPlaceholders(compiled);
    expect(compiled.sql).not.toContain('?');
    expect(compiled.sql).toContain("rm.name LIKE $1 ESCAPE ''");
    expect(compiled.sql).toContain('ILIKE $');
    expect(compiled.sql).toMatch(/^SELECT rm\.creation_timestamp AS sk0, rm\.name AS name FROM registered_models rm WHERE /);
    expect(compiled.sql).toMatch(/ORDER BY rm\.creation_timestamp DESC, rm\.name ASC LIMIT \$\d+$/);
    expect(compiled.params.at(-1)).toBe(3);
  });

  test('SQLite LIKE is case-sensitive (GLOB), ILIKE is not', () => {
    const compiled = compileRegisteredModelSearch({ filter: "name LIKE 'a%' AND name ILIKE 'B%'", maxResults: 1 }, sqlite);
    expect(compiled.sql).toContain('rm.name GLOB ?');
    expect(compiled.sql).toContain('LOWER(rm.name) LIKE LOWER(?)');
    expect(compiled.params.slice(0, 2)).toEqual(['a*', 'B%']);
  });
});
