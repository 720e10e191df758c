import { expect, test, type Locator, type Page } from '@playwright/test';
import { createExperiment, seedRuns, uniqueName, type SeedRun } from './support/seed';

/**
 * Comparing runs as a person does: pick runs in a runs table and press Compare, hide the rows that
 * are the same everywhere, brush a parallel-coordinates axis with the mouse (the count and the
 * table follow), then share the view and open the short link in a new page.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const wait = { timeout: 30_000 };
const N = 8;
/** Final val_loss of run i: 0.1, 0.2, … 0.8 (so run-0 is best and run-7 worst). */
const loss = (i: number) => Math.round((0.1 + 0.1 * i) * 10) / 10;

const runs: SeedRun[] = Array.from({ length: N }, (_, i) => ({
  name: `cmp-${i}`,
  params: { lr: String(0.001 * 2 ** i), optimizer: i % 2 ? 'adam' : 'sgd', seed: '42' },
  metrics: { val_loss: [1, 0.5 + loss(i) / 2, loss(i)], acc: [0.5, 0.6, 0.9 - loss(i) / 2] },
  tags: { team: 'vision' },
}));

let experimentId = '';
let ids: Record<string, string> = {};

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  experimentId = await createExperiment(api, uniqueName('e2e-compare'));
  ids = await seedRuns(api, experimentId, runs);
  await api.dispose();
});

const compareAll = () => `/compare?runs=${runs.map((r) => ids[r.name]).join(',')}`;

async function openCompare(page: Page, url: string, count: number) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Comparing ${count} runs`, wait);
  await expect(page.getByTestId('parallel-coordinates')).toHaveAttribute('data-total-runs', String(count), wait);
}

/** Drags vertically along an axis from one fraction of its height to another (0 = top). */
async function brush(page: Page, axis: Locator, from: number, to: number) {
  const box = await axis.boundingBox();
  if (!box) throw new Error('axis not visible');
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + box.height * from);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height * ((from + to) / 2), { steps: 4 });
  await page.mouse.move(x, box.y + box.height * to, { steps: 4 });
  await page.mouse.up();
}

test('runs selected in a runs table open side by side; only-differences hides equal rows', async ({ page }) => {
  await page.goto(`/experiments/${experimentId}`);
  await expect(page.getByTestId('runs-table-row').first()).toBeVisible(wait);
  for (const name of ['cmp-1', 'cmp-2', 'cmp-5']) await page.getByRole('checkbox', { name: `Select run ${name}` }).check();
  const compare = page.getByTestId('compare-button');
  await expect(compare).toHaveText('Compare (3)');
  await compare.click();

  await expect(page).toHaveURL(/\/compare\?runs=/, wait);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comparing 3 runs', wait);
  const table = page.getByTestId('compare-table');
  for (const name of ['cmp-1', 'cmp-2', 'cmp-5']) await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'cmp-0', exact: true })).toHaveCount(0);

  const row = (key: string) => table.locator(`[data-testid="compare-row"][data-key="${key}"]`);
  await expect(row('Params:seed')).toBeVisible();
  await expect(row('Tags:team')).toBeVisible();
  await expect(row('Params:lr')).toContainText('0.002');
  // The lowest val_loss (cmp-1's 0.2) is marked best.
  await expect(row('Metrics:val_loss').getByRole('cell').filter({ hasText: '(best)' })).toHaveText(/0\.2/);

  await page.getByTestId('only-differences').check();
  await expect(row('Params:seed')).toHaveCount(0);
  await expect(row('Tags:team')).toHaveCount(0);
  await expect(row('Params:lr')).toBeVisible();
  await expect(row('Metrics:val_loss')).toBeVisible();

  await page.getByTestId('transpose').check();
  await expect(table.locator('[data-testid="compare-run-row"]')).toHaveCount(3);
  await expect(table.getByRole('columnheader', { name: /val_loss/ })).toBeVisible();
});

test('brushing an axis narrows the runs, and the table follows', async ({ page }) => {
  await openCompare(page, compareAll(), N);
  const pc = page.getByTestId('parallel-coordinates');
  await expect(pc).toHaveAttribute('data-selected-runs', String(N));
  await expect(page.getByTestId('selected-count')).toHaveText(`${N} runs`);
  const axis = page.getByTestId('pc-axis-m:val_loss');
  await expect(axis).toBeVisible();

  // The bottom half of val_loss: the runs with the lowest loss (0.1 .. 0.4).
  await brush(page, axis, 0.5, 1);
  await expect(pc).toHaveAttribute('data-selected-runs', '4', wait);
  await expect(page.getByTestId('selected-count')).toHaveText(`4 of ${N} runs`);
  await expect(page.getByTestId('pc-brush-chip')).toContainText('val_loss');
  const table = page.getByTestId('compare-table');
  await expect(page.getByTestId('table-summary')).toContainText('4 selected runs', wait);
  await expect(table.getByRole('link', { name: 'cmp-0', exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: 'cmp-7', exact: true })).toHaveCount(0);

  // A second brush ANDs with the first: only the adam runs among them (cmp-1, cmp-3).
  await page.getByText('Edit axis ranges').click();
  const optimizer = page.getByTestId('pc-range-p:optimizer');
  await optimizer.getByRole('checkbox', { name: 'adam' }).check();
  await expect(pc).toHaveAttribute('data-selected-runs', '2', wait);
  await expect(page.getByTestId('table-summary')).toContainText('2 selected runs', wait);

  // Clicking the axis outside its brush removes that brush.
  const box = (await axis.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.1);
  await expect(pc).toHaveAttribute('data-selected-runs', String(N / 2), wait);
  await page.getByTestId('pc-clear-brushes').click();
  await expect(pc).toHaveAttribute('data-selected-runs', String(N), wait);
});

test('the Axes chooser searches the keys and adds a metric\'s minimum as an axis', async ({ page }) => {
  await openCompare(page, compareAll(), N);
  const pc = page.getByTestId('parallel-coordinates');
  const axes = async () => (await pc.getAttribute('data-axes'))!.split(',');
  const before = await axes();
  expect(before).not.toContain('m.min:acc');
  await page.getByTestId('pc-axes-button').click();
  const panel = page.getByRole('dialog', { name: 'Choose axes' });
  await panel.getByRole('searchbox', { name: 'Search axes' }).fill('ACC');
  // The search narrows every group: no param or tag contains "acc".
  await expect(panel.getByRole('checkbox', { name: 'Param lr' })).toHaveCount(0);
  await panel.getByRole('checkbox', { name: 'Metric acc (min)' }).check();
  await expect.poll(axes, wait).toEqual([...before, 'm.min:acc']);
  await expect(page.getByTestId('pc-axes-button')).toContainText(String(before.length + 1));
});

test('axes reorder by keyboard and by dragging; the keyboard edits a brush through min/max inputs', async ({ page }) => {
  await openCompare(page, compareAll(), N);
  const pc = page.getByTestId('parallel-coordinates');
  await page.getByText('Edit axis ranges').click();
  const min = page.getByRole('spinbutton', { name: 'Metric val_loss minimum' });
  await min.fill('0.55');
  await min.press('Enter');
  await expect(pc).toHaveAttribute('data-selected-runs', '3', wait);

  const before = (await pc.getAttribute('data-axes'))!.split(',');
  await page.getByRole('button', { name: `Move Metric val_loss left` }).click();
  const after = (await pc.getAttribute('data-axes'))!.split(',');
  const i = before.indexOf('m:val_loss');
  expect(after.indexOf('m:val_loss')).toBe(i - 1);
  await expect(pc).toHaveAttribute('data-selected-runs', '3');

  // Drag the last axis' name onto the first axis: it becomes the first.
  const last = after.at(-1)!;
  const handle = (await page.getByTestId(`pc-header-${last}`).getByText(last.slice(last.indexOf(':') + 1), { exact: true }).boundingBox())!;
  const first = (await page.getByTestId(`pc-axis-${after[0]}`).boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(first.x + first.width / 2, handle.y + handle.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(pc).toHaveAttribute('data-axes', [last, ...after.slice(0, -1)].join(','));
});

test('Share saves the view; its short link opens the same axes, brush and selection', async ({ page, context }) => {
  await openCompare(page, compareAll(), N);
  const pc = page.getByTestId('parallel-coordinates');
  await brush(page, page.getByTestId('pc-axis-m:val_loss'), 0.5, 1);
  await expect(pc).toHaveAttribute('data-selected-runs', '4', wait);
  await page.getByRole('button', { name: 'Move Metric acc right' }).click();
  await page.getByTestId('only-differences').check();
  const axes = await pc.getAttribute('data-axes');
  const chip = await page.getByTestId('pc-brush-chip').textContent();

  await page.getByTestId('share-button').click();
  const link = page.getByTestId('share-link');
  await expect(link).toHaveValue(/\/compare\?v=[\w-]+$/, wait);
  const url = await link.inputValue();

  const other = await context.newPage();
  await other.goto(url);
  const restored = other.getByTestId('parallel-coordinates');
  await expect(restored).toHaveAttribute('data-total-runs', String(N), wait);
  await expect(restored).toHaveAttribute('data-selected-runs', '4');
  await expect(restored).toHaveAttribute('data-axes', axes!);
  await expect(other.getByTestId('pc-brush-chip')).toHaveText(chip!);
  await expect(other.getByTestId('only-differences')).toBeChecked();
  await expect(other.getByTestId('selected-count')).toHaveText(`4 of ${N} runs`);
  await other.close();
});

test('a link to a view that does not exist says so', async ({ page }) => {
  await page.goto('/compare?v=doesNotExist1');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('does not exist', wait);
});
