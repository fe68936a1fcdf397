import { expect, test } from '@playwright/test';
import {
  DEMO_EMAIL,
  expectNoSeriousA11yViolations,
  pageOverflowsHorizontally,
  signIn,
  uniqueSuffix,
  visit,
  waitForHydration,
} from './helpers';

/**
 * The pack station on a tablet: warehouse staff open the fulfillment queue, open the most overdue
 * order, choose a box, type the scale reading, get rates, buy the label and print it.
 * Serial: the second test ships the order the first one creates through the API.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1024, height: 768 } });

const suffix = uniqueSuffix();
const SKU = 'TEE-0001-01';
let key = '';
let order = { id: '', number: 0 };

test('admin makes an API key; a storefront sends an overdue order', async ({ page, request }) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(`E2E pack station ${suffix}`);
  for (const scope of ['orders:create', 'inventory:adjust'])
    await form.getByRole('checkbox', { name: scope, exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  key = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
  expect(key).toMatch(/^brk_/);
  const auth = { Authorization: `Bearer ${key}` };

  const receipt = await request.post('/api/v1/inventory/receipts', {
    headers: auth,
    data: {
      location: 'MAIN',
      reference: `E2E-FUL-${suffix}`,
      lines: [{ sku: SKU, quantity: 5, unit_cost: 900 }],
    },
  });
  expect(receipt.status(), await receipt.text()).toBe(201);
  const created = await request.post('/api/v1/orders', {
    headers: { ...auth, 'Idempotency-Key': `ful-${suffix}` },
    data: {
      channel: 'web',
      external_id: `ful-${suffix}`,
      currency: 'USD',
      customer: { email: `ful-${suffix}@example.com`, name: `Pat Packer${suffix}` },
      shipping_address: {
        name: `Pat Packer${suffix}`,
        line1: '1 Market St',
        city: 'San Francisco',
        region: 'CA',
        postal_code: '94107',
        country: 'US',
      },
      // The oldest promise in the shop: first in the queue, and overdue.
      promised_ship_by: '2001-01-01T12:00:00Z',
      lines: [{ sku: SKU, quantity: 2, unit_price: 2_500 }],
      // Paid in full, so it goes to the queue (an unpaid order waits in the payment-due hold).
      payment: { method: 'card', amount: 5_000, status: 'captured' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { id: string; number: number; status: string };
  expect(body.status).toBe('open');
  order = { id: body.id, number: body.number };
});

test('warehouse ships the order from the queue: box, weight, rates, label, PDF', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.warehouse);

  await test.step('the queue shows the order first, overdue', async () => {
    expect((await visit(page, '/fulfillment')).status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1, name: 'Fulfillment' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Orders to ship' });
    const first = table.getByRole('row').nth(1);
    await expect(first.getByRole('link', { name: `Ship order #${order.number}` })).toBeVisible();
    await expect(first).toContainText('Overdue');
    await expect(first).toContainText(`2 × ${SKU}`);
    await expectNoSeriousA11yViolations(page, '/fulfillment');
    expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  });

  await test.step('filtering to overdue web orders keeps it', async () => {
    await page.getByLabel('Channel').selectOption('web');
    await page.getByLabel('Overdue only').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get('channel') === 'web' && url.searchParams.get('overdue') === '1',
    );
    await expect(page.getByRole('link', { name: `Ship order #${order.number}` })).toBeVisible();
  });

  await test.step('the exceptions tab opens', async () => {
    await page
      .getByRole('navigation', { name: 'Fulfillment' })
      .getByRole('link', { name: 'Exceptions' })
      .click();
    await expect(page).toHaveURL((url) => url.pathname === '/fulfillment/exceptions');
    await expect(page.getByRole('heading', { level: 2, name: /Exceptions/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/fulfillment/exceptions');
  });

  await test.step('open the order from the queue', async () => {
    await visit(page, '/fulfillment');
    await page.getByRole('link', { name: `Ship order #${order.number}` }).click();
    await expect(page).toHaveURL((url) => url.pathname === `/fulfillment/orders/${order.id}`);
    await expect(page.getByRole('heading', { level: 1, name: `Ship order #${order.number}` })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Lines to ship' })).toContainText(SKU);
    await waitForHydration(page, 'form[aria-label="Ship this order"] button[type="submit"]');
  });

  await test.step('rates without a weight name the field', async () => {
    await page.getByRole('button', { name: 'Get rates' }).click();
    await expect(page.getByText('Weigh the parcel', { exact: true })).toBeVisible();
    await expect(page.getByLabel('2. Weight (g)')).toHaveAttribute('aria-invalid', 'true');
    await expectNoSeriousA11yViolations(page, '/fulfillment/orders/[id] with an error');
  });

  let preselected = '';
  await test.step('choose a box, type the weight, get rates', async () => {
    await page.getByRole('radio', { name: /Small box/ }).check();
    await page.getByLabel('2. Weight (g)').fill('850');
    await page.getByRole('button', { name: 'Get rates' }).click();
    const rates = page.getByRole('region', { name: 'Shipping rates' });
    await expect(rates).toBeVisible();
    await expect(rates.getByRole('row')).not.toHaveCount(1);
    const checked = rates.getByRole('radio', { checked: true });
    await expect(checked).toHaveCount(1);
    preselected = (await checked.getAttribute('aria-label')) ?? '';
    expect(preselected).toContain('(suggested)');
    expect(preselected).toMatch(/\$\d+\.\d\d/);
    await expectNoSeriousA11yViolations(page, '/fulfillment/orders/[id] with rates');
    expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
    // A tablet held upright: still no sideways scrolling of the page.
    await page.setViewportSize({ width: 768, height: 1024 });
    expect((await pageOverflowsHorizontally(page)).overflows, 'ship page at 768 px').toBe(false);
    await page.setViewportSize({ width: 1024, height: 768 });
  });

  await test.step('buy the label: tracking number, fulfilled, and the PDF prints', async () => {
    await page.getByRole('button', { name: 'Buy label' }).click();
    await expect(page.getByRole('heading', { name: /Label bought — shipment #\d+/ })).toBeVisible();
    await expect(page.getByTestId('tracking-number')).toHaveText(/^[A-Z]{2}\d{16}$/);
    await expect(page.getByTestId('order-status')).toHaveText('Fulfilled');
    const carrier = preselected.split(',')[0];
    await expect(page.getByRole('status').filter({ hasText: 'Label bought' })).toContainText(
      carrier.split(' ')[0],
    );
    const link = page.getByRole('link', { name: 'Print label (PDF)' }).first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/fulfillment\/shipments\/[0-9a-f-]{36}\/label$/);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The page refreshed: nothing left to ship, the shipment listed with its "label created" event.
    await expect(page.getByText('Everything on this order has shipped.')).toBeVisible();
    await expect(page.getByRole('list', { name: /Tracking events of shipment/ })).toContainText(
      'Label created',
    );
    await expectNoSeriousA11yViolations(page, '/fulfillment/orders/[id] after buying');
  });

  await test.step('record a carrier exception; it shows on the exceptions tab', async () => {
    const form = page.getByRole('form', { name: /Add a tracking event to shipment/ });
    await form.getByLabel('New status').selectOption('exception');
    await form.getByLabel('Description').fill(`Box crushed ${suffix}`);
    await form.getByRole('button', { name: 'Add event' }).click();
    await expect(form.getByRole('status')).toContainText('now exception');
    await visit(page, '/fulfillment/exceptions');
    const row = page
      .getByRole('region', { name: 'Shipments in exception' })
      .getByRole('row')
      .filter({ hasText: `Box crushed ${suffix}` });
    await expect(row.getByRole('link', { name: new RegExp(`Order #${order.number}`) })).toBeVisible();
  });

  await test.step('the order has left the queue', async () => {
    await visit(page, '/fulfillment');
    await expect(page.getByRole('link', { name: `Ship order #${order.number}` })).toHaveCount(0);
  });
});
