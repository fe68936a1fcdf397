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
 * Dropship at tablet width (decision 041): a variant shipped by its supplier is set up and ordered
 * through the API; the order drafts a dropship PO with the customer's address; the manager opens it,
 * sends it, and records the supplier's shipment with its tracking number. Axe on every page.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix().toUpperCase();
const SKU = `DROP-E2E-${suffix}`;
const SUPPLIER = `E2E Dropship ${suffix}`;
let poId = '';
let orderNumber = 0;
let orderId = '';

test('an order of a dropship variant drafts a dropship PO to its supplier', async ({ page, request }) => {
  const key = await createApiKey(page, `E2E dropship ${suffix}`, [
    'inventory:read',
    'inventory:adjust',
    'purchasing:read',
    'purchasing:write',
    'orders:create',
  ]);
  const auth = { Authorization: `Bearer ${key}` };
  const product = await request.post('/api/v1/products', {
    headers: auth,
    data: { name: `Made to order ${suffix}`, variants: [{ sku: SKU, price: 4500, currency: 'USD' }] },
  });
  expect(product.status(), await product.text()).toBe(201);
  const productId = ((await product.json()) as { id: string }).id;
  const supplier = await request.post('/api/v1/suppliers', {
    headers: auth,
    data: {
      name: SUPPLIER,
      email: `orders-${suffix.toLowerCase()}@supplier.example`,
      lead_time_days: 3,
      products: [{ sku: SKU, unit_cost: 2000 }],
    },
  });
  expect(supplier.status(), await supplier.text()).toBe(201);
  const supplierId = ((await supplier.json()) as { id: string }).id;
  const flagged = await request.patch(`/api/v1/products/${productId}`, {
    headers: auth,
    data: { variants: [{ sku: SKU, dropship: true, dropship_supplier_id: supplierId }] },
  });
  expect(flagged.status(), await flagged.text()).toBe(200);
  const order = await request.post('/api/v1/orders', {
    headers: { ...auth, 'Idempotency-Key': `dropship-e2e-${suffix}` },
    data: {
      channel: 'web',
      currency: 'USD',
      customer: { email: `drop-${suffix.toLowerCase()}@example.com`, name: 'Dana Drop' },
      shipping_address: {
        name: 'Dana Drop',
        line1: '77 Orchard Lane',
        city: 'Boulder',
        region: 'CO',
        postal_code: '80301',
        country: 'US',
      },
      lines: [{ sku: SKU, quantity: 2, unit_price: 4500 }],
      // paid in full (2 × 45.00 = 90.00), so the order is not held in payment due (decision 031)
      payment: { method: 'card', amount: 9_000, status: 'captured' },
    },
  });
  expect(order.status(), await order.text()).toBe(201);
  const taken = (await order.json()) as { id: string; number: number };
  orderNumber = taken.number;
  orderId = taken.id;
  const pos = await request.get(`/api/v1/purchase-orders?status=draft`, { headers: auth });
  const list = (await pos.json()) as { data: { id: string; dropship: { order_id: string } | null }[] };
  const dropship = list.data.filter((p) => p.dropship?.order_id === taken.id);
  expect(dropship).toHaveLength(1);
  poId = dropship[0].id;
});

test('the manager sees the dropship PO, sends it and records the supplier’s shipment', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, `/purchasing/${poId}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Dropship to the customer' })).toBeVisible();
  await expect(page.getByRole('link', { name: `order #${orderNumber}` })).toBeVisible();
  const shipTo = page.locator('address[aria-label="Ship to"]');
  await expect(shipTo).toContainText('Dana Drop');
  await expect(shipTo).toContainText('77 Orchard Lane');
  await expect(page.getByRole('cell', { name: '$40.00' }).first()).toBeVisible(); // 2 × 20.00
  await expectNoSeriousA11yViolations(page, '/purchasing/[id] (dropship draft)');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await waitForHydration(page, 'button:has-text("Send to supplier")');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Send to supplier' }).click();
  await expect(page.getByText('Sent', { exact: true })).toBeVisible();

  await waitForHydration(page, 'form[aria-label="Record the supplier’s shipment"] button[type="submit"]');
  await page.getByLabel('Carrier').fill('UPS');
  await page.getByLabel('Tracking number').fill(`1Z${suffix}`);
  await page.getByRole('button', { name: 'Record supplier’s shipment' }).click();
  // The PO is received (the form goes with the open units) and its timeline names the shipment.
  await expect(page.getByText('Received', { exact: true })).toBeVisible();
  await expect(page.getByTestId('po-timeline')).toContainText(`UPS 1Z${suffix}`);
  await expect(page.getByRole('paragraph').filter({ hasText: 'Nothing more to do' })).toBeVisible();
  // The shipment stays in view under Next steps once its form has gone.
  await expect(page.getByRole('status').filter({ hasText: `UPS 1Z${suffix}` })).toBeVisible();
  // The order's only line was the dropship one: the order is fulfilled.
  await visit(page, `/orders/${orderId}`);
  await expect(page.getByText('Fulfilled', { exact: true }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/purchasing/[id] (dropship shipped)');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
});
