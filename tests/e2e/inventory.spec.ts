import { expect, test } from '@playwright/test';
import { DEMO_EMAIL, expectNoSeriousA11yViolations, signIn, visit, waitForHydration } from './helpers';

/** The manager's stock journey: receive a delivery, write off a loss, and read the history. */
test('a manager receives stock, adjusts it and sees the movement history', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.manager);
  const sku = 'TEE-0001-01';

  await visit(page, `/inventory/${sku}`);
  const mainRow = page.getByRole('row', { name: /Main warehouse \(MAIN\)/ });
  const onHandBefore = Number(await mainRow.getByRole('cell').nth(2).innerText());

  // Receive 5 units at 9.50 each.
  await visit(page, '/inventory/receive');
  await expectNoSeriousA11yViolations(page, '/inventory/receive');
  await waitForHydration(page, 'form');
  await page.getByLabel('Receive at').selectOption('MAIN');
  await page.getByLabel('Reference (PO or delivery note)').fill('PO-E2E-1');
  await page.getByLabel('SKU (line 1)').fill(sku);
  await page.getByLabel('Quantity (line 1)').fill('5');
  await page.getByLabel('Unit cost (USD) (line 1)').fill('9.50');
  await page.getByRole('button', { name: 'Record receipt' }).click();
  await expect(page.getByRole('status')).toContainText(/Receipt #\d+ recorded: 5 units received at MAIN/);

  // A bad line is refused with the field named, and nothing is received.
  await page.getByLabel('SKU (line 1)').fill('NO-SUCH-SKU');
  await page.getByLabel('Quantity (line 1)').fill('2');
  await page.getByLabel('Unit cost (USD) (line 1)').fill('1.00');
  await page.getByRole('button', { name: 'Record receipt' }).click();
  await expect(page.getByText('Unknown SKU "NO-SUCH-SKU"')).toBeVisible();

  // Write off 2 as lost.
  await visit(page, `/inventory/${sku}`);
  await expect(mainRow.getByRole('cell').nth(2)).toHaveText(String(onHandBefore + 5));
  await waitForHydration(page, 'form');
  const adjust = page.getByRole('form', { name: 'Adjust stock' });
  await adjust.getByLabel('Location').selectOption('MAIN');
  await adjust.getByLabel('Reason').selectOption('lost');
  await adjust.getByLabel('Change in units').fill('-2');
  await adjust.getByLabel('Note').fill('dropped in the yard');
  await adjust.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(adjust.getByRole('status')).toContainText(`On hand now ${onHandBefore + 3}`);

  // The history shows both, newest first: who, what, why.
  await page.reload();
  const history = page.getByRole('region', { name: 'Movement history' });
  const rows = history.getByRole('row');
  await expect(rows.nth(1)).toContainText('Adjusted');
  await expect(rows.nth(1)).toContainText('-2');
  await expect(rows.nth(1)).toContainText('lost: dropped in the yard');
  await expect(rows.nth(1)).toContainText('manager@backroom.test');
  await expect(rows.nth(2)).toContainText('Received');
  await expect(rows.nth(2)).toContainText('+5');
  await expect(rows.nth(2)).toContainText('$47.50'); // 5 × 9.50
  await expectNoSeriousA11yViolations(page, `/inventory/${sku}`);

  // The stock list finds it and the low-stock filter works.
  await visit(page, `/inventory?q=${sku}`);
  await expect(page.getByRole('link', { name: sku }).first()).toBeVisible();
  await visit(page, '/inventory?stock=out');
  await expect(page.getByRole('row').nth(1).getByText('Out')).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/inventory?stock=out');
});

test('support can look up stock but not change it', async ({ page }) => {
  await signIn(page, DEMO_EMAIL.support);
  await visit(page, '/inventory/TEE-0001-01');
  await expect(page.getByRole('heading', { name: 'Stock by location' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Adjust stock' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Receive stock' })).toHaveCount(0);
  expect((await visit(page, '/inventory/receive')).status()).toBe(403);
  expect((await visit(page, '/inventory/transfer')).status()).toBe(403);
});
