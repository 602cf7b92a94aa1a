import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { createDb } from '@/lib/db/client';
import { DEMO, E2E_DATABASE_URL, signInThroughUi, stateOf } from './support';

/**
 * Security journeys against the production server: session cookie flags, HTML in a model name
 * rendered as text, a cross-site post to a server action refused, the lockout, API tokens, and
 * a task of one group unreachable for another by guessing its id.
 */
const CORPUS = process.env.BPMN_CORPUS_DIR ?? path.resolve(process.cwd(), '../shared/bpmn-corpus');

async function signedInPage(browser: Browser, user: keyof typeof DEMO) {
  const context = await browser.newContext({ storageState: stateOf(user) });
  return { context, page: await context.newPage() };
}

test('the session cookie is httpOnly and SameSite=Lax, and scripts cannot read it', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughUi(page, DEMO.operator.email, DEMO.operator.password);
  const session = (await context.cookies()).find((c) => c.name.endsWith('better-auth.session_token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(await page.evaluate(() => document.cookie)).not.toContain('session_token');
  await context.close();
});

test('HTML and script in a model name are shown as text, and no script runs', async ({ page, browser }) => {
  const payload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'><b>bold</b>`;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const created = await page.request.post(`/api/v1/models?key=e2e-xss-${Date.now().toString(36)}&name=${encodeURIComponent(payload)}`, {
    headers: { 'content-type': 'application/xml' },
    data: readFileSync(path.join(CORPUS, 'camunda7/ExclusiveGatewayTest.testDefaultSequenceFlow.bpmn20.xml')),
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();

  await page.goto('/models');
  await expect(page.getByTestId('models-table').getByText(payload, { exact: true })).toBeVisible();
  await page.goto(`/models/${id}`);
  await expect(page.getByTestId('model-name')).toHaveText(payload);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);

  // The audit log shows the same name as text to an auditor.
  const { context, page: auditor } = await signedInPage(browser, 'auditor');
  await auditor.goto('/audit?action=model.create');
  await expect(auditor.getByTestId('audit-table')).toContainText('<script>window.__xss=2</script>');
  expect(await auditor.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await context.close();
  expect(dialogs).toEqual([]);
});

test('a cross-site form post to a server action is refused; the same post from this site works', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughUi(page, DEMO.compliance.email, DEMO.compliance.password);
  // The sign-out button is a server action; its id is in the form (progressive enhancement).
  const html = await (await page.request.get('/tasks')).text();
  const actionField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html)?.[1];
  expect(actionField, 'the sign-out form names its server action').toBeTruthy();

  const forged = await page.request.post('/tasks', { multipart: { [actionField!]: '' }, headers: { origin: 'https://evil.example' }, maxRedirects: 0 });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  // Still signed in: the forged sign-out did nothing.
  await page.goto('/tasks');
  await expect(page.getByTestId('signed-in-as')).toHaveText(DEMO.compliance.email);

  const genuine = await page.request.post('/tasks', { multipart: { [actionField!]: '' }, headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(genuine.status()).toBe(303);
  await page.goto('/tasks');
  await expect(page).toHaveURL(/\/sign-in/);
  await context.close();
});

test('five wrong passwords lock the account; an admin sees it in the audit log and unlocks it', async ({ browser }) => {
  const email = `lockout-${Date.now().toString(36)}@baton.local`;
  const password = 'the-right-lockout-password';
  const { context: adminContext, page: admin } = await signedInPage(browser, 'admin');
  await admin.goto('/admin/users');
  const form = admin.getByTestId('create-user-form');
  await form.getByLabel('E-mail', { exact: true }).fill(email);
  await form.getByLabel('Name', { exact: true }).fill('Lockout Test');
  await form.getByLabel('First password').fill(password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(form).toContainText(`Created ${email}`);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  for (let i = 1; i <= 5; i += 1) {
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sign-in-error')).toHaveText('Invalid email or password');
    await page.getByLabel('Password').fill('');
  }
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('sign-in-error')).toContainText('locked until');

  await admin.goto(`/audit?actor=${encodeURIComponent(email)}`);
  await expect(admin.getByTestId('audit-table')).toContainText('auth.locked-out');
  await expect(admin.getByTestId('audit-row')).toHaveCount(7); // 5 failures, the lock, the refused attempt
  await admin.goto('/admin/users');
  await admin.getByTestId('users-table').getByRole('link', { name: email }).click();
  await expect(admin.getByText(/Locked after 5 failed sign-ins/)).toBeVisible();
  await admin.getByTestId('unlock-form').getByRole('button', { name: 'Unlock now' }).click();
  // Unlocked: the page shows no lock any more.
  await expect(admin.getByTestId('unlock-form')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
  await context.close();
  await adminContext.close();
});

test('in production an admin cannot give anyone a demo password', async ({ browser }) => {
  const { context, page } = await signedInPage(browser, 'admin');
  await page.goto('/admin/users');
  await page.getByTestId('users-table').getByRole('link', { name: DEMO.modeler.email }).click();
  const form = page.getByTestId('reset-password-form');
  await form.getByLabel('New password').fill('modeler-baton-demo');
  await form.getByRole('button', { name: 'Set new password' }).click();
  await expect(form.getByRole('alert')).toContainText('a demo password cannot be used in production');
  await context.close();
});

test('an admin creates an API token, shown once; it works as a Bearer token with its roles only, until revoked', async ({ browser, playwright, baseURL }) => {
  const { context, page } = await signedInPage(browser, 'admin');
  await page.goto('/admin/tokens');
  const form = page.getByTestId('create-token-form');
  const name = `e2e worker ${Date.now().toString(36)}`;
  await form.getByLabel('Name').fill(name);
  await form.getByRole('checkbox', { name: 'operator' }).check();
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('token-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^baton_/);
  await page.reload();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  await expect(page.getByTestId('tokens-table')).not.toContainText(secret);

  const machine = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const auth = { authorization: `Bearer ${secret}` };
  expect((await machine.get('/api/v1/models', { headers: auth })).status()).toBe(200);
  expect((await machine.get('/api/v1/me', { headers: auth })).ok()).toBe(true);
  expect(await (await machine.get('/api/v1/me', { headers: auth })).json()).toMatchObject({ type: 'token', label: name, roles: ['operator'] });
  expect((await machine.post('/api/v1/models/order-fulfilment/publish', { headers: auth, data: {} })).status()).toBe(403);

  await page.getByTestId('token-row').filter({ hasText: name }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByTestId('token-row').filter({ hasText: name })).toContainText('revoked');
  expect((await machine.get('/api/v1/models', { headers: auth })).status()).toBe(401);
  await machine.dispose();
  await context.close();
});

test('a task of the finance group cannot be read by a compliance member guessing its id', async ({ browser }) => {
  const db = createDb(E2E_DATABASE_URL);
  const version = await db.processVersion.findFirstOrThrow({ where: { model: { key: 'order-fulfilment' } } });
  const task = await db.userTask.create({
    data: {
      instanceId: 'e2e-instance',
      elementId: 'approve',
      elementInstanceId: 'e2e-ei',
      name: 'Approve the refund',
      processKey: version.processKey,
      versionId: version.id,
      candidates: { create: [{ kind: 'group', value: 'finance' }] },
    },
  });
  await db.$disconnect();

  const finance = await signedInPage(browser, 'finance');
  const asFinance = await finance.page.request.get(`/api/v1/tasks/${task.id}`);
  expect(asFinance.status()).toBe(200);
  expect(await asFinance.json()).toMatchObject({ task: { name: 'Approve the refund', candidateGroups: ['finance'], mayComplete: true } });
  await finance.context.close();

  const compliance = await signedInPage(browser, 'compliance');
  const asCompliance = await compliance.page.request.get(`/api/v1/tasks/${task.id}`);
  expect(asCompliance.status()).toBe(404);
  expect((await asCompliance.json()).error.code).toBe('task.not-found');
  await compliance.context.close();
});
