import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PgBoss } from 'pg-boss';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  waitForHydration,
  visit,
} from './helpers';

test.use({ viewport: { width: 820, height: 1180 } });

/** The database scripts/e2e-server.ts made: on DATABASE_URL's server, or on its embedded one. */
function e2eDatabaseUrl(): string {
  const name = process.env.E2E_DATABASE ?? 'backroom_e2e';
  const configured = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (configured) {
    const url = new URL(configured);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const dir = path.resolve(process.env.BACKROOM_DATA_DIR ?? '.data', 'e2e-pg');
  const port = readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[3];
  const { password } = JSON.parse(readFileSync(`${dir}.credentials.json`, 'utf8')) as { password: string };
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}`;
}

/**
 * A job that failed for good, made the way a worker fails one (fetch, then fail with the error) on a
 * queue of its own, so the app's worker never races the test for it.
 */
async function failedJob(error: string): Promise<string> {
  const boss = new PgBoss({
    connectionString: e2eDatabaseUrl(),
    schema: 'pgboss',
    max: 1,
    supervise: false,
    schedule: false,
  });
  boss.on('error', () => {});
  await boss.start();
  try {
    if (!(await boss.getQueue('e2e.webhook'))) await boss.createQueue('e2e.webhook', { retryLimit: 0 });
    const id = await boss.send('e2e.webhook', { url: 'https://example.com/hook' });
    const [job] = await boss.fetch('e2e.webhook');
    expect(job?.id).toBe(id);
    await boss.fail('e2e.webhook', job.id, { message: error });
    return job.id;
  } finally {
    await boss.stop({ graceful: false });
  }
}

test('an admin sees a dead job with its error on Settings → Jobs and retries it; others may not open it', async ({
  page,
}) => {
  const error = `Endpoint answered 503 Service Unavailable (${Date.now()})`;
  const id = await failedJob(error);

  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/jobs?state=failed');
  await expect(page.getByRole('heading', { name: 'Recent jobs' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('failed after all retries');
  const row = page.getByRole('row').filter({ hasText: id });
  await expect(row).toContainText('Failed (dead)');
  await expect(row).toContainText(error);
  await expectNoSeriousA11yViolations(page, '/settings/jobs?state=failed');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  // Keyboard: the retry button is reachable and works with Enter.
  const retry = row.getByRole('button', { name: `Retry e2e.webhook job ${id}` });
  await waitForHydration(page, `button[aria-label="Retry e2e.webhook job ${id}"]`);
  await retry.focus();
  await page.keyboard.press('Enter');
  // The action revalidates the page, and a retried job is no longer failed: its row leaves this list.
  await expect(page.getByRole('row').filter({ hasText: id })).toHaveCount(0, { timeout: 20_000 });
  await page.reload();
  await expect(page.getByRole('row').filter({ hasText: id })).toHaveCount(0);
  await visit(page, `/settings/jobs?queue=e2e.webhook&state=retry`);
  await expect(page.getByRole('row').filter({ hasText: id })).toContainText('Retrying');

  // The retry is in the audit log.
  await visit(page, '/settings/audit');
  await expect(page.getByText('job.retried').first()).toBeVisible();

  // A manager (no settings:write) gets 403 on the page.
  await page.context().clearCookies();
  await signIn(page, DEMO_EMAIL.manager);
  const response = await visit(page, '/settings/jobs');
  expect(response.status()).toBe(403);
});
