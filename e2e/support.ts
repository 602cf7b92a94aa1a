/**
 * Who the e2e journeys act as. The server runs with NODE_ENV=production, so no demo password
 * works there: the admin's first password comes from BATON_ADMIN_PASSWORD (playwright.config.ts
 * sets it), and e2e/auth.setup.ts gives every other demo user an e2e password through the admin
 * pages, then signs each one in and keeps their session for the specs (`stateOf`).
 */
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

export const E2E_ADMIN_PASSWORD = 'e2e-admin-password-not-for-production';
export const E2E_SECRET = 'e2e-better-auth-secret-not-for-production-use';

export const DEMO = {
  admin: { email: 'admin@baton.local', password: E2E_ADMIN_PASSWORD },
  modeler: { email: 'modeler@baton.local', password: 'e2e-modeler-password' },
  operator: { email: 'operator@baton.local', password: 'e2e-operator-password' },
  auditor: { email: 'auditor@baton.local', password: 'e2e-auditor-password' },
  finance: { email: 'finance@baton.local', password: 'e2e-finance-password' },
  compliance: { email: 'compliance@baton.local', password: 'e2e-compliance-password' },
} as const;
export type DemoUser = keyof typeof DEMO;
export const DEMO_USERS = Object.keys(DEMO) as DemoUser[];

/** The port of the e2e server; each port gets its own data folder, so several runs can share a checkout. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
/** The e2e server's data folder (database and saved sessions), relative to the checkout. */
export const E2E_DATA_DIR = `.data/e2e-${E2E_PORT}`;
export const E2E_DATABASE_URL = `file:./${E2E_DATA_DIR}/baton.db`;

const STATE_DIR = path.resolve(process.cwd(), E2E_DATA_DIR, 'auth');
/** The saved session (cookies) of a demo user, for `test.use({ storageState })`. */
export function stateOf(user: DemoUser): string {
  return path.join(STATE_DIR, `${user}.json`);
}

/** Signs in through the sign-in page and waits to be let in. */
export async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The home page '/' shows the layout, then redirects (streamed) to the first allowed section:
  // wait until that navigation is over, or a later page.evaluate may meet a destroyed context.
  await page.waitForURL((url) => url.pathname !== '/sign-in' && url.pathname !== '/');
  await page.waitForLoadState('load');
  await expect(page.getByTestId('signed-in-as')).toHaveText(email);
}
