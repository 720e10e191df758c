import { expect, test, type Page } from '@playwright/test';
import { formatBytes } from '../lib/format';
import { createExperiment, seedRuns, uniqueName } from './support/seed';

// A 2×2 RGBA PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEUlEQVR4nGP4z8AAQv8ZYAwAQ84H+VjtZqAAAAAASUVORK5CYII=',
  'base64',
);

const MLMODEL = `artifact_path: model
flavors:
  python_function:
    loader_module: mlflow.sklearn
    python_version: 3.11.9
  sklearn:
    pickled_model: model.pkl
    sklearn_version: 1.5.0
mlflow_version: 2.14.1
model_uuid: 0f9e8d7c6b5a
signature:
  inputs: '[{"type": "double", "name": "sepal_length", "required": true}, {"type": "string", "name": "<b>species</b>", "required": false}]'
  outputs: '[{"type": "long", "required": true}]'
utc_time_created: '2024-06-01 10:00:00.000000'
`;

const NOTES = 'first line\nsecond line: <b>not bold</b>\n';
const CSV = 'epoch,loss,note\r\n1,0.93,"warm, up"\r\n2,0.51,"said ""ok"""\r\n3,0.32,<img src=x onerror="window.__pwned=1">\r\n';
const BIG_LOG = Array.from({ length: 12_000 }, (_, i) => `2024-06-01 10:00:${String(i % 60).padStart(2, '0')} INFO step ${i} loss=${(1 / (i + 1)).toFixed(6)}`).join('\n') + '\n';
const EVIL_HTML = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

// Seeding uploads seven files; give a loaded machine room.
test.describe.configure({ timeout: 120_000 });

/** The artifacts tab of a run's page. */
async function openArtifacts(page: Page, experimentId: string, runId: string, query = '') {
  await page.goto(`/experiments/${experimentId}/runs/${runId}?tab=artifacts${query}`);
  await expect(page.getByTestId('artifact-browser')).toBeVisible({ timeout: 30_000 });
}

async function seedArtifactRun(request: Parameters<typeof seedRuns>[0]) {
  const experimentId = await createExperiment(request, uniqueName('e2e-artifacts'));
  const ids = await seedRuns(request, experimentId, [
    {
      name: 'with-artifacts',
      artifacts: {
        'notes.txt': NOTES,
        'data/table.csv': CSV,
        'plots/loss.png': PNG,
        'model/MLmodel': MLMODEL,
        'big.log': BIG_LOG,
        'evil.html': EVIL_HTML,
        'README.md': '# Churn model\n\nSee [the docs](javascript:window.__pwned=3).\n\n<script>window.__pwned=4</script>\n',
        'blob.dat': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02, 0x00, 0xff]),
      },
    },
    { name: 'no-artifacts' },
  ]);
  return { experimentId, runId: ids['with-artifacts'], emptyRunId: ids['no-artifacts'] };
}

test('the artifact browser lists, previews and downloads a run’s files, user content inert', async ({ page, request }) => {
  const { experimentId, runId } = await seedArtifactRun(request);
  const ranges: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/get-artifact') && r.url().includes('big.log')) ranges.push(r.headers()['range'] ?? 'none');
  });
  await openArtifacts(page, experimentId, runId);

  const tree = page.getByTestId('artifact-tree');
  const preview = page.getByTestId('artifact-preview');
  const item = (name: string) => tree.getByRole('treeitem', { name, exact: true });

  await test.step('root entries: folders first, sizes shown', async () => {
    const names = () => tree.getByRole('treeitem').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
    await expect.poll(names).toEqual(['data', 'model', 'plots', 'big.log', 'blob.dat', 'evil.html', 'notes.txt', 'README.md']);
    await expect(item('notes.txt')).toContainText(formatBytes(Buffer.byteLength(NOTES)));
    await expect(item('data')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('artifact-zip-all')).toHaveAttribute('href', `/ajax-api/2.0/runboard/artifacts/zip?run_id=${runId}`);
  });

  await test.step('a text file, with its download link', async () => {
    await item('notes.txt').click();
    await expect(preview.locator('pre')).toHaveText(NOTES);
    const download = preview.getByTestId('artifact-download');
    await expect(download).toHaveAttribute('href', `/get-artifact?run_uuid=${runId}&path=notes.txt`);
    await expect(download).toHaveAttribute('download', 'notes.txt');
    await expect(preview.getByTestId('artifact-truncated-note')).toHaveCount(0);
  });

  await test.step('keyboard: open a folder, pick the CSV, see its table', async () => {
    await item('data').focus();
    await page.keyboard.press('Enter');
    await expect(item('data')).toHaveAttribute('aria-expanded', 'true');
    await expect(item('table.csv')).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(item('table.csv')).toBeFocused();
    await page.keyboard.press('Enter');
    const table = preview.getByTestId('csv-preview');
    await expect(table.getByRole('columnheader', { name: 'loss' })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'warm, up' })).toBeVisible();
    await expect(table.getByRole('cell', { name: 'said "ok"' })).toBeVisible();
    await expect(table.getByRole('cell', { name: '<img src=x onerror="window.__pwned=1">' })).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(3);
    await expect(page).toHaveURL(/[?&]tab=artifacts(&|$)/);
    await expect(page).toHaveURL(/[?&]artifact=data%2Ftable\.csv/);
  });

  await test.step('a folder: zip download of just that folder', async () => {
    await item('data').click(); // closes it and selects it
    await expect(item('data')).toHaveAttribute('aria-expanded', 'false');
    const zip = preview.getByTestId('artifact-zip');
    await expect(zip).toHaveAttribute('href', `/ajax-api/2.0/runboard/artifacts/zip?run_id=${runId}&path=data`);
    const res = await request.get((await zip.getAttribute('href'))!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/zip');
  });

  await test.step('an image', async () => {
    await item('plots').click();
    await item('loss.png').click();
    const img = preview.getByTestId('image-preview');
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
    await expect(preview).toContainText('2 × 2 px');
  });

  await test.step('an MLmodel: flavors, identity and signature', async () => {
    await item('model').click();
    await item('MLmodel').click();
    const ml = preview.getByTestId('mlmodel-preview');
    await expect(ml.getByTestId('mlmodel-flavor')).toHaveText(['python_function', 'sklearn']);
    await expect(ml).toContainText('0f9e8d7c6b5a');
    await expect(ml).toContainText('2.14.1');
    const inputs = ml.getByRole('table', { name: 'Inputs' });
    await expect(inputs.getByRole('cell', { name: 'sepal_length' })).toBeVisible();
    await expect(inputs.getByRole('cell', { name: '<b>species</b>' })).toBeVisible();
    await expect(ml.getByRole('table', { name: 'Outputs' }).getByRole('cell', { name: 'long' })).toBeVisible();
  });

  await test.step('a large log: only its head is read, with a notice', async () => {
    await item('big.log').click();
    const note = preview.getByTestId('artifact-truncated-note');
    await expect(note).toHaveText(`Showing the first 256 KB of ${formatBytes(Buffer.byteLength(BIG_LOG))} — download for the whole file`);
    const shown = await preview.locator('pre').textContent();
    expect(shown!.length).toBeLessThanOrEqual(256 * 1024);
    expect(shown!.startsWith('2024-06-01 10:00:00 INFO step 0 ')).toBe(true);
    // Every read of the file asked for its head only (dev mode's strict effects may ask twice).
    expect(ranges.length).toBeGreaterThan(0);
    expect([...new Set(ranges)]).toEqual(['bytes=0-262143']);
  });

  await test.step('HTML is shown as text and never runs; binary content is not shown', async () => {
    await item('evil.html').click();
    await expect(preview.locator('pre')).toHaveText(EVIL_HTML);
    await expect(preview.locator('script, img')).toHaveCount(0);
    await item('README.md').click();
    await expect(preview.getByRole('heading', { name: 'Churn model' })).toBeVisible();
    await expect(preview.getByRole('link', { name: 'the docs' })).not.toHaveAttribute('href', /javascript:/);
    await expect(preview.locator('script')).toHaveCount(0);
    await preview.getByRole('button', { name: 'Source' }).click();
    await expect(preview.locator('pre')).toContainText('<script>window.__pwned=4</script>');
    await item('blob.dat').click();
    await expect(preview).toContainText('No preview for binary files');
    await expect(preview.getByTestId('artifact-download')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});

test('a link with ?artifact= opens the same preview, its folders opened; an empty run says so', async ({ page, request }) => {
  const { experimentId, runId, emptyRunId } = await seedArtifactRun(request);
  await openArtifacts(page, experimentId, runId, '&artifact=data%2Ftable.csv');
  const tree = page.getByTestId('artifact-tree');
  await expect(tree.getByRole('treeitem', { name: 'data', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await expect(tree.getByRole('treeitem', { name: 'table.csv' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('csv-preview').getByRole('cell', { name: '0.51' })).toBeVisible();

  await openArtifacts(page, experimentId, emptyRunId);
  await expect(page.getByTestId('artifact-browser')).toHaveText('No artifacts logged for this run');
});
