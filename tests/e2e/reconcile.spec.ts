import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  uniqueSuffix,
  visit,
} from './helpers';

test.use({ viewport: { width: 820, height: 1180 } });

/**
 * A manager imports a Stripe payout report on a tablet (decision 043): preview, matched and unmatched
 * lines, post, and the same file again posts nothing.
 */
test('manager previews and posts a payout report, once', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/ledger/reconcile');
  await expect(page.getByRole('heading', { level: 2, name: 'Import a payout report' })).toBeVisible();
  // The demo seed imported one payout already.
  await expect(
    page.getByRole('heading', { level: 2, name: /^Imported payouts \([1-9]\d*\)$/ }),
  ).toBeVisible();
  await expect(page.getByTestId('clearing-differences-balance')).toBeVisible();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'reconcile and close');

  const ref = `po_e2e_${uniqueSuffix()}`;
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const csv = [
    'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description',
    `txn_e2e_1,charge,ch_e2e,30.00,1.17,28.83,usd,${day} 09:00:00,Order #99999999`,
    `txn_e2e_2,stripe_fee,,-0.05,0.00,-0.05,usd,${day} 10:00:00,Radar`,
    `${ref},payout,${ref},-28.78,0.00,-28.78,usd,${day} 12:00:00,STRIPE PAYOUT`,
  ].join('\n');
  const file = { name: 'payout.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };

  // Posting needs a file: the field says so.
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('region', { name: `Payout ${ref}, paid ${day}` });
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('preview-net')).toHaveText('$28.78');
  // Nothing in the books for either line: the whole payout is the difference.
  await expect(page.getByTestId('preview-residual')).toHaveText('$28.78');
  await expect(preview.getByText('Not matched', { exact: true })).toHaveCount(2);
  await expect(preview.getByText('0 matched, 2 not matched')).toBeVisible();
  await expect(preview.getByText('No order #99999999')).toBeVisible();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'payout preview');

  await preview.getByRole('button', { name: 'Post payout' }).click();
  await expect(preview.getByText(new RegExp(`Payout ${ref} posted as entry #\\d+`))).toBeVisible();
  await expect(page.getByRole('rowheader', { name: new RegExp(ref) })).toBeVisible();

  // The same file again: the preview says so, posting changes nothing.
  await page.getByLabel('CSV file').setInputFiles(file);
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page.getByText('This payout was imported before; posting it again changes nothing.'),
  ).toBeVisible();
  await preview.getByRole('button', { name: 'Post payout' }).click();
  await expect(preview.getByText(`Payout ${ref} was imported before: nothing posted.`)).toBeVisible();
});

test('an unreadable file says what is wrong', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/ledger/reconcile');
  await page.getByLabel('Processor').selectOption('shopify');
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('Date,Thing\n03/04/2026,1') });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.locator('#payout-file-error')).toContainText('Missing column(s): type, amount, currency');
});

/**
 * The Bank statement tab (decision 047) on a tablet: a payout is imported, then a bank CSV with
 * separate money-in and money-out columns and day/month/year dates is previewed — the deposit matched
 * to the payout, the other lines not — and confirmed once.
 */
test('manager matches a bank statement to a payout and confirms it', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.manager);
  // A payout of a unique amount (its lines match no order: all of it is the clearing difference).
  const suffix = uniqueSuffix();
  const ref = `po_bank_${suffix}`;
  const cents = 1_000 + (Number.parseInt(suffix.replace(/\D/g, '').slice(-4) || '0', 10) % 9_000);
  const amount = (cents / 100).toFixed(2);
  const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const nextDay = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await visit(page, '/ledger/reconcile');
  await page.getByLabel('CSV file').setInputFiles({
    name: 'payout.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      [
        'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description',
        `txn_b_${suffix},charge,ch_b,${amount},0.00,${amount},usd,${day} 09:00:00,Order #99999998`,
        `${ref},payout,${ref},-${amount},0.00,-${amount},usd,${day} 12:00:00,STRIPE PAYOUT`,
      ].join('\n'),
    ),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Post payout' }).click();
  await expect(page.getByText(new RegExp(`Payout ${ref} posted as entry #\\d+`))).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Reconcile' })
    .getByRole('link', { name: 'Bank statement' })
    .click();
  await expect(page).toHaveURL(/\/ledger\/reconcile\/bank$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Match a bank statement' })).toBeVisible();
  // Not empty on first start: the demo payouts wait for a statement.
  await expect(
    page.getByRole('heading', { level: 2, name: /^Payouts and the bank \(\d+ not yet/ }),
  ).toBeVisible();
  await expect(page.getByRole('rowheader', { name: new RegExp(ref) })).toBeVisible();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'bank statement tab');

  // A file without an amount column says what to add.
  await page.getByLabel('Bank statement (CSV)').setInputFiles({
    name: 'x.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Date,Details\n2026-11-30,x'),
  });
  await page.getByRole('button', { name: 'Preview matches' }).click();
  await expect(page.locator('#bank-file-error')).toContainText(
    'Add an Amount column, or separate In and Out (Credit and Debit) columns',
  );

  const statement = [
    'Booking date,Details,Paid out,Paid in',
    `${dmy(nextDay)},STRIPE TRANSFER ${ref},,${amount}`,
    `${dmy(nextDay)},Rent,1200.00,`,
    `${dmy(nextDay)},Unknown deposit,,0.37`,
  ].join('\n');
  await page
    .getByLabel('Bank statement (CSV)')
    .setInputFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: Buffer.from(statement) });
  await page.getByLabel('Date format').selectOption('dmy');
  await page.getByRole('button', { name: 'Preview matches' }).click();
  const preview = page.getByRole('region', { name: /^3 statement line\(s\): 1 matched a payout, 1 deposit/ });
  await expect(preview).toBeVisible();
  await expect(preview.getByText(`Payout ${ref} of ${day}`)).toBeVisible();
  await expect(preview.getByText('Money out, not a payout')).toBeVisible();
  await expect(
    preview.getByText('Record or import the payout, or explain it with a manual entry'),
  ).toBeVisible();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'bank statement preview');

  await preview.getByRole('button', { name: 'Confirm 1 matched payout(s)' }).focus();
  await page.keyboard.press('Enter');
  await expect(preview.getByText('1 payout(s) confirmed by the bank.')).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(ref) });
  await expect(row.getByText(`Seen ${nextDay}`)).toBeVisible();
});
