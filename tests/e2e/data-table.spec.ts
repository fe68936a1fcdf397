import { expect, test, type Page } from '@playwright/test';
import { DEMO_EMAIL, expectNoSeriousA11yViolations, signIn, visit, waitForHydration } from './helpers';

/**
 * The shared data table (decision 030) on the lists issue 15 names: the orders list sorts by its
 * headers, selects rows and holds them in bulk with progress and a result per order (decision 039);
 * at tablet width (820 px) the orders list, the fulfillment queue and the support inbox show their
 * rows as cards and never scroll sideways, with status, totals, items, SLA and assignee in view.
 */
const SHOTS = process.env.E2E_SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

async function scrollWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

const money = (text: string) => Number(text.replace(/[^0-9.]/g, ''));

test.describe('at 1366 px', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('orders: sort by a header, select two, hold them in bulk with progress and results', async ({
    page,
  }) => {
    await signIn(page, DEMO_EMAIL.manager);
    await visit(page, '/orders?status=open');
    const table = page.getByRole('table', { name: /^Orders/ });
    await expect(table).toBeVisible();
    await waitForHydration(page, 'th button:has-text("Total")');
    await shot(page, 'orders-1366');
    await expectNoSeriousA11yViolations(page, '/orders at 1366');

    await test.step('the Total header sorts, highest first, into the URL', async () => {
      await table.getByRole('button', { name: /^Total/ }).click();
      await expect(page).toHaveURL(
        (url) =>
          url.searchParams.get('sort') === 'total' &&
          url.searchParams.get('dir') === 'desc' &&
          url.searchParams.get('status') === 'open',
      );
      await expect(table.getByRole('columnheader', { name: /Total/ })).toHaveAttribute(
        'aria-sort',
        'descending',
      );
      const totals = await table.locator('tbody tr td:last-child').allInnerTexts();
      expect(totals.length).toBeGreaterThan(2);
      expect(money(totals[0])).toBeGreaterThanOrEqual(money(totals[1]));
      expect(money(totals[1])).toBeGreaterThanOrEqual(money(totals[2]));
      await table.getByRole('button', { name: /^Total/ }).click();
      await expect(page).toHaveURL((url) => url.searchParams.get('dir') === 'asc');
    });

    const boxes = table.getByRole('checkbox', { name: /^Select order #/ });
    const numbers: string[] = [];
    await test.step('select two orders and hold them with a reason', async () => {
      await waitForHydration(page, 'input[aria-label^="Select order #"]');
      for (const i of [0, 1]) {
        const label = (await boxes.nth(i).getAttribute('aria-label'))!;
        numbers.push(label.replace('Select order ', ''));
        await boxes.nth(i).check();
      }
      const bar = page.getByRole('region', { name: 'Selected rows' });
      await expect(bar).toContainText('2 orders selected');
      await bar.getByRole('button', { name: 'Hold 2' }).click();
      await bar.getByLabel('Reason to hold 2 orders').fill('Waiting for the address check');
      await bar.getByRole('button', { name: 'Hold 2 orders' }).click();
      await expect(bar.getByRole('status')).toContainText('Hold: 2 of 2 orders done — 2 succeeded, 0 failed');
      await expect(bar.locator('progress')).toHaveAttribute('value', '2');
      const results = bar.getByRole('list', { name: 'Results per order' }).getByRole('listitem');
      await expect(results).toHaveText([
        `${numbers[0]}: put on hold; now On hold`,
        `${numbers[1]}: put on hold; now On hold`,
      ]);
      await shot(page, 'orders-bulk-1366');
      await expectNoSeriousA11yViolations(page, '/orders after a bulk hold');
    });

    await test.step('a held order refuses approve, named with the reason', async () => {
      await visit(page, '/orders?status=on_hold');
      await waitForHydration(page, 'input[aria-label^="Select order #"]');
      await page.getByRole('checkbox', { name: `Select order ${numbers[0]}`, exact: true }).check();
      const bar = page.getByRole('region', { name: 'Selected rows' });
      await bar.getByRole('button', { name: 'Approve 1' }).click();
      await expect(bar.getByRole('status')).toContainText('1 of 1 orders done — 0 succeeded, 1 failed');
      await expect(bar.getByRole('listitem')).toHaveText(new RegExp(`^${numbers[0]}: not done: .+`));
    });
  });
});

test.describe('a long list at 1366 px', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('the header row stays in view while the rows scroll (decision 040)', async ({ page }) => {
    await signIn(page, DEMO_EMAIL.manager);
    await visit(page, '/orders');
    const table = page.getByRole('table', { name: /^Orders/ });
    await expect(table).toBeVisible();
    const box = page.getByTestId('data-table-scroll');
    // The box scrolls the rows itself (at most a screen tall), not the page sideways.
    expect(await box.evaluate((el) => el.scrollHeight > el.clientHeight + 200)).toBe(true);
    await box.evaluate((el) => el.scrollBy(0, 1500));
    await expect.poll(() => box.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
    const header = table.getByRole('columnheader', { name: /Order/ }).first();
    const [b, h] = [await box.boundingBox(), await header.boundingBox()];
    expect(h!.y, 'the header is at the top of the scrolled box').toBeGreaterThanOrEqual(b!.y - 1);
    expect(h!.y).toBeLessThan(b!.y + 4);
    await expect(header).toBeInViewport();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1366);
    await expectNoSeriousA11yViolations(page, '/orders scrolled at 1366');
  });
});

test.describe('at 820 px', () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test('orders, the fulfillment queue and the inbox show cards and never scroll sideways', async ({
    page,
  }) => {
    await signIn(page, DEMO_EMAIL.admin);

    await test.step('orders', async () => {
      await visit(page, '/orders');
      const row = page
        .getByRole('table', { name: /^Orders/ })
        .getByRole('row')
        .nth(1);
      await expect(row).toBeVisible();
      for (const label of ['Status / payment', 'Items', 'Total'])
        await expect(row.getByText(label, { exact: true })).toBeVisible();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(820);
      await shot(page, 'orders-820');
      await expectNoSeriousA11yViolations(page, '/orders at 820');
    });

    await test.step('fulfillment queue', async () => {
      await visit(page, '/fulfillment');
      const row = page.getByRole('table', { name: 'Orders to ship' }).getByRole('row').nth(1);
      await expect(row).toBeVisible();
      await expect(row.getByText('Items to ship', { exact: true })).toBeVisible();
      await expect(row.getByText(/\d+ items?$/).first()).toBeVisible();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(820);
      await shot(page, 'fulfillment-820');
      await expectNoSeriousA11yViolations(page, '/fulfillment at 820');
    });

    await test.step('support inbox, with the list keys', async () => {
      await visit(page, '/support');
      const rows = page.locator('[data-list-row]');
      await expect(rows.first()).toBeVisible();
      for (const label of ['SLA', 'Assignee', 'Status / priority'])
        await expect(rows.first().getByText(label, { exact: true })).toBeVisible();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(820);
      await shot(page, 'support-820');
      await expectNoSeriousA11yViolations(page, '/support at 820');
      await waitForHydration(page, '[data-list-row] a');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('/');
      await expect(page.getByRole('search', { name: 'Filter tickets' }).getByLabel('Search')).toBeFocused();
      await page.keyboard.press('Escape');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      const second = await rows.nth(1).locator('a').first().getAttribute('href');
      await expect(rows.nth(1).locator('a').first()).toBeFocused();
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === second);
    });
  });

  test('1366 screenshots of the queue and the inbox', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(page, DEMO_EMAIL.admin);
    await visit(page, '/fulfillment');
    await expect(page.getByRole('table', { name: 'Orders to ship' })).toBeVisible();
    await shot(page, 'fulfillment-1366');
    await expectNoSeriousA11yViolations(page, '/fulfillment at 1366');
    await visit(page, '/support');
    await expect(page.getByRole('table', { name: 'Tickets' })).toBeVisible();
    await shot(page, 'support-1366');
    await expectNoSeriousA11yViolations(page, '/support at 1366');
  });
});
