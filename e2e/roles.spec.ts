import { expect, test } from '@playwright/test';
import { DEMO, DEMO_USERS, signInThroughUi, stateOf, type DemoUser } from './support';

/**
 * Each demo user (signed in through the sign-in page by e2e/auth.setup.ts) sees the navigation
 * their roles allow, can open those sections, and gets a clear "not allowed" page for the rest.
 */
const SECTIONS = [
  { path: '/models', nav: 'Models', heading: 'Models' },
  { path: '/instances', nav: 'Instances', heading: 'Instances' },
  { path: '/tasks', nav: 'Tasks', heading: 'Tasks' },
  { path: '/dashboard', nav: 'Dashboard', heading: 'Dashboard' },
  { path: '/audit', nav: 'Audit log', heading: 'Audit log' },
  { path: '/admin', nav: 'Admin', heading: 'Admin' },
  { path: '/admin/users', heading: 'Users' },
  { path: '/admin/groups', heading: 'Groups' },
  { path: '/admin/tokens', heading: 'API tokens' },
] as const;

/** What each demo user may open, by role (see lib/auth/can.ts). */
const ALLOWED: Record<DemoUser, readonly string[]> = {
  admin: ['/models', '/instances', '/tasks', '/dashboard', '/audit', '/admin', '/admin/users', '/admin/groups', '/admin/tokens'],
  modeler: ['/models', '/tasks'],
  operator: ['/models', '/instances', '/tasks', '/dashboard'],
  auditor: ['/models', '/instances', '/tasks', '/dashboard', '/audit'],
  finance: ['/tasks'],
  compliance: ['/tasks'],
};

for (const user of DEMO_USERS) {
  test.describe(`signed in as ${user}`, () => {
    test.use({ storageState: stateOf(user) });

    test(`sees the navigation ${user} is allowed and "not allowed" elsewhere`, async ({ page }) => {
      await page.goto('/');
      // The start page is the first section they may open.
      await expect(page).toHaveURL(new RegExp(`${ALLOWED[user][0]}$`));
      await expect(page.getByTestId('signed-in-as')).toHaveText(DEMO[user].email);
      const expectedNav = SECTIONS.filter((s) => 'nav' in s && ALLOWED[user].includes(s.path)).map((s) => ('nav' in s ? s.nav : ''));
      await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(expectedNav);

      for (const section of SECTIONS) {
        await page.goto(section.path);
        if (ALLOWED[user].includes(section.path)) {
          await expect(page.getByRole('heading', { level: 1, name: section.heading }), `${user} opens ${section.path}`).toBeVisible();
          await expect(page.getByTestId('not-allowed')).toHaveCount(0);
        } else {
          const notAllowed = page.getByTestId('not-allowed');
          await expect(notAllowed, `${user} is refused ${section.path}`).toBeVisible();
          await expect(notAllowed.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
          await expect(notAllowed).toContainText(DEMO[user].email);
        }
      }
    });
  });
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a page sends you to the sign-in page and back after signing in; signing out ends the session', async ({ page }) => {
    await page.goto('/audit?action=auth.*');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit%3Faction%3Dauth\.\*$/);
    await page.getByLabel('E-mail').fill(DEMO.auditor.email);
    await page.getByLabel('Password').fill(DEMO.auditor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/audit\?action=auth\.\*$/);
    await expect(page.getByTestId('audit-table')).toContainText('auth.sign-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/models');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fmodels$/);
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(DEMO.operator.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('sign-in-error')).toHaveText('Invalid email or password');
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test('the API answers 401 without credentials', async ({ request }) => {
    const answer = await request.get('/api/v1/models');
    expect(answer.status()).toBe(401);
    expect((await answer.json()).error.code).toBe('auth.unauthenticated');
  });
});

test('signing in again shows the same role navigation (fresh session)', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInThroughUi(page, DEMO.finance.email, DEMO.finance.password);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Tasks']);
  await context.close();
});
