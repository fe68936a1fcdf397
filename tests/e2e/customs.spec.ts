import { expect, test, type APIResponse } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
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
 * Issue 15 item 13 (decision 040) at tablet width: a warehouse user ships an order to Canada, sees the
 * duties terms, and the label and its CN22 come out as one PDF (also in the orders list's labels
 * document); an order with a variant missing its HS code is refused with the variant named.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix();
const DEMO_SKU = 'TEE-0001-01';
const BARE_SKU = `E2E-CUS-${suffix}`;
const orders = { ok: '', bare: '' };
const toronto = (name: string) => ({
  name,
  line1: '100 Queen St W',
  city: 'Toronto',
  region: 'ON',
  postal_code: 'M5H 2N2',
  country: 'CA',
});

/** Every page's size and text. */
async function pdfPages(res: APIResponse) {
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  const pdf = await getDocument({
    data: new Uint8Array(await res.body()),
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
  const pages: { size: string; text: string }[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    pages.push({
      size: `${x1 - x0}x${y1 - y0}`,
      text: content.items.map((i) => ('str' in i ? i.str : '')).join(' '),
    });
  }
  await pdf.destroy();
  return pages;
}

test('a storefront sends two orders to Canada, one with a variant that has no HS code', async ({
  page,
  request,
}) => {
  const key = await createApiKey(page, `E2E customs ${suffix}`, ['orders:create', 'inventory:adjust']);
  const auth = { Authorization: `Bearer ${key}` };
  // The API takes and returns customs data; an HS code typed with dots is kept as digits.
  const product = await request.post('/api/v1/products', {
    headers: { ...auth, 'Idempotency-Key': `cus-prd-${suffix}` },
    data: {
      name: `Customs mug ${suffix}`,
      variants: [
        { sku: BARE_SKU, price: 1_800 },
        { sku: `${BARE_SKU}-B`, price: 1_800, hs_code: '6912.00', country_of_origin: 'gb' },
      ],
    },
  });
  expect(product.status(), await product.text()).toBe(201);
  const variants = ((await product.json()) as { variants: Record<string, unknown>[] }).variants;
  expect(variants.find((v) => v.sku === `${BARE_SKU}-B`)).toMatchObject({
    hs_code: '691200',
    country_of_origin: 'GB',
  });
  const receipt = await request.post('/api/v1/inventory/receipts', {
    headers: auth,
    data: {
      location: 'MAIN',
      reference: `E2E-CUS-${suffix}`,
      lines: [
        { sku: DEMO_SKU, quantity: 2, unit_cost: 900 },
        { sku: BARE_SKU, quantity: 2, unit_cost: 600 },
      ],
    },
  });
  expect(receipt.status(), await receipt.text()).toBe(201);
  for (const [which, sku] of [
    ['ok', DEMO_SKU],
    ['bare', BARE_SKU],
  ] as const) {
    const res = await request.post('/api/v1/orders', {
      headers: { ...auth, 'Idempotency-Key': `cus-${which}-${suffix}` },
      data: {
        channel: 'web',
        external_id: `cus-${which}-${suffix}`,
        currency: 'USD',
        customer: { email: `cus-${which}-${suffix}@example.com`, name: `Avery ${which}${suffix}` },
        shipping_address: toronto(`Avery ${which}${suffix}`),
        lines: [{ sku, quantity: 1, unit_price: 2_500 }],
        payment: { method: 'card', amount: 2_500, status: 'captured' },
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    const body = (await res.json()) as { id: string; status: string };
    expect(body.status).toBe('open');
    orders[which] = body.id;
  }
});

test('warehouse ships to Canada: DDU shown, the label and its CN22 come out in one PDF', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.warehouse);
  await visit(page, `/fulfillment/orders/${orders.ok}`);
  await waitForHydration(page, 'form[aria-label="Ship this order"] button[type="submit"]');
  const customs = page.getByRole('group', { name: 'Customs' });
  await expect(customs).toContainText('Leaves US for CA: a CN22 customs declaration prints with the label.');
  const terms = customs.getByLabel('Duties terms');
  await expect(terms).toHaveValue('DDU');
  await expect(terms.locator('option:checked')).toHaveText(
    'DDU — the recipient pays import duties and taxes (shop default)',
  );
  const o = await pageOverflowsHorizontally(page);
  expect(o.overflows, `${o.scrollWidth}px wide in ${o.clientWidth}px`).toBe(false);
  await expectNoSeriousA11yViolations(page, 'the ship page of a parcel abroad at 820 px');

  await page.getByRole('radio', { name: /Small box/ }).check();
  await page.getByLabel('2. Weight (g)').fill('400');
  await page.getByRole('button', { name: 'Get rates' }).click();
  await expect(page.getByRole('region', { name: 'Shipping rates' })).toBeVisible();
  await page.getByRole('button', { name: 'Buy label' }).click();
  await expect(page.getByRole('heading', { name: /Label bought/ })).toBeVisible();
  const print = page.getByRole('link', { name: 'Print label and CN22 (PDF)' });
  await expect(print).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'a label bought for a parcel abroad');

  // One PDF: the 4 × 6 label, then the CN22 on a second 4 × 6 page (25.00 ≤ the 400.00 limit).
  const single = await pdfPages(await page.request.get((await print.getAttribute('href'))!));
  expect(single.map((p) => p.size)).toEqual(['288x432', '288x432']);
  expect(single[1].text).toContain('CUSTOMS DECLARATION CN22');
  expect(single[1].text).toContain('610910');
  expect(single[1].text).toContain('DDU');
  // The orders list's labels document holds the same pages.
  const batch = await pdfPages(await page.request.get(`/orders/documents?kind=labels&orders=${orders.ok}`));
  expect(batch.map((p) => p.size)).toEqual(['288x432', '288x432']);
  expect(batch[1].text).toContain('CUSTOMS DECLARATION CN22');
});

test('a variant without an HS code refuses the label, naming the variant', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.warehouse);
  await visit(page, `/fulfillment/orders/${orders.bare}`);
  await waitForHydration(page, 'form[aria-label="Ship this order"] button[type="submit"]');
  const customs = page.getByRole('group', { name: 'Customs' });
  const warning = `SKU ${BARE_SKU} (Customs mug ${suffix}) has no HS code: add it on the product page`;
  await expect(customs.getByRole('alert')).toContainText(warning);
  await expectNoSeriousA11yViolations(page, 'the ship page with customs data missing');

  await page.getByRole('radio', { name: /Small box/ }).check();
  await page.getByLabel('2. Weight (g)').fill('500');
  await page.getByRole('button', { name: 'Get rates' }).click();
  await expect(page.getByRole('region', { name: 'Shipping rates' })).toBeVisible();
  await page.getByRole('button', { name: 'Buy label' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'No label: the customs declaration needs data.' }),
  ).toContainText(warning);
  await expect(page.getByRole('heading', { name: /Label bought/ })).toHaveCount(0);
  await visit(page, `/fulfillment/orders/${orders.bare}`);
  await expect(page.getByRole('region', { name: 'Shipments' })).toContainText('None yet.');
});
