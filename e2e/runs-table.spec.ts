import { expect, test, type Page } from '@playwright/test';
import { createExperiment, seedRuns, uniqueName, type SeedRun } from './support/seed';

/**
 * The runs table as a person uses it: filter with the DSL, sort by a metric, pick columns, reload,
 * expand a parent, select runs and compare them. One experiment seeded for the whole file.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const wait = { timeout: 30_000 };
const TOP = 25;
/** Final acc of top-level run i: 0.505 .. 0.985, so `acc > 0.8` keeps i >= 15. */
const acc = (i: number) => Math.round((0.505 + i * 0.02) * 1000) / 1000;
/** Final loss of run i; the smallest is run 7's. */
const loss = (i: number) => (i === 7 ? 0.05 : Math.round((0.3 + ((i * 7) % TOP) * 0.01) * 10_000) / 10_000);
const history = (last: number, n = 5) => Array.from({ length: n }, (_, s) => Math.round((last * (s + 1)) / n * 10_000) / 10_000);

const runs: SeedRun[] = [
  ...Array.from({ length: TOP }, (_, i): SeedRun => ({
    name: `run-${String(i).padStart(2, '0')}`,
    params: { lr: String(0.001 * (i + 1)), depth: String(3 + (i % 5)), optimizer: i % 2 ? 'adam' : 'sgd', seed: String(100 + i) },
    metrics: { acc: history(acc(i)), loss: [0.9, 0.7, loss(i)] },
    tags: { team: i % 2 ? 'vision' : 'nlp', 'mlflow.source.name': `jobs/train_${i % 3}.py` },
    status: i === 3 || i === 11 ? 'FAILED' : 'FINISHED',
  })),
  { name: 'sweep-a', params: { lr: '0.01', depth: '4' }, metrics: { acc: [0.7, 0.9], loss: [0.6, 0.35] } },
  ...[0, 1, 2].map((t): SeedRun => ({ name: `sweep-a-trial-${t}`, parent: 'sweep-a', params: { lr: String(0.01 * (t + 1)) }, metrics: { acc: [0.5 + t * 0.1], loss: [0.5] } })),
  { name: 'sweep-b', params: { lr: '0.02', depth: '6' }, metrics: { acc: [0.6], loss: [0.45] } },
  ...[0, 1].map((t): SeedRun => ({ name: `sweep-b-trial-${t}`, parent: 'sweep-b', metrics: { acc: [0.4], loss: [0.6] } })),
];
const topLevel = TOP + 2;
const topLevelAbove08 = Array.from({ length: TOP }, (_, i) => acc(i)).filter((a) => a > 0.8).length + 1; // + sweep-a (0.9)

let experimentId = '';
let ids: Record<string, string> = {};

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  experimentId = await createExperiment(api, uniqueName('e2e-runs-table'));
  ids = await seedRuns(api, experimentId, runs);
  await api.dispose();
});

async function openTable(page: Page, query = '') {
  await page.goto(`/experiments/${experimentId}${query}`);
  await expect(page.getByTestId('runs-table-row').first()).toBeVisible(wait);
}

/** The text of `column`'s cell in each rendered data row, top to bottom. */
/** Wheel-scrolls the table until a run's checkbox is rendered (only rows near the view are). */
async function checkRun(page: Page, name: string) {
  const box = page.getByRole('checkbox', { name: `Select run ${name}` });
  await page.getByTestId('runs-table-scroll').hover();
  for (let i = 0; i < 30 && (await box.count()) === 0; i += 1) await page.mouse.wheel(0, 300);
  await box.check();
}

async function columnValues(page: Page, column: string): Promise<string[]> {
  const headers = await page.getByRole('columnheader').evaluateAll((hs) => hs.map((h) => h.getAttribute('aria-label')));
  const index = headers.indexOf(column);
  expect(index, `column ${column} among ${headers.join(', ')}`).toBeGreaterThanOrEqual(0);
  return page.getByTestId('runs-table-row').evaluateAll((rows, i) => rows.map((r) => r.querySelectorAll('[role=cell]')[i]?.textContent?.trim() ?? ''), index);
}

test('lists the runs, filters them with the DSL, and shows a bad filter inline while keeping the rows', async ({ page }) => {
  await openTable(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('e2e-runs-table', wait);
  await expect(page.getByTestId('runs-count')).toHaveText(String(topLevel), wait);
  await expect(page.getByRole('columnheader', { name: 'Run name', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'run-24', exact: true })).toBeVisible();

  const filter = page.getByTestId('filter-input');
  await filter.fill('metrics.acc > 0.8');
  await filter.press('Enter');
  await expect(page.getByTestId('runs-count')).toHaveText(String(topLevelAbove08), wait);
  await expect(page.getByTestId('runs-table-row')).toHaveCount(topLevelAbove08, wait);
  for (const value of await columnValues(page, 'acc')) expect(Number(value)).toBeGreaterThan(0.8);
  await expect(page).toHaveURL(/filter=metrics\.acc/);

  await filter.fill('metrics.acc >');
  await filter.press('Enter');
  const error = page.getByTestId('filter-error');
  await expect(error).toBeVisible(wait);
  await expect(error).toContainText(/filter/i);
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  // The previous results stay, and so does the last good filter in the URL.
  await expect(page.getByTestId('runs-table-row')).toHaveCount(topLevelAbove08);
  await expect(page.getByTestId('runs-count')).toHaveText(String(topLevelAbove08));
  expect(decodeURIComponent(page.url().replace(/\+/g, ' '))).toContain('filter=metrics.acc > 0.8');

  // Fixing the filter clears the message.
  await filter.fill('metrics.acc > 0.9');
  await filter.press('Enter');
  await expect(error).toBeHidden(wait);
});

test('quick filters narrow the runs by status', async ({ page }) => {
  await openTable(page);
  await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Failed' }).click();
  await expect(page.getByTestId('runs-count')).toHaveText('2', wait);
  await expect(page.getByTestId('runs-table-row')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'run-03', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'run-11', exact: true })).toBeVisible();
});

test('sorts by a metric on the server when its header is clicked', async ({ page }) => {
  await openTable(page);
  const header = page.getByRole('columnheader', { name: 'loss', exact: true });
  await header.getByRole('button', { name: 'loss', exact: true }).click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending', wait);
  await expect(page.getByTestId('runs-table-row').first()).toHaveAttribute('data-run-id', ids['run-07'], wait);
  expect((await columnValues(page, 'loss'))[0]).toBe(String(loss(7)));

  await header.getByRole('button', { name: 'loss', exact: true }).click();
  await expect(header).toHaveAttribute('aria-sort', 'descending', wait);
  const values = (await columnValues(page, 'loss')).filter(Boolean).map(Number);
  expect(values[0]).toBe(Math.max(...runs.filter((r) => !r.parent).map((r) => r.metrics!.loss.at(-1)!)));
  expect([...values].sort((a, b) => b - a)).toEqual(values);
});

test('adds a param column from the chooser; filter, sort and columns survive a reload', async ({ page }) => {
  await openTable(page);
  await expect(page.getByRole('columnheader', { name: 'seed', exact: true })).toHaveCount(0);

  await page.getByTestId('filter-input').fill("params.optimizer = 'adam'");
  await page.getByTestId('filter-input').press('Enter');
  await expect(page.getByTestId('runs-count')).toHaveText('12', wait);

  await page.getByRole('columnheader', { name: 'acc', exact: true }).getByRole('button', { name: 'acc', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'acc', exact: true })).toHaveAttribute('aria-sort', 'ascending', wait);

  await page.getByTestId('column-chooser-button').click();
  const chooser = page.getByRole('dialog', { name: 'Choose columns' });
  await chooser.getByRole('searchbox', { name: 'Search columns' }).fill('see');
  await chooser.getByRole('group', { name: /Params/ }).getByRole('checkbox', { name: 'seed', exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(chooser).toBeHidden();
  await expect(page.getByRole('columnheader', { name: 'seed', exact: true })).toBeVisible();
  await expect(page).toHaveURL(/p:seed/);

  await page.reload();
  await expect(page.getByTestId('runs-table-row').first()).toBeVisible(wait);
  await expect(page.getByTestId('filter-input')).toHaveValue("params.optimizer = 'adam'");
  await expect(page.getByTestId('runs-count')).toHaveText('12', wait);
  await expect(page.getByRole('columnheader', { name: 'acc', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('columnheader', { name: 'seed', exact: true })).toBeVisible();
  // Odd runs use adam: ascending acc puts run-01 first; its seed is 101.
  await expect(page.getByTestId('runs-table-row').first()).toHaveAttribute('data-run-id', ids['run-01']);
  expect((await columnValues(page, 'seed'))[0]).toBe('101');
});

test('expands a parent to show its child runs right under it', async ({ page }) => {
  await openTable(page, '?filter=' + encodeURIComponent("params.depth = '4'"));
  const parentRow = page.locator(`[data-testid=runs-table-row][data-run-id="${ids['sweep-a']}"]`);
  await expect(parentRow).toBeVisible(wait);
  await expect(page.getByRole('link', { name: 'sweep-a-trial-0', exact: true })).toHaveCount(0);

  const toggle = parentRow.getByRole('button', { name: 'Show 3 child runs of sweep-a' });
  await toggle.click();
  await expect(parentRow.getByRole('button', { name: 'Hide 3 child runs of sweep-a' })).toHaveAttribute('aria-expanded', 'true');
  for (const t of [0, 1, 2]) await expect(page.getByRole('link', { name: `sweep-a-trial-${t}`, exact: true })).toBeVisible(wait);

  const order = await page.getByTestId('runs-table-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id')));
  const at = order.indexOf(ids['sweep-a']);
  expect(new Set(order.slice(at + 1, at + 4))).toEqual(new Set([0, 1, 2].map((t) => ids[`sweep-a-trial-${t}`])));
  await expect(page.locator(`[data-run-id="${ids['sweep-a-trial-0']}"]`)).toHaveAttribute('data-depth', '1');

  // The expansion is part of the link.
  await page.reload();
  await expect(page.getByRole('link', { name: 'sweep-a-trial-2', exact: true })).toBeVisible(wait);
});

test('selecting two runs enables Compare, which opens the comparison of exactly those runs', async ({ page }) => {
  await openTable(page);
  const compare = page.getByTestId('compare-button');
  await expect(compare).toBeDisabled();

  await page.getByRole('checkbox', { name: 'Select run run-24' }).check();
  await expect(compare).toHaveText('Compare (1)');
  await expect(compare).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Select run run-23' }).check();
  await expect(compare).toHaveText('Compare (2)');
  await expect(compare).toBeEnabled();

  await compare.click();
  await expect(page).toHaveURL(/\/compare\?runs=/, wait);
  const chosen = new URL(page.url()).searchParams.get('runs')?.split(',');
  expect(new Set(chosen)).toEqual(new Set([ids['run-24'], ids['run-23']]));
});

test('Export CSV downloads the matching runs with the visible columns', async ({ page }) => {
  await openTable(page, `?filter=${encodeURIComponent('metrics.acc > 0.8')}`);
  await expect(page.getByTestId('runs-count')).toHaveText(String(topLevelAbove08), wait);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-csv-button').click();
  const download = await downloading;
  const csv = (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = (await csv).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toContain('Run name');
  // Every top-level run above 0.8 plus sweep-a's children, which the flat export includes.
  expect(lines.length - 1).toBeGreaterThanOrEqual(topLevelAbove08);
  expect(lines.some((l) => l.startsWith('run-24,') || l.includes(',run-24,'))).toBeTruthy();
  expect(lines.some((l) => l.includes('run-00'))).toBeFalsy();
});

test('selected runs are deleted in bulk, then found under Deleted and restored', async ({ page }) => {
  await openTable(page);
  await expect(page.getByTestId('runs-count')).toHaveText(String(topLevel), wait);
  await checkRun(page, 'run-01');
  await checkRun(page, 'run-02');
  await page.getByRole('button', { name: 'Delete (2)' }).click();
  await page.getByRole('dialog', { name: 'Delete 2 runs?' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByTestId('runs-count')).toHaveText(String(topLevel - 2), wait);
  await expect(page.getByRole('link', { name: 'run-01', exact: true })).toHaveCount(0);

  await page.getByRole('group', { name: 'Lifecycle' }).getByRole('button', { name: 'Deleted' }).click();
  await expect(page.getByTestId('runs-count')).toHaveText('2', wait);
  await page.getByRole('checkbox', { name: 'Select run run-01' }).check();
  await page.getByRole('checkbox', { name: 'Select run run-02' }).check();
  await page.getByRole('button', { name: 'Restore (2)' }).click();
  await page.getByRole('dialog', { name: 'Restore 2 runs?' }).getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByTestId('runs-count')).toHaveText('0', wait);
  await page.getByRole('group', { name: 'Lifecycle' }).getByRole('button', { name: 'Active' }).click();
  await expect(page.getByTestId('runs-count')).toHaveText(String(topLevel), wait);
});
