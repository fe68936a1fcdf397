import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  visit,
  waitForHydration,
} from './helpers';

/**
 * Issue 13 §4, decision 048: the lists moved onto the data table sort by their headers into the URL,
 * and they and the reports and document tables on StaticTable pass axe and never scroll the page
 * sideways, at a laptop (1366 px) and a tablet (820 px).
 */
const PAGES = [
  '/ledger/journal',
  '/ledger/accounts',
  '/ledger/exchange-rates',
  '/ledger',
  '/ledger/profit-and-loss',
  '/ledger/balance-sheet',
  '/ledger/sales-tax',
  '/ledger/valuation',
  '/ledger/fx',
  '/purchasing/aging',
  '/settings/audit',
  '/settings/jobs',
  '/settings/webhooks',
  '/settings/shipping',
  '/automation',
  '/fulfillment/exceptions',
  '/fulfillment/shipped-today',
  '/fulfillment/waves',
  '/orders/imports',
  '/feedback/report',
  '/dashboard',
];

for (const width of [1366, 820]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('the moved lists and reports pass axe and do not scroll the page sideways', async ({ page }) => {
      test.setTimeout(240_000);
      await signIn(page, DEMO_EMAIL.admin);
      for (const path of PAGES) {
        await test.step(path, async () => {
          const response = await visit(page, path);
          expect(response.status(), path).toBe(200);
          await expectNoSeriousA11yViolations(page, `${path} at ${width}`);
          expect((await pageOverflowsHorizontally(page)).overflows, `${path} scrolls sideways`).toBe(false);
        });
      }
    });
  });
}

test.describe('header sort', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('the journal sorts oldest first by its Entry header, and back', async ({ page }) => {
    await signIn(page, DEMO_EMAIL.admin);
    await visit(page, '/ledger/journal');
    const table = page.getByRole('table', { name: /^Journal entries table/ });
    await waitForHydration(page, 'th button:has-text("Entry")');
    const header = table.getByRole('columnheader', { name: /Entry/ });
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    const numbers = async () =>
      (await table.locator('tbody > tr > td:first-child .font-mono').allTextContents()).map((t) =>
        Number(t.replace('#', '')),
      );
    const newest = await numbers();
    expect(newest.length).toBeGreaterThan(1);
    expect([...newest].sort((a, b) => b - a)).toEqual(newest);

    // Entry is sortDescFirst and already descending: one click turns it ascending.
    await table.getByRole('button', { name: /^Entry/ }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get('sort') === 'number' && url.searchParams.get('dir') === 'asc',
    );
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    const oldest = await numbers();
    expect([...oldest].sort((a, b) => a - b)).toEqual(oldest);
    expect(oldest[0]).toBeLessThan(newest[0]);
  });

  test('the chart of accounts sorts by name, and a bad sort falls back to the code', async ({ page }) => {
    await signIn(page, DEMO_EMAIL.admin);
    await visit(page, '/ledger/accounts?sort=drop_table&dir=sideways');
    const table = page.getByRole('table', { name: /^Chart of accounts table/ });
    await expect(table.getByRole('columnheader', { name: /Code/ })).toHaveAttribute('aria-sort', 'ascending');
    await waitForHydration(page, 'th button:has-text("Name")');
    await table.getByRole('button', { name: /^Name/ }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get('sort') === 'name' && url.searchParams.get('dir') === 'asc',
    );
    const names = await table.locator('tbody > tr > td:nth-child(2)').allTextContents();
    const clean = names.map((n) => n.replace(/^Name/, '').trim());
    expect(clean.length).toBeGreaterThan(5);
    expect(
      [...clean].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })),
    ).toEqual(clean);
  });
});
