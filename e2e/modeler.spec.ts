import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { BpmnModelSchema } from '@/lib/bpmn/model';
import { exportBpmn } from '@/lib/bpmn/xml/export-bpmn';
import { signInThroughUi, stateOf } from './support';
import { canvas, center, connect, drop, newModel, node, select, shapes, waitSaved } from './modeler-helpers';

/**
 * The modeler in Chromium against the production server, as the modeler (the project's default
 * session). Helpers (drags in steps, connect with a retry of a swallowed drag) are in
 * e2e/modeler-helpers.ts.
 */

async function publish(page: Page, message: string): Promise<number> {
  await waitSaved(page);
  await page.getByTestId('publish-open').click();
  await page.getByTestId('publish-message').fill(message);
  await page.getByTestId('publish-confirm').click();
  const result = page.getByTestId('publish-result');
  await expect(result).toContainText(/Published version \d+/);
  return Number((await result.textContent())?.match(/version (\d+)/)?.[1]);
}

test.describe('the modeler', () => {
  test('builds the agent-approval process from an empty canvas, publishes, changes it and shows the change in the diff', async ({ page }) => {
    const editUrl = await newModel(page, `Agent approval ${Date.now().toString(36)}`);
    const start = await drop(page, 'start-event', { x: 80, y: 160 });
    const assess = await drop(page, 'agent-task', { x: 220, y: 160 });
    const gateway = await drop(page, 'exclusive-gateway', { x: 380, y: 160 });
    const approve = await drop(page, 'user-task', { x: 540, y: 160 });
    const done = await drop(page, 'end-event', { x: 700, y: 160 });
    const auto = await drop(page, 'end-event', { x: 540, y: 320 });
    await expect(canvas(page).locator('[data-bpmn-shape="activity"]')).toHaveCount(2);

    await connect(page, start, assess);
    await connect(page, assess, gateway);
    await connect(page, gateway, approve);
    await connect(page, approve, done);
    await connect(page, gateway, auto, { from: 'b', to: 'l' });

    // Name the tasks and give the user task its assignment.
    await select(page, assess);
    await page.getByTestId('prop-name').fill('Assess request');
    await page.getByTestId('prop-agent-provider').fill('llm-stub');
    await page.getByTestId('prop-agent-goal').fill('Assess the risk of the request');
    await select(page, approve);
    await page.getByTestId('prop-name').fill('Approve request');
    await page.getByTestId('prop-candidate-groups').fill('finance');
    await expect(node(page, approve)).toContainText('Approve request');

    // While the draft has errors, publishing is blocked and says why.
    await page.getByTestId('publish-open').click();
    await expect(page.getByTestId('publish-blocked')).toContainText('without a condition');
    await expect(page.getByTestId('publish-confirm')).toBeDisabled();
    await page.getByRole('button', { name: 'Cancel' }).click();

    // The two flows out of the gateway have no condition: findings; clicking one selects the flow.
    const flowFinding = page.getByTestId('modeler-findings').getByTestId('finding').filter({ hasText: 'without a condition' }).first();
    await expect(flowFinding).toBeVisible();
    await flowFinding.getByRole('button').click();
    const condition = page.getByTestId('prop-condition');
    await expect(condition).toBeVisible();
    await condition.fill('=amount >');
    await expect(page.getByTestId('prop-condition-error')).toContainText('FEEL');
    await condition.fill('=amount > 100');
    await expect(page.getByTestId('prop-condition-error')).toHaveCount(0);
    // Validation runs when the browser is idle: wait until the fixed flow's finding is gone.
    const withoutCondition = page.getByTestId('modeler-findings').getByTestId('finding').filter({ hasText: 'without a condition' });
    await expect(withoutCondition).toHaveCount(1);
    // The other flow becomes the gateway's default.
    const other = withoutCondition.first();
    await other.getByRole('button').click();
    await page.getByTestId('prop-default-flow').check();
    await expect(page.getByTestId('modeler-findings').locator('[data-severity="error"]')).toHaveCount(0);

    const v1 = await publish(page, 'First version');
    expect(v1).toBe(1);
    await page.goto(editUrl);

    // Change it: rename the user task, publish again, open the diff.
    await select(page, approve);
    await page.getByTestId('prop-name').fill('Approve or reject');
    const v2 = await publish(page, 'Clearer name');
    expect(v2).toBe(2);
    await page.getByTestId('publish-diff-link').click();
    await page.waitForURL(/\/diff\?from=1&to=2/);
    const item = page.locator(`[data-testid="diff-item"][data-element-id="${approve}"]`);
    await expect(item).toHaveAttribute('data-statuses', /changed/);
    await expect(item).toContainText('Approve or reject');
    await expect(page.getByTestId('diff-count-changed')).toContainText('1 changed');
    await expect(page.locator(`.bpmn-diff .react-flow__node.diff-changed[data-id="${approve}"]`)).toBeVisible();

    // Restore version 1 as the draft from the modeler's version history: the old name is back.
    await page.goto(editUrl);
    await page.getByTestId('versions-open').click();
    await page.locator('[data-testid="version-row"][data-version="1"]').getByTestId('version-restore').click();
    await expect(node(page, approve)).toContainText('Approve request');
    await waitSaved(page);
    await page.reload();
    await expect(node(page, approve)).toContainText('Approve request');
  });

  test('undo and redo a deletion and a move', async ({ page }) => {
    await newModel(page, `Undo ${Date.now().toString(36)}`);
    const task = await drop(page, 'task', { x: 200, y: 160 });
    await drop(page, 'end-event', { x: 400, y: 160 });
    await expect(shapes(page)).toHaveCount(2);

    await select(page, task);
    await page.keyboard.press('Delete');
    await expect(shapes(page)).toHaveCount(1);
    await page.keyboard.press('Control+z');
    await expect(shapes(page)).toHaveCount(2);
    await page.keyboard.press('Control+Shift+z');
    await expect(shapes(page)).toHaveCount(1);
    await page.getByTestId('undo').click();
    await expect(node(page, task)).toBeVisible();

    // Drag the task down by about 100 px (in steps), then undo puts it back.
    const before = await center(node(page, task));
    await page.mouse.move(before.x, before.y);
    await page.mouse.down();
    await page.mouse.move(before.x + 5, before.y + 5, { steps: 2 });
    await page.mouse.move(before.x, before.y + 100, { steps: 10 });
    await page.mouse.up();
    const after = await center(node(page, task));
    expect(Math.abs(after.y - before.y - 100)).toBeLessThan(12);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => Math.round((await center(node(page, task))).y)).toBeLessThan(before.y + 3);

    // Copy and paste the task: a copy with a new id.
    await select(page, task);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(canvas(page).locator('[data-bpmn-shape="activity"]')).toHaveCount(2);
    await expect(page.getByTestId('prop-id')).not.toHaveValue(task);

    // The shortcuts overlay lists them.
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-help')).toContainText('Undo');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcuts-help')).toHaveCount(0);
  });

  test('exports BPMN XML and re-imports it to the same model', async ({ page }, testInfo) => {
    await newModel(page, `Roundtrip ${Date.now().toString(36)}`);
    const start = await drop(page, 'start-event', { x: 100, y: 160 });
    const task = await drop(page, 'service-task', { x: 260, y: 160 });
    await page.getByTestId('prop-job-type').fill('send-mail');
    const end = await drop(page, 'end-event', { x: 420, y: 160 });
    await connect(page, start, task);
    await connect(page, task, end);

    await page.locator('[data-testid="file-menu"] summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bpmn').click()]);
    const file = testInfo.outputPath('exported.bpmn');
    await download.saveAs(file);
    const exported = readFileSync(file, 'utf8');
    expect(exported).toContain('send-mail');

    // Change the model, then import the exported file: the model is back as it was.
    await select(page, task);
    await page.keyboard.press('Delete');
    await expect(shapes(page)).toHaveCount(2);
    await page.getByTestId('import-bpmn-file').setInputFiles(file);
    await expect(shapes(page)).toHaveCount(3);
    await page.locator('[data-testid="file-menu"] summary').click();
    const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bpmn').click()]);
    const second = testInfo.outputPath('again.bpmn');
    await again.saveAs(second);
    expect(readFileSync(second, 'utf8')).toBe(exported);

    // SVG and PNG of the diagram.
    await page.locator('[data-testid="file-menu"] summary').click();
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    expect(svg.suggestedFilename()).toMatch(/\.svg$/);
    await svg.saveAs(testInfo.outputPath('diagram.svg'));
    expect(readFileSync(testInfo.outputPath('diagram.svg'), 'utf8')).toContain('<svg');
    await page.locator('[data-testid="file-menu"] summary').click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    await png.saveAs(testInfo.outputPath('diagram.png'));
    expect(readFileSync(testInfo.outputPath('diagram.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  test('two tabs: the second save gets a conflict dialog and nothing is overwritten', async ({ page, context }) => {
    const url = await newModel(page, `Conflict ${Date.now().toString(36)}`);
    await drop(page, 'start-event', { x: 100, y: 160 });
    await waitSaved(page);

    const other = await context.newPage();
    await other.goto(url);
    await expect(shapes(other)).toHaveCount(1);

    // Tab 1 saves a task; tab 2, still on the old lock, adds an end event.
    await drop(page, 'task', { x: 260, y: 160 });
    await waitSaved(page);
    await drop(other, 'end-event', { x: 420, y: 160 });
    await expect(other.getByTestId('conflict-dialog')).toBeVisible({ timeout: 15_000 });
    await expect(other.getByTestId('save-status')).toHaveAttribute('data-status', 'conflict');

    // Loading theirs shows tab 1's task, not tab 2's end event.
    await other.getByTestId('conflict-reload').click();
    await expect(other.getByTestId('conflict-dialog')).toHaveCount(0);
    await expect(canvas(other).locator('[data-bpmn-shape="activity"]')).toHaveCount(1);
    await expect(shapes(other)).toHaveCount(2);
  });

  test('a .bpmn without positions dropped on the canvas is imported and laid out automatically', async ({ page }) => {
    await newModel(page, `Layout ${Date.now().toString(36)}`);
    const xml = await exportBpmn(
      BpmnModelSchema.parse({
        definitions: { id: 'NoDi' },
        processes: [{ id: 'Process_nodi', isExecutable: true }],
        elements: [
          { type: 'startEvent', id: 'start', parentId: 'Process_nodi' },
          { type: 'userTask', id: 'review', parentId: 'Process_nodi', name: 'Review' },
          { type: 'endEvent', id: 'end', parentId: 'Process_nodi' },
        ],
        flows: [
          { id: 'f1', parentId: 'Process_nodi', sourceRef: 'start', targetRef: 'review' },
          { id: 'f2', parentId: 'Process_nodi', sourceRef: 'review', targetRef: 'end' },
        ],
      }),
    );
    // Drop the file on the canvas, as from the desktop.
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'no-positions.bpmn', { type: 'application/xml' }));
      return data;
    }, xml);
    await canvas(page).locator('.react-flow__pane').dispatchEvent('drop', { dataTransfer: transfer });
    await expect(page.getByTestId('needs-layout')).toBeVisible();
    await page.getByTestId('needs-layout').getByRole('button').click();
    await expect(shapes(page)).toHaveCount(3);
    await expect(canvas(page).locator('.react-flow__edge')).toHaveCount(2);
    await expect(page.getByTestId('needs-layout')).toHaveCount(0);
    // Left to right.
    const x = async (id: string) => (await center(node(page, id))).x;
    expect(await x('start')).toBeLessThan(await x('review'));
    expect(await x('review')).toBeLessThan(await x('end'));
  });

  test('someone who models and operates starts an instance of the published version with JSON variables', async ({ browser }) => {
    // The admin creates a user with both roles (the demo users have one each).
    const email = `modop-${Date.now().toString(36)}@baton.local`;
    const password = 'e2e-modeler-operator-password';
    const adminContext = await browser.newContext({ storageState: stateOf('admin') });
    const admin = await adminContext.newPage();
    await admin.goto('/admin/users');
    const form = admin.getByTestId('create-user-form');
    await form.getByLabel('E-mail', { exact: true }).fill(email);
    await form.getByLabel('Name', { exact: true }).fill('Modeler and operator');
    await form.getByLabel('First password').fill(password);
    await form.getByRole('checkbox', { name: 'modeler' }).check();
    await form.getByRole('checkbox', { name: 'operator' }).check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(admin.getByTestId('users-table')).toContainText(email);
    await adminContext.close();

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await signInThroughUi(page, email, password);
    // The sign-in page redirects once the session is set: act only after it has.
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await newModel(page, `Start ${Date.now().toString(36)}`);
    const start = await drop(page, 'start-event', { x: 100, y: 160 });
    const task = await drop(page, 'task', { x: 260, y: 160 });
    const end = await drop(page, 'end-event', { x: 420, y: 160 });
    await connect(page, start, task);
    await connect(page, task, end);
    await expect(page.getByTestId('start-open')).toHaveCount(0);
    await publish(page, 'Ready to run');
    await page.reload();

    await page.getByTestId('start-open').click();
    const variables = page.getByTestId('start-variables');
    await variables.fill('{"amount": ');
    await expect(page.getByTestId('start-variables-error')).toContainText('Not JSON');
    await expect(page.getByTestId('start-confirm')).toBeDisabled();
    await variables.fill('{"amount": 120}');
    await expect(page.getByTestId('start-variables-error')).toHaveCount(0);
    await page.getByTestId('start-confirm').click();
    await expect(page.getByTestId('start-result')).toContainText('Started instance');
    const href = await page.getByTestId('start-instance-link').getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/instances\//);
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('120');
    await context.close();
  });
});
