import { expect, test, type Page } from '@playwright/test';
import { getAliasVersion, seedLoggedModel, seedRegisteredModel } from './support/registry-seed';
import { createExperiment, seedRuns, uniqueName } from './support/seed';

/**
 * The registry pages as a person uses them: find a model in the list, open it and a version, set,
 * move and remove aliases (each confirmed in a dialog that names the change), and edit the
 * description. The model name holds `/`, spaces and `#`, and the description a `<script>`.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const wait = { timeout: 30_000 };
const NOTE = '## Fraud scorer\n\n<script>window.__pwned = 1</script>\n\n- scores card payments\n';

let experimentId = '';
let ids: Record<string, string> = {};
let modelIds: string[] = [];
let name = '';
let searchKey = '';

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  experimentId = await createExperiment(api, uniqueName('e2e-registry'));
  ids = await seedRuns(api, experimentId, [
    { name: 'trial-1', params: { depth: '4' }, metrics: { val_loss: [0.9, 0.6], val_auc: [0.7, 0.8] } },
    { name: 'trial-2', params: { depth: '6' }, metrics: { val_loss: [0.8, 0.5], val_auc: [0.75, 0.85] } },
    { name: 'trial-3', params: { depth: '8' }, metrics: { val_loss: [0.7, 0.4], val_auc: [0.8, 0.9] } },
  ]);
  modelIds = [];
  for (const run of ['trial-2', 'trial-3']) {
    modelIds.push((await seedLoggedModel(api, { experimentId, runId: ids[run], name: 'model', metrics: { val_auc: 0.9 } })).modelId);
  }
  searchKey = uniqueName('fraud');
  name = `e2e reg/${searchKey} #1`;
  await seedRegisteredModel(api, {
    name,
    description: NOTE,
    tags: { team: 'risk' },
    versions: [
      { runId: ids['trial-1'], description: 'first try' },
      { runId: ids['trial-2'], modelId: modelIds[0], tags: { validation: 'passed' } },
      { runId: ids['trial-3'], modelId: modelIds[1], description: '**Deeper** trees' },
    ],
    aliases: { champion: 2 },
  });
  await api.dispose();
});

const modelUrl = () => `/models/${encodeURIComponent(name)}`;
const versionRow = (page: Page, v: string) => page.locator(`[data-testid=version-row][data-version="${v}"]`);
const aliasRow = (page: Page, alias: string) => page.locator(`[data-testid=alias-row][data-alias="${alias}"]`);

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
}

test('browse: the list finds the model, its page lists versions, a version page shows details', async ({ page }) => {
  await page.goto('/models');
  // The first page of the list is there: the page is live, typing reaches it.
  await expect(page.getByTestId('model-row').first()).toBeVisible(wait);
  await page.getByRole('searchbox', { name: 'Search models by name' }).fill(searchKey.toUpperCase());
  const row = page.getByTestId('model-row');
  await expect(row).toHaveCount(1, wait);
  await expect(row.getByTestId('model-latest-version')).toHaveText('Version 3');
  await expect(row.getByTestId('alias-chip')).toHaveText(/champion\s*→ v2/);
  await expect(row).toContainText('team=risk');
  await page.getByRole('link', { name, exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`${modelUrl()}$`));
  await expect(page.getByTestId('model-name')).toHaveText(name, wait);
  await expect(page.getByTestId('description').getByRole('heading', { name: 'Fraud scorer' })).toBeVisible();
  await expect(page.getByTestId('description')).toContainText('<script>window.__pwned = 1</script>');
  expect(await pwned(page)).toBeUndefined();
  await expect(page.getByTestId('version-row')).toHaveCount(3);
  await expect(versionRow(page, '2').getByTestId('version-aliases')).toHaveText('champion');
  await expect(versionRow(page, '3').getByTestId('version-aliases')).not.toContainText('champion');
  await expect(versionRow(page, '3').getByRole('link', { name: /^m-/ })).toHaveAttribute('href', `/experiments/${experimentId}/models/${modelIds[1]}`, wait);
  await expect(versionRow(page, '3').locator(`a[href="/experiments/${experimentId}/runs/${ids['trial-3']}"]`)).toBeVisible();
  await expect(versionRow(page, '1').getByRole('link', { name: /^m-/ })).toHaveCount(0);
  // One alias only: nothing to compare yet.
  await expect(page.getByTestId('champion-challenger-link')).toHaveCount(0);

  await versionRow(page, '3').getByRole('link', { name: 'Version 3' }).click();
  await expect(page.getByTestId('version-number')).toHaveText('Version 3', wait);
  await expect(page.getByTestId('version-details')).toContainText(`models:/${modelIds[1]}`);
  await expect(page.getByTestId('version-run-link')).toHaveText('trial-3');
  await expect(page.getByTestId('version-model-link')).toHaveAttribute('href', `/experiments/${experimentId}/models/${modelIds[1]}`);
  await expect(page.getByTestId('lineage-link')).toHaveAttribute('href', `${modelUrl()}/versions/3/lineage`);
  await expect(page.getByTestId('description').locator('strong')).toHaveText('Deeper');
  await expect(page.locator('[data-testid=run-metric-row][data-metric=val_loss]')).toContainText('0.4');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name }).click();
  await expect(page.getByTestId('model-name')).toHaveText(name, wait);
});

test('set an alias, then move it after a confirmation naming both versions; every view follows', async ({ page }) => {
  await page.goto(modelUrl());
  await expect(page.getByTestId('version-row')).toHaveCount(3, wait);

  await page.getByLabel('Set alias').fill('challenger');
  await page.getByTestId('alias-version-select').selectOption('3');
  await page.getByTestId('alias-set').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('confirm-message')).toHaveText('Set alias challenger on version 3?');
  await dialog.getByRole('button', { name: 'Set' }).click();
  await expect(dialog).toBeHidden();
  await expect(versionRow(page, '3').getByTestId('version-aliases')).toHaveText('challenger');
  await expect(page.getByTestId('champion-challenger-link')).toBeVisible();

  await aliasRow(page, 'champion').getByRole('combobox', { name: 'Move champion to version' }).selectOption('3');
  await aliasRow(page, 'champion').getByRole('button', { name: /Move champion/ }).click();
  await expect(dialog.getByTestId('confirm-message')).toHaveText('Move champion from version 2 to version 3?');
  await dialog.getByRole('button', { name: 'Move' }).click();
  await expect(dialog).toBeHidden();
  await expect(versionRow(page, '3').getByTestId('version-aliases')).toContainText('champion');
  await expect(versionRow(page, '2').getByTestId('version-aliases')).not.toContainText('champion');
  await expect(page.getByTestId('model-header-aliases')).toContainText(/champion\s*→ v3/);

  await page.goto(`/models?q=${encodeURIComponent(searchKey)}`);
  await expect(page.getByTestId('model-row').locator('[data-testid=alias-chip][data-alias=champion]')).toHaveText(/champion\s*→ v3/, wait);

  await page.goto(`${modelUrl()}/versions/3`);
  await expect(page.getByTestId('version-page-aliases')).toContainText('champion', wait);
  await page.goto(`${modelUrl()}/versions/2`);
  await expect(page.getByTestId('version-number')).toHaveText('Version 2', wait);
  await expect(page.getByTestId('version-page-aliases')).not.toContainText('champion');
});

test('a change the server refuses shows its error in the dialog and changes nothing', async ({ page, request }) => {
  await page.goto(modelUrl());
  await expect(page.getByTestId('version-row')).toHaveCount(3, wait);
  await page.getByLabel('Set alias').fill('latest');
  await page.getByTestId('alias-set').click();
  await expect(page.getByTestId('alias-editor').getByRole('alert')).toContainText('reserved');
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByLabel('Set alias').fill('backup');
  await page.getByTestId('alias-version-select').selectOption('1');
  await page.getByTestId('alias-set').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('confirm-message')).toHaveText('Set alias backup on version 1?');
  // Someone deletes version 1 while the dialog is open.
  const res = await request.delete('/api/2.0/mlflow/model-versions/delete', { data: { name, version: '1' } });
  expect(res.ok()).toBeTruthy();
  await dialog.getByRole('button', { name: 'Set' }).click();
  await expect(dialog.getByRole('alert')).toContainText(/not found|does not exist/i);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(aliasRow(page, 'backup')).toHaveCount(0);
});

test('edit the model description in markdown', async ({ page }) => {
  await page.goto(modelUrl());
  await expect(page.getByTestId('model-name')).toHaveText(name, wait);
  await page.getByTestId('description-edit-button').click();
  await page.getByTestId('description-textarea').fill('Now **calibrated** with isotonic regression.');
  await page.getByTestId('description-save').click();
  await expect(page.getByTestId('description').locator('strong')).toHaveText('calibrated');
  await page.reload();
  await expect(page.getByTestId('description')).toContainText('Now calibrated with isotonic regression.', wait);
});

test('remove an alias after confirming', async ({ page, request }) => {
  await page.goto(modelUrl());
  await expect(aliasRow(page, 'challenger')).toBeVisible(wait);
  await aliasRow(page, 'challenger').getByRole('button', { name: 'Remove alias challenger' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('confirm-message')).toHaveText('Remove alias challenger from version 3?');
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog).toBeHidden();
  await expect(aliasRow(page, 'challenger')).toHaveCount(0);
  await expect(versionRow(page, '3').getByTestId('version-aliases')).toHaveText('champion');
  await expect(page.getByTestId('champion-challenger-link')).toHaveCount(0);
  expect(await getAliasVersion(request, name, 'champion')).toBe('3');
});
