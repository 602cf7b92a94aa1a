import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type Browser, type Page } from '@playwright/test';
import { E2E_PORT, stateOf, type DemoUser } from './support';

/**
 * Agent tasks end to end on the real server, offline: the seeded provider `llm-stub` (the
 * scripted stub inside the server) drives an agent task; an admin registers a tool that needs
 * approval in the UI, a modeler gives the agent task that tool in the modeler, a finance member
 * approves the held call in the inbox, and the decision record shows on the instance timeline.
 * Names carry a per-run suffix so the spec can run again against a kept database.
 */
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const baseURL = `http://127.0.0.1:${E2E_PORT}`;
const TOOL = `e2e_policy_${run}`;
const KEY = `e2e-agent-${run}`;
const fixture = readFileSync(path.join(import.meta.dirname, 'fixtures/agent-held-tool.bpmn'), 'utf8');

const node = (page: Page, id: string) => page.getByTestId('modeler-canvas').locator(`.react-flow__node[data-id="${id}"]`);

async function select(page: Page, id: string) {
  await node(page, id).click();
  await expect(page.getByTestId('prop-id')).toHaveValue(id);
}

async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });
}

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: stateOf(user), viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

test('a tool configured in the UI is held for approval, approved in the inbox, and the decision record shows on the timeline', async ({ browser }) => {
  test.setTimeout(120_000);

  // 1. An admin registers the tool: an HTTP call (the stub's demo endpoint), held for finance's approval.
  const admin = await pageAs(browser, 'admin');
  await admin.goto('/admin/providers');
  await expect(admin.getByTestId('providers-table')).toContainText('llm-stub');
  await expect(admin.getByTestId('stub-badge').first()).toContainText('not a real model');
  await admin.goto('/admin/tools');
  const form = admin.getByTestId('tool-form');
  await form.getByLabel('Name', { exact: true }).fill(TOOL);
  await form.getByLabel('Description (the model reads it)').fill('Looks up the spending policy (e2e).');
  await form.getByLabel('Input schema (JSON schema)').fill('{"type":"object","properties":{"category":{"type":"string"}},"required":["category"]}');
  await form.getByLabel('HTTP method').fill('POST');
  await form.getByLabel('HTTP URL (FEEL template over input)').fill('stub:/tools/lookup_policy');
  await form.getByLabel('Allowed roles or groups (comma-separated; empty: any)').fill('analyst');
  await form.getByLabel('Needs approval (each call held as an inbox task)').check();
  await form.getByLabel('Who approves held calls (groups)').fill('finance');
  await form.getByRole('button', { name: 'Save tool' }).click();
  await expect(form).toContainText(`Created tool ${TOOL}.`);
  await expect(admin.getByTestId('tools-table')).toContainText(TOOL);
  await expect(admin.locator('[data-testid="tool-row"]', { hasText: TOOL })).toContainText('needs approval (finance)');

  // 2. A modeler gives the agent task the tool in the modeler; the draft is published.
  const modelerApi = await playwrightRequest.newContext({ baseURL, storageState: stateOf('modeler') });
  const created = await modelerApi.post(`/api/v1/models?key=${KEY}`, { headers: { 'content-type': 'application/xml' }, data: fixture });
  expect(created.status(), await created.text()).toBe(201);
  const modeler = await pageAs(browser, 'modeler');
  await modeler.goto(`/models/${KEY}/edit`);
  await expect(node(modeler, 'assess')).toBeVisible();
  await select(modeler, 'assess');
  await modeler.getByTestId('prop-agent-tools').fill(TOOL);
  await modeler.getByTestId('prop-agent-tools').press('Tab');
  await waitSaved(modeler);
  const published = await modelerApi.post(`/api/v1/models/${KEY}/publish`, { data: { message: 'e2e agent' } });
  expect(published.status(), await published.text()).toBe(201);
  await modelerApi.dispose();

  // 3. The operator starts an instance; the agent's tool call is held as an inbox task for finance.
  const operator = await playwrightRequest.newContext({ baseURL, storageState: stateOf('operator') });
  const started = await operator.post('/api/v1/instances', { data: { processKey: KEY, variables: { requester: `Rita ${run}` } } });
  expect(started.status(), await started.text()).toBe(201);
  const instanceId = (await started.json()).id as string;

  // The held call is an instance of the built-in approval process; its business key starts with the agent's job key.
  let approvalInstanceId = '';
  await expect(async () => {
    const detail = await (await operator.get(`/api/v1/instances/${instanceId}`)).json();
    const jobKey = detail.jobs?.[0]?.id as string | undefined;
    expect(jobKey).toBeTruthy();
    const list = await (await operator.get('/api/v1/instances?processKey=baton-agent-tool-approval&limit=100')).json();
    const approval = (list.items as { id: string; businessKey: string | null }[]).find((i) => i.businessKey?.startsWith(`${jobKey}|`));
    expect(approval).toBeTruthy();
    approvalInstanceId = approval!.id;
  }).toPass({ timeout: 60_000 });

  const finance = await pageAs(browser, 'finance');
  await finance.goto(`/tasks?view=groups&q=${approvalInstanceId}`);
  await expect(finance.locator('[data-testid="task-row"]').first()).toBeVisible({ timeout: 20_000 });
  await finance.locator('[data-testid="task-row"]').first().getByTestId('task-link').click();
  await expect(finance.getByTestId('task-title')).toHaveText('Approve agent tool call');
  await expect(finance.getByTestId('task-page')).toContainText(TOOL);
  await expect(finance.getByTestId('task-page')).toContainText('demo');
  await finance.getByTestId('claim-task').click();
  await expect(finance.getByTestId('task-assignee')).toHaveText('you');
  await finance.getByTestId('decision-approve').click();
  await expect(finance.getByTestId('task-completed')).toBeVisible();

  // 4. The agent continues with the approval and completes; the timeline shows its decision record.
  await expect.poll(async () => (await (await operator.get(`/api/v1/instances/${instanceId}`)).json()).status, { timeout: 60_000 }).toBe('completed');
  await operator.dispose();
  const viewer = await pageAs(browser, 'operator');
  await viewer.goto(`/instances/${instanceId}`);
  const agentEntries = viewer.locator('[data-testid="timeline-entry"][data-type="AgentStepRecorded"]');
  await expect(agentEntries.first()).toBeVisible({ timeout: 20_000 });
  await expect(viewer.getByTestId('timeline')).toContainText('scripted-first-tool');
  await expect(viewer.getByTestId('timeline')).toContainText(TOOL);
  await expect(viewer.getByTestId('timeline')).toContainText('approved');
  await viewer.screenshot({ path: test.info().outputPath('agent-timeline.png'), fullPage: true });
});
