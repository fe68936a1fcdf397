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
 * Replenishment, end to end (decision 033): a SKU at its reorder point is planned by a run; the
 * manager opens the replenishment page, turns the suggestions into draft POs and sends this SKU's;
 * the warehouse worker receives it by scanning on the receiving screen; stock and the books move.
 */
test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 820, height: 1180 } });

const suffix = uniqueSuffix().toUpperCase();
const SKU = `RP-E2E-${suffix}`;
const SUPPLIER = `Replen Supplier ${suffix}`;
const BARCODE = `7${Date.now().toString().slice(-11)}`;
let key = '';
let poLabel = '';

test('a SKU at its reorder point with a supplier is planned by a run started through the API', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  key = await createApiKey(page, `E2E replenishment ${suffix}`, [
    'inventory:read',
    'inventory:adjust',
    'ledger:read',
    'purchasing:read',
    'purchasing:write',
  ]);
  const auth = { Authorization: `Bearer ${key}` };
  // Reorder point 8 and safety stock 4 by hand (no history yet: the floor under a forecast of 0).
  const product = await request.post('/api/v1/products', {
    headers: auth,
    data: {
      name: `Reorder me ${suffix}`,
      variants: [
        { sku: SKU, barcode: BARCODE, price: 1500, currency: 'USD', reorder_point: 8, safety_stock: 4 },
      ],
    },
  });
  expect(product.status(), await product.text()).toBe(201);
  const supplier = await request.post('/api/v1/suppliers', {
    headers: auth,
    data: {
      name: SUPPLIER,
      email: `rp-${suffix.toLowerCase()}@supplier.example`,
      lead_time_days: 3,
      products: [{ sku: SKU, unit_cost: 600, pack_size: 5, moq: 10, preferred: true }],
    },
  });
  expect(supplier.status(), await supplier.text()).toBe(201);
  const adjust = await request.post('/api/v1/inventory/adjustments', {
    headers: auth,
    data: { location: 'MAIN', sku: SKU, delta: 2, reason: 'found' },
  });
  expect(adjust.status(), await adjust.text()).toBe(201);
  const started = await request.post('/api/v1/replenishment/runs', { headers: auth });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/v1/replenishment/runs/${id}`, { headers: auth })).json()) as {
            status: string;
          }
        ).status,
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe('completed');
  const list = await request.get(`/api/v1/replenishment?location=MAIN`, { headers: auth });
  const row = ((await list.json()) as { data: Record<string, unknown>[] }).data.find((r) => r.sku === SKU);
  // position 2 ≤ reorder point 8: up to 8 + 4 = 12 − 2 = 10, MOQ 10, packs of 5 → 10
  expect(row).toMatchObject({ position: 2, reorder_point: 8, order_up_to: 12, suggested_quantity: 10 });
});

test('the manager turns the suggestions into draft POs and sends this supplier’s', async ({ page }, info) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, '/purchasing/replenishment?location=MAIN');
  await expect(page.getByRole('heading', { level: 1, name: 'Replenishment' })).toBeVisible();
  await expect(page.getByText(`${SUPPLIER}: 1 SKU, 10 units`)).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/purchasing/replenishment');
  expect((await pageOverflowsHorizontally(page)).overflows).toBe(false);
  await page.screenshot({ path: info.outputPath('replenishment-820.png'), fullPage: true });

  await waitForHydration(page, 'button:has-text("Create draft POs")');
  await page.getByRole('button', { name: /Create draft POs/ }).click();
  const status = page.getByRole('status').filter({ hasText: 'Drafted' });
  await expect(status).toBeVisible({ timeout: 30_000 });
  const match = new RegExp(`(PO-\\d+) \\(${SUPPLIER}, 1 lines\\)`).exec((await status.textContent()) ?? '');
  expect(match).not.toBeNull();
  poLabel = match![1];
  // Covered now: nothing more for this supplier.
  await expect(page.getByText(`${SUPPLIER}: 1 SKU, 10 units`)).toHaveCount(0);

  await visit(page, '/purchasing?status=draft');
  await page.getByRole('link', { name: poLabel, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Purchase order ${poLabel}`);
  await waitForHydration(page, 'button:has-text("Send to supplier")');
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Send to supplier' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'with the PDF attached' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/purchasing/[id] (sent)');
});

test('the warehouse worker receives it by scanning; stock and the books move', async ({ page, request }) => {
  test.setTimeout(180_000);
  const auth = { Authorization: `Bearer ${key}` };
  const grni = async () => {
    const t = (await (await request.get('/api/v1/ledger/trial-balance', { headers: auth })).json()) as {
      accounts: { code: string; debit: number; credit: number }[];
      total_debit: number;
      total_credit: number;
    };
    const a = t.accounts.find((x) => x.code === '2010');
    expect(t.total_debit).toBe(t.total_credit);
    return (a?.credit ?? 0) - (a?.debit ?? 0);
  };
  const before = await grni();
  await signIn(page, DEMO_EMAIL.warehouse);
  await visit(page, '/purchasing/receive');
  await expectNoSeriousA11yViolations(page, '/purchasing/receive');
  await waitForHydration(page, '#receive-scan');
  const scan = page.getByRole('textbox', { name: 'Scan the PO number' });
  await scan.fill(poLabel);
  await scan.press('Enter');
  await expect(page.getByTestId('scan-feedback')).toContainText(`${poLabel} from ${SUPPLIER}`);
  const units = page.getByRole('textbox', { name: `Scan each unit for ${poLabel}` });
  for (let i = 0; i < 10; i++) {
    await units.fill(BARCODE);
    await units.press('Enter');
    await expect(page.getByTestId('scan-feedback')).toContainText(`${SKU}: ${i + 1} of 10 open`);
  }
  await page.getByRole('button', { name: 'Receive', exact: true }).click();
  await expect(page.getByTestId('scan-feedback')).toContainText('is fully received');
  const inv = await request.get(`/api/v1/inventory?sku=${SKU}&location=MAIN`, { headers: auth });
  const [level] = ((await inv.json()) as { data: { on_hand: number; on_order: number }[] }).data;
  expect(level).toMatchObject({ on_hand: 12, on_order: 0 });
  expect((await grni()) - before).toBe(6000); // 10 × 6.00 into goods received not invoiced
});
