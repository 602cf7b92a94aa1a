import { expect, test as setup } from '@playwright/test';
import { DEMO, DEMO_USERS, signInThroughUi, stateOf } from './support';

/**
 * Runs before the specs (project "setup"): the admin signs in with BATON_ADMIN_PASSWORD, gives
 * every other demo user their e2e password on the admin pages (in production the seed gives
 * them none), and each demo user signs in through the sign-in page once; their sessions are
 * saved for the specs.
 */
setup('demo users get passwords from the admin and sign in', async ({ browser }) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInThroughUi(admin, DEMO.admin.email, DEMO.admin.password);
  await adminContext.storageState({ path: stateOf('admin') });

  for (const user of DEMO_USERS.filter((u) => u !== 'admin')) {
    await admin.goto('/admin/users');
    await admin.getByTestId('users-table').getByRole('link', { name: DEMO[user].email }).click();
    await expect(admin.getByTestId('user-email')).toHaveText(DEMO[user].email);
    const form = admin.getByTestId('reset-password-form');
    await form.getByLabel('New password').fill(DEMO[user].password);
    await form.getByRole('button', { name: 'Set new password' }).click();
    await expect(form).toContainText(`New password set for ${DEMO[user].email}`);

    const context = await browser.newContext();
    await signInThroughUi(await context.newPage(), DEMO[user].email, DEMO[user].password);
    await context.storageState({ path: stateOf(user) });
    await context.close();
  }
  await adminContext.close();
});
