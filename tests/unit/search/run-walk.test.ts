import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompiledSearch } from '@/server/search/compiled-search';
import { PROBE_ROWS, walkBudget } from '@/server/search/run-walk';
import { compileRunSearch, type RunSearchQuery } from '@/server/search/runs-query';
import type { SqlSession } from '@/server/store/sql/database';
import { postgresql, sqlite } from '@/server/store/sql/dialect';
import { searchRows } from '@/server/store/sql/paged-query';
import { insertRuns, openDatabase, random, type FakeRun } from './fixtures';
import { like, sortBy, type SortKey } from './oracle';
import { decodeToken, type Row } from './paging';

/**
 * The index walks of runs/search (server/search/run-walk.ts) against a plain-TS oracle on a
 * randomized store: NaN, ±Infinity and missing latest values, many ties, deleted runs, several
 * experiments. Every search is run three ways, each page by the store's own `searchRows`: walking
 * (probe ignored), the one statement, and the store's choice; and pages of mixed sizes switch way
 * at random, so a token written by one form is continued by the other.
 */

type Mode = 'walk' | 'sql' | 'store';
type Query = Partial<RunSearchQuery>;

const session = (db: ReturnType<typeof openDatabase>['db']): SqlSession => ({
  dialect: sqlite,
  query: async <T,>(text: string, params: unknown[] = []) => db.prepare(text).all(...params) as T[],
  execute: async () => 0,
});

function forced(compiled: CompiledSearch, mode: Mode): CompiledSearch {
  if (mode === 'sql') return { ...compiled, walk: undefined };
  if (mode === 'walk' && compiled.walk) {
    return { ...compiled, walk: { segments: compiled.walk.segments.map((segment) => ({ ...segment, probe: undefined })) } };
  }
  return compiled;
}

/** One page as the store answers it, in the given mode. */
async function page(s: SqlSession, q: RunSearchQuery, mode: Mode): Promise<{ rows: Row[]; ids: string[]; next?: string }> {
  const compiled = compileRunSearch(q, sqlite);
  const rows = await searchRows(s, forced(compiled, mode), q.maxResults);
  const kept = rows.slice(0, q.maxResults);
  return {
    rows: kept,
    ids: kept.map((r) => String(r.run_uuid)),
    next: rows.length > q.maxResults ? compiled.pageTokenFor(kept[kept.length - 1]) : undefined,
  };
}

/** Every page from the first to the last; page sizes and (for 'mixed') modes taken in turn. */
async function allPages(s: SqlSession, q: RunSearchQuery, sizes: number[], mode: Mode | 'mixed', seed = 1): Promise<string[]> {
  const rnd = random(seed);
  const modes: Mode[] = ['walk', 'sql', 'store'];
  const ids: string[] = [];
  const seen = new Set<string>();
  let pageToken: string | undefined;
  for (let i = 0; i < 5_000; i += 1) {
    const maxResults = sizes[i % sizes.length];
    const m = mode === 'mixed' ? modes[Math.floor(rnd() * modes.length)] : mode;
    const p = await page(s, { ...q, maxResults, pageToken }, m);
    expect(p.ids.length).toBeLessThanOrEqual(maxResults);
    ids.push(...p.ids);
    if (!p.next) return ids;
    if (ids.length > RUN_LIMIT) throw new Error(`${ids.length} rows and more to come: paging repeats runs`);
    if (seen.has(p.next)) throw new Error(`page ${i + 1} gives a page token already seen: paging does not advance`);
    seen.add(p.next);
    pageToken = p.next;
  }
  throw new Error('paging does not terminate');
}

// ---------------------------------------------------------------------------------------------
// Data: few distinct values and start times, so ties are everywhere.

/** No database here holds more runs: paging past this many rows repeats some. */
const RUN_LIMIT = 3000;

const LOSSES = [-0.5, 0, 0.125, 0.25, 0.5, 1, 2, 3.5];

function makeWalkRuns(count: number, seed: number, options: { experiments?: number[]; rareShare?: number } = {}): FakeRun[] {
  const rnd = random(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const experiments = options.experiments ?? [1, 1, 1, 2, 3];
  return Array.from({ length: count }, (_, i) => {
    const runId = Array.from({ length: 32 }, () => pick('0123456789abcdef'.split(''))).join('');
    const metrics: Record<string, number> = {};
    const m = rnd();
    if (m < 0.1) metrics.loss = Number.NaN;
    else if (m < 0.14) metrics.loss = Number.POSITIVE_INFINITY;
    else if (m < 0.17) metrics.loss = Number.NEGATIVE_INFINITY;
    else if (m < 0.85) metrics.loss = pick(LOSSES);
    if (rnd() < 0.6) metrics.acc = rnd() < 0.1 ? Number.NaN : pick([0.1, 0.2, 0.3, 0.9]);
    if (rnd() < (options.rareShare ?? 0.03)) metrics.rare = pick([1, 2]);
    const params: Record<string, string> = {};
    if (rnd() < 0.75) params.opt = pick(['adam', 'sgd', 'Adam', 'rms']);
    if (rnd() < 0.9) params.lr = pick(['0.1', '0.01', '0.001']);
    if (rnd() < 0.7) params.seed = `s${i}`;
    const tags: Record<string, string> = {};
    if (rnd() < 0.6) tags.team = pick(['a', 'ab', 'b', 'c']);
    if (rnd() < 0.05) tags.stage = 'prod';
    return {
      runId,
      experimentId: pick(experiments),
      name: pick(['alpha', 'beta']),
      userId: 'u',
      status: pick(['RUNNING', 'FINISHED']),
      startTime: 1_700_000_000_000 + Math.floor(rnd() * 15) * 1000,
      endTime: null,
      lifecycleStage: rnd() < 0.12 ? 'deleted' : 'active',
      artifactUri: `s3://b/${runId}`,
      params,
      tags,
      metrics,
      inputs: [],
    };
  });
}

const num = (v: number | undefined): v is number => v !== undefined && !Number.isNaN(v);
const metric = (key: string, descending = false): SortKey<FakeRun> => ({ get: (r) => r.metrics[key], descending });
const param = (key: string, descending = false): SortKey<FakeRun> => ({ get: (r) => r.params[key], descending });
const tag = (key: string, descending = false): SortKey<FakeRun> => ({ get: (r) => r.tags[key], descending });
const startTime = (descending: boolean): SortKey<FakeRun> => ({ get: (r) => r.startTime, descending });
const DEFAULT_ORDER: SortKey<FakeRun>[] = [startTime(true), { get: (r) => r.runId }];

const SCOPES: Array<{ name: string; experimentIds: string[]; viewType: RunSearchQuery['viewType']; in: (r: FakeRun) => boolean }> = [
  { name: 'experiment 1, active', experimentIds: ['1'], viewType: 'ACTIVE_ONLY', in: (r) => r.experimentId === 1 && r.lifecycleStage === 'active' },
  { name: 'experiments 1+2, all', experimentIds: ['2', '1'], viewType: 'ALL', in: (r) => r.experimentId !== 3 },
  { name: 'experiment 1, deleted', experimentIds: ['1'], viewType: 'DELETED_ONLY', in: (r) => r.experimentId === 1 && r.lifecycleStage === 'deleted' },
];

const ORDERS: Array<[string[], SortKey<FakeRun>[]]> = [
  [['metrics.loss'], [metric('loss')]],
  [['metrics.loss DESC'], [metric('loss', true)]],
  [['params.opt'], [param('opt')]],
  [['params.opt DESC'], [param('opt', true)]],
  [['tags.team'], [tag('team')]],
  [['tags.team DESC'], [tag('team', true)]],
  [['metrics.acc DESC', 'params.lr'], [metric('acc', true), param('lr')]],
  [['params.lr', 'metrics.loss DESC'], [param('lr'), metric('loss', true)]],
  [['metrics.rare'], [metric('rare')]],
  [['params.seed DESC'], [param('seed', true)]],
  [['metrics.loss', 'start_time ASC'], [metric('loss'), startTime(false)]],
  [[], []],
  [['start_time ASC'], [startTime(false)]],
  [['attributes.start_time DESC', 'metrics.loss'], [startTime(true), metric('loss')]],
];

function filters(runs: FakeRun[]): Array<[string, (r: FakeRun) => boolean]> {
  const seeded = runs.find((r) => r.params.seed !== undefined && r.experimentId === 1)!;
  return [
    ['', () => true],
    ['metrics.loss < 0.5', (r) => num(r.metrics.loss) && r.metrics.loss < 0.5],
    ['metrics.loss != 0.25', (r) => num(r.metrics.loss) && r.metrics.loss !== 0.25],
    ['metrics.loss >= 0 and metrics.loss <= 2', (r) => num(r.metrics.loss) && r.metrics.loss >= 0 && r.metrics.loss <= 2],
    ["params.opt = 'adam'", (r) => r.params.opt === 'adam'],
    ["params.opt != 'adam'", (r) => r.params.opt !== undefined && r.params.opt !== 'adam'],
    ["params.lr LIKE '0.0%'", (r) => like(r.params.lr, '0.0%')],
    ["tags.team LIKE 'a%'", (r) => like(r.tags.team, 'a%')],
    ['metrics.acc > 0.2', (r) => num(r.metrics.acc) && r.metrics.acc > 0.2],
    [`params.seed = '${seeded.params.seed}'`, (r) => r.params.seed === seeded.params.seed],
    ["attributes.status = 'FINISHED'", (r) => r.status === 'FINISHED'],
    ["metrics.loss < 1 and params.opt = 'sgd'", (r) => num(r.metrics.loss) && r.metrics.loss < 1 && r.params.opt === 'sgd'],
    ["tags.stage = 'prod' and params.opt != 'rms'", (r) => r.tags.stage === 'prod' && r.params.opt !== undefined && r.params.opt !== 'rms'],
    [`run_id IN ('${runs[0].runId}', '${runs[1].runId}', '${runs[2].runId}')`, (r) => runs.slice(0, 3).includes(r)],
    ["params.opt ILIKE 'ADAM'", (r) => r.params.opt?.toLowerCase() === 'adam'],
  ];
}

function expected(runs: FakeRun[], scope: (r: FakeRun) => boolean, predicate: (r: FakeRun) => boolean, keys: SortKey<FakeRun>[]) {
  return sortBy(runs.filter((r) => scope(r) && predicate(r)), [...keys, ...DEFAULT_ORDER]).map((r) => r.runId);
}

// ---------------------------------------------------------------------------------------------

describe('runs/search index walks give the one statement\'s rows, in order, on every page', () => {
  let handle: ReturnType<typeof openDatabase>;
  let s: SqlSession;
  const runs = makeWalkRuns(420, 2024);
  const cases = filters(runs);

  beforeAll(() => {
    handle = openDatabase();
    insertRuns(handle.db, runs);
    s = session(handle.db);
  });
  afterAll(() => handle.close());

  let n = 0;
  for (const [orderBy, keys] of ORDERS) {
    for (const [filter, predicate] of cases) {
      n += 1;
      const scope = SCOPES[n % SCOPES.length];
      const sizes = [[5], [3, 40, 1, 12], [17], [2, 9]][n % 4];
      const name = `order [${orderBy.join(', ')}], filter "${filter}", ${scope.name}`;

      test(name, async () => {
        const q: RunSearchQuery = { experimentIds: scope.experimentIds, viewType: scope.viewType, filter, orderBy, maxResults: 1000 };
        const want = expected(runs, scope.in, predicate, keys);
        // One page holding everything: the walk's rows are the statement's, column for column.
        const walked = await page(s, q, 'walk');
        const single = await page(s, q, 'sql');
        expect(single.ids).toEqual(want);
        expect(walked.rows).toEqual(single.rows);
        expect((await page(s, q, 'store')).ids).toEqual(want);
        // Paged: each run exactly once, in order, whichever form writes or reads the tokens.
        expect(await allPages(s, q, sizes, 'walk')).toEqual(want);
        expect(await allPages(s, q, sizes, 'mixed', n)).toEqual(want);
      });
    }
  }

  test('pages of one collect every run exactly once for metric, param and tag orders in both directions', async () => {
    for (const [orderBy, keys] of ORDERS.slice(0, 6)) {
      const q: RunSearchQuery = { experimentIds: ['1', '2', '3'], viewType: 'ALL', orderBy, maxResults: 1 };
      const want = expected(runs, () => true, () => true, keys);
      const got = await allPages(s, q, [1], 'mixed', 7);
      expect(new Set(got).size).toBe(runs.length);
      expect(got).toEqual(want);
    }
  });

  test('each page of the walk has the same rows and next token as the one statement', async () => {
    const q: RunSearchQuery = { experimentIds: ['1', '2'], viewType: 'ACTIVE_ONLY', orderBy: ['metrics.loss DESC', 'params.opt'], maxResults: 6 };
    let pageToken: string | undefined;
    for (let i = 0; i < 200; i += 1) {
      const walked = await page(s, { ...q, pageToken }, 'walk');
      const single = await page(s, { ...q, pageToken }, 'sql');
      expect(walked).toEqual(single);
      if (!single.next) return;
      pageToken = single.next;
    }
    throw new Error('paging does not terminate');
  });

  test('a token starts the walk at its rank: NaN and missing pages skip the earlier segments', async () => {
    const q: RunSearchQuery = { experimentIds: ['1'], viewType: 'ACTIVE_ONLY', orderBy: ['metrics.loss'], maxResults: 4 };
    const ranks = new Set<number>();
    let pageToken: string | undefined;
    const ids: string[] = [];
    for (let i = 0; i < RUN_LIMIT; i += 1) {
      const compiled = compileRunSearch({ ...q, pageToken }, sqlite);
      const rank = pageToken ? Number(decodeToken(pageToken).k[0]) : 0;
      ranks.add(rank);
      expect(compiled.walk!.segments).toHaveLength(3 - rank);
      const p = await page(s, { ...q, pageToken }, 'walk');
      ids.push(...p.ids);
      if (!p.next) break;
      pageToken = p.next;
    }
    expect([...ranks].sort()).toEqual([0, 1, 2]);
    expect(ids).toEqual(expected(runs, (r) => r.experimentId === 1 && r.lifecycleStage === 'active', () => true, [metric('loss')]));
  });

  test('a filter on the order key leaves only the segment of runs with a value', () => {
    for (const filter of ['metrics.loss < 0.5', 'metrics.loss != 0', "params.opt = 'x'"]) {
      const orderBy = [filter.startsWith('metrics') ? 'metrics.loss' : 'params.opt DESC'];
      const compiled = compileRunSearch({ experimentIds: ['1'], viewType: 'ACTIVE_ONLY', filter, orderBy, maxResults: 5 }, sqlite);
      expect(compiled.walk!.segments).toHaveLength(1);
      expect(compiled.walk!.segments[0].sql).toContain('o0.value');
      expect(compiled.walk!.segments[0].sql).not.toContain('EXISTS');
    }
  });

  test('searches that cannot stream have no walk: min/max order, offset jumps, start time over several experiments', () => {
    const base: RunSearchQuery = { experimentIds: ['1'], viewType: 'ACTIVE_ONLY', maxResults: 5, filter: "params.opt = 'adam'" };
    expect(compileRunSearch({ ...base, orderBy: ['min(metrics.loss)'], table: {} }, sqlite).walk).toBeUndefined();
    expect(compileRunSearch({ ...base, orderBy: ['metrics.loss'], table: { offset: 10 } }, sqlite).walk).toBeUndefined();
    expect(compileRunSearch({ ...base, experimentIds: ['1', '2'] }, sqlite).walk).toBeUndefined();
    expect(compileRunSearch({ ...base, viewType: 'ALL' }, sqlite).walk).toBeUndefined();
    expect(compileRunSearch({ ...base, filter: "attributes.status = 'FINISHED'" }, sqlite).walk).toBeUndefined();
    expect(compileRunSearch({ ...base, orderBy: ['run_name'] }, sqlite).walk).toBeUndefined();
    expect(compileRunSearch(base, sqlite).walk).toBeDefined();
    expect(compileRunSearch({ ...base, orderBy: ['metrics.loss'], experimentIds: ['1', '2'], viewType: 'ALL' }, sqlite).walk).toBeDefined();
  });
});

describe('the probe chooses between the walk and the one statement', () => {
  let handle: ReturnType<typeof openDatabase>;
  let s: SqlSession;
  const runs = makeWalkRuns(3000, 77, { experiments: [1, 1, 1, 1, 2], rareShare: 0.02 });

  beforeAll(() => {
    handle = openDatabase();
    insertRuns(handle.db, runs);
    s = session(handle.db);
  });
  afterAll(() => handle.close());

  /** How the store answers the first page: walking all the way, or with the one statement. */
  async function choice(q: RunSearchQuery): Promise<'walk' | 'sql'> {
    const compiled = compileRunSearch(q, sqlite);
    const ran: string[] = [];
    const watched: SqlSession = { ...s, query: (text, params) => (ran.push(text), s.query(text, params)) };
    await searchRows(watched, compiled, q.maxResults);
    return ran.includes(compiled.sql) ? 'sql' : 'walk';
  }

  const inScope = (r: FakeRun) => r.experimentId === 1 && r.lifecycleStage === 'active';
  const lonely = () => runs.find((r) => inScope(r) && r.params.seed !== undefined && r.metrics.rare === undefined)!;

  const cases: Array<[string, () => Query, SortKey<FakeRun>[], (r: FakeRun) => boolean, 'walk' | 'sql']> = [
    ['dense order, no filter', () => ({ orderBy: ['metrics.loss'] }), [metric('loss')], () => true, 'walk'],
    ['dense order, dense filter', () => ({ orderBy: ['params.opt DESC'], filter: "params.lr = '0.1'" }), [param('opt', true)], (r) => r.params.lr === '0.1', 'walk'],
    [
      'one matching run, ordered by a metric',
      () => ({ orderBy: ['metrics.loss DESC'], filter: `params.seed = '${lonely().params.seed}'` }),
      [metric('loss', true)],
      (r) => r.params.seed === lonely().params.seed,
      'sql',
    ],
    ['default order, dense filter', () => ({ filter: "params.opt = 'adam'" }), [], (r) => r.params.opt === 'adam', 'walk'],
    [
      'default order, one matching run',
      () => ({ filter: `params.seed = '${lonely().params.seed}'` }),
      [],
      (r) => r.params.seed === lonely().params.seed,
      'sql',
    ],
    [
      'a rare order key, its runs and the runs without it match densely',
      () => ({ orderBy: ['metrics.rare'], filter: "params.opt = 'adam'" }),
      [metric('rare')],
      (r) => r.params.opt === 'adam',
      'walk',
    ],
    [
      'a rare order key, and one matching run without it',
      () => ({ orderBy: ['metrics.rare'], filter: `params.seed = '${lonely().params.seed}'` }),
      [metric('rare')],
      (r) => r.params.seed === lonely().params.seed,
      'sql',
    ],
    [
      'a filter on the order key itself narrows the index range',
      () => ({ orderBy: ['metrics.loss'], filter: 'metrics.loss < -0.25' }),
      [metric('loss')],
      (r) => num(r.metrics.loss) && r.metrics.loss < -0.25,
      'walk',
    ],
  ];

  test.each(cases)('%s', async (_name, query, keys, predicate, want) => {
    const q: RunSearchQuery = { experimentIds: ['1'], viewType: 'ACTIVE_ONLY', maxResults: 100, ...query() };
    expect(await choice(q)).toBe(want);
    const all = expected(runs, inScope, predicate, keys);
    expect((await page(s, q, 'store')).ids).toEqual(all.slice(0, 100));
    expect(await allPages(s, { ...q, maxResults: 250 }, [250], 'store')).toEqual(all);
  });

  test('a token among the NaN runs walks on while they fill the page, and the tail probe decides after them', async () => {
    const q: RunSearchQuery = { experimentIds: ['1'], viewType: 'ACTIVE_ONLY', orderBy: ['metrics.loss'], maxResults: 50 };
    const nanRuns = runs.filter((r) => inScope(r) && Number.isNaN(r.metrics.loss)).length;
    expect(nanRuns).toBeGreaterThan(120);
    let pageToken: string | undefined;
    for (let i = 0; i < 100 && !(pageToken && decodeToken(pageToken).k[0] === 1); i += 1) {
      pageToken = (await page(s, { ...q, pageToken }, 'store')).next;
    }
    expect(decodeToken(pageToken!).k[0]).toBe(1);
    expect(await choice({ ...q, pageToken })).toBe('walk');
    // One matching run after the NaN ones: the runs without the key are too sparse to walk.
    const filter = `params.seed = '${lonely().params.seed}'`;
    expect(await choice({ ...q, filter, orderBy: ['metrics.rare'] })).toBe('sql');
  });

  test('the probe rule: a walk that ends within the sample is taken; past it, the density decides', () => {
    const probe = compileRunSearch({ experimentIds: ['1'], viewType: 'ACTIVE_ONLY', orderBy: ['metrics.loss'], maxResults: 100 }, sqlite)
      .walk!.segments[0].probe!;
    const budget = walkBudget(101);
    expect(budget).toBe(4000);
    expect(probe.worthWalking({ taken: 10, hits: 0 }, 101)).toBe(true);
    expect(probe.worthWalking({ taken: PROBE_ROWS - 1, hits: 0 }, 101)).toBe(true);
    expect(probe.worthWalking({ taken: PROBE_ROWS, hits: 0 }, 101)).toBe(false);
    // 101 rows at 7 in 256 is ~3,700 rows read, within 4,000; at 6 in 256 it is ~4,300.
    expect(probe.worthWalking({ taken: BigInt(PROBE_ROWS), hits: 7n }, 101)).toBe(true);
    expect(probe.worthWalking({ taken: String(PROBE_ROWS), hits: '6' }, 101)).toBe(false);
    // Larger pages get a larger budget: 10 rows read per row wanted.
    expect(walkBudget(1001)).toBe(10_010);
    expect(probe.worthWalking({ taken: PROBE_ROWS, hits: 26 }, 1001)).toBe(true);
    expect(probe.worthWalking({ taken: PROBE_ROWS, hits: 25 }, 1001)).toBe(false);
  });

  test('deep in the order the probe reads from the cursor on', async () => {
    const q: RunSearchQuery = { experimentIds: ['1'], viewType: 'ACTIVE_ONLY', orderBy: ['metrics.loss'], maxResults: 50 };
    let pageToken: string | undefined;
    for (let i = 0; i < 20; i += 1) pageToken = (await page(s, { ...q, pageToken }, 'store')).next;
    const probe = compileRunSearch({ ...q, pageToken }, sqlite).walk!.segments[0].probe!;
    expect(probe.sql).toMatch(/o0\.value >= \?/);
    const [row] = await s.query<Row>(probe.sql, probe.params);
    expect(Number(row.taken)).toBe(PROBE_ROWS);
    expect(probe.worthWalking(row, 51)).toBe(true);
  });
});

describe('index walk SQL', () => {
  let handle: ReturnType<typeof openDatabase>;
  const plan = (text: string, params: unknown[]) =>
    (handle.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params, 10) as { detail: string }[]).map((r) => r.detail);

  beforeAll(() => {
    handle = openDatabase();
    insertRuns(handle.db, makeWalkRuns(50, 5));
  });
  afterAll(() => handle.close());

  const compile = (q: Query) => compileRunSearch({ experimentIds: ['1'], viewType: 'ACTIVE_ONLY', maxResults: 10, ...q }, sqlite);

  test('rank 0 reads the (key, value) index in order and probes filters by primary key', () => {
    const cases: Array<[Query, RegExp]> = [
      [{ orderBy: ['metrics.loss'], filter: "params.opt = 'adam'" }, /^SEARCH o0 USING INDEX latest_metrics_key_value_idx \(key=\? AND value>\?\)$/],
      [{ orderBy: ['params.opt DESC'], filter: 'metrics.loss > 0' }, /^SEARCH o0 USING (COVERING )?INDEX params_key_value_idx \(key=\?/],
      [{ orderBy: ['tags.team'] }, /^SEARCH o0 USING (COVERING )?INDEX tags_key_value_idx \(key=\?/],
      [{ orderBy: ['metrics.loss'], filter: 'metrics.loss < 0.5' }, /^SEARCH o0 USING INDEX latest_metrics_key_value_idx \(key=\? AND value>\? AND value<\?\)$/],
    ];
    for (const [q, first] of cases) {
      const [segment] = compile(q).walk!.segments;
      const details = plan(segment.sql, segment.params);
      expect(details[0]).toMatch(first);
      expect(details).toContain('SEARCH r USING INDEX sqlite_autoindex_runs_1 (run_uuid=?)');
      expect(details.some((d) => /^USE TEMP B-TREE FOR ORDER BY$/.test(d))).toBe(false);
      if (q.filter && !q.filter.startsWith(q.orderBy![0].split(' ')[0])) {
        expect(details.some((d) => /^SEARCH k EXISTS USING (COVERING )?INDEX sqlite_autoindex_\w+_1 \(run_uuid=\? AND key=\?\)$/.test(d))).toBe(true);
      }
    }
  });

  test('a page token bounds the index range at the cursor value', async () => {
    const s = session(handle.db);
    for (const [orderBy, op] of [['metrics.loss', '>='], ['metrics.loss DESC', '<=']] as const) {
      const q: RunSearchQuery = { experimentIds: ['1', '2', '3'], viewType: 'ALL', orderBy: [orderBy], maxResults: 2 };
      const { next } = await page(s, q, 'walk');
      const [segment] = compileRunSearch({ ...q, pageToken: next }, sqlite).walk!.segments;
      expect(segment.sql).toContain(`(o0.value ${op} ?)`);
      expect(plan(segment.sql, segment.params)[0]).toMatch(/^SEARCH o0 USING INDEX latest_metrics_key_value_idx \(key=\? AND value[<>]\?/);
    }
  });

  test('the probe reads its bounded samples first and looks runs up by primary key', () => {
    const probes = [
      ...compile({ orderBy: ['metrics.loss'], filter: "params.opt = 'adam'" }).walk!.segments.map((segment) => segment.probe),
      compile({ filter: "params.opt = 'adam'" }).walk!.segments[0].probe,
    ].filter((probe) => probe !== undefined);
    // Runs with a value and runs without the key have probes; the NaN runs have none.
    expect(probes).toHaveLength(3);
    for (const probe of probes) {
      const details = (handle.db.prepare(`EXPLAIN QUERY PLAN ${probe.sql}`).all(...probe.params) as { detail: string }[]).map((r) => r.detail);
      const samples = details.filter((d) => d === 'SCAN w').length;
      expect(samples).toBeGreaterThan(0);
      expect(details.filter((d) => /^SEARCH r USING (COVERING )?INDEX sqlite_autoindex_runs_1 \(run_uuid=\?\) LEFT-JOIN$/.test(d))).toHaveLength(samples);
      expect(details.some((d) => /AUTOMATIC|^SCAN r\b/.test(d))).toBe(false);
    }
  });

  test('the start-time walk reads runs_experiment_start_idx in order with EXISTS probes', () => {
    const [segment] = compile({ filter: "params.opt = 'adam' and tags.team = 'a'" }).walk!.segments;
    const details = plan(segment.sql, segment.params);
    expect(details[0]).toMatch(/^SEARCH r USING (COVERING )?INDEX runs_experiment_start_idx \(experiment_id=\? AND lifecycle_stage=\?\)$/);
    expect(details).not.toContain('USE TEMP B-TREE FOR ORDER BY');
    expect(segment.sql).not.toMatch(/ IN \(SELECT/);
  });

  test('PostgreSQL segments and probes number their placeholders in order, the LIMIT last', () => {
    const numbers = (text: string) => [...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
    const base: RunSearchQuery = { experimentIds: ['1', '2'], viewType: 'ACTIVE_ONLY', maxResults: 10, orderBy: ['metrics.loss DESC', 'params.lr'] };
    const queries: RunSearchQuery[] = [
      { ...base, filter: "params.opt LIKE 'a%' AND metrics.acc > 0 AND datasets.context IN ('training')" },
      { ...base, filter: "params.opt = 'a' AND metrics.loss != 3" },
      { ...base, experimentIds: ['1'], orderBy: [], filter: "params.opt = 'a'" },
    ];
    const row = { sk0: 0, sk1: 0.5, sk2: 0, sk3: '0.1', sk4: 1_700_000_000_000, run_uuid: 'abc' };
    let walks = 0;
    for (const q of queries) {
      const rowFor = q.orderBy!.length ? [row, { ...row, sk0: 1, sk1: null }, { ...row, sk0: 2, sk1: null }] : [{ sk0: 1_700_000_000_000, run_uuid: 'abc' }];
      const tokens = [undefined, ...rowFor.map((r) => compileRunSearch(q, sqlite).pageTokenFor(r))];
      for (const pageToken of tokens) {
        const walk = compileRunSearch({ ...q, pageToken }, postgresql).walk!;
        for (const segment of walk.segments) {
          expect(segment.sql).not.toContain('?');
          expect(numbers(segment.sql)).toEqual([...segment.params, 'limit'].map((_, i) => i + 1));
          if (segment.probe) {
            expect(segment.probe.sql).not.toContain('?');
            expect(numbers(segment.probe.sql)).toEqual(segment.probe.params.map((_, i) => i + 1));
          }
        }
        walks += 1;
      }
    }
    expect(walks).toBe(10);
  });
});
