import { defineConfig } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_DATA_DIR, E2E_DATABASE_URL, E2E_PORT, E2E_SECRET, stateOf } from './e2e/support';

/**
 * Browser journeys in Debian's Chromium against the real production server on a fresh,
 * migrated and seeded SQLite database of its own (.data/e2e-<port>/baton.db). Never downloads a browser.
 * Set E2E_SKIP_BUILD=1 when `next build` already ran (CI builds once, before).
 *
 * The server runs in production mode, where no demo password works: BATON_ADMIN_PASSWORD gives
 * the admin a first password at start (the seed applies it), BETTER_AUTH_SECRET signs session
 * cookies, BETTER_AUTH_URL is the site's own origin. All three are for this test server only.
 * The "setup" project (e2e/auth.setup.ts) signs the demo users in; specs run as the modeler
 * unless they pick another user's session.
 */
const port = E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const build = process.env.E2E_SKIP_BUILD === '1' ? '' : 'npm run build && ';

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  outputDir: 'test-results',
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/playwright.json' }]] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/, use: { browserName: 'chromium' } },
    { name: 'chromium', dependencies: ['setup'], use: { browserName: 'chromium', viewport: { width: 1440, height: 900 }, storageState: stateOf('modeler') } },
  ],
  webServer: {
    command: `${build}rm -rf ${E2E_DATA_DIR} && mkdir -p ${E2E_DATA_DIR} && npm run db:deploy && npx next start -H 127.0.0.1 -p ${port}`,
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    env: {
      DATABASE_URL: E2E_DATABASE_URL,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      NODE_ENV: 'production',
      BATON_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      BETTER_AUTH_SECRET: E2E_SECRET,
      BETTER_AUTH_URL: baseURL,
      // Every journey signs in from 127.0.0.1: more than the default 20 attempts a minute.
      BATON_SIGN_IN_LIMIT_PER_MINUTE: '200',
    },
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
