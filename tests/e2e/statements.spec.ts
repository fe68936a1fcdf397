import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  visit,
} from './helpers';

test.use({ viewport: { width: 820, height: 1180 } });

/** A manager reads both statements on a tablet: no sideways scroll, axe-clean, figures drill down. */
test('manager opens the profit and loss and the balance sheet at 820 px', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.manager);

  await visit(page, '/ledger');
  await page
    .getByRole('navigation', { name: 'Ledger' })
    .getByRole('link', { name: 'Profit and loss' })
    .click();
  await expect(page).toHaveURL(/\/ledger\/profit-and-loss/);
  await expect(page.getByRole('heading', { level: 2, name: /^Profit and loss, / })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Net income' }).first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Previous period' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute(
    'href',
    new RegExp(
      String.raw`/ledger/export/profit-and-loss\?from=\d{4}-01-01&to=\d{4}-\d{2}-\d{2}` +
        '&columns=month&compare=previous_period&format=csv$',
    ),
  );
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'profit and loss');

  // A range that ends before it starts says what to do instead of failing.
  await visit(page, '/ledger/profit-and-loss?from=2026-03-01&to=2026-01-01');
  await expect(page.locator('#range-error')).toContainText('from must be on or before to');

  await page.getByRole('navigation', { name: 'Ledger' }).getByRole('link', { name: 'Balance sheet' }).click();
  await expect(page).toHaveURL(/\/ledger\/balance-sheet/);
  await expect(page.getByRole('heading', { level: 2, name: /^Balance sheet as of / })).toBeVisible();
  await expect(page.getByText('Balanced: assets = liabilities + equity')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /^Current-year earnings/ })).toBeVisible();
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await expectNoSeriousA11yViolations(page, 'balance sheet');

  // The seed's opening stock sits in Inventory (1200): its figure opens that account's journal lines.
  await page
    .getByRole('row', { name: /1200\s*Inventory/ })
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(/\/ledger\/journal\?account=1200&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('journal-drill')).toContainText('with a line on account 1200');
  await expect(page.getByRole('region', { name: 'Journal entries' }).getByText('1200').first()).toBeVisible();
});
