import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { E2E_PORT, stateOf, type DemoUser } from './support';

/**
 * The human task inbox, end to end, against the real server and runtime: instances of a small
 * fixture process (e2e/fixtures/inbox-review.bpmn) are started through the API as the operator;
 * people work their tasks in the browser.
 *
 * Every run publishes the fixture under model keys of its own, so the spec can run again against
 * a server that kept its database.
 */
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const fixture = readFileSync(path.join(import.meta.dirname, 'fixtures/inbox-review.bpmn'), 'utf8');
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

const KEY = `e2e-inbox-${run}`;
/** The same process with a 2-second escalation that hands an overdue task to the finance group. */
const ESCALATING_KEY = `e2e-inbox-esc-${run}`;

let operator: APIRequestContext;

test.beforeAll(async () => {
  operator = await playwrightRequest.newContext({ baseURL, storageState: stateOf('operator') });
  const modeler = await playwrightRequest.newContext({ baseURL, storageState: stateOf('modeler') });
  for (const [key, xml] of [
    [KEY, fixture],
    [ESCALATING_KEY, fixture.replace('after="PT1H"', 'after="PT2S"')],
  ] as const) {
    const created = await modeler.post(`/api/v1/models?key=${key}`, { headers: { 'content-type': 'application/xml' }, data: xml });
    expect(created.status(), await created.text()).toBe(201);
    const published = await modeler.post(`/api/v1/models/${key}/publish`, { data: { message: 'e2e inbox fixture' } });
    expect(published.status(), await published.text()).toBe(201);
  }
  await modeler.dispose();
});

test.afterAll(async () => {
  await operator.dispose();
});

type Start = { reviewers: string; due?: string; note?: string; requester?: string; key?: string };

/** Starts an instance as the operator; answers the instance id and its open task's id. */
async function startReview(input: Start): Promise<{ instanceId: string; taskId: string }> {
  const started = await operator.post('/api/v1/instances', {
    data: {
      processKey: input.key ?? KEY,
      businessKey: `inbox-${run}-${Math.random().toString(36).slice(2, 8)}`,
      variables: {
        reviewers: input.reviewers,
        due: input.due ?? 'P2D',
        requester: input.requester ?? `Rita ${run}`,
        note: input.note ?? 'Supplier invoice, second reminder.',
        secret: `not-for-reviewers-${run}`,
      },
    },
  });
  expect(started.status(), await started.text()).toBe(201);
  const instanceId = (await started.json()).id as string;
  const instance = await (await operator.get(`/api/v1/instances/${instanceId}`)).json();
  const taskId = instance.tasks?.[0]?.id as string | undefined;
  expect(taskId, JSON.stringify(instance)).toBeTruthy();
  return { instanceId, taskId: taskId as string };
}

async function instanceStatus(instanceId: string): Promise<string> {
  return (await (await operator.get(`/api/v1/instances/${instanceId}`)).json()).status;
}

async function openTasks(instanceId: string): Promise<{ id: string; assignee: string | null }[]> {
  return (await (await operator.get(`/api/v1/instances/${instanceId}`)).json()).tasks;
}

async function pageAs(browser: Browser, user: DemoUser): Promise<Page> {
  const context = await browser.newContext({ storageState: stateOf(user), viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

const rowOf = (page: Page, taskId: string) => page.locator(`[data-testid="task-row"][data-task-id="${taskId}"]`);

test('a compliance member claims the group task, fixes a validation error and completes it; the instance moves on', async ({ browser }) => {
  const { instanceId, taskId } = await startReview({ reviewers: 'compliance' });
  const page = await pageAs(browser, 'compliance');

  await page.goto('/tasks?view=groups');
  await expect(page.getByTestId('view-groups')).toHaveAttribute('aria-current', 'page');
  await expect(rowOf(page, taskId)).toBeVisible();
  await rowOf(page, taskId).getByTestId('task-link').click();

  await expect(page.getByTestId('task-title')).toHaveText('Review payment');
  await expect(page.getByTestId('variable-requester')).toContainText(`Rita ${run}`);
  await expect(page.getByTestId('task-page')).not.toContainText(`not-for-reviewers-${run}`);
  await expect(page.getByTestId('task-diagram').getByTestId('bpmn-diagram')).toBeVisible();
  await expect(page.getByTestId('form-disabled-reason')).toContainText('Claim the task');

  await page.getByTestId('claim-task').click();
  await expect(page.getByTestId('task-assignee')).toHaveText('you');

  await page.getByLabel('Approved amount').fill('25000');
  await page.getByLabel('Reference').fill('pay 12');
  await page.getByTestId('decision-approve').click();
  await expect(page.getByTestId('error-amount')).toHaveText('Approved amount must be at most 10000');
  await expect(page.getByTestId('error-reference')).toContainText('Reference');
  await expect(page.getByLabel('Approved amount')).toHaveAttribute('aria-invalid', 'true');
  expect(await instanceStatus(instanceId)).toBe('active');
  expect((await openTasks(instanceId)).map((t) => t.id)).toEqual([taskId]);

  await page.getByLabel('Approved amount').fill('2500');
  await page.getByLabel('Reference').fill('PAY-1234');
  await page.getByLabel('Comment').fill('Checked against the contract.');
  await page.getByTestId('decision-approve').click();
  await expect(page.getByTestId('task-completed')).toBeVisible();
  await expect(page.getByTestId('task-result')).toContainText('PAY-1234');

  await expect.poll(() => instanceStatus(instanceId)).toBe('completed');
  const instance = await (await operator.get(`/api/v1/instances/${instanceId}`)).json();
  const variables = Object.assign({}, ...instance.variables.map((scope: { variables: object }) => scope.variables));
  expect(variables).toMatchObject({ decision: 'approve', amount: 2500, reference: 'PAY-1234' });
  await page.context().close();
});

test('a new group task notifies the group: the bell counts it, the list links it, and it can be marked read', async ({ browser }) => {
  const { taskId } = await startReview({ reviewers: 'compliance' });
  const page = await pageAs(browser, 'compliance');
  await page.goto('/notifications');
  await expect(page.getByTestId('notification-bell')).not.toHaveAttribute('data-unread', '0');
  const before = Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

  const item = page.locator(`[data-testid="notification"][data-task-id="${taskId}"]`);
  await expect(item).toHaveAttribute('data-read', 'false');
  await expect(item).toContainText('Review payment');
  await item.getByTestId('mark-read').click();
  await expect(item).toHaveAttribute('data-read', 'true');
  await expect(page.getByTestId('notification-bell')).toHaveAttribute('data-unread', String(before - 1));

  await item.getByRole('link').click();
  await expect(page.getByTestId('task-title')).toHaveText('Review payment');

  // Finance is not told about a compliance task.
  const finance = await pageAs(browser, 'finance');
  await finance.goto('/notifications');
  await expect(finance.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  await expect(finance.locator(`[data-testid="notification"][data-task-id="${taskId}"]`)).toHaveCount(0);
  await finance.context().close();
  await page.context().close();
});

test('a finance member does not see a compliance task: not in the inbox, and 404 by URL', async ({ browser }) => {
  const { taskId } = await startReview({ reviewers: 'compliance' });
  const page = await pageAs(browser, 'finance');

  for (const view of ['groups', 'all', 'mine']) {
    await page.goto(`/tasks?view=${view}`);
    await expect(page.getByTestId('inbox-views')).toBeVisible();
    await expect(rowOf(page, taskId)).toHaveCount(0);
  }
  await page.goto(`/tasks?q=${taskId}&view=all`);
  await expect(page.getByTestId('inbox-empty')).toBeVisible();

  const answer = await page.goto(`/tasks/${taskId}`);
  await expect(page.getByText('This page could not be found')).toBeVisible();
  expect([404, 200]).toContain(answer?.status());
  await expect(page.getByTestId('task-page')).toHaveCount(0);
  await page.context().close();
});

test('the starter of an instance cannot complete its four-eyes task, and the server refuses it too', async ({ browser }) => {
  // The operator starts the instance and is a candidate too (group "operations").
  const { instanceId, taskId } = await startReview({ reviewers: 'operations' });
  const page = await pageAs(browser, 'operator');
  await page.goto(`/tasks/${taskId}`);
  await page.getByTestId('claim-task').click();
  await expect(page.getByTestId('task-assignee')).toHaveText('you');
  await expect(page.getByTestId('form-disabled-reason')).toContainText('four-eyes');

  // Past the page's own guard, as a hand-made request would be: the server action refuses.
  await page.evaluate(() => {
    document.querySelectorAll('[data-testid="task-form"] fieldset, [data-testid="task-form"] button').forEach((el) => el.removeAttribute('disabled'));
  });
  await page.getByLabel('Approved amount').fill('100');
  await page.getByLabel('Reference').fill('OWN-0001');
  await page.getByTestId('decision-approve').click();
  const refused = page.getByTestId('complete-refused');
  await expect(refused).toBeVisible();
  await expect(refused).toHaveAttribute('data-reason', 'four-eyes');
  await expect(refused).toContainText('four-eyes');

  expect(await instanceStatus(instanceId)).toBe('active');
  expect((await openTasks(instanceId)).map((t) => t.id)).toEqual([taskId]);
  await page.context().close();
});

test('a server action naming a task the user may not see is refused, and nothing changes', async ({ browser }) => {
  const mine = await startReview({ reviewers: 'compliance' });
  const theirs = await startReview({ reviewers: 'operations' });
  const page = await pageAs(browser, 'compliance');
  await page.goto(`/tasks/${mine.taskId}`);
  await expect(page.getByTestId('claim-task')).toBeVisible();

  // Point the claim form at the operations task, as a forged request would: the page's own field
  // loses its name and a field React does not manage carries the other id (React writes its own
  // field's value back when the page re-renders live, which made a changed value flaky).
  await page.evaluate((otherId) => {
    document.querySelectorAll<HTMLInputElement>('input[name="taskId"]').forEach((input) => {
      const forged = document.createElement('input');
      forged.type = 'hidden';
      forged.name = 'taskId';
      forged.value = otherId;
      input.removeAttribute('name');
      input.after(forged);
    });
  }, theirs.taskId);
  await page.getByTestId('claim-task').click();
  await expect(page.getByTestId('claim-message')).toContainText(`No task "${theirs.taskId}" that you may see`);

  expect((await openTasks(theirs.instanceId))[0]).toMatchObject({ id: theirs.taskId, assignee: null });
  expect((await openTasks(mine.instanceId))[0]).toMatchObject({ id: mine.taskId, assignee: null });
  await page.context().close();
});

test('variables and comments holding HTML are shown as text, never run', async ({ browser }) => {
  const hostile = `<script>window.__inboxXss = 1</script><img src="x" onerror="window.__inboxXss = 2">`;
  const { taskId } = await startReview({ reviewers: 'compliance', note: hostile, requester: `<b>Mallory</b> ${run}` });
  const page = await pageAs(browser, 'compliance');
  await page.goto(`/tasks/${taskId}`);
  await expect(page.getByTestId('variable-note')).toContainText(hostile);
  await expect(page.getByTestId('variable-requester')).toContainText(`<b>Mallory</b> ${run}`);
  await expect(page.getByTestId('task-variables').locator('img, script, b')).toHaveCount(0);

  await page.getByTestId('claim-task').click();
  await expect(page.getByTestId('task-assignee')).toHaveText('you');
  await page.getByLabel('Approved amount').fill('10');
  await page.getByLabel('Reference').fill('XSS-0001');
  const comment = `<img src=x onerror="window.__inboxXss = 3"> looks fine`;
  await page.getByLabel('Comment').fill(comment);
  await page.getByTestId('decision-reject').click();
  await expect(page.getByTestId('task-result')).toContainText(comment);
  await expect(page.getByTestId('task-result').locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __inboxXss?: number }).__inboxXss)).toBeUndefined();
  await page.context().close();
});

test('the inbox updates live: a new task appears, and a task claimed by someone else leaves the group view', async ({ browser }) => {
  const page = await pageAs(browser, 'compliance');
  await page.goto(`/tasks?view=groups&process=${KEY}`);
  await expect(page.getByTestId('inbox-live')).toHaveAttribute('data-state', 'live');

  const { taskId } = await startReview({ reviewers: 'compliance,operations' });
  await expect(rowOf(page, taskId)).toBeVisible();

  const other = await pageAs(browser, 'operator');
  await other.goto(`/tasks/${taskId}`);
  await other.getByTestId('claim-task').click();
  await expect(other.getByTestId('task-assignee')).toHaveText('you');

  await expect(rowOf(page, taskId)).toHaveCount(0);
  await other.context().close();
  await page.context().close();
});

test('an overdue task is marked, then escalates to the finance group, who sees it', async ({ browser }) => {
  const { taskId } = await startReview({ key: ESCALATING_KEY, reviewers: 'compliance', due: 'PT1S' });

  const finance = await pageAs(browser, 'finance');
  await finance.goto(`/tasks?view=groups&process=${ESCALATING_KEY}`);
  await expect(finance.getByTestId('inbox-live')).toHaveAttribute('data-state', 'live');

  // The escalation timer fires 2 s after creation; the finance inbox shows it without a reload.
  await expect(rowOf(finance, taskId)).toBeVisible({ timeout: 20_000 });
  await expect(rowOf(finance, taskId)).toHaveAttribute('data-overdue', 'true');
  await expect(rowOf(finance, taskId).getByTestId('overdue-badge')).toBeVisible();

  await rowOf(finance, taskId).getByTestId('task-link').click();
  await expect(finance.getByTestId('task-history')).toContainText('escalated (reassign)');

  // Compliance no longer has it.
  const compliance = await pageAs(browser, 'compliance');
  await compliance.goto(`/tasks?view=all&process=${ESCALATING_KEY}`);
  await expect(compliance.getByTestId('inbox-views')).toBeVisible();
  await expect(rowOf(compliance, taskId)).toHaveCount(0);
  await finance.context().close();
  await compliance.context().close();
});
