import { expect, test } from '@playwright/test';
import { seedLoggedModel, seedRegisteredModel } from './support/registry-seed';
import { createExperiment, seedRuns, uniqueName } from './support/seed';

/**
 * An experiment's MLflow 3 logged models as a person uses them: reach the list from the runs
 * page, read a model's metrics and params there, filter (a bad filter is explained inline), open
 * the model, follow its source run, browse its files.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const wait = { timeout: 30_000 };
const MLMODEL = 'artifact_path: model\nflavors:\n  sklearn:\n    sklearn_version: 1.5.0\nmodel_id: placeholder\n';

let experimentId = '';
let experimentName = '';
let runs: Record<string, string> = {};
let modelId = '';
const registered = uniqueName('e2e-models-registry');

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  experimentName = uniqueName('e2e-logged-models');
  experimentId = await createExperiment(api, experimentName);
  runs = await seedRuns(api, experimentId, [
    { name: 'grid-parent' },
    { name: 'trainer-7', parent: 'grid-parent', params: { max_depth: '6' } },
    { name: 'trainer-8', parent: 'grid-parent', params: { max_depth: '3' } },
  ]);
  const champion = await seedLoggedModel(api, {
    experimentId,
    runId: runs['trainer-7'],
    name: 'fraud-clf',
    modelType: 'classifier',
    params: { max_depth: '6', criterion: 'gini' },
    metrics: { accuracy: 0.9375, f1: 0.8125 },
  });
  modelId = champion.modelId;
  await seedLoggedModel(api, { experimentId, runId: runs['trainer-8'], name: 'fraud-small', params: { max_depth: '3' }, metrics: { accuracy: 0.5 } });
  await seedRegisteredModel(api, { name: registered, versions: [{ runId: runs['trainer-7'], modelId }] });
  const root = champion.artifactUri.replace(/^mlflow-artifacts:\/+/, '');
  for (const [path, content] of Object.entries({ MLmodel: MLMODEL, 'requirements.txt': 'scikit-learn==1.5.0\n', 'data/model.pkl': 'not really a pickle' })) {
    const res = await api.put(`/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`, { data: content });
    expect(res.ok(), `upload ${path}: ${res.status()}`).toBeTruthy();
  }
  await api.dispose();
});

test("the runs page leads to the experiment's models, listed with their metrics and params", async ({ page }) => {
  await page.goto(`/experiments/${experimentId}`);
  await page.getByRole('navigation', { name: 'Experiment sections' }).getByRole('link', { name: 'Models' }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/models$`), wait);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(experimentName, wait);

  const table = page.getByTestId('logged-models-table');
  await expect(table.getByTestId('logged-model-row')).toHaveCount(2, wait);
  const row = table.getByTestId('logged-model-row').filter({ hasText: 'fraud-clf' });
  await expect(row).toContainText(modelId);
  await expect(row).toContainText('READY');
  await expect(row).toContainText('classifier');
  await expect(row.getByRole('link', { name: 'trainer-7' })).toHaveAttribute('href', `/experiments/${experimentId}/runs/${runs['trainer-7']}`);

  // Metric and param columns: each cell is marked with the column it belongs to.
  await expect(row.locator('[data-column="metrics.accuracy"]')).toHaveText('0.9375');
  await expect(row.locator('[data-column="metrics.f1"]')).toHaveText('0.8125');
  await expect(row.locator('[data-column="params.criterion"]')).toHaveText('gini');
  await expect(table.getByRole('columnheader', { name: /accuracy/ })).toBeVisible();
  await expect(row.getByRole('link', { name: `${registered} v1` })).toHaveAttribute('href', `/models/${registered}/versions/1`, wait);
  await expect(table.getByTestId('logged-model-row').filter({ hasText: 'fraud-small' })).not.toContainText(registered);
});

test('the filter narrows the list, and a broken filter is explained where it was typed', async ({ page }) => {
  await page.goto(`/experiments/${experimentId}/models`);
  const rows = page.getByTestId('logged-model-row');
  await expect(rows).toHaveCount(2, wait);

  const box = page.getByRole('textbox', { name: 'Filter logged models' });
  await box.fill('metrics.accuracy > 0.9');
  await box.press('Enter');
  await expect(rows).toHaveCount(1, wait);
  await expect(rows.first()).toContainText('fraud-clf');
  await expect(page).toHaveURL(/filter=metrics\.accuracy/);

  await box.fill('metrics.accuracy >> 1');
  await box.press('Enter');
  await expect(page.getByTestId('models-filter-error')).toBeVisible(wait);
  await expect(page.getByTestId('models-filter-error')).toContainText('accuracy');
  await expect(box).toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(rows).toHaveCount(2, wait);
  await expect(page.getByTestId('models-filter-error')).toHaveCount(0);
});

test('a model page shows its details, leads to its source run, and browses its files', async ({ page }) => {
  await page.goto(`/experiments/${experimentId}/models`);
  await page.getByRole('link', { name: 'fraud-clf' }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${experimentId}/models/${modelId}$`), wait);
  await expect(page.getByTestId('model-name')).toHaveText('fraud-clf', wait);
  await expect(page.getByTestId('model-status')).toHaveText('READY');

  const metrics = page.getByTestId('model-metrics-table');
  await expect(metrics.getByRole('row').filter({ hasText: 'accuracy' })).toContainText('0.9375');
  await expect(page.getByTestId('params-table').getByRole('row').filter({ hasText: 'criterion' })).toContainText('gini');
  await expect(page.getByTestId('model-parent-run')).toHaveText('grid-parent', wait);
  const versions = page.getByTestId('model-registered-versions');
  await expect(versions.getByRole('link', { name: `${registered} v1` })).toBeVisible(wait);
  await expect(versions.getByRole('link', { name: `Lineage of ${registered} version 1` })).toHaveAttribute('href', `/models/${registered}/versions/1/lineage`);

  await page.getByTestId('model-source-run').click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runs['trainer-7']}$`), wait);
  await expect(page.getByTestId('run-name')).toHaveText('trainer-7', wait);
  // The run page links back to the model it logged.
  await expect(page.getByTestId('logged-models').getByRole('link', { name: 'fraud-clf' })).toHaveAttribute('href', `/experiments/${experimentId}/models/${modelId}`, wait);
  await page.goBack();

  await page.getByRole('tab', { name: 'Artifacts' }).click();
  await expect(page).toHaveURL(/tab=artifacts/);
  const files = page.getByRole('navigation', { name: 'Artifact files' });
  await expect(files.getByText('MLmodel')).toBeVisible(wait);
  await expect(files.getByText('data')).toBeVisible();
  await files.getByText('requirements.txt').click();
  await expect(page.getByTestId('artifact-preview')).toContainText('scikit-learn==1.5.0', wait);
});
