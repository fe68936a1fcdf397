import { expect, test, type Page } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  signIn,
  uniqueSuffix,
  visit,
  waitForHydration,
} from './helpers';

/**
 * The operations manager's home screen: KPI cards for a range and channel, the same numbers as the
 * API, a changed range changes them, and a KPI drills down to the records behind it (late shipments).
 */
test.describe.configure({ mode: 'serial' });

const suffix = uniqueSuffix();
let key = '';

const card = (page: Page, title: string) => page.locator(`article:has(h3:text-is("${title}"))`);
const cardValue = async (page: Page, title: string) =>
  ((await card(page, title).locator('[data-kpi-value]').textContent()) ?? '').trim();
const cardDetail = async (page: Page, title: string) =>
  ((await card(page, title).locator('[data-kpi-detail]').textContent()) ?? '').trim();

test('admin makes a reporting API key', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(`E2E reporting ${suffix}`);
  await form.getByRole('checkbox', { name: 'reports:read', exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  key = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
  expect(key).toMatch(/^brk_/);
});

test(
  'the manager changes the range, sees the numbers change (as the API has them) and drills into late ' +
    'shipments',
  async ({ page, request }) => {
    test.setTimeout(180_000);
    await signIn(page, DEMO_EMAIL.manager);
    await visit(page, '/dashboard');
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Needs attention' })).toBeVisible();
    // Refunds, returns and support have real values; inventory accuracy has them once a cycle count is
    // completed in the range (checked against the API below).
    await expect(card(page, 'Refunds')).not.toContainText('No data yet');
    await expect(page.getByRole('link', { name: /Tickets about to breach SLA/ })).toHaveAttribute(
      'href',
      '/support?view=at_risk',
    );
    await expect(page.getByRole('heading', { name: /Returns by reason/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: /Refunds over time/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/dashboard');

    const before = {
      orders: await cardValue(page, 'Orders'),
      fulfilled: await cardDetail(page, 'Fulfillment rate'),
    };
    await page.getByLabel('Range', { exact: true }).selectOption('90d');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page).toHaveURL(/range=90d/);
    await expect.poll(() => cardValue(page, 'Orders')).not.toBe(before.orders);
    expect(Number((await cardValue(page, 'Orders')).replace(/,/g, ''))).toBeGreaterThan(
      Number(before.orders.replace(/,/g, '')),
    );

    // The cards show what the API returns for the same range.
    const from = await page.locator('#from').inputValue();
    const to = await page.locator('#to').inputValue();
    const res = await request.get(`/api/v1/kpis?from=${from}&to=${to}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(res.status()).toBe(200);
    const api = await res.json();
    expect(await cardValue(page, 'Orders')).toBe(api.orders.count.toLocaleString('en-US'));
    expect(await cardDetail(page, 'Fulfillment rate')).toBe(
      `${api.fulfillment_rate.numerator.toLocaleString('en-US')} of ` +
        `${api.fulfillment_rate.denominator.toLocaleString('en-US')} orders shipped complete`,
    );
    expect(await cardDetail(page, 'On-time ship rate')).toContain(
      `${api.on_time_ship_rate.numerator} of ${api.on_time_ship_rate.denominator}`,
    );
    expect(await cardDetail(page, 'Refunds')).toContain(
      `${api.refunds.count.toLocaleString('en-US')} refund`,
    );
    expect(await cardDetail(page, 'Return rate')).toBe(
      `${api.return_rate.numerator.toLocaleString('en-US')} units returned of ` +
        `${api.return_rate.denominator.toLocaleString('en-US')} shipped`,
    );
    if (api.inventory_accuracy.value === null)
      await expect(card(page, 'Inventory accuracy')).toContainText('No data yet');
    else
      expect(await cardValue(page, 'Inventory accuracy')).toBe(
        `${(api.inventory_accuracy.value * 100).toFixed(1)}%`,
      );
    expect(await cardValue(page, 'Open backlog')).toBe(api.open_backlog.count.toLocaleString('en-US'));
    expect(await cardValue(page, 'SLA breaches')).toBe(api.sla_breaches.count.toLocaleString('en-US'));

    // The formula is one focus away.
    await card(page, 'On-time ship rate')
      .getByRole('button', { name: /how on-time ship rate is calculated/i })
      .focus();
    await expect(page.getByRole('tooltip').filter({ hasText: 'promised ship-by' })).toBeVisible();

    // Drill down: the late shipments behind the on-time rate.
    const late = api.on_time_ship_rate.denominator - api.on_time_ship_rate.numerator;
    await card(page, 'On-time ship rate').getByRole('link', { name: 'Late shipments' }).click();
    await expect(page).toHaveURL(
      (url) => url.pathname === '/orders' && url.searchParams.get('ship') === 'late',
    );
    await expect(page.getByText(/Late shipments: shipped complete after the promised ship-by/)).toBeVisible();
    if (late > 0)
      await expect(page.getByRole('table', { name: 'Orders' }).locator('tbody tr')).toHaveCount(
        Math.min(late, 50),
      );
    else await expect(page.getByText('No orders match these filters.')).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/orders late shipments');

    // The SLA card drills into the inbox's breached view.
    await page.goBack();
    await card(page, 'SLA breaches').getByRole('link', { name: 'Breached tickets (unsolved)' }).click();
    await expect(page).toHaveURL(
      (url) => url.pathname === '/support' && url.searchParams.get('view') === 'breached',
    );
  },
);

test('a bad custom range falls back and says why; the dashboard works at tablet width', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 820, height: 1100 });
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/dashboard?range=custom&from=2026-11-20&to=2026-11-01');
  await expect(page.getByRole('status')).toContainText('Showing the last 30 days instead');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  expect(overflow).toBe(false);
  await page.screenshot({ path: '/tmp/kpis-dashboard-tablet.png', fullPage: true });
  await expectNoSeriousA11yViolations(page, '/dashboard at tablet width');
});
