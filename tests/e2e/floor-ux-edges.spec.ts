import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  visit,
} from './helpers';

/**
 * Issue 15 items 10 and 12 where no other spec walks them, at tablet width: the count awaiting review
 * (demo data) filters to its lines with a difference; a stock movement links to the order that caused
 * it; API key times are in the shop's time zone.
 */
test.use({ viewport: { width: 820, height: 1180 } });

test('a manager reviews only the lines with a difference, and follows a stock movement to its order', async ({
  page,
}) => {
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/inventory/cycle-counts?stage=awaiting_review');
  await page.locator('a[href^="/inventory/cycle-counts/"]').filter({ hasText: /#\d+/ }).first().click();
  await page.getByRole('link', { name: 'Review differences' }).click();
  await page.waitForURL((u) => u.pathname.endsWith('/review'));
  // The demo recount has two lines counted one short (prisma/seed-counts.ts).
  await page.getByRole('link', { name: 'With a difference (2)' }).click();
  await page.waitForURL((u) => u.search === '?lines=differences');
  const lines = page.getByRole('region', { name: 'Count lines with differences' }).locator('tbody tr');
  await expect(lines).toHaveCount(2);
  await expect(lines.first()).toContainText('-1');
  const o = await pageOverflowsHorizontally(page);
  expect(o.overflows, `${o.scrollWidth}px wide in ${o.clientWidth}px`).toBe(false);
  await expectNoSeriousA11yViolations(page, 'the count review, differences only, at 820 px');

  await visit(page, '/inventory/TEE-0001-01');
  const cause = page.getByRole('link', { name: /^Order #\d+, shipment #\d+$/ }).first();
  const label = await cause.innerText();
  await cause.click();
  await page.waitForURL((u) => /^\/orders\/[0-9a-f-]+$/.test(u.pathname));
  await expect(page.getByRole('heading', { level: 1, name: label.split(',')[0] })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'an order opened from its stock movement');
});

test("an admin reads API key times in the shop's time zone", async ({ page }) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings');
  const zone = await page.getByLabel('Time zone').inputValue();
  expect(zone).not.toBe('');
  await visit(page, '/settings/api-keys');
  await expect(page.getByRole('columnheader', { name: `Last used (${zone})` })).toBeAttached();
  await expectNoSeriousA11yViolations(page, '/settings/api-keys at 820 px');
});
