import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunStatus, RunTableRow, ViewType } from '@/lib/domain';
import type { RunTableOptions } from '@/server/search/runs-query';
import type { RunTableQuery } from '@/server/store/tracking-store';
import { openTempStore, type TempStore } from '../support/temp-store';
import { collectPages, history, makeRun } from './helpers';

/**
 * The runs-table reads of the SQL store (server/store/sql/run-table-queries.ts) on a real SQLite
 * file: child counts, nesting filters, status filters, counts, column keys and run counts.
 *
 * The tree in experiment A:
 *   p1 (FINISHED)  ── c1 (FINISHED), c2 (FAILED), c3 (deleted) ── g1 (grandchild of p1, FINISHED)
 *   p2 (RUNNING)   ── c4 (KILLED)
 *   p3 (deleted)   ── c5 (deleted), c6 (active, FINISHED)
 *   s1 (FAILED), s2 (RUNNING)      (no children)
 */

let t: TempStore;
let expA: string;
let expB: string;
let expEmpty: string;
const id: Record<string, string> = {};

interface Node {
  parent?: string;
  status: RunStatus;
  deleted?: boolean;
}

const TREE: Record<string, Node> = {
  p1: { status: 'FINISHED' },
  p2: { status: 'RUNNING' },
  p3: { status: 'FINISHED', deleted: true },
  s1: { status: 'FAILED' },
  s2: { status: 'RUNNING' },
  c1: { parent: 'p1', status: 'FINISHED' },
  c2: { parent: 'p1', status: 'FAILED' },
  c3: { parent: 'p1', status: 'FINISHED', deleted: true },
  c4: { parent: 'p2', status: 'KILLED' },
  c5: { parent: 'p3', status: 'FINISHED', deleted: true },
  c6: { parent: 'p3', status: 'FINISHED' },
  g1: { parent: 'c3', status: 'FINISHED' },
};

beforeAll(async () => {
  t = await openTempStore();
  expA = await t.store.createExperiment({ name: 'A', tags: [] });
  expB = await t.store.createExperiment({ name: 'B', tags: [] });
  expEmpty = await t.store.createExperiment({ name: 'empty', tags: [] });
  let start = 5000;
  for (const [name, node] of Object.entries(TREE)) {
    id[name] = await makeRun(t.store, {
      experimentId: expA,
      name,
      startTime: start--,
      parent: node.parent ? id[node.parent] : undefined,
      status: node.status,
      deleted: node.deleted,
      metrics: history('loss', [1, 0.5]),
      params: { lr: '0.1', [`only_${name}`]: 'x' },
    });
  }
  // Experiment B: other keys, several runs; one of them deleted.
  for (let i = 0; i < 4; i += 1) {
    await makeRun(t.store, {
      experimentId: expB,
      name: `b${i}`,
      metrics: history(i % 2 ? 'zeta' : 'acc', [i]),
      params: { batch: String(i), ...(i === 0 ? { lr: '1' } : {}) },
      tags: { 'team': 'vision', ...(i === 2 ? { 'b.extra': 'y' } : {}) },
      deleted: i === 3,
    });
  }
});

afterAll(async () => {
  await t.cleanup();
});

const names = (rows: RunTableRow[]) => rows.map((r) => Object.keys(id).find((k) => id[k] === r.run.info.runId) ?? r.run.info.runName).sort();

function query(table: RunTableOptions = {}, viewType: ViewType = 'ACTIVE_ONLY', filter = ''): RunTableQuery {
  return { experimentIds: [expA], filter, orderBy: [], viewType, maxResults: 1000, table };
}

/** What the tree says should match, computed without SQL. */
function expectedNames(table: RunTableOptions, viewType: ViewType): string[] {
  const inView = (n: (typeof TREE)[string]) => (viewType === 'ALL' ? true : viewType === 'DELETED_ONLY' ? !!n.deleted : !n.deleted);
  return Object.entries(TREE)
    .filter(([, n]) => inView(n))
    // Top level: no parent, or a parent this view does not show.
    .filter(([, n]) => !table.topLevelOnly || !n.parent || !inView(TREE[n.parent]))
    .filter(([, n]) => table.parentRunId === undefined || (n.parent !== undefined && id[n.parent] === table.parentRunId))
    .filter(([, n]) => !table.statuses?.length || table.statuses.includes(n.status))
    .map(([name]) => name)
    .sort();
}

describe('searchRunTable', () => {
  it('counts only the children visible in the view type', async () => {
    const counts = async (viewType: ViewType) => {
      const page = await t.store.searchRunTable(query({}, viewType));
      return Object.fromEntries(page.items.map((r) => [names([r])[0], r.childRunCount]));
    };
    expect(await counts('ACTIVE_ONLY')).toEqual({ p1: 2, p2: 1, s1: 0, s2: 0, c1: 0, c2: 0, c4: 0, c6: 0, g1: 0 });
    expect(await counts('DELETED_ONLY')).toEqual({ p3: 1, c3: 0, c5: 0 });
    expect(await counts('ALL')).toEqual({ p1: 3, p2: 1, p3: 2, s1: 0, s2: 0, c1: 0, c2: 0, c3: 1, c4: 0, c5: 0, c6: 0, g1: 0 });
  });

  it('topLevelOnly leaves out runs whose parent the same table shows; orphans stand at the top', async () => {
    // c6's parent p3 is deleted: in the active view nobody could expand p3, so c6 is top level.
    // g1's parent c3 is deleted as well, so in the active view g1 stands at the top too.
    expect(names((await t.store.searchRunTable(query({ topLevelOnly: true }))).items)).toEqual(['c6', 'g1', 'p1', 'p2', 's1', 's2']);
    // c3 is deleted under the active p1: in the deleted view it has no visible parent.
    expect(names((await t.store.searchRunTable(query({ topLevelOnly: true }, 'DELETED_ONLY'))).items)).toEqual(['c3', 'p3']);
    expect(names((await t.store.searchRunTable(query({ topLevelOnly: true }, 'ALL'))).items)).toEqual(['p1', 'p2', 'p3', 's1', 's2']);
  });

  it('parentRunId gives the direct children only, in the view type', async () => {
    expect(names((await t.store.searchRunTable(query({ parentRunId: id.p1 }))).items)).toEqual(['c1', 'c2']);
    expect(names((await t.store.searchRunTable(query({ parentRunId: id.p1 }, 'ALL'))).items)).toEqual(['c1', 'c2', 'c3']);
    expect(names((await t.store.searchRunTable(query({ parentRunId: id.c3 }))).items)).toEqual(['g1']);
    expect((await t.store.searchRunTable(query({ parentRunId: id.s1 }))).items).toEqual([]);
    expect((await t.store.searchRunTable(query({ parentRunId: 'no-such-run' }))).items).toEqual([]);
  });

  it('a child row of a parent query carries its own child count', async () => {
    const rows = (await t.store.searchRunTable(query({ parentRunId: id.p1 }, 'ALL'))).items;
    expect(Object.fromEntries(rows.map((r) => [names([r])[0], r.childRunCount]))).toEqual({ c1: 0, c2: 0, c3: 1 });
  });

  it('statuses keeps only runs in one of the given statuses', async () => {
    expect(names((await t.store.searchRunTable(query({ statuses: ['FAILED'] }))).items)).toEqual(['c2', 's1']);
    expect(names((await t.store.searchRunTable(query({ statuses: ['RUNNING', 'KILLED'] }))).items)).toEqual(['c4', 'p2', 's2']);
    expect((await t.store.searchRunTable(query({ statuses: ['SCHEDULED'] }))).items).toEqual([]);
    // An empty list is no filter.
    expect(names((await t.store.searchRunTable(query({ statuses: [] }))).items)).toEqual(expectedNames({}, 'ACTIVE_ONLY'));
  });

  it('table options combine with each other and with the filter', async () => {
    const rows = (await t.store.searchRunTable(query({ topLevelOnly: true, statuses: ['FINISHED', 'FAILED'] }, 'ACTIVE_ONLY', "run_name != 's1'"))).items;
    expect(names(rows)).toEqual(['c6', 'g1', 'p1']);
  });

  const MATRIX: Array<[RunTableOptions, ViewType]> = [
    [{}, 'ACTIVE_ONLY'],
    [{}, 'ALL'],
    [{}, 'DELETED_ONLY'],
    [{ topLevelOnly: true }, 'ACTIVE_ONLY'],
    [{ topLevelOnly: true }, 'ALL'],
    [{ statuses: ['FINISHED'] }, 'ALL'],
    [{ topLevelOnly: true, statuses: ['RUNNING', 'FAILED'] }, 'ACTIVE_ONLY'],
    [{ parentRunId: 'p1' }, 'ACTIVE_ONLY'],
    [{ parentRunId: 'p3' }, 'ALL'],
    [{ parentRunId: 'p3', statuses: ['FINISHED'] }, 'DELETED_ONLY'],
  ];

  it.each(MATRIX)('matches the tree and countRuns equals the rows paged through for %j in %s', async (options, viewType) => {
    const table = options.parentRunId ? { ...options, parentRunId: id[options.parentRunId] } : options;
    const pages = await collectPages((maxResults, pageToken) => t.store.searchRunTable({ ...query(table, viewType), maxResults, pageToken }), 2);
    const rows = pages.flat();
    expect(new Set(rows.map((r) => r.run.info.runId)).size).toBe(rows.length);
    expect(names(rows)).toEqual(expectedNames(table, viewType));
    expect(await t.store.countRuns({ experimentIds: [expA], filter: '', viewType, table })).toBe(rows.length);
  });

  it('countRuns ignores an offset', async () => {
    expect(await t.store.countRuns({ experimentIds: [expA], filter: '', viewType: 'ALL', table: { offset: 5 } })).toBe(Object.keys(TREE).length);
  });

  it('counts over several experiments and ignores ids that name none', async () => {
    const count = (experimentIds: string[]) => t.store.countRuns({ experimentIds, filter: '', viewType: 'ALL', table: {} });
    expect(await count([expA, expB])).toBe(Object.keys(TREE).length + 4);
    expect(await count([expEmpty])).toBe(0);
    expect(await count(['999'])).toBe(0);
    expect(await count([])).toBe(0);
  });
});

describe('listRunKeys', () => {
  it('gives the distinct param, metric and tag keys of the experiments, sorted', async () => {
    const keys = await t.store.listRunKeys([expA, expB]);
    const onlyParams = Object.keys(TREE).map((n) => `only_${n}`);
    expect(keys.params).toEqual(['batch', 'lr', ...onlyParams].sort());
    expect(keys.metrics).toEqual(['acc', 'loss', 'zeta']);
    expect(keys.tags).toEqual(['b.extra', 'mlflow.parentRunId', 'mlflow.runName', 'team']);
    for (const list of [keys.params, keys.metrics, keys.tags]) {
      expect(new Set(list).size).toBe(list.length);
      expect([...list].sort()).toEqual(list);
    }
  });

  it('gives only the keys of the experiments asked for', async () => {
    const keys = await t.store.listRunKeys([expB]);
    expect(keys).toEqual({ params: ['batch', 'lr'], metrics: ['acc', 'zeta'], tags: ['b.extra', 'mlflow.runName', 'team'] });
  });

  it('gives empty lists for an experiment without runs, an unknown id, or no ids', async () => {
    const none = { params: [], metrics: [], tags: [] };
    expect(await t.store.listRunKeys([expEmpty])).toEqual(none);
    expect(await t.store.listRunKeys(['424242'])).toEqual(none);
    expect(await t.store.listRunKeys([])).toEqual(none);
    expect(await t.store.listRunKeys(['not-a-number'])).toEqual(none);
  });
});

describe('experimentRunCounts', () => {
  it('counts active and deleted runs per experiment, zeros for empty or unknown ones, each id once', async () => {
    const counts = await t.store.experimentRunCounts([expB, expA, expEmpty, '424242', expB]);
    const deletedInA = Object.values(TREE).filter((n) => n.deleted).length;
    expect(counts).toEqual([
      { experimentId: expB, active: 3, deleted: 1 },
      { experimentId: expA, active: Object.keys(TREE).length - deletedInA, deleted: deletedInA },
      { experimentId: expEmpty, active: 0, deleted: 0 },
      { experimentId: '424242', active: 0, deleted: 0 },
    ]);
  });

  it('gives nothing for no ids', async () => {
    expect(await t.store.experimentRunCounts([])).toEqual([]);
  });

  it('follows a run being deleted and restored', async () => {
    const exp = await t.store.createExperiment({ name: 'lifecycle', tags: [] });
    const run = await makeRun(t.store, { experimentId: exp });
    expect(await t.store.experimentRunCounts([exp])).toEqual([{ experimentId: exp, active: 1, deleted: 0 }]);
    await t.store.setRunLifecycle(run, 'deleted');
    expect(await t.store.experimentRunCounts([exp])).toEqual([{ experimentId: exp, active: 0, deleted: 1 }]);
    await t.store.setRunLifecycle(run, 'active');
    expect(await t.store.experimentRunCounts([exp])).toEqual([{ experimentId: exp, active: 1, deleted: 0 }]);
  });
});
