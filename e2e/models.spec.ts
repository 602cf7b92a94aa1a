import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CORPUS, firstDiagramCounts, importThroughUi } from './bpmn-files';
import { stateOf } from './support';

test('the home page is the models list', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/models$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Models' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' })).toHaveAttribute('aria-current', 'page');
});

test('the models list shows the two seeded examples', async ({ page }) => {
  await page.goto('/models');
  const table = page.getByTestId('models-table');
  await expect(table.getByRole('link', { name: 'Agent-assisted approval' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'Order fulfilment' })).toBeVisible();
  // Every row shows its key, its latest version (or none) and its findings.
  const row = page.getByTestId('model-row').filter({ hasText: 'Order fulfilment' });
  await expect(row.locator('td').nth(1)).not.toBeEmpty();
  await expect(row.locator('td').nth(4)).toContainText(/No findings|error|warning/);
});

test('importing a corpus file lands on its model page and draws every DI shape', async ({ page }) => {
  const file = path.join(CORPUS, 'miwg-reference/A.2.0.bpmn');
  const expected = firstDiagramCounts(file);
  expect(expected.shapes).toBe(8);

  await importThroughUi(page, file);

  const diagram = page.getByTestId('bpmn-diagram');
  await expect(diagram).toHaveAttribute('data-shape-count', String(expected.shapes));
  await expect(diagram.locator('.react-flow__node [data-bpmn-shape]')).toHaveCount(expected.shapes);
  await expect(diagram.locator('[data-bpmn-shape="gateway"]')).toHaveCount(2);
  await expect(diagram.locator('[data-bpmn-edge]')).toHaveCount(expected.edges);
  await expect(diagram.locator('[data-bpmn-shape]').first()).toBeVisible();
});

test('choosing a finding highlights its element in the diagram; errors block publishing', async ({ page }) => {
  await importThroughUi(page, path.join(CORPUS, 'miwg-reference/A.2.0.bpmn'));

  const finding = page.getByTestId('finding').filter({ has: page.locator('button') }).first();
  const elementId = await finding.getAttribute('data-element-id');
  expect(elementId).toBeTruthy();
  await finding.locator('button').click();
  await expect(page.getByTestId('bpmn-diagram').locator(`[data-bpmn-element="${elementId}"][data-highlighted="true"]`)).toHaveCount(1);

  await expect(page.getByTestId('publish-blocked')).toContainText('fix the');
  await expect(page.getByRole('button', { name: /^Publish version/ })).toBeDisabled();
});

test('a seeded model lists its versions; a version page draws it and links its BPMN XML', async ({ page }) => {
  await page.goto('/models');
  await page.getByTestId('models-table').getByRole('link', { name: 'Order fulfilment' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('Order fulfilment');
  await expect(page.getByTestId('bpmn-diagram').locator('[data-bpmn-shape]').first()).toBeVisible();

  // The seed published the draft as version 1, so publishing it again creates nothing.
  await page.getByLabel('Changelog message').fill('Republish from the e2e test');
  await page.getByRole('button', { name: /^Publish version/ }).click();
  await expect(page.getByTestId('publish-form')).toContainText('Nothing changed since version 1');

  await page.getByTestId('versions-list').getByRole('link', { name: /Version 1/ }).click();
  await expect(page).toHaveURL(/\/models\/[^/]+\/versions\/1$/);
  await expect(page.getByTestId('version-title')).toHaveText('Version 1');
  await expect(page.getByTestId('version-checksum')).toHaveText(/^[0-9a-f]{64}$/);
  const diagram = page.getByTestId('bpmn-diagram');
  await expect(diagram.locator('[data-bpmn-shape]').first()).toBeVisible();
  const href = await page.getByTestId('download-bpmn').getAttribute('href');
  expect(href).toMatch(/^\/api\/v1\/models\/[^/]+\/versions\/1\?format=bpmn$/);
  const response = await page.request.get(href ?? '');
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('definitions');
});

test('importing a malformed file shows a clear error with its line and saves nothing', async ({ page }) => {
  await page.goto('/models', { waitUntil: 'networkidle' });
  const before = await page.getByTestId('model-row').count();
  await page.getByTestId('import-bpmn-input').setInputFiles({
    name: 'broken.bpmn',
    mimeType: 'application/xml',
    buffer: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?>\n<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n  <process id="p">\n</definitions>\n',
    ),
  });
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('broken.bpmn was not imported');
  await expect(error.getByTestId('import-findings')).toContainText('line 4');
  await expect(error).toContainText('Nothing was saved');
  await expect(page).toHaveURL(/\/models$/);
  await page.reload();
  await expect(page.getByTestId('model-row')).toHaveCount(before);
});

test('a corpus file that is not well-formed names the line and the undeclared prefix', async ({ page }) => {
  // The picker works once hydrated; the page streams in behind the sign-in check, so wait for it.
  await page.goto('/models', { waitUntil: 'networkidle' });
  await page.getByTestId('import-bpmn-input').setInputFiles(path.join(CORPUS, 'bpmn-js/multiple-nested-processes.bpmn'));
  const findings = page.getByTestId('import-findings');
  await expect(findings).toContainText('line 4');
  await expect(findings).toContainText('bpmn');
});

test.describe('as an operator', () => {
  test.use({ storageState: stateOf('operator') });

  test('the navigation opens Instances, Tasks and Dashboard', async ({ page }) => {
    for (const [link, heading] of [
      ['Instances', 'Instances'],
      ['Tasks', 'Tasks'],
      ['Dashboard', 'Dashboard'],
    ] as const) {
      await page.goto('/models');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    }
  });
});
