import { expect, test, type Page } from '@playwright/test';
import { createExperiment, seedRuns, uniqueName } from './support/seed';

/**
 * The run page as a person uses it: read params and metrics, follow the parent link, open the
 * charts, edit the description. User text (a `<script>` in the note) must never run.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const wait = { timeout: 30_000 };
const STEPS = 200;
const curve = (f: (s: number) => number) => Array.from({ length: STEPS }, (_, s) => Math.round(f(s) * 1e6) / 1e6);
const NOTE = 'Baseline run.\n\n<script>window.__pwned = 1</script>\n\n- first point\n- second point\n';

let experimentId = '';
let ids: Record<string, string> = {};

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  experimentId = await createExperiment(api, uniqueName('e2e-run-page'));
  ids = await seedRuns(api, experimentId, [
    { name: 'sweep-parent', params: { grid: 'lr' } },
    {
      name: 'child-run',
      parent: 'sweep-parent',
      params: { lr: '0.003', optimizer: 'adamw', batch_size: '64' },
      metrics: {
        loss: curve((s) => 2 / (1 + s / 10)),
        accuracy: curve((s) => 0.5 + 0.45 * (s / (STEPS - 1))),
        lr: curve((s) => 0.003 * (1 - s / STEPS)),
      },
      tags: { team: 'vision', 'mlflow.note.content': NOTE, 'mlflow.source.name': 'train.py' },
    },
    { name: 'long-run', metrics: { loss: Array.from({ length: 5000 }, (_, s) => 1 / (1 + s) + (s % 97 === 0 ? 0.5 : 0)) } },
  ]);
  await api.dispose();
});

function runUrl(name: string, query = ''): string {
  return `/experiments/${experimentId}/runs/${ids[name]}${query}`;
}

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
}

test('overview shows the run, its params, metrics, tags and parent; the note renders inert', async ({ page }) => {
  await page.goto(runUrl('child-run'));
  await expect(page.getByTestId('run-name')).toHaveText('child-run', wait);
  await expect(page.getByTestId('run-status')).toHaveText('FINISHED');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: /e2e-run-page/ })).toHaveAttribute('href', `/experiments/${experimentId}`);

  const params = page.getByTestId('params-table');
  await expect(params.getByRole('row').filter({ hasText: 'optimizer' })).toContainText('adamw');
  await expect(params.getByRole('row').filter({ hasText: 'batch_size' })).toContainText('64');

  const metrics = page.getByTestId('metrics-table');
  const loss = metrics.getByRole('row').filter({ has: page.getByRole('cell', { name: 'loss', exact: true }) });
  // Last value 2 / (1 + 199/10), min the same (decreasing), max 2 at step 0, last step 199.
  await expect(loss).toContainText('0.095694');
  await expect(loss.getByRole('cell').nth(3)).toHaveText('2', wait);
  await expect(loss.getByRole('cell').nth(4)).toHaveText('199');
  await expect(metrics.getByRole('row').filter({ hasText: 'accuracy' })).toContainText('0.95');

  // Search narrows a table.
  await params.getByRole('row').first().waitFor();
  await page.getByRole('searchbox', { name: 'Search parameters' }).fill('opt');
  await expect(params.getByRole('row')).toHaveCount(2);

  const tags = page.getByTestId('tags-table');
  await expect(tags).toContainText('vision');
  await expect(tags).not.toContainText('mlflow.source.name');
  await page.getByRole('checkbox', { name: /Show system tags/ }).check();
  await expect(tags).toContainText('mlflow.source.name');

  await expect(page.getByTestId('parent-run')).toHaveText('sweep-parent', wait);
  await page.getByTestId('parent-run').click();
  await expect(page.getByTestId('run-name')).toHaveText('sweep-parent', wait);
  await expect(page.getByTestId('child-runs').getByRole('link', { name: 'child-run' })).toBeVisible(wait);
  await page.goBack();

  const description = page.getByTestId('description');
  await expect(description.getByRole('listitem')).toHaveText(['first point', 'second point'], wait);
  await expect(description).toContainText('Baseline run.');
  expect(await description.locator('script').count()).toBe(0);
  // Raw HTML in the note is escaped: the reader sees what was written.
  await expect(description).toContainText('<script>window.__pwned = 1</script>');
  expect(await pwned(page)).toBeUndefined();
});

test('charts tab draws one chart per metric with a points note, kept in the URL', async ({ page }) => {
  await page.goto(runUrl('child-run'));
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page).toHaveURL(/[?&]tab=charts/);
  // Tabs are history entries: Back returns to the overview, Forward to the charts.
  await page.goBack();
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true', wait);
  await expect(page.getByTestId('params-table')).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true', wait);
  const charts = page.getByTestId('metric-chart');
  await expect(charts).toHaveCount(3, wait);
  for (const key of ['accuracy', 'loss', 'lr']) {
    const chart = page.locator(`[data-testid="metric-chart"][data-metric-key="${key}"]`);
    await expect(chart).toHaveAttribute('data-ready', 'true', wait);
    await expect(chart.getByTestId('points-note')).toHaveText('200 of 200 points');
    await expect(chart.locator('path.recharts-curve').first()).toBeVisible();
  }

  // The metric filter narrows the grid; the x-axis switch lands in the URL and survives a reload.
  await page.getByRole('searchbox', { name: 'Filter metrics' }).fill('los');
  await expect(charts).toHaveCount(1);
  await page.getByText('Relative time', { exact: true }).click();
  await expect(page).toHaveURL(/[?&]x=relative/, wait);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Charts' })).toHaveAttribute('aria-selected', 'true', wait);
  await expect(page.getByRole('radio', { name: 'Relative time' })).toBeChecked();
  await expect(page.locator('[data-metric-key="loss"]')).toHaveAttribute('data-ready', 'true', wait);
});

test('opened on the Charts tab, the page draws the first charts from the one call it preloads', async ({ page }) => {
  const seriesCalls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/runboard/metrics/series')) seriesCalls.push(new URL(r.url()).search);
  });
  await page.goto(runUrl('child-run', '?tab=charts'));
  for (const key of ['accuracy', 'loss', 'lr']) {
    await expect(page.locator(`[data-testid="metric-chart"][data-metric-key="${key}"]`)).toHaveAttribute('data-ready', 'true', wait);
  }
  // The run's first metrics without naming them: the page knows only the run id while it loads,
  // and its HTML has the browser fetch them (and the run) before the scripts run.
  await expect(page.locator('link[rel="preload"][as="fetch"][href*="first_keys="]')).toHaveCount(1);
  await expect(page.locator('link[rel="preload"][as="fetch"][href*="runs/get"]')).toHaveCount(1);
  expect(seriesCalls.some((q) => /[?&]first_keys=\d+/.test(q))).toBe(true);
  // No chart asked on its own.
  expect(seriesCalls.filter((q) => q.includes('metric_keys='))).toEqual([]);
});

test('dragging across a chart zooms into that step range; Reset zoom goes back', async ({ page }) => {
  await page.goto(runUrl('child-run', '?tab=charts'));
  const chart = page.locator('[data-testid="metric-chart"][data-metric-key="loss"]');
  await expect(chart).toHaveAttribute('data-ready', 'true', wait);
  const box = (await chart.locator('svg.recharts-surface').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, y, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.6, y, { steps: 4 });
  await page.mouse.up();
  await expect(chart.getByRole('button', { name: 'Reset zoom' })).toBeVisible(wait);
  await expect(chart).toHaveAttribute('data-ready', 'true', wait);
  const zoomed = await chart.getByTestId('points-note').innerText();
  const [drawn, total] = zoomed.match(/\d[\d,]*/g)!.map((n) => Number(n.replace(/,/g, '')));
  expect(total).toBeLessThan(STEPS);
  expect(drawn).toBe(total);
  await chart.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(chart.getByTestId('points-note')).toHaveText('200 of 200 points', wait);
});

test('editing the description saves markdown; a script in it is text, never run', async ({ page }) => {
  await page.goto(runUrl('child-run'));
  await page.getByTestId('description-edit-button').click();
  const textarea = page.getByTestId('description-textarea');
  await expect(textarea).toHaveValue(NOTE);
  await textarea.fill('Updated **note** <script>window.__pwned = 2</script>\n\n1. alpha\n2. beta\n');
  await page.getByTestId('description-save').click();
  await expect(page.getByTestId('description').getByRole('listitem')).toHaveText(['alpha', 'beta'], wait);

  await page.reload();
  const description = page.getByTestId('description');
  await expect(description).toContainText('Updated note', wait);
  await expect(description.locator('strong')).toHaveText('note');
  expect(await description.locator('script').count()).toBe(0);
  expect(await pwned(page)).toBeUndefined();
  // The stored text keeps the script as typed: it is data, shown as text in the editor.
  await page.getByTestId('description-edit-button').click();
  await expect(page.getByTestId('description-textarea')).toHaveValue(/<script>window\.__pwned = 2<\/script>/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('description-textarea')).toHaveCount(0);
});

test('a run without a description offers to add one', async ({ page }) => {
  await page.goto(runUrl('sweep-parent'));
  await expect(page.getByTestId('description-edit-button')).toHaveText(/Add a description/, wait);
  await page.getByTestId('description-edit-button').click();
  await page.getByTestId('description-textarea').fill('Parent of the lr sweep.');
  await page.getByTestId('description-save').click();
  await expect(page.getByTestId('description')).toHaveText('Parent of the lr sweep.', wait);
});

test('a 5,000-point metric is drawn downsampled and says so', async ({ page }) => {
  await page.goto(runUrl('long-run', '?tab=charts'));
  const chart = page.locator('[data-testid="metric-chart"][data-metric-key="loss"]');
  await expect(chart).toHaveAttribute('data-ready', 'true', wait);
  await expect(chart.getByTestId('points-note')).toHaveText(/^[\d,]+ of 5,?000 points$/);
  const drawn = Number((await chart.getByTestId('points-note').innerText()).split(' of ')[0].replace(/,/g, ''));
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThanOrEqual(1000);
  await expect(chart.locator('path.recharts-curve').first()).toBeVisible();
});

test('a running run updates live: new points redraw only their chart, the status follows, no reload', async ({ page, request }) => {
  const ids2 = await seedRuns(request, experimentId, [{ name: 'live-run', status: 'RUNNING', metrics: { a: curve((s) => s).slice(0, 10), b: curve((s) => -s).slice(0, 10) } }]);
  const runId = ids2['live-run'];
  const seriesRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/runboard/metrics/series')) seriesRequests.push(new URL(r.url()).searchParams.get('metric_key') ?? '');
  });
  await page.goto(`/experiments/${experimentId}/runs/${runId}?tab=charts`);
  await expect(page.getByTestId('run-status')).toHaveText('RUNNING', wait);
  const chartA = page.locator('[data-testid="metric-chart"][data-metric-key="a"]');
  const chartB = page.locator('[data-testid="metric-chart"][data-metric-key="b"]');
  await expect(chartA.getByTestId('points-note')).toHaveText('10 of 10 points', wait);
  await expect(chartB.getByTestId('points-note')).toHaveText('10 of 10 points', wait);
  await page.evaluate(() => ((window as unknown as { __sameDocument?: number }).__sameDocument = 1));
  const bRequestsBefore = seriesRequests.filter((k) => k === 'b').length;

  const now = Date.now();
  const more = Array.from({ length: 5 }, (_, i) => ({ key: 'a', value: 10 + i, step: 10 + i, timestamp: now + i }));
  expect((await request.post('/api/2.0/mlflow/runs/log-batch', { data: { run_id: runId, metrics: more } })).ok()).toBeTruthy();
  await expect(chartA.getByTestId('points-note')).toHaveText('15 of 15 points', { timeout: 15_000 });
  expect(seriesRequests.filter((k) => k === 'b').length).toBe(bRequestsBefore);

  expect((await request.post('/api/2.0/mlflow/runs/update', { data: { run_id: runId, status: 'FINISHED', end_time: Date.now() } })).ok()).toBeTruthy();
  await expect(page.getByTestId('run-status')).toHaveText('FINISHED', { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument)).toBe(1);
});

test('the run name can be edited in place', async ({ page }) => {
  await page.goto(runUrl('long-run'));
  await expect(page.getByTestId('run-name')).toHaveText('long-run', wait);
  await page.getByRole('button', { name: 'Rename run' }).click();
  const input = page.getByRole('textbox', { name: 'Run name' });
  await input.fill('long-run-renamed');
  await input.press('Enter');
  await expect(page.getByTestId('run-name')).toHaveText('long-run-renamed', wait);
  await page.reload();
  await expect(page.getByTestId('run-name')).toHaveText('long-run-renamed', wait);
});
