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
 * A return from start to refund: a support agent starts a return on a shipped order and approves it,
 * the warehouse receives it by scanning and inspects it on a tablet, the agent refunds it, and the
 * order shows refunded. Serial: each step continues the one before.
 */
test.describe.configure({ mode: 'serial' });

const suffix = uniqueSuffix();
const SKU = 'TEE-0001-01';
let order = { id: '', number: 0 };
let returnUrl = '';

test('a storefront order is paid and shipped (API)', async ({ page, request }) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(`E2E returns ${suffix}`);
  for (const scope of ['orders:create', 'inventory:adjust', 'fulfillment:write'])
    await form.getByRole('checkbox', { name: scope, exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
  const auth = { Authorization: `Bearer ${key}` };
  expect(
    (
      await request.post('/api/v1/inventory/receipts', {
        headers: auth,
        data: {
          location: 'MAIN',
          reference: `E2E-RET-${suffix}`,
          lines: [{ sku: SKU, quantity: 2, unit_cost: 900 }],
        },
      })
    ).status(),
  ).toBe(201);
  const created = await request.post('/api/v1/orders', {
    headers: auth,
    data: {
      channel: 'web',
      external_id: `ret-${suffix}`,
      currency: 'USD',
      customer: { email: `ret-${suffix}@example.com`, name: `Robin Return${suffix}` },
      shipping_address: {
        name: `Robin Return${suffix}`,
        line1: '1 Market St',
        city: 'San Francisco',
        region: 'CA',
        postal_code: '94107',
        country: 'US',
      },
      lines: [{ sku: SKU, quantity: 2, unit_price: 2_500 }],
      payment: { method: 'card', amount: 5_000, status: 'captured', avs_result: 'Y', cvv_result: 'M' },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  order = await created.json();
  const shipped = await request.post(`/api/v1/orders/${order.id}/shipments`, {
    headers: auth,
    data: { lines: [{ sku: SKU, quantity: 2 }], carrier: 'Parcelway', tracking_number: `PW${suffix}` },
  });
  expect(shipped.status(), await shipped.text()).toBe(201);
});

test('support starts a return on the order page and approves it', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.support);
  await visit(page, `/orders/${order.id}`);
  await page.getByRole('link', { name: 'Start a return' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Start a return for order #${order.number}` }),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/returns/new');
  await waitForHydration(page, 'form[aria-label="Start a return"]');
  const form = page.getByRole('form', { name: 'Start a return' });
  await form.getByLabel(`Units of ${SKU} to return (at most 2)`).fill('2');
  await form.getByLabel(`Reason for ${SKU}`).selectOption('defective');
  await form.getByRole('button', { name: 'Request return' }).click();
  await page.waitForURL(/\/returns\/[0-9a-f-]{36}$/);
  returnUrl = new URL(page.url()).pathname;
  await expect(page.getByText('Requested', { exact: true }).first()).toBeVisible();

  await waitForHydration(page, 'form[aria-label="Approve the return"] button[type="submit"]');
  const approve = page.getByRole('form', { name: 'Approve the return' });
  await approve
    .getByLabel('Message to the customer (optional)')
    .fill('Please send both shirts back within 14 days.');
  await approve.getByRole('button', { name: 'Approve return' }).click();
  // The page re-renders with the return approved: the message is shown, the approve form is gone.
  await expect(page.getByText('Told the customer:')).toBeVisible();
  await expect(page.locator('dl').first()).toContainText('Approved');
  await expectNoSeriousA11yViolations(page, returnUrl);
});

test.describe('warehouse on a tablet', () => {
  test.use({ viewport: { width: 820, height: 1180 } });

  test('receives the parcel by scanning and inspects it', async ({ page }) => {
    await signIn(page, DEMO_EMAIL.warehouse);
    await visit(page, `${returnUrl}/receive`);
    await waitForHydration(page, 'form[aria-label="Receive by scanning"]');
    const scan = page.getByLabel('Scan an item (or type its SKU and press Enter)');
    await expect(scan).toBeFocused();
    await expectNoSeriousA11yViolations(page, `${returnUrl}/receive`);

    // A code that is not on the return is refused, and the input keeps the focus for the next scan.
    await scan.fill('NOT-ON-RETURN');
    await scan.press('Enter');
    await expect(page.locator('#scan-result').getByRole('alert')).toContainText('is not on this return');
    await expect(scan).toBeFocused();

    await scan.fill(SKU);
    await scan.press('Enter');
    await expect(page.locator('#scan-result').getByRole('status')).toContainText('(1 of 2)');
    await expect(scan).toBeFocused();
    await scan.fill(SKU.toLowerCase());
    await scan.press('Enter');
    await expect(page.getByText('Everything approved on this return has been received.')).toBeVisible();
    await expect(page.getByLabel('2 of 2 received')).toBeVisible();
    expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

    await waitForHydration(page, 'form[aria-label="Inspect received units"] button[type="submit"]');
    const inspect = page.getByRole('form', { name: 'Inspect received units' });
    await inspect.getByLabel(`Restock (sellable) units of ${SKU}`).fill('1');
    await inspect.getByLabel(`Damaged (unsellable) units of ${SKU}`).fill('1');
    await inspect.getByRole('button', { name: 'Save inspection' }).click();
    await expect(page.getByRole('heading', { name: 'Inspect' })).toHaveCount(0);
    await visit(page, returnUrl);
    await expect(page.getByText('Inspected', { exact: true }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, returnUrl);
    expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  });
});

test('support refunds the return; the order shows refunded', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.support);
  await visit(page, returnUrl);
  await waitForHydration(page, 'form[aria-label="Refund the return"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Refund the return' });
  // 2 × 25.00, no tax, no fee: 50.00, and the live cap follows what is typed.
  await expect(form.getByTestId('refund-total')).toHaveText('$50.00');
  await form.getByLabel('Refund a smaller amount (optional)').fill('60.00');
  await expect(form.getByText('At most $50.00 can be refunded')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Issue refund' })).toBeDisabled();
  await form.getByLabel('Refund a smaller amount (optional)').fill('');
  await expectNoSeriousA11yViolations(page, `${returnUrl} (refund)`);
  // Support's limit is 100.00 in the demo shop: 50.00 is issued at once. A double click refunds once.
  await form.getByRole('button', { name: 'Issue refund' }).dblclick();
  await expect(page.locator('dl').first()).toContainText('Refunded');
  await expect(page.getByRole('region', { name: 'Refunds' }).getByRole('listitem')).toHaveCount(1);

  await visit(page, `/orders/${order.id}`);
  const payment = page.locator('dl').filter({ hasText: 'Payment' }).first();
  await expect(payment).toContainText('Refunded');
  await expect(page.getByRole('list', { name: 'Refunds of this order' }).getByRole('listitem')).toHaveCount(
    1,
  );
  await expect(page.getByRole('list', { name: 'Order history' })).toContainText('Refund #');
  await expectNoSeriousA11yViolations(page, `/orders/${order.id}`);
});
