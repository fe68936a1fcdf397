import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  visit,
  waitForHydration,
} from './helpers';

test.use({ viewport: { width: 820, height: 1180 } });

/** Yesterday and a week ago as YYYY-MM-DD (the demo shop's days; the test avoids midnight edges by a day). */
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('an admin sets a lock date; a manager cannot post behind it; the admin clears it', async ({
  browser,
}) => {
  const viewport = { width: 820, height: 1180 };
  const admin = await (await browser.newContext({ viewport })).newPage();
  await signIn(admin, DEMO_EMAIL.admin);
  await visit(admin, '/settings');
  await waitForHydration(admin, 'form');
  const lock = admin.getByLabel('Lock date (all but admins)');
  await lock.fill(dayOffset(-3));
  await admin.getByRole('button', { name: 'Save settings' }).click();
  await expect(admin.getByText('Settings saved.')).toBeVisible();
  expect((await pageOverflowsHorizontally(admin)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(admin, 'settings with lock dates');

  const manager = await (await browser.newContext({ viewport })).newPage();
  await signIn(manager, DEMO_EMAIL.manager);
  await visit(manager, '/ledger/entries/new');
  await waitForHydration(manager, 'form');
  await manager.getByLabel('Memo').fill('Back-dated accrual');
  await manager.getByLabel(/^Date/).fill(dayOffset(-7));
  await manager.getByLabel('Line 1 account').selectOption('5300');
  await manager.getByLabel('Line 1 debit').fill('12.00');
  await manager.getByLabel('Line 2 account').selectOption('2000');
  await manager.getByLabel('Line 2 credit').fill('12.00');
  await manager.getByRole('button', { name: 'Post entry' }).click();
  await expect(manager.getByText(`The books are locked through ${dayOffset(-3)}`)).toBeVisible();

  // Cleared again, so the demo shop stays open for everything else. "Settings saved." is still shown
  // from the first save, so it cannot tell that this one is done: wait for the save's answer (a
  // reload that raced it, at load 9, read the old date and left the books locked).
  await lock.fill('');
  const saved = admin.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().includes('/settings'),
  );
  await admin.getByRole('button', { name: 'Save settings' }).click();
  expect((await saved).ok()).toBe(true);
  await admin.reload();
  await expect(admin.getByLabel('Lock date (all but admins)')).toHaveValue('');
});

test('a manager enters a rate and imports an ECB file on the exchange-rates screen', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/ledger');
  await page
    .getByRole('navigation', { name: 'Ledger' })
    .getByRole('link', { name: 'Exchange rates' })
    .click();
  await expect(page).toHaveURL(/\/ledger\/exchange-rates/);
  await waitForHydration(page, 'form');

  const form = page.getByRole('form', { name: 'Enter a rate' });
  await form.getByLabel('Date').fill('2026-11-05');
  await form.getByLabel('Currency').fill('CHF');
  await form.getByLabel(/^Rate/).fill('1.1312');
  await form.getByRole('button', { name: 'Save rate' }).click();
  await expect(page.getByText('CHF on 2026-11-05 saved at 1.1312.')).toBeVisible();
  await expect(page.getByRole('row', { name: /2026-11-05\s*CHF\s*1\.1312/ })).toBeVisible();

  const ecb = page.getByRole('form', { name: 'Import ECB reference rates' });
  await ecb.getByLabel('ECB CSV file').setInputFiles({
    name: 'eurofxref.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Date, USD, SEK, \n06 November 2026, 1.0800, 11.2000, \n'),
  });
  await ecb.getByRole('button', { name: 'Import file' }).click();
  await expect(page.getByText(/Imported 2 rates \(2 currencies, 2026-11-06 to 2026-11-06\)/)).toBeVisible();
  // SEK in USD: 1.08 / 11.2 = 0.096428571428… → 0.0964285714.
  await expect(page.getByRole('row', { name: /2026-11-06\s*SEK\s*0\.0964285714/ })).toBeVisible();

  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'exchange rates');
});

test('a manager sees the demo EUR payout, records a payout and revalues last month on Payouts and FX', async ({
  page,
}) => {
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/ledger/fx');
  await waitForHydration(page, 'form');
  // The demo seed's payout of half the EUR order's processor balance (decision 035).
  await expect(page.getByRole('row', { name: /po_demo_eur_1/ })).toBeVisible();

  const form = page.getByRole('form', { name: 'Record a payout' });
  await form.getByLabel('Reference').fill(`po_e2e_${Date.now()}`);
  await form.getByLabel('Currency').fill('USD');
  await form.getByLabel('Amount paid out').fill('10.00');
  await form.getByRole('button', { name: 'Post payout' }).click();
  await expect(page.getByText(/Payout po_e2e_\d+ posted as entry #\d+\./)).toBeVisible();

  const revalue = page.getByRole('form', { name: 'Revalue a month' });
  await revalue.getByRole('button', { name: 'Revalue' }).click();
  await expect(
    page.getByText(/\d{4}-\d{2}(: no open foreign-currency balance| revalued| was revalued before)/),
  ).toBeVisible();

  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'payouts and fx');
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: 'test-results/books-fx-1366.png', fullPage: true });
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.screenshot({ path: 'test-results/books-fx-820.png', fullPage: true });
});
