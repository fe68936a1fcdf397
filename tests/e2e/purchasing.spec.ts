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
 * Purchasing at tablet width: a manager drafts a PO to a supplier and sends it (the PDF goes out
 * through the outbox); a warehouse worker receives part of it by scanning the PO number and then the
 * units; stock, on order and the books move (Dr Inventory / Cr Goods received not invoiced).
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix().toUpperCase();
const SKU = `PO-E2E-${suffix}`;
const BARCODE = `8${Date.now().toString().slice(-11)}`;
let key = '';
let poLabel = '';

test('admin sets up a product and its supplier through the API', async ({ page, request }) => {
  key = await createApiKey(page, `E2E purchasing ${suffix}`, [
    'inventory:read',
    'inventory:adjust',
    'ledger:read',
    'purchasing:read',
    'purchasing:write',
  ]);
  const auth = { Authorization: `Bearer ${key}` };
  const product = await request.post('/api/v1/products', {
    headers: auth,
    data: {
      name: `Buy me ${suffix}`,
      variants: [{ sku: SKU, barcode: BARCODE, price: 1200, currency: 'USD' }],
    },
  });
  expect(product.status(), await product.text()).toBe(201);
  const supplier = await request.post('/api/v1/suppliers', {
    headers: auth,
    data: {
      name: `E2E Supplier ${suffix}`,
      email: `po-${suffix.toLowerCase()}@supplier.example`,
      lead_time_days: 4,
      products: [{ sku: SKU, supplier_sku: `S-${suffix}`, unit_cost: 450, pack_size: 5, moq: 10 }],
    },
  });
  expect(supplier.status(), await supplier.text()).toBe(201);
});

test('a manager drafts a PO for 10 at 4.50 and sends it', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/purchasing');
  await expect(page.getByRole('heading', { level: 1, name: 'Purchasing' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/purchasing');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);

  await page.getByRole('link', { name: 'New purchase order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New purchase order' })).toBeVisible();
  await waitForHydration(page, 'form[aria-label="New purchase order"] button[type="submit"]');
  await expectNoSeriousA11yViolations(page, '/purchasing/new');
  await page.getByLabel('Supplier', { exact: true }).selectOption({ label: `E2E Supplier ${suffix} (USD)` });
  await page.getByLabel('Deliver to').selectOption('MAIN');
  await page.getByLabel('SKU, line 1').fill(SKU);
  await page.getByLabel('Quantity').fill('10');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page).toHaveURL(/\/purchasing\/[0-9a-f-]{36}$/);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText(/Purchase order PO-\d+/);
  poLabel = ((await title.textContent()) ?? '').replace('Purchase order ', '').trim();
  await expect(page.getByRole('cell', { name: '$45.00' }).first()).toBeVisible(); // 10 × 4.50
  await expectNoSeriousA11yViolations(page, '/purchasing/[id] (draft)');
  await waitForHydration(page, 'button:has-text("Send to supplier")');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Send to supplier' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'with the PDF attached' })).toBeVisible();
  await expect(page.getByText('Sent', { exact: true })).toBeVisible();
  await expect(page.getByTestId('po-timeline')).toContainText('sent to E2E Supplier');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
});

test('a warehouse worker receives 6 of 10 by scanning; stock, on order and the books move', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const auth = { Authorization: `Bearer ${key}` };
  const tb = async () =>
    (await (await request.get('/api/v1/ledger/trial-balance', { headers: auth })).json()) as {
      accounts: { code: string; debit: number; credit: number }[];
      total_debit: number;
      total_credit: number;
    };
  const grni = (t: Awaited<ReturnType<typeof tb>>) => {
    const a = t.accounts.find((x) => x.code === '2010');
    return (a?.credit ?? 0) - (a?.debit ?? 0);
  };
  const before = grni(await tb());

  await signIn(page, DEMO_EMAIL.warehouse);
  await visit(page, '/purchasing');
  // Receive-only: the section opens on the receiving screen.
  await expect(page).toHaveURL(/\/purchasing\/receive$/);
  await expectNoSeriousA11yViolations(page, '/purchasing/receive');
  const scan = page.getByRole('textbox', { name: 'Scan the PO number' });
  await waitForHydration(page, '#receive-scan');
  await scan.fill(poLabel);
  await scan.press('Enter');
  await expect(page.getByTestId('scan-feedback')).toContainText(`${poLabel} from E2E Supplier`);
  const units = page.getByRole('textbox', { name: `Scan each unit for ${poLabel}` });
  for (let i = 0; i < 5; i++) {
    await units.fill(BARCODE);
    await units.press('Enter');
    await expect(page.getByTestId('scan-feedback')).toContainText(`${SKU}: ${i + 1} of 10 open`);
  }
  await units.fill(SKU);
  await units.press('Enter');
  await expect(page.getByLabel(`Receiving now: ${SKU}`)).toHaveValue('6');
  await expectNoSeriousA11yViolations(page, '/purchasing/receive (scanning)');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByTestId('scan-feedback')).toContainText('partially received; the rest stays open');
  await expect(page.getByTestId(`open-${SKU}`)).toHaveText('6 of 10 received · 4 open');

  // Typing more than is open is refused, naming the line.
  await page.getByLabel(`Receiving now: ${SKU}`).fill('5');
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByTestId('scan-feedback')).toContainText('Over-receipt refused');
  await expect(page.locator(`#receive-${SKU}-error`)).toContainText('more than the 4 still open');

  const inv = await request.get(`/api/v1/inventory?sku=${SKU}&location=MAIN`, { headers: auth });
  const [level] = ((await inv.json()) as { data: { on_hand: number; on_order: number }[] }).data;
  expect(level).toMatchObject({ on_hand: 6, on_order: 4 });
  const after = await tb();
  expect(after.total_debit).toBe(after.total_credit);
  expect(grni(after) - before).toBe(2700); // 6 × 4.50
});
