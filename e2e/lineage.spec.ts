import { expect, test, type Page } from '@playwright/test';
import { logDatasetInput, seedLoggedModel, seedRegisteredModel } from './support/registry-seed';
import { createExperiment, seedRuns, uniqueName } from './support/seed';

/**
 * A registered version's lineage as a person walks it: from the run page to the graph, every node
 * present and named, alias → version page and back, then along the graph by keyboard to a dataset
 * and its details. A version registered from `runs:/` shows its missing logged model honestly.
 */
test.describe.configure({ mode: 'serial', timeout: 120_000 });

const wait = { timeout: 30_000 };
const SCHEMA = JSON.stringify({ mlflow_colspec: [{ name: 'amount', type: 'double', required: true }, { name: 'country', type: 'string', required: true }] });

let experimentId = '';
let experimentName = '';
let runs: Record<string, string> = {};
let modelId = '';
// A name with a slash, spaces and `#`: every URL built from it must be encoded.
const modelName = uniqueName('e2e lineage/fraud #');
const enc = encodeURIComponent(modelName);

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  experimentName = uniqueName('e2e-lineage');
  experimentId = await createExperiment(api, experimentName);
  runs = await seedRuns(api, experimentId, [{ name: 'sweep-parent' }, { name: 'train-42', parent: 'sweep-parent', params: { lr: '0.01' } }]);
  const runId = runs['train-42'];
  await logDatasetInput(api, runId, {
    name: 'tx-train',
    digest: 'a1b2c3d4',
    sourceType: 's3',
    source: JSON.stringify({ uri: 's3://bucket/tx/train.parquet' }),
    schema: SCHEMA,
    profile: JSON.stringify({ num_rows: 1200 }),
    context: 'training',
  });
  await logDatasetInput(api, runId, { name: 'tx-eval', digest: 'e5f6a7b8', sourceType: 's3', source: 's3://bucket/tx/eval.parquet', context: 'eval' });
  modelId = (await seedLoggedModel(api, { experimentId, runId, name: 'fraud-clf', metrics: { auc: 0.91 } })).modelId;
  await seedRegisteredModel(api, {
    name: modelName,
    versions: [{ runId, modelId }, { runId }],
    aliases: { champion: 1 },
  });
  await api.dispose();
});

const graph = (page: Page) => page.getByTestId('lineage-graph');

test('the run page opens the lineage, which shows every node with its page', async ({ page }) => {
  await page.goto(`/experiments/${experimentId}/runs/${runs['train-42']}`);
  await page.getByRole('link', { name: `Lineage of ${modelName} version 1` }).click();
  await expect(page).toHaveURL(`/models/${enc}/versions/1/lineage`, wait);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(modelName);
  await expect(page.getByTestId('lineage-aliases')).toContainText('@champion', wait);

  const g = graph(page);
  await expect(g.getByTestId('lineage-node-alias')).toHaveCount(1, wait);
  await expect(g.getByRole('link', { name: `Alias champion of ${modelName}, version 1` })).toHaveAttribute('href', `/models/${enc}/versions/1`);
  await expect(g.getByRole('link', { name: `Model version ${modelName} version 1` })).toHaveAttribute('href', `/models/${enc}/versions/1`);
  await expect(g.getByRole('link', { name: /^Logged model fraud-clf/ })).toHaveAttribute('href', `/experiments/${experimentId}/models/${modelId}`);
  await expect(g.getByRole('link', { name: 'Run train-42' })).toHaveAttribute('href', `/experiments/${experimentId}/runs/${runs['train-42']}`);
  await expect(g.getByRole('link', { name: 'Parent run sweep-parent' })).toHaveAttribute('href', `/experiments/${experimentId}/runs/${runs['sweep-parent']}`);
  await expect(g.getByRole('link', { name: `Experiment ${experimentName}` })).toHaveAttribute('href', `/experiments/${experimentId}`);
  const datasets = g.getByTestId('lineage-node-dataset');
  await expect(datasets).toHaveCount(2);
  await expect(g.getByRole('button', { name: 'Dataset tx-train (training)' })).toBeVisible();
  await expect(g.getByRole('button', { name: 'Dataset tx-eval (eval)' })).toBeVisible();
  await expect(g.locator('[data-missing]')).toHaveCount(0);
  // Every edge is drawn: 1 alias, version → model → run, run → parent, experiment and 2 datasets.
  await expect(g.locator('svg path[data-edge]')).toHaveCount(7);

  // The whole graph fits the window's width at 1366 px (no sideways scrolling).
  await page.setViewportSize({ width: 1366, height: 768 });
  const box = await g.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(1366);
});

test('alias → version page and back; then along the graph to a dataset and its details', async ({ page }) => {
  await page.goto(`/models/${enc}/versions/1/lineage`);
  const g = graph(page);
  await g.getByRole('link', { name: /^Alias champion/ }).click();
  await expect(page).toHaveURL(`/models/${enc}/versions/1`, wait);
  await page.goBack();
  await expect(page).toHaveURL(`/models/${enc}/versions/1/lineage`, wait);

  // Keyboard: from the alias, Tab walks the nodes left to right until the training dataset.
  await g.getByRole('link', { name: /^Alias champion/ }).focus();
  const training = g.getByRole('button', { name: 'Dataset tx-train (training)' });
  for (let i = 0; i < 10 && !(await training.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
  await expect(training).toBeFocused();
  await page.keyboard.press('Enter');

  const details = page.getByRole('dialog', { name: /Dataset tx-train/ });
  await expect(details).toBeVisible(wait);
  await expect(training).toHaveAttribute('aria-expanded', 'true');
  await expect(details.getByTestId('lineage-dataset-source')).toHaveText('s3://bucket/tx/train.parquet');
  await expect(details).toContainText('a1b2c3d4');
  await expect(details).toContainText('num_rows');
  await expect(details.getByTestId('lineage-dataset-schema')).toContainText('amount');
  await expect(details.getByRole('link', { name: 'train-42' })).toHaveAttribute('href', `/experiments/${experimentId}/runs/${runs['train-42']}`);

  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  await expect(training).toBeFocused();
});

test('a version registered from runs:/ shows that it has no logged model; an alias URL resolves', async ({ page }) => {
  await page.goto(`/models/${enc}/versions/2/lineage`);
  const g = graph(page);
  const placeholder = g.getByTestId('lineage-node-logged-model');
  await expect(placeholder).toHaveAttribute('data-missing', 'true', wait);
  await expect(placeholder).toContainText('No logged model');
  await expect(placeholder).toContainText(`runs:/${runs['train-42']}`);
  await expect(g.getByRole('link', { name: 'Run train-42' })).toBeVisible();
  await expect(page.getByTestId('lineage-aliases')).toHaveText('No alias points at this version.');

  await page.goto(`/models/${enc}/versions/@champion/lineage`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('v1', wait);
  await expect(page.getByText('@champion currently points at version 1')).toBeVisible();

  await page.goto(`/models/${enc}/versions/9/lineage`);
  await expect(page.getByRole('alert').filter({ hasText: 'Version 9' })).toContainText('does not exist', wait);
});
