import { readFile } from 'node:fs/promises';
import { expect, test, type APIRequestContext } from '@playwright/test';
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
 * The Orders journeys: a storefront's API key and stock (admin), a phone order taken by a support
 * agent, and a manager working the review queue, cancelling, filtering, saving a view and exporting.
 * Serial: later tests use the key and the stock the first one sets up.
 */
test.describe.configure({ mode: 'serial' });

const suffix = uniqueSuffix();
const SKU = 'TEE-0001-01';
const SKU2 = 'MUG-0004-01';
const buyer = { email: `e2e-${suffix}@example.com`, name: `Riley Review${suffix}` };
const address = {
  name: buyer.name,
  line1: '1 Main St',
  city: 'Springfield',
  region: 'IL',
  postal_code: '62701',
  country: 'US',
};
let key = '';
const auth = () => ({ Authorization: `Bearer ${key}` });

/** An order from the "web store" through the public API, as a storefront sends it. */
async function apiOrder(request: APIRequestContext, externalId: string, risky: boolean) {
  const response = await request.post('/api/v1/orders', {
    headers: { ...auth(), 'Idempotency-Key': `${externalId}-${suffix}` },
    data: {
      channel: 'web',
      external_id: `${externalId}-${suffix}`,
      currency: 'USD',
      customer: buyer,
      shipping_address: address,
      lines: [{ sku: SKU, quantity: 1, unit_price: 2_500 }],
      shipping_amount: 500,
      ...(risky
        ? {
            billing_address: { ...address, country: 'CA', region: 'ON', postal_code: 'K1A 0B1' },
            payment: {
              method: 'card',
              amount: 3_000,
              status: 'authorized',
              avs_result: 'N',
              cvv_result: 'N',
            },
          }
        : // paid in full: it goes straight to the queue (unpaid would wait in the payment-due hold)
          { payment: { method: 'card', amount: 3_000, status: 'captured' } }),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; number: number; status: string; total: number };
}

test('admin makes an API key for the storefront and receives stock through the API', async ({
  page,
  request,
}) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(`E2E storefront ${suffix}`);
  for (const scope of ['orders:read', 'orders:create', 'orders:cancel', 'inventory:adjust'])
    await form.getByRole('checkbox', { name: scope, exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  key = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
  expect(key).toMatch(/^brk_/);

  const receipt = await request.post('/api/v1/inventory/receipts', {
    headers: auth(),
    data: {
      location: 'MAIN',
      reference: `E2E-ORDERS-${suffix}`,
      lines: [
        { sku: SKU, quantity: 40, unit_cost: 900 },
        { sku: SKU2, quantity: 20, unit_cost: 500 },
      ],
    },
  });
  expect(receipt.status(), await receipt.text()).toBe(201);
});

test('a support agent takes a phone order for an existing customer and lands on it', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.support);

  // Pick a customer from the customer list to look up in the order form.
  await visit(page, '/orders/customers');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/orders/customers as support');
  // The first real customer: the shared guest customer of imported POS orders (…@imported.invalid) has
  // no address to fill in.
  const firstRow = page
    .getByRole('table', { name: 'Customers' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .filter({ hasNotText: '@imported.invalid' })
    .first();
  const customerName = (await firstRow.getByRole('cell').nth(0).innerText()).trim();
  const customerEmail = (await firstRow.getByRole('cell').nth(1).innerText()).trim();

  await visit(page, '/orders');
  await page.getByRole('navigation', { name: 'Orders' }).getByRole('link', { name: 'New order' }).click();
  await expect(page).toHaveURL((url) => url.pathname === '/orders/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New order' })).toBeVisible();
  await waitForHydration(page, 'form[aria-label="New order"] button[type="submit"]');
  await expectNoSeriousA11yViolations(page, '/orders/new');

  await test.step('find the customer: email, name and default address fill in', async () => {
    await page.getByLabel('Find an existing customer').fill(customerEmail);
    await page
      .getByRole('list', { name: 'Matching customers' })
      .getByRole('button', { name: new RegExp(customerEmail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .click();
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(customerEmail);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(customerName);
    await expect(page.getByLabel('Postal code')).toHaveValue(/^\d{5}$/);
    await expect(page.getByText(`Filled in from ${customerName} (${customerEmail}).`)).toBeVisible();
  });

  let price1 = 0;
  let price2 = 0;
  await test.step('lines: a lower-case SKU resolves, its price and stock show', async () => {
    await page.getByLabel('SKU (line 1)').fill(SKU.toLowerCase());
    await expect(page.getByLabel('SKU (line 1)')).toHaveValue(SKU);
    await expect(page.locator('li').filter({ has: page.getByLabel('SKU (line 1)') })).toContainText(
      /\d+ available at MAIN/,
    );
    price1 = Math.round(Number(await page.getByLabel('Unit price (USD) (line 1)').inputValue()) * 100);
    expect(price1).toBeGreaterThan(0);
    await page.getByLabel('Quantity (line 1)').fill('2');
    await page.getByRole('button', { name: 'Add line' }).click();
    await page.getByLabel('SKU (line 2)').fill(SKU2);
    await expect(page.locator('li').filter({ has: page.getByLabel('SKU (line 2)') })).toContainText(
      /\d+ available at MAIN/,
    );
    price2 = Math.round(Number(await page.getByLabel('Unit price (USD) (line 2)').inputValue()) * 100);
    await page.getByLabel('Quantity (line 2)').fill('9999');
    await page.getByLabel('Shipping (USD)').fill('5.00');
    await page.getByLabel('Tax (USD)').fill('1.20');
  });

  await test.step('a bad postal code is shown beside its field', async () => {
    await page.getByLabel('Postal code').fill('ABCDE');
    await page.getByRole('button', { name: 'Create order' }).click();
    await expect(page.getByText('Not a valid US postal code')).toBeVisible();
    await expect(page.getByLabel('Postal code')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL((url) => url.pathname === '/orders/new');
  });

  await test.step('more than is in stock is refused beside the line', async () => {
    await page.getByLabel('Postal code').fill('62701');
    await page.getByRole('button', { name: 'Create order' }).click();
    await expect(page.getByText(/Only \d+ available at MAIN \(9999 ordered\)/)).toBeVisible();
    await expect(page.getByLabel('Quantity (line 2)')).toHaveAttribute('aria-invalid', 'true');
    // What was typed is still there.
    await expect(page.getByLabel('SKU (line 1)')).toHaveValue(SKU);
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(customerEmail);
  });

  const expectedTotal = 2 * price1 + 1 * price2 + 500 + 120;
  const usd = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  await test.step('live totals follow the lines', async () => {
    await page.getByLabel('Quantity (line 2)').fill('1');
    await expect(page.getByTestId('live-total')).toHaveText(usd(expectedTotal));
  });

  await test.step('create: land on the new order', async () => {
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: /^Order #\d+$/ })).toBeVisible();
    await expect(page.getByTestId('order-total')).toHaveText(usd(expectedTotal));
    await expect(page.getByRole('main').locator('header')).toContainText('· Manual ·');
    const lines = page.getByRole('region', { name: 'Order lines table' });
    await expect(lines.getByRole('link', { name: SKU })).toHaveAttribute('href', `/inventory/${SKU}`);
    await expect(lines.getByRole('row', { name: new RegExp(SKU2) })).toBeVisible();
    const timeline = page.getByRole('list', { name: 'Order history' });
    await expect(timeline).toContainText('Order placed (Manual)');
    await expect(timeline).toContainText(`by ${DEMO_EMAIL.support}`);
  });

  await test.step('support may cancel and note, not hold or approve', async () => {
    await expect(page.getByRole('button', { name: 'Cancel order…' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Put on hold…' })).toHaveCount(0);
    await waitForHydration(page, 'form[aria-label="Add a note"] button[type="submit"]');
    await page.getByRole('textbox', { name: 'Add a note' }).fill('Customer asked for gift wrap');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.getByRole('list', { name: 'Order history' })).toContainText(
      'Customer asked for gift wrap',
    );
    await expectNoSeriousA11yViolations(page, 'an order page as support');
  });
});

test('a manager approves a held order, cancels another, filters the list, saves the view and exports it', async ({
  page,
  request,
}) => {
  const risky = await apiOrder(request, 'R1', true);
  const stale = await apiOrder(request, 'R2', true);
  const plain = await apiOrder(request, 'N1', false);
  // AVS N 25 + CVV N 30 + billing CA ≠ shipping US 15 = 70 ≥ 50: held for review
  expect([risky.status, stale.status, plain.status]).toEqual(['pending_review', 'pending_review', 'open']);

  await signIn(page, DEMO_EMAIL.manager);

  await test.step('the review queue lists the held order; its page shows why', async () => {
    await visit(page, '/orders');
    await page
      .getByRole('navigation', { name: 'Orders' })
      .getByRole('link', { name: 'Review queue' })
      .click();
    await expect(page).toHaveURL((url) => url.searchParams.get('status') === 'pending_review');
    await page.getByRole('link', { name: `#${risky.number}`, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Order #${risky.number}` })).toBeVisible();
    const signals = page.getByRole('list', { name: 'Risk signals' });
    await expect(signals.getByRole('listitem')).toHaveCount(3);
    await expect(signals).toContainText('Card security code does not match (CVV)');
    await expect(signals).toContainText('+30');
    await expectNoSeriousA11yViolations(page, 'a pending-review order as manager');
  });

  await test.step('approve it', async () => {
    await waitForHydration(page, 'form[aria-label="Approve order"] button');
    await page.getByRole('button', { name: 'Approve order' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `Order #${risky.number} approved` }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Approve order' })).toHaveCount(0);
    await expect(page.getByRole('list', { name: 'Order history' })).toContainText(
      `Approved after review by ${DEMO_EMAIL.manager}`,
    );
  });

  await test.step('an order cancelled meanwhile refuses the approval, said beside the button', async () => {
    await visit(page, `/orders/${stale.id}`);
    await waitForHydration(page, 'form[aria-label="Approve order"] button');
    const cancelled = await request.post(`/api/v1/orders/${stale.id}/cancel`, {
      headers: auth(),
      data: { reason: 'fraud confirmed by the bank' },
    });
    expect(cancelled.status()).toBe(200);
    await page.getByRole('button', { name: 'Approve order' }).click();
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'Cannot approve an order that is cancelled (only from: pending review).' }),
    ).toBeVisible();
  });

  await test.step('cancel an open order with a reason, confirming', async () => {
    await visit(page, `/orders/${plain.id}`);
    await waitForHydration(page, 'button[aria-controls="cancel-form"]');
    await page.getByRole('button', { name: 'Cancel order…' }).click();
    await page.getByLabel('Reason for cancelling').fill('Customer called to cancel');
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await expect(page.getByText(`Order #${plain.number} cancelled; its stock is released`)).toBeVisible();
    expect(dialogs[0]).toContain(`Cancel order #${plain.number}?`);
    await expect(page.getByText('Cancelled', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('list', { name: 'Order history' })).toContainText(
      'Customer called to cancel',
    );
    await expect(
      page
        .getByRole('region', { name: 'Order lines table' })
        .getByRole('row')
        .nth(1)
        .getByRole('cell')
        .last(),
    ).toHaveText('1');
  });

  await test.step("the customer's page: lifetime value leaves cancelled orders out", async () => {
    await page.getByRole('link', { name: buyer.name }).click();
    await expect(page.getByRole('heading', { level: 1, name: buyer.name })).toBeVisible();
    await expect(page.getByTestId('customer-order-count')).toHaveText('3');
    // only R1 is not cancelled
    await expect(page.getByTestId('customer-ltv')).toHaveText(`$${(risky.total / 100).toFixed(2)}`);
    await expectNoSeriousA11yViolations(page, 'a customer page');
  });

  await test.step("filter the list: the buyer's cancelled orders", async () => {
    await visit(page, '/orders');
    await waitForHydration(page, 'form[aria-label="Save this view"] button');
    const filters = page.getByRole('search', { name: 'Filter orders' });
    await filters.getByLabel('Search').fill(buyer.email);
    await filters.getByLabel('Status').selectOption('cancelled');
    await filters.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(
      (url) =>
        url.searchParams.get('status') === 'cancelled' &&
        url.searchParams.get('q') === buyer.email &&
        !url.search.includes('channel='),
    );
    const table = page.getByRole('table', { name: 'Orders' });
    await expect(table.getByRole('row')).toHaveCount(3); // header + R2 + N1
    await expect(table.getByRole('link', { name: `#${stale.number}`, exact: true })).toBeVisible();
    await expect(table.getByRole('link', { name: `#${plain.number}`, exact: true })).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/orders filtered');
  });

  await test.step('save the view and come back to it', async () => {
    const name = `Cancelled ${suffix}`;
    await page.getByLabel('Save this view as').fill(name);
    await page.getByRole('button', { name: 'Save this view' }).click();
    await expect(page.getByText(`View “${name}” saved.`)).toBeVisible();
    await visit(page, '/orders');
    await page.getByRole('region', { name: 'Saved views' }).getByRole('link', { name }).click();
    await expect(page).toHaveURL(
      (url) => url.searchParams.get('status') === 'cancelled' && url.searchParams.get('q') === buyer.email,
    );
    await expect(page.getByRole('table', { name: 'Orders' }).getByRole('row')).toHaveCount(3);
  });

  await test.step('export the filtered list as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toBe(
      'Number,Placed at,Status,Payment status,Channel,Customer,Email,Items,Total,Currency,Risk level,Risk score',
    );
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',')[0])
        .sort(),
    ).toEqual([String(stale.number), String(plain.number)].sort());
    expect(rows.every((r, i) => i === 0 || r.includes(',cancelled,'))).toBe(true);
    expect(csv).not.toContain(`\r\n${risky.number},`);
  });

  await test.step('at tablet width the list and an order fit; their tables scroll inside their box', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const path of ['/orders', `/orders/${risky.id}`, '/orders/new']) {
      await visit(page, path);
      expect((await pageOverflowsHorizontally(page)).overflows, path).toBe(false);
    }
    await expectNoSeriousA11yViolations(page, '/orders/new at 768px');
  });
});

test('the export needs a session: 401 JSON, not a file', async ({ request }) => {
  const response = await request.get('/orders/export?status=open', { maxRedirects: 0 });
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe('UNAUTHENTICATED');
});
