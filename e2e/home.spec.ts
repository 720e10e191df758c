import { expect, test } from '@playwright/test';
import { createExperiment, seedRuns, uniqueName } from './support/seed';

test('the home page lists experiments logged through the API, user text rendered inert', async ({ page, request }) => {
  const name = `<img src=x onerror="window.__pwned=1"> ${uniqueName('e2e')}`;
  const id = await createExperiment(request, name);
  await seedRuns(request, id, [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);

  await page.goto('/');
  const table = page.getByTestId('experiments-table');
  await expect(table.getByRole('link', { name: 'Default', exact: true })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(2)).toHaveText(id);
  await expect(row.getByTestId('experiment-run-count')).toHaveText('3');
  expect(await page.locator('main img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('a person creates, searches, renames, deletes and restores an experiment', async ({ page }) => {
  const name = uniqueName('home-crud');
  await page.goto('/');
  await page.getByTestId('create-experiment').click();
  await page.getByRole('dialog', { name: 'New experiment' }).getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/experiments\/\d+$/);

  await page.goto('/');
  await page.getByTestId('experiment-search').fill(name.slice(0, 12));
  const table = page.getByTestId('experiments-table');
  await expect(table.getByRole('row')).toHaveCount(2); // header + the one match
  await table.getByRole('button', { name: `Rename ${name}` }).click();
  const renamed = `${name}-renamed`;
  const dialog = page.getByRole('dialog', { name: 'Rename experiment' });
  await dialog.getByLabel('New name').fill(renamed);
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(table.getByRole('link', { name: renamed })).toBeVisible();

  await table.getByRole('button', { name: `Delete ${renamed}` }).click();
  await page.getByRole('dialog', { name: 'Delete experiment' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No experiment matches this name.')).toBeVisible();
  await page.getByRole('button', { name: 'Deleted', exact: true }).click();
  await page.getByTestId('experiments-table').getByRole('button', { name: `Restore ${renamed}` }).click();
  await page.getByRole('dialog', { name: 'Restore experiment' }).getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('button', { name: 'Active', exact: true }).click();
  await expect(page.getByTestId('experiments-table').getByRole('link', { name: renamed })).toBeVisible();
});

test('creating an experiment with a taken name shows the server error in the dialog', async ({ page, request }) => {
  const name = uniqueName('taken');
  await createExperiment(request, name);
  await page.goto('/');
  await page.getByTestId('create-experiment').click();
  const dialog = page.getByRole('dialog', { name: 'New experiment' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already exists');
});

test('the theme toggle switches to dark and the choice survives a reload', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  const wasDark = await html.evaluate((el) => el.classList.contains('dark'));
  await page.getByRole('button', { name: wasDark ? 'Switch to light theme' : 'Switch to dark theme' }).click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await page.reload();
  expect(await html.evaluate((el) => el.classList.contains('dark'))).toBe(!wasDark);
});

test('an MLflow-style hash link from the Python client lands on the same page', async ({ page, request }) => {
  const name = uniqueName('hash');
  const id = await createExperiment(request, name);
  await page.goto(`/#/experiments/${id}`);
  await expect(page).toHaveURL(new RegExp(`/experiments/${id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
});
