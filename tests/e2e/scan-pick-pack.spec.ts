import { expect, test, type Page } from '@playwright/test';
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
 * A shift at the scanner on a tablet held upright: warehouse staff pick a two-order wave by typing
 * scans (a keyboard-wedge scanner types the code and Enter), pack the first tote with a wrong item
 * caught, buy its label and see the order fulfilled; the second order's label comes from the wave's
 * batch. Serial: the second test uses the orders the first one creates through the API.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix();
const A = 'TEE-0001-01';
const B = 'TEE-0001-02';
const orders: { id: string; number: number }[] = [];

test('a storefront sends two orders', async ({ page, request }) => {
  await signIn(page, DEMO_EMAIL.admin);
  await visit(page, '/settings/api-keys');
  await waitForHydration(page, 'form[aria-labelledby="create-key-title"] button[type="submit"]');
  const form = page.getByRole('form', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill(`E2E scanner ${suffix}`);
  for (const scope of ['orders:create', 'inventory:adjust'])
    await form.getByRole('checkbox', { name: scope, exact: true }).check();
  await form.getByRole('button', { name: 'Create key' }).click();
  const key = ((await page.getByTestId('new-api-key').textContent()) ?? '').trim();
  const auth = { Authorization: `Bearer ${key}` };
  const receipt = await request.post('/api/v1/inventory/receipts', {
    headers: auth,
    data: {
      location: 'MAIN',
      reference: `E2E-SCAN-${suffix}`,
      lines: [
        { sku: A, quantity: 10, unit_cost: 900 },
        { sku: B, quantity: 10, unit_cost: 900 },
      ],
    },
  });
  expect(receipt.status(), await receipt.text()).toBe(201);
  for (const [i, lines] of [
    [{ sku: A, quantity: 2 }],
    [
      { sku: A, quantity: 1 },
      { sku: B, quantity: 1 },
    ],
  ].entries()) {
    const res = await request.post('/api/v1/orders', {
      headers: { ...auth, 'Idempotency-Key': `scan-${suffix}-${i}` },
      data: {
        channel: 'web',
        external_id: `scan-${suffix}-${i}`,
        currency: 'USD',
        customer: { email: `scan-${suffix}-${i}@example.com`, name: `Sam Scanner${suffix}` },
        shipping_address: {
          name: `Sam Scanner${suffix}`,
          line1: '1 Market St',
          city: 'San Francisco',
          region: 'CA',
          postal_code: '94107',
          country: 'US',
        },
        promised_ship_by: '2001-01-02T12:00:00Z',
        lines: lines.map((l) => ({ ...l, unit_price: 2_500 })),
        // Paid in full, so it goes to the queue (an unpaid order waits in the payment-due hold).
        payment: {
          method: 'card',
          amount: lines.reduce((s, l) => s + l.quantity * 2_500, 0),
          status: 'captured',
        },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const body = (await res.json()) as { id: string; number: number; status: string };
    expect(body.status).toBe('open');
    orders.push({ id: body.id, number: body.number });
  }
});

/** Types a code into the focused scan field and presses Enter, as a scanner does. */
async function scan(page: Page, code: string) {
  await expect(page.getByRole('textbox', { name: /^Scan / })).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

test('warehouse picks the wave by scanning, packs with a wrong item caught, and ships', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.warehouse);

  await test.step('select both orders in the queue and start a scanner pick', async () => {
    await visit(page, '/fulfillment');
    // The shipped orders have left the queue, so wait on the page's filter button, not their rows.
    await waitForHydration(page, 'button:has-text("Apply filters")');
    for (const o of orders) await page.getByRole('checkbox', { name: `Select order #${o.number}` }).check();
    await page.getByRole('button', { name: 'Pick selected with scanner' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Pick wave \d+$/ })).toBeVisible();
    await waitForHydration(page, '#pick-scan');
    await expect(page.getByText(`#${orders[0].number}, #${orders[1].number}`).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/fulfillment/waves/[id]');
    expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  });

  await test.step('the route starts at one SKU; the other SKU is refused as the wrong item, with a cue', async () => {
    const first = ((await page.getByTestId('stop-sku').textContent()) ?? '').trim();
    const other = first === A ? B : A;
    await scan(page, other);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-tone', 'error');
    await expect(page.getByTestId('scan-feedback')).toContainText('Wrong item');
    // the item before its bin is refused too
    await scan(page, first);
    await expect(page.getByTestId('scan-feedback')).toContainText('Scan bin');
    // a code that is neither a bin of the route nor an item, scanned for the bin, is unknown, not "Wrong item"
    await scan(page, 'NOPE-BIN-0');
    await expect(page.getByTestId('scan-feedback')).toContainText('Unknown code: NOPE-BIN-0 is not a bin');
  });

  await test.step('scan each stop: bin, then every unit', async () => {
    for (let guard = 0; guard < 10; guard++) {
      if (await page.getByRole('heading', { name: 'Wave picked' }).isVisible()) break;
      const bin = ((await page.getByTestId('stop-bin').textContent()) ?? '').trim();
      const sku = ((await page.getByTestId('stop-sku').textContent()) ?? '').trim();
      await scan(page, bin.toLowerCase()); // scanners and people type case as they like
      await expect(page.getByTestId('scan-feedback')).toContainText(`Bin ${bin} confirmed`);
      // read without auto-waiting: the stop disappears when its last unit is picked
      const state = () =>
        page.evaluate(() => ({
          sku: document.querySelector('[data-testid=stop-sku]')?.textContent?.trim() ?? null,
          count: document.querySelector('[data-testid=stop-count]')?.textContent ?? null,
        }));
      for (let units = 0; units < 5 && (await state()).sku === sku; units++) {
        const before = await state();
        await scan(page, sku);
        await expect
          .poll(async () => {
            const now = await state();
            return now.sku !== sku || now.count !== before.count;
          })
          .toBe(true);
        await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-tone', /ok|done/);
      }
    }
    await expect(page.getByRole('heading', { name: 'Wave picked' })).toBeVisible();
    await expect(page.getByText('4 of 4 units picked')).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/fulfillment/waves/[id] picked');
  });

  await test.step('the picks are saved on the server: a reload agrees', async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Wave picked' })).toBeVisible();
  });

  await test.step('pack the first tote: a wrong item is caught, every unit verified', async () => {
    await page.getByRole('link', { name: 'Go to the pack station' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pack station' })).toBeVisible();
    await waitForHydration(page, '#pack-scan');
    await expectNoSeriousA11yViolations(page, '/fulfillment/pack');
    await scan(page, `#${orders[0].number}`);
    await expect(page.getByRole('heading', { name: new RegExp(`Order #${orders[0].number}`) })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Close parcel' })).toBeDisabled();
    await scan(page, B);
    await expect(page.getByTestId('scan-feedback')).toHaveAttribute('data-tone', 'error');
    await expect(page.getByTestId('scan-feedback')).toContainText('Wrong item');
    await scan(page, A);
    await expect(page.getByTestId(`pack-line-${A}`)).toContainText('1 / 2');
    await scan(page, A);
    await expect(page.getByTestId(`pack-line-${A}`)).toContainText('2 / 2');
    await scan(page, A);
    await expect(page.getByTestId('scan-feedback')).toContainText('Too many');
    // warehouse staff cannot override; they do not need to: every unit is verified
    await expect(page.getByRole('button', { name: 'Manager override…' })).toHaveCount(0);
    await page.getByRole('radio', { name: /Small box/ }).check();
    await page.getByLabel('Weight of the contents (g)').fill('0');
    await page.getByRole('button', { name: 'Close parcel' }).click();
    await expect(page.getByText('The weight must be more than zero', { exact: true })).toBeVisible();
    await page.getByLabel('Weight of the contents (g)').fill('600');
    await page.getByRole('button', { name: 'Close parcel' }).click();
    await expect(page.getByTestId('scan-feedback')).toContainText('Parcel closed');
    await expectNoSeriousA11yViolations(page, '/fulfillment/pack closed');
  });

  await test.step('buy the label: tracking number, order fulfilled, label prints', async () => {
    await page.getByRole('button', { name: 'Buy label' }).click();
    await expect(
      page.getByRole('heading', { name: `Label bought — order #${orders[0].number}` }),
    ).toBeVisible();
    await expect(page.getByTestId('tracking-number')).toHaveText(/^[A-Z]{2}\d{16}$/);
    await expect(page.getByTestId('order-status')).toHaveText('Fulfilled');
    const href = await page.getByRole('link', { name: 'Print label (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('button', { name: 'Next tote' }).click();
  });

  let waveLabels = '';
  await test.step('pack the second tote; its label comes from the wave’s batch', async () => {
    await scan(page, String(orders[1].number));
    await expect(page.getByRole('heading', { name: new RegExp(`Order #${orders[1].number}`) })).toBeVisible();
    await scan(page, A);
    await scan(page, B);
    await expect(page.getByText('Every unit verified.', { exact: true })).toBeVisible();
    await page.getByLabel('Weight of the contents (g)').fill('700');
    await page.getByRole('button', { name: 'Close parcel' }).click();
    await expect(page.getByRole('button', { name: 'Buy label' })).toBeVisible();
    await page.getByRole('button', { name: 'Later: next tote' }).click();

    await visit(page, '/fulfillment/waves');
    await expectNoSeriousA11yViolations(page, '/fulfillment/waves');
    const row = page.getByRole('row').filter({ hasText: `#${orders[0].number}, #${orders[1].number}` });
    await row.getByRole('link', { name: /^Labels/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Labels for wave \d+$/ })).toBeVisible();
    waveLabels = new URL(page.url()).pathname;
    await waitForHydration(page, 'button');
    await expectNoSeriousA11yViolations(page, '/fulfillment/waves/[id]/labels');
    await page.getByRole('button', { name: 'Buy 1 label' }).click();
    await expect(page.getByText('Done: 1 bought.')).toBeVisible();
    await expect(page.getByTestId(`batch-row-${orders[1].number}`)).toContainText(/[A-Z]{2}\d{16}/);
    const pdf = await page.request.get(`${waveLabels}/pdf`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  await test.step('both orders are fulfilled and gone from the queue', async () => {
    await visit(page, `/fulfillment/orders/${orders[0].id}`);
    await expect(page.getByText('Everything on this order has shipped.')).toBeVisible();
    await visit(page, `/fulfillment/orders/${orders[1].id}`);
    await expect(page.getByText('Everything on this order has shipped.')).toBeVisible();
    await visit(page, '/fulfillment');
    // The shipped orders have left the queue, so wait on the page's filter button, not their rows.
    await waitForHydration(page, 'button:has-text("Apply filters")');
    for (const o of orders)
      await expect(page.getByRole('link', { name: `Ship order #${o.number}` })).toHaveCount(0);
  });
});
