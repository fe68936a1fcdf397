import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  visit,
  waitForHydration,
} from './helpers';

/**
 * Issue 15 at tablet width (820 px): each persona lands where their work waits, the shell is a drawer,
 * the keyboard shortcuts, Needs attention and its drill-downs, the receiving desk, the ticket page
 * side by side, the order page's ship-by flag and the ship page without a hydration error.
 */
test.use({ viewport: { width: 820, height: 1180 } });

async function noSideways(page: Page, where: string) {
  const o = await pageOverflowsHorizontally(page);
  expect(o.overflows, `${where}: ${o.scrollWidth}px wide in ${o.clientWidth}px`).toBe(false);
}

test('a manager lands on the dashboard, uses the drawer and the shortcuts, and each figure opens its list', async ({
  page,
}) => {
  test.setTimeout(240_000);
  expect(await signIn(page, DEMO_EMAIL.manager)).toBe('/dashboard');
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await expect(attention).toBeVisible();
  for (const label of ['Refunds awaiting approval', 'Returns awaiting receipt', 'Counts awaiting review'])
    await expect(attention.getByRole('link', { name: new RegExp(label) })).toBeVisible();
  await noSideways(page, '/dashboard');
  await expectNoSeriousA11yViolations(page, '/dashboard at 820 px');
  await page.screenshot({ path: test.info().outputPath('manager-dashboard-820.png'), fullPage: false });

  // The drawer: labelled, keyboard-reachable, focus moves in and back out.
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  await waitForHydration(page, 'header button');
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav).toBeVisible();
  await expect(page.locator('#app-drawer')).toContainText(DEMO_EMAIL.manager);
  expect(await page.evaluate(() => !!document.activeElement?.closest('#app-drawer'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  // ? lists the shortcuts (the lists' too); g then o opens Orders.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Focus the list’s search box');
  await expect(help).toContainText('Orders');
  await expectNoSeriousA11yViolations(page, 'the shortcuts dialog');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  await page.waitForURL((u) => u.pathname === '/orders');

  // SKUs at or below reorder point: the figure is the drill-down's row count (one row per SKU).
  await visit(page, '/dashboard');
  const low = attention.getByRole('link', { name: /SKUs at or below reorder point/ });
  const figure = Number((await low.locator('span').last().innerText()).trim());
  await low.click();
  await page.waitForURL((u) => u.search.includes('stock=low'));
  // The list shows 50 rows a page: the figure's rows, or a first full page and a next page.
  const rows = page.getByRole('region', { name: 'Stock levels' }).locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(figure, 50));
  if (figure > 50) await expect(page.getByRole('link', { name: 'Next page' })).toBeVisible();
  await noSideways(page, '/inventory?stock=low');
  await expectNoSeriousA11yViolations(page, '/inventory?stock=low');

  // Counts awaiting review: the demo leaves one submitted (aisle A's recount), and the list shows it.
  await visit(page, '/dashboard');
  const counts = attention.getByRole('link', { name: /Counts awaiting review/ });
  expect(Number((await counts.locator('span').last().innerText()).trim())).toBe(1);
  await counts.click();
  await page.waitForURL((u) => u.search.includes('stage=awaiting_review'));
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr')).toContainText('MAIN');
  await expectNoSeriousA11yViolations(page, '/inventory/cycle-counts?stage=awaiting_review');

  // Operational limits: a manager may change them (settings:operations).
  await visit(page, '/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await waitForHydration(page, 'form[aria-label="Operational limits"] button');
  await page.getByLabel('Fraud review threshold (0–100)').fill('65');
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Operational limits saved.' })).toBeVisible();
  // Out of range: the field keeps its native range (keyboards, screen readers), but the form submits
  // without the browser's bubble, so the server's field-labelled message is what the manager reads
  // (decision 040).
  const threshold = page.getByLabel('Fraud review threshold (0–100)');
  await threshold.fill('150');
  expect(await threshold.evaluate((el) => (el as HTMLInputElement).validity.rangeOverflow)).toBe(true);
  await page.getByRole('button', { name: 'Save limits' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fraud review threshold' })).toBeVisible();
  await expect(threshold).toHaveAttribute('aria-invalid', 'true');
  await noSideways(page, '/settings (manager)');
  await expectNoSeriousA11yViolations(page, '/settings as manager');
});

test(
  'warehouse staff land on the fulfillment queue; the ship page hydrates; the receiving desk opens a return ' +
    'by scan',
  async ({ page }) => {
    test.setTimeout(240_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    expect(await signIn(page, DEMO_EMAIL.warehouse)).toBe('/fulfillment');
    await expect(page.getByRole('heading', { level: 1, name: 'Fulfillment' })).toBeVisible();
    await noSideways(page, '/fulfillment');
    await page.screenshot({ path: test.info().outputPath('warehouse-fulfillment-820.png'), fullPage: false });
    await expectNoSeriousA11yViolations(page, '/fulfillment at 820 px');

    // A ship page: no React error #418 (a form inside a paragraph made the tree differ).
    const ship = page.locator('a[href^="/fulfillment/orders/"]').first();
    const href = await ship.getAttribute('href');
    errors.length = 0;
    await visit(page, href!);
    await expect(page.getByRole('heading', { level: 1, name: /^Ship order #/ })).toBeVisible();
    await waitForHydration(page, 'form');
    await page.waitForTimeout(500);
    expect(errors.filter((e) => /418|hydrat/i.test(e))).toEqual([]);
    await noSideways(page, href!);
    await expectNoSeriousA11yViolations(page, `${href} at 820 px`);

    // The receiving desk: an unknown code says so; an RMA number opens that return's receiving page.
    await visit(page, '/returns/receive');
    await expect(page.getByRole('heading', { level: 1, name: 'Receive returns' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/returns/receive');
    await page.getByLabel('Scan an RMA number or a return label’s tracking number').fill('NOPE-0000');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'NOPE-0000' })).toContainText('No return has');
    const first = page.getByRole('list', { name: 'Returns awaiting receipt' }).getByRole('listitem').first();
    const number = /Return #(\d+)/.exec(await first.innerText())![1];
    await page.getByLabel('Scan an RMA number or a return label’s tracking number').fill(`RMA-${number}`);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => /^\/returns\/[0-9a-f-]+\/receive$/.test(u.pathname));
    await expect(page.getByRole('heading', { level: 1, name: `Receive return #${number}` })).toBeVisible();

    // The scan screen at phone width needs no zoom: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, '/returns/receive');
    await noSideways(page, '/returns/receive at 390 px');
  },
);

test(
  'a support agent lands on the inbox; the ticket keeps the customer beside the composer; the order flags a ' +
    'passed ship-by date',
  async ({ page }) => {
    test.setTimeout(240_000);
    expect(await signIn(page, DEMO_EMAIL.support)).toBe('/support');
    await expect(page.getByRole('heading', { level: 1, name: 'Support' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('support-inbox-820.png'), fullPage: false });
    await expectNoSeriousA11yViolations(page, '/support at 820 px');

    // A ticket's number link (#12), not one of the section's tabs (Canned replies, SLA settings).
    const ticket = page.locator('a[href^="/support/"]').filter({ hasText: /^#\d+/ }).first();
    const ticketHref = await ticket.getAttribute('href');
    await visit(page, ticketHref!);
    const composer = page
      .locator('form')
      .filter({ has: page.getByRole('textbox') })
      .first();
    const customer = page.getByRole('region', { name: 'Customer', exact: true });
    const [c, p] = [await composer.boundingBox(), await customer.boundingBox()];
    expect(p!.x, 'the customer panel is to the right of the composer').toBeGreaterThan(c!.x + c!.width - 1);
    await expect(page.getByRole('heading', { name: 'Other emails to the customer' })).toBeVisible();
    await noSideways(page, ticketHref!);
    await expectNoSeriousA11yViolations(page, `${ticketHref} at 820 px`);

    // An order past its ship-by date says so.
    await visit(page, '/orders?ship=past_due');
    const late = page.locator('a[href^="/orders/"]').filter({ hasText: /#\d+/ }).first();
    await visit(page, (await late.getAttribute('href'))!);
    await expect(page.getByRole('status').filter({ hasText: 'Past its ship-by date.' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Emails to the customer' })).toBeVisible();
    await noSideways(page, 'an order page');
    await expectNoSeriousA11yViolations(page, 'an order past its ship-by date');

    // Picking a start page: validated and saved.
    await visit(page, '/profile');
    await waitForHydration(page, 'form button');
    await page.getByLabel('After signing in, open').selectOption('orders');
    await page.getByRole('button', { name: 'Save start page' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'You will start on Orders' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/profile');
    await visit(page, '/');
    await expect(page).toHaveURL((u) => u.pathname === '/orders');
    await visit(page, '/profile');
    await waitForHydration(page, 'form button');
    await page.getByLabel('After signing in, open').selectOption('');
    await page.getByRole('button', { name: 'Save start page' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'You will start on Support' })).toBeVisible();
  },
);
