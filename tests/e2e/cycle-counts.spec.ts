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
 * A blind cycle count at tablet width: a warehouse worker creates a count for two SKUs, scans the bin
 * and the units (and types a count), never seeing the expected quantities; a manager reviews the
 * differences and their value and completes it; the dashboard's inventory accuracy shows the result
 * and drills down to the completed counts.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix().toUpperCase();
const SKU_A = `CC-A-${suffix}`;
const SKU_B = `CC-B-${suffix}`;
let countUrl = '';

const card = (page: Page, title: string) => page.locator(`article:has(h3:text-is("${title}"))`);

test('admin stocks two SKUs in bin A-01-1 through the API', async ({ page, request }) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(`E2E cycle count ${suffix}`);
  await form.getByRole('checkbox', { name: 'inventory:adjust', exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
  expect(key).toMatch(/^brk_/);
  const auth = { Authorization: `Bearer ${key}` };
  const product = await request.post('/api/v1/products', {
    headers: auth,
    data: {
      name: `Count me ${suffix}`,
      variants: [
        { sku: SKU_A, price: 900, currency: 'USD' },
        { sku: SKU_B, price: 500, currency: 'USD' },
      ],
    },
  });
  expect(product.status(), await product.text()).toBe(201);
  // 40 @ 2.00 and 60 @ 1.50 on the shelf, says the system.
  const receipt = await request.post('/api/v1/inventory/receipts', {
    headers: auth,
    data: {
      location: 'MAIN',
      reference: `E2E-CC-${suffix}`,
      lines: [
        { sku: SKU_A, quantity: 40, unit_cost: 200, bin: 'A-01-1' },
        { sku: SKU_B, quantity: 60, unit_cost: 150, bin: 'A-01-1' },
      ],
    },
  });
  expect(receipt.status(), await receipt.text()).toBe(201);
});

test('a warehouse worker creates the count and counts blind: scans the bin and units, types a count', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_EMAIL.warehouse);
  await visit(page, '/inventory');
  await page
    .getByRole('navigation', { name: 'Inventory' })
    .getByRole('link', { name: 'Cycle counts' })
    .click();
  await expect(page).toHaveURL(/\/inventory\/cycle-counts$/);
  await expectNoSeriousA11yViolations(page, '/inventory/cycle-counts');

  await page.getByRole('link', { name: 'New count' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New cycle count' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/inventory/cycle-counts/new');
  await waitForHydration(page, 'form[aria-label="New cycle count"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'New cycle count' });
  // A bin that does not exist is refused, naming the field.
  await form.getByLabel('Bins (optional)').fill('Z-99-9');
  await form.getByRole('button', { name: 'Create count sheet' }).click();
  await expect(form.getByText('No bin "Z-99-9" at MAIN')).toBeVisible();
  await form.getByLabel('Bins (optional)').fill('');
  await form.getByLabel('SKUs (optional)').fill(`${SKU_A}, ${SKU_B}`);
  await form.getByRole('button', { name: 'Create count sheet' }).click();
  await page.waitForURL(/\/inventory\/cycle-counts\/[0-9a-f-]{36}$/);
  countUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: /Cycle count #\d+/ })).toBeVisible();

  await waitForHydration(page, 'section[aria-labelledby="draft-title"] button');
  await page.getByRole('button', { name: 'Start counting' }).click();
  const scan = page.getByRole('textbox', { name: 'Scan a bin label' });
  await expect(scan).toBeFocused();
  await expectNoSeriousA11yViolations(page, `${countUrl} (counting)`);

  // An item before its bin is refused; then the bin, two units of A by scanner.
  await scan.fill(SKU_A);
  await scan.press('Enter');
  await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-tone', 'error');
  await scan.fill('A-01-1');
  await scan.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bin A-01-1' })).toBeVisible();
  const unitScan = page.getByRole('textbox', { name: 'Scan each unit in bin A-01-1' });
  await expect(unitScan).toBeFocused();
  for (let i = 0; i < 2; i++) {
    await unitScan.fill(SKU_A);
    await unitScan.press('Enter');
  }
  await expect(page.getByLabel(`Counted units of ${SKU_A}`)).toHaveValue('2');
  // The rest is typed: 38 of A, 63 of B.
  await page.getByLabel(`Counted units of ${SKU_A}`).fill('38');
  await page.getByLabel(`Counted units of ${SKU_B}`).fill('63');
  await page.getByRole('button', { name: 'Save counts' }).click();
  await expect(page.getByTestId(`saved-${SKU_A}`)).toHaveText('Saved: 38');
  await expect(page.getByTestId(`saved-${SKU_B}`)).toHaveText('Saved: 63');
  await expect(page.getByText('2 of 2 lines counted')).toBeVisible();
  await expect(unitScan).toBeFocused();
  // Blind: the expected 40 and 60 appear nowhere on the counter's screen.
  await expect(page.getByText(/expected/i)).toHaveCount(0);
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/\b(40|60)\b/);
  // The review is for managers only.
  const review = await visit(page, `${countUrl}/review`);
  expect(review.status()).toBe(403);
});

test('a manager reviews the differences and their value, completes the count, and sees the accuracy', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, `${countUrl}/review`);
  await expect(page.getByRole('heading', { level: 1, name: /Review count #\d+/ })).toBeVisible();
  // 40 → 38 (−2 × 2.00 est.), 60 → 63 (+3 × 1.50): 5 of 100 units off = 95.0 %.
  await expect(page.getByTestId(`review-${SKU_A}`)).toContainText('−2'.replace('−', '-'));
  await expect(page.getByTestId(`review-${SKU_A}`)).toContainText('-$4.00');
  await expect(page.getByTestId(`review-${SKU_B}`)).toContainText('+3');
  await expect(page.getByTestId(`review-${SKU_B}`)).toContainText('$4.50');
  await expect(page.getByTestId('total-accuracy')).toHaveText('95.0% (5 of 100 units off)');
  await expectNoSeriousA11yViolations(page, `${countUrl}/review`);

  await waitForHydration(page, 'section[aria-labelledby="complete-title"] button');
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Complete count and post' }).click();
  await expect(page.getByText('Completed', { exact: true })).toBeVisible();
  // Posted at cost: 2 × 2.00 written off, 3 × 1.50 found = +0.50.
  await expect(page.getByTestId('total-value')).toHaveText('$0.50');

  // Today only: the demo's own counts were completed days ago (prisma/seed-counts.ts).
  await visit(page, '/dashboard?range=today');
  await expect(card(page, 'Inventory accuracy').locator('[data-kpi-value]')).toHaveText('95.0%');
  await expect(card(page, 'Inventory accuracy')).toContainText('5 units off of 100 expected · 1 count');
  await card(page, 'Inventory accuracy').getByRole('link', { name: 'Completed cycle counts' }).click();
  await expect(page).toHaveURL(/\/inventory\/cycle-counts\?status=completed/);
  const rows = page.getByRole('table', { name: 'Cycle counts table' }).locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('95.0% (5 off 100)');
  await expect(rows.getByRole('link')).toHaveAttribute('href', countUrl);
  await expectNoSeriousA11yViolations(page, '/inventory/cycle-counts?status=completed');
});
