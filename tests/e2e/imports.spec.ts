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
 * Orders → Imports at tablet width: a manager uploads a Shopify export, previews it (a dry run),
 * imports it as history, watches the progress to the end, then finds the orders in the list and
 * the dashboard still reads.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix().toUpperCase();
const SKU = `IMP-E2E-${suffix}`;

function shopifyExport(): string {
  const header =
    'Name,Email,Financial Status,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Created ' +
    'at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Id,Tags,Source';
  const today = new Date().toISOString().slice(0, 10);
  return [
    header,
    `#E${suffix}-1,o'hara-${suffix.toLowerCase()}@example.com,paid,fulfilled,USD,24.00,5.00,0.00,29.00,` +
      `${today} 09:00:00 +0000,2,"Mug, large",12.00,${SKU},"Mary O'Hara",E2E-${suffix}-1,vip,web`,
    `#E${suffix}-2,,paid,fulfilled,USD,12.00,0.00,0.00,12.00,${today} 10:00:00 +0000,1,Mug,12.00,${SKU}` +
      `,,E2E-${suffix}-2,,pos`,
  ].join('\n');
}

test('admin adds the product the export sells', async ({ page, request }) => {
  const key = await createApiKey(page, `E2E imports ${suffix}`, ['inventory:adjust']);
  const product = await request.post('/api/v1/products', {
    headers: { Authorization: `Bearer ${key}` },
    data: { name: `Import mug ${suffix}`, variants: [{ sku: SKU, price: 1200, currency: 'USD' }] },
  });
  expect(product.status(), await product.text()).toBe(201);
});

test('a manager previews and imports a Shopify export, then sees the orders and the dashboard', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/orders/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Import orders' })).toBeVisible();
  // the demo shop's own history import is listed
  await expect(page.getByRole('region', { name: 'Past imports, scrollable' })).toContainText(
    'old-shop-orders-export.csv',
  );
  await expectNoSeriousA11yViolations(page, '/orders/imports');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await waitForHydration(page, 'button:has-text("Preview (dry run)")');
  await page.getByLabel('Order export (CSV)').setInputFiles({
    name: `shopify-${suffix}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(shopifyExport()),
  });
  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  // 29.00 + 12.00 = 41.00
  await expect(page.getByRole('status').filter({ hasText: 'Preview' })).toContainText(
    'Preview: 2 orders would be imported (2 rows, $41.00 in all).',
    { timeout: 60_000 },
  );

  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('#import-bar').or(page.getByText('Imported 2 orders'))).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('Imported 2 orders', {
    timeout: 60_000,
  });
  await expectNoSeriousA11yViolations(page, '/orders/imports after an import');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await page.getByRole('link', { name: 'See the orders' }).click();
  await page.waitForURL(/\/orders\?channel=shopify/);
  await visit(page, `/orders?q=${encodeURIComponent(`o'hara-${suffix.toLowerCase()}@example.com`)}`);
  await expect(page.getByRole('table')).toContainText('$29.00');

  await visit(page, '/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('Something went wrong')).toHaveCount(0);
});
