import { expect, test } from '@playwright/test';

test('the home page lists experiments logged through the API, user text rendered inert', async ({ page, request }) => {
  const name = `<img src=x onerror="window.__pwned=1"> e2e-${Date.now()}`;
  const created = await request.post('/api/2.0/mlflow/experiments/create', { data: { name } });
  expect(created.ok()).toBeTruthy();
  const { experiment_id: id } = await created.json();

  await page.goto('/');
  const table = page.getByTestId('experiments-table');
  await expect(table.getByRole('cell', { name: 'Default', exact: true })).toBeVisible();
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByRole('cell').nth(1)).toHaveText(id);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
