import { expect, test, type Page } from '@playwright/test';
import { getAliasVersion, logDatasetInput, seedLoggedModel, seedRegisteredModel } from './support/registry-seed';
import { createExperiment, seedRuns, uniqueName } from './support/seed';

/**
 * Champion vs challenger: two versions from runs with different metrics, params and datasets.
 * The page must show the differences and the better side under a named rule, overlay the
 * histories, and promote the challenger (champion alias moved after a confirmation).
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const wait = { timeout: 30_000 };
const STEPS = 50;
const curve = (end: number, start: number) => Array.from({ length: STEPS }, (_, s) => Math.round((start + ((end - start) * s) / (STEPS - 1)) * 1e6) / 1e6);

let experimentId = '';
let name = '';

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  experimentId = await createExperiment(api, uniqueName('e2e-cc'));
  const ids = await seedRuns(api, experimentId, [
    { name: 'champ-run', params: { lr: '0.1', depth: '6', seed: '1' }, metrics: { val_loss: curve(0.3, 0.9), val_auc: curve(0.85, 0.6) } },
    { name: 'chall-run', params: { lr: '0.05', depth: '6', seed: '2' }, metrics: { val_loss: curve(0.25, 0.9), val_auc: curve(0.83, 0.6) } },
  ]);
  const eval1 = { name: 'holdout', digest: 'e1e1e1e1', sourceType: 'local', source: '/data/holdout.parquet', context: 'eval' };
  await logDatasetInput(api, ids['champ-run'], { name: 'train', digest: 'd1d1d1d1', sourceType: 'local', source: '/data/train-v1.parquet', context: 'training' });
  await logDatasetInput(api, ids['champ-run'], eval1);
  await logDatasetInput(api, ids['chall-run'], { name: 'train', digest: 'd2d2d2d2', sourceType: 'local', source: '/data/train-v2.parquet', context: 'training' });
  await logDatasetInput(api, ids['chall-run'], eval1);
  const champ = await seedLoggedModel(api, { experimentId, runId: ids['champ-run'], name: 'model', metrics: { val_loss: 0.3 } });
  const chall = await seedLoggedModel(api, { experimentId, runId: ids['chall-run'], name: 'model', metrics: { val_loss: 0.25 } });
  name = uniqueName('e2e cc model');
  await seedRegisteredModel(api, {
    name,
    versions: [
      { runId: ids['champ-run'], modelId: champ.modelId, description: 'in production' },
      { runId: ids['chall-run'], modelId: chall.modelId, description: 'new training data' },
    ],
    aliases: { champion: 1, challenger: 2 },
  });
  await api.dispose();
});

const modelUrl = () => `/models/${encodeURIComponent(name)}`;
const metricRow = (page: Page, key: string) => page.locator(`[data-testid=compare-metric-row][data-metric="${key}"]`);

test('shows both versions with metric, param and dataset differences and the better side', async ({ page }) => {
  await page.goto(modelUrl());
  await page.getByTestId('champion-challenger-link').click({ timeout: 30_000 });
  await expect(page).toHaveURL(/champion-challenger\?a=champion&b=challenger$/);
  await expect(page.getByTestId('side-a-card')).toHaveAttribute('data-version', '1', wait);
  await expect(page.getByTestId('side-b-card')).toHaveAttribute('data-version', '2', wait);
  await expect(page.getByTestId('side-b-card')).toContainText('chall-run');

  const loss = metricRow(page, 'val_loss');
  await expect(loss).toHaveAttribute('data-better', 'b', wait);
  await expect(loss.getByTestId('metric-better')).toHaveText('▲ challenger (v2)');
  await expect(loss.getByTestId('metric-rule')).toHaveText('Lower is better (name contains “loss”)');
  await expect(loss.getByTestId('metric-a')).toHaveText('0.3');
  await expect(loss.getByTestId('metric-b')).toHaveText('0.25');
  await expect(loss.getByTestId('metric-diff')).toContainText('-0.05');

  const auc = metricRow(page, 'val_auc');
  await expect(auc).toHaveAttribute('data-better', 'a');
  await expect(auc.getByTestId('metric-rule')).toContainText('Higher is better');
  await auc.getByRole('button', { name: /Flip the rule for val_auc/ }).click();
  await expect(auc).toHaveAttribute('data-better', 'b');
  await expect(auc.getByTestId('metric-rule')).toContainText('flipped');

  const params = page.getByTestId('compare-params-table');
  await expect(params.getByTestId('compare-param-row')).toHaveCount(2);
  await expect(params.locator('[data-param=lr]')).toContainText('0.05');
  await expect(params.locator('[data-param=depth]')).toHaveCount(0);
  await page.getByTestId('params-only-differences').uncheck();
  await expect(params.locator('[data-param=depth]')).toHaveAttribute('data-differs', 'false');

  const dsA = page.getByTestId('datasets-a');
  await expect(dsA.locator('[data-dataset=train]')).toContainText('d1d1d1d1');
  await expect(dsA.locator('[data-dataset=train]')).toContainText('training');
  await expect(dsA.locator('[data-dataset=train]')).toHaveAttribute('data-shared', 'false');
  await expect(dsA.locator('[data-dataset=holdout]')).toHaveAttribute('data-shared', 'true');
  await expect(page.getByTestId('datasets-b').locator('[data-dataset=train]')).toContainText('d2d2d2d2');

  const chart = page.locator('[data-testid=metric-chart][data-metric-key=val_loss]');
  await chart.scrollIntoViewIfNeeded();
  await expect(chart).toHaveAttribute('data-ready', 'true', wait);
  await expect(chart.getByRole('list', { name: 'Runs' })).toContainText('champion (v1)');
  await expect(chart.getByRole('list', { name: 'Runs' })).toContainText('challenger (v2)');

  // Any version can be a side; a bare version has no alias to promote.
  await page.getByTestId('side-a-select').selectOption('v2');
  await expect(page).toHaveURL(/a=v2/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Version 2');
  await expect(page.getByTestId('promote-button')).toHaveCount(0);
});

test('promote moves the champion alias to the challenger after confirming', async ({ page, request }) => {
  await page.goto(`${modelUrl()}/champion-challenger?a=champion&b=challenger`);
  const promote = page.getByTestId('promote-button');
  await expect(promote).toHaveText('Promote version 2 to champion', wait);
  await promote.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('confirm-message')).toHaveText('Move champion from version 1 to version 2?');
  await dialog.getByRole('button', { name: 'Promote' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('promote-result')).toContainText('champion now points to version 2 (was version 1)');
  await expect(page.getByTestId('side-a-card')).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('promote-button')).toHaveCount(0);
  expect(await getAliasVersion(request, name, 'champion')).toBe('2');

  await page.getByTestId('promote-result').getByRole('link', { name: 'Back to the model' }).click();
  const row2 = page.locator('[data-testid=version-row][data-version="2"]');
  await expect(row2.getByTestId('version-aliases')).toContainText('champion', wait);
  await expect(row2.getByTestId('version-aliases')).toContainText('challenger');
  await expect(page.locator('[data-testid=version-row][data-version="1"]').getByTestId('version-aliases')).not.toContainText('champion');
});
