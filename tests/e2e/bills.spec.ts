import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  createApiKey,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  uniqueSuffix,
  visit,
  waitForHydration,
} from './helpers';

/**
 * Supplier bills at tablet width (decision 034): a PO is set up and received through the API; the
 * manager enters the supplier's bill from the PO page (three-way match within tolerance → posted),
 * sees it in AP aging, pays it, and it leaves the aging. Axe on every page.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix().toUpperCase();
const SKU = `BILL-E2E-${suffix}`;
const SUPPLIER = `E2E Bills ${suffix}`;
let poId = '';

test('a PO for 4 × 12.50 is sent and received through the API', async ({ page, request }) => {
  const key = await createApiKey(page, `E2E bills ${suffix}`, [
    'inventory:adjust',
    'purchasing:read',
    'purchasing:write',
    'purchasing:receive',
  ]);
  const auth = { Authorization: `Bearer ${key}` };
  const product = await request.post('/api/v1/products', {
    headers: auth,
    data: { name: `Billed ${suffix}`, variants: [{ sku: SKU, price: 3000, currency: 'USD' }] },
  });
  expect(product.status(), await product.text()).toBe(201);
  const supplier = await request.post('/api/v1/suppliers', {
    headers: auth,
    data: {
      name: SUPPLIER,
      email: `ap-${suffix.toLowerCase()}@supplier.example`,
      payment_terms: 'Net 30',
      lead_time_days: 3,
      products: [{ sku: SKU, unit_cost: 1250 }],
    },
  });
  expect(supplier.status(), await supplier.text()).toBe(201);
  const supplierId = ((await supplier.json()) as { id: string }).id;
  const po = await request.post('/api/v1/purchase-orders', {
    headers: auth,
    data: { supplier_id: supplierId, location: 'MAIN', lines: [{ sku: SKU, quantity: 4 }] },
  });
  expect(po.status(), await po.text()).toBe(201);
  poId = ((await po.json()) as { id: string }).id;
  expect((await request.post(`/api/v1/purchase-orders/${poId}/send`, { headers: auth })).status()).toBe(200);
  const receipt = await request.post(`/api/v1/purchase-orders/${poId}/receipts`, {
    headers: { ...auth, 'Idempotency-Key': `bill-e2e-${suffix}` },
    data: { lines: [{ sku: SKU, quantity: 4 }] },
  });
  expect(receipt.status(), await receipt.text()).toBe(201);
});

test('the manager enters the bill from the PO page, sees it in AP aging and pays it', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, `/purchasing/${poId}`);
  await expectNoSeriousA11yViolations(page, '/purchasing/[id] (received)');
  await page.getByRole('link', { name: 'Enter supplier bill' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Enter a bill for PO-\d+/ })).toBeVisible();
  await waitForHydration(page, 'form[aria-label="Supplier bill"] button[type="submit"]');
  await expectNoSeriousA11yViolations(page, '/purchasing/[id]/bill');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  // the line starts at what arrived and is not billed (4) at the PO cost (12.50)
  await expect(page.getByLabel('Quantity billed')).toHaveValue('4');
  await expect(page.getByLabel('Unit cost billed')).toHaveValue('12.50');
  await page.getByLabel('Supplier’s invoice number').fill(`INV-${suffix}`);
  // 12.60 is 0.8 % above the PO cost: within the 2 % tolerance → posted, 0.40 price variance
  await page.getByLabel('Unit cost billed').fill('12.60');
  await page.getByRole('button', { name: 'Enter bill' }).click();

  await expect(page).toHaveURL(/\/purchasing\/bills\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /Bill BILL-\d+/ })).toBeVisible();
  const label = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')
    .replace('Bill ', '')
    .trim();
  await expect(page.getByText('Posted', { exact: true })).toBeVisible();
  await expect(page.getByText('$50.40').first()).toBeVisible(); // 4 × 12.60
  await expect(page.getByText('$0.40')).toBeVisible(); // price variance
  await expectNoSeriousA11yViolations(page, '/purchasing/bills/[id] (posted)');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await visit(page, '/purchasing/aging');
  await expect(page.getByRole('heading', { level: 1, name: 'Accounts payable aging' })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: SUPPLIER });
  await expect(row).toContainText(label);
  await expect(row).toContainText('$50.40');
  await expectNoSeriousA11yViolations(page, '/purchasing/aging');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await visit(page, '/purchasing/bills');
  await expect(page.getByRole('link', { name: label })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/purchasing/bills');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await page.getByRole('link', { name: label }).click();

  await waitForHydration(page, 'form[aria-label="Pay the bill"] button[type="submit"]');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Record payment' }).click();
  // the page re-renders as paid (the payment form, and its message, give way to the outcome)
  await expect(page.getByText(/^Paid in full on \d{4}-\d{2}-\d{2} \(\$50\.40\)/)).toBeVisible();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/purchasing/bills/[id] (paid)');

  await visit(page, '/purchasing/aging');
  await expect(page.getByRole('row').filter({ hasText: SUPPLIER })).toHaveCount(0);
});

test('a bill waiting for approval shows its findings and the manager’s choice', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/purchasing/bills?status=awaiting_approval');
  const first = page.getByRole('link', { name: /^BILL-\d+$/ }).first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page).toHaveURL(/\/purchasing\/bills\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /Bill BILL-\d+/ })).toBeVisible();
  await expect(page.getByText('Awaiting approval', { exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Match findings' })).toContainText('more than 2 % apart');
  await expect(page.getByRole('button', { name: 'Approve and post' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/purchasing/bills/[id] (awaiting approval)');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
});
