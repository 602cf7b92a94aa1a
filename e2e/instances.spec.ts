import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { E2E_PORT, stateOf, type DemoUser } from './support';

/**
 * The live instance viewer and its operations, against the production server:
 * a token moves live (no reload) from an external job to a user task; the task is completed in
 * another browser context and the timeline updates; an earlier event shows the earlier state;
 * a failing HTTP call becomes an incident, the variable is fixed and the retry completes the
 * instance; the replay check says deterministic; the report exports as CSV and JSON; a waiting
 * instance migrates to a new version.
 */
const BASE = `http://127.0.0.1:${E2E_PORT}`;
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const KEY = `e2e-order-${RUN}`;
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8').replaceAll('__RUN__', RUN);
const headers = { origin: BASE };

async function as(browser: Browser, user: DemoUser) {
  const context = await browser.newContext({ storageState: stateOf(user), baseURL: BASE });
  return { context, request: context.request };
}

async function publish(request: APIRequestContext, xml: string): Promise<void> {
  const existing = await request.get(`/api/v1/models/${KEY}`);
  if (existing.status() === 404) {
    const created = await request.post(`/api/v1/models?key=${KEY}`, { headers: { ...headers, 'content-type': 'application/xml' }, data: xml });
    expect(created.status(), await created.text()).toBe(201);
  } else {
    const model = await existing.json();
    const saved = await request.put(`/api/v1/models/${KEY}/draft`, { headers, data: { lock: model.lock, xml } });
    expect(saved.status(), await saved.text()).toBe(200);
  }
  const published = await request.post(`/api/v1/models/${KEY}/publish`, { headers, data: { message: 'e2e instances' } });
  expect(published.status(), await published.text()).toBe(201);
}

async function startOrder(request: APIRequestContext, businessKey: string): Promise<string> {
  const started = await request.post('/api/v1/instances', {
    headers,
    data: { processKey: KEY, businessKey, variables: { orderId: businessKey, notifyUrl: 'http://127.0.0.1:9/unreachable' } },
  });
  expect(started.status(), await started.text()).toBe(201);
  return (await started.json()).id;
}

/** An external worker in its own context: takes the prepare job of this run and completes it. */
async function completePrepare(request: APIRequestContext): Promise<void> {
  const activated = await request.post('/api/v1/jobs/activate', { headers, data: { type: `e2e-prepare-${RUN}`, worker: 'e2e-worker', maxJobs: 1, requestTimeoutMs: 5000 } });
  expect(activated.status(), await activated.text()).toBe(200);
  const { jobs } = await activated.json();
  expect(jobs).toHaveLength(1);
  const completed = await request.post(`/api/v1/jobs/${jobs[0].key}/complete`, { headers, data: { variables: { prepared: true } } });
  expect(completed.status(), await completed.text()).toBe(200);
}

async function openTaskOf(request: APIRequestContext, instanceId: string): Promise<string> {
  const detail = await (await request.get(`/api/v1/instances/${instanceId}`)).json();
  expect(detail.tasks).toHaveLength(1);
  return detail.tasks[0].id;
}

const overlay = (page: Page, elementId: string) => page.getByTestId(`overlay-${elementId}`);

test.describe.configure({ mode: 'serial' });
test.use({ storageState: stateOf('operator') });

test('an instance is watched live, travelled back in time, repaired after an incident, replayed and exported', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const modeler = await as(browser, 'modeler');
  await publish(modeler.request, fixture('instances-order-v1.bpmn'));

  const operatorApi = page.request;
  const instanceId = await startOrder(operatorApi, `order-${RUN}-1`);
  await page.goto(`/instances/${instanceId}`);
  await expect(page.getByTestId('live-indicator')).toHaveText('Live');
  await expect(overlay(page, 'prepare')).toHaveAttribute('data-tokens', '1');

  // Another context plays the external worker: the token moves to the review, without a reload.
  const worker = await as(browser, 'operator');
  await completePrepare(worker.request);
  await expect(overlay(page, 'review')).toHaveAttribute('data-tokens', '1');
  await expect(overlay(page, 'review')).toContainText('waiting');
  await expect(overlay(page, 'prepare')).toHaveCount(0);

  // The review is completed in another browser context, by a member of finance.
  const finance = await as(browser, 'finance');
  const taskId = await openTaskOf(operatorApi, instanceId);
  const done = await finance.request.post(`/api/v1/tasks/${taskId}/complete`, { headers, data: { variables: { approved: true } } });
  expect(done.status(), await done.text()).toBe(200);
  await expect(page.locator('[data-testid="timeline-entry"][data-type="UserTaskCompleted"]')).toContainText('finance@baton.local');

  // The notify call goes to an unreachable URL with one attempt: an incident, in red, live.
  await expect(overlay(page, 'notify')).toHaveAttribute('data-incident', 'true');
  await expect(page.getByTestId('incident')).toContainText('notify');

  // Time travel: the moment the review task was created shows the token there again.
  await page.locator('[data-testid="timeline-entry"][data-type="UserTaskCreated"] button').click();
  await expect(page.getByTestId('instance-viewer')).toHaveAttribute('data-live', 'false');
  await expect(page).toHaveURL(/[?&]at=\d+/);
  await expect(overlay(page, 'review')).toHaveAttribute('data-tokens', '1');
  await expect(overlay(page, 'notify')).toHaveCount(0);
  await expect(page.getByTestId('time-travel-banner')).toBeVisible();
  // The position survives a reload (the URL keeps it).
  await page.reload();
  await expect(page.getByTestId('instance-viewer')).toHaveAttribute('data-live', 'false');
  await expect(overlay(page, 'review')).toHaveAttribute('data-tokens', '1');
  await page.getByTestId('go-live').click();
  await expect(overlay(page, 'notify')).toHaveAttribute('data-incident', 'true');

  // Fix the variable and retry: the instance completes.
  await page.getByTestId('retry-incident').getByRole('button', { name: 'Fix variables and retry…' }).click();
  const editor = page.getByLabel('Variables before retry');
  const variables = JSON.parse(await editor.inputValue());
  variables.notifyUrl = `${BASE}/api/health`;
  await editor.fill(JSON.stringify(variables, null, 2));
  await page.getByTestId('retry-incident').getByLabel('Reason').fill('the notify URL was wrong');
  await page.getByTestId('retry-incident').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('instance-status')).toHaveText('completed', { timeout: 20_000 });
  await expect(page.locator('[data-testid="timeline-entry"][data-type="InstanceCompleted"]')).toHaveCount(1);

  // The replay check runs the recorded history through the engine again.
  await page.getByTestId('replay-check').click();
  await expect(page.getByTestId('replay-result')).toContainText('deterministic');

  // The audit report: CSV and JSON downloads, and the printable page.
  const csv = await page.request.get(`/instances/${instanceId}/export?format=csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const text = await csv.text();
  expect(text.split('\r\n')[0]).toBe('seq,at,type,category,actor,actor_kind,element,summary,variable_changes,job_error,payload');
  expect(text).toContain('InstanceCompleted');
  expect(text).toContain('finance@baton.local');
  const json = await (await page.request.get(`/instances/${instanceId}/export?format=json`)).json();
  expect(json.instance).toMatchObject({ id: instanceId, status: 'completed' });
  expect(json.events.length).toBeGreaterThan(10);
  expect(json.versions).toHaveLength(1);
  expect(json.decisions.some((d: { summary: string }) => d.summary.includes('Task completed'))).toBe(true);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  expect((await download).suggestedFilename()).toBe(`instance-${instanceId}-report.csv`);
  await page.goto(`/instances/${instanceId}/print`);
  await expect(page.getByTestId('print-report')).toContainText('Event log');

  await Promise.all([modeler.context.close(), worker.context.close(), finance.context.close()]);
});

test('a waiting instance is migrated to a new version with the proposed mapping', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const modeler = await as(browser, 'modeler');
  const instanceId = await startOrder(page.request, `order-${RUN}-2`);
  const worker = await as(browser, 'operator');
  await completePrepare(worker.request);
  await publish(modeler.request, fixture('instances-order-v2.bpmn'));

  await page.goto(`/instances/${instanceId}`);
  await expect(overlay(page, 'review')).toHaveAttribute('data-tokens', '1');
  await expect(page.getByTestId('instance-version')).toHaveText('v1');
  const migrate = page.getByTestId('migrate');
  await migrate.getByTestId('migrate-plan').click();
  await expect(migrate.getByTestId('migrate-preview')).toContainText(`${instanceId}: review→review`);
  await migrate.getByRole('button', { name: 'Migrate 1 instance…' }).click();
  await migrate.getByLabel('Reason').fill('the approval step was added');
  await migrate.getByRole('button', { name: 'Migrate 1' }).click();
  await expect(page.getByTestId('instance-version')).toHaveText('v2');
  await expect(page.locator('[data-testid="timeline-entry"][data-type="InstanceMigrated"]')).toHaveCount(1);
  await expect(page.getByTestId('instance-diagram').locator('[data-bpmn-element="approve"]')).toBeVisible();

  // The list finds it by process, version and the element it waits at.
  await page.goto(`/instances?process=${KEY}&version=2&element=review`);
  await expect(page.getByTestId('instance-row')).toHaveCount(1);
  await expect(page.getByTestId('instance-row')).toContainText(instanceId);
  await Promise.all([modeler.context.close(), worker.context.close()]);
});
