import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Chromium against a production build (`next build` + `next start`) on a fresh
 * database `backroom_e2e` (see scripts/e2e-server.ts). Chromium comes from the OS packages
 * (`apt-get install chromium`); never `npx playwright install`.
 */
const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
// Customer emails go to a real SMTP server that specs start on this port (tests/support/smtp-sink.ts);
// while none listens, the app's worker retries with backoff, as it would in production.
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? port + 1000);
process.env.E2E_SMTP_PORT = String(smtpPort);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Two cores: one browser worker beside the Next.js server and PostgreSQL.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Generous: two cores shared by PostgreSQL, Next.js and Chromium; a role journey visits ~20 pages with axe.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-gpu',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'tsx --conditions=react-server scripts/e2e-server.ts',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // migrate + seed + `next build` + start: about a minute on a quiet machine, several on a busy one
    // (a build ran past 7 min at load 10 on 2 cores and CI failed without running a spec).
    timeout: 900_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // SIGTERM lets the script stop Next.js and the embedded PostgreSQL it started.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      E2E_PORT: String(port),
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'shop@backroom.test',
      // `npx playwright test` and `npm run test:e2e` both find tsx; a bare `playwright test` may not.
      PATH: `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
    },
  },
});
