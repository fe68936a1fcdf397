import { expect, test, type Locator } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { DEMO_EMAIL, expectNoSeriousA11yViolations, signIn, visit, waitForHydration } from './helpers';

// Wide enough for the Taxable column (shown from a 42rem section), so every figure of a line is read.
test.use({ viewport: { width: 1280, height: 1000 } });

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** '$1,234.56' → 123456; '—' (nothing) → 0; '-$5.00' → −500. */
function cents(text: string): number {
  const t = text.trim();
  if (t === '—' || t === '') return 0;
  const negative = t.startsWith('-') || t.startsWith('−');
  const [whole, fraction = '00'] = t.replace(/[^0-9.]/g, '').split('.');
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -value : value;
}

const money = (c: number) =>
  `${c < 0 ? '-' : ''}$${(Math.abs(c) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

async function rowFigures(row: Locator) {
  const cells = (await row.locator('td').allInnerTexts()).map(cents);
  const [taxable, collected, refunded, input, net] = cells;
  return { label: (await row.locator('th').innerText()).trim(), taxable, collected, refunded, input, net };
}

/**
 * A manager files a week of sales tax from the demo shop's history (decision 042). The expected figures
 * come from the report's definition, not from its own output: every demo order carries one tax line of
 * 8 % in its ship-to state or country (prisma/seed-orders.ts), so every line is "<jurisdiction>, 8 %";
 * net = collected − refunded − input tax on each line; the total is the lines' sum; and the total net
 * equals the tax accounts' movement in the journal export over the same days
 * ((Σcredit − Σdebit of 2100) − (Σdebit − Σcredit of 1300)). After filing, a back-dated manual entry
 * touching 2100 inside the period is refused naming the filed period and its date.
 */
test('a manager reads a period’s sales tax, files it, and a back-dated tax entry is refused', async ({
  page,
}) => {
  // A week well inside the 120 days of demo history, before anything another spec posts.
  const from = dayOffset(-41);
  const to = dayOffset(-35);
  await signIn(page, DEMO_EMAIL.manager);
  await visit(page, `/ledger/sales-tax?from=${from}&to=${to}`);
  const section = page.getByRole('region', { name: `Sales tax, ${from} to ${to}` });
  await expect(section).toBeVisible();
  // One row per jurisdiction and rate in the body, the total in the footer.
  const rows = section.getByRole('table').locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  const lines: Awaited<ReturnType<typeof rowFigures>>[] = [];
  for (let i = 0; i < count; i++) lines.push(await rowFigures(rows.nth(i)));
  const total = await rowFigures(section.getByRole('table').locator('tfoot tr').last());
  expect(total.label).toBe('Total');
  for (const l of lines) {
    expect(l.label).toMatch(/^[A-Z]{2}(-[A-Z0-9]{1,3})?, 8 %$/);
    expect(l.net).toBe(l.collected - l.refunded - l.input);
  }
  const sum = (k: 'taxable' | 'collected' | 'refunded' | 'input' | 'net') =>
    lines.reduce((s, l) => s + l[k], 0);
  expect(total).toMatchObject({
    taxable: sum('taxable'),
    collected: sum('collected'),
    refunded: sum('refunded'),
    input: sum('input'),
    net: sum('net'),
  });
  expect(total.collected).toBeGreaterThan(0);

  // The journal, exported: the tax accounts' movement over the same shop days.
  const res = await page.request.get('/ledger/export/journal');
  expect(res.status()).toBe(200);
  const journal = parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), {
    columns: true,
  });
  const amount = (v: string | undefined) => (v ? cents(v) : 0);
  let payable = 0;
  let inputTax = 0;
  for (const r of journal) {
    const day = r['Posted at'].slice(0, 10);
    if (day < from || day > to) continue;
    const debit = amount(r['Debit (USD)']);
    const credit = amount(r['Credit (USD)']);
    if (r['Account code'] === '2100') payable += credit - debit;
    if (r['Account code'] === '1300') inputTax += debit - credit;
  }
  expect(total.collected - total.refunded).toBe(payable);
  expect(total.input).toBe(inputTax);
  expect(total.net).toBe(payable - inputTax);
  await expect(section.getByTestId('tax-net')).toHaveText(money(total.net));
  await expectNoSeriousA11yViolations(page, 'sales tax report');

  // File it: the settlement entry posts, tax in the period is locked.
  await waitForHydration(page, `form[aria-label="File sales tax for ${from} to ${to}"]`);
  await section.getByRole('button', { name: 'File this period' }).click();
  // The screen re-reads the period: filed, its settlement entry, and the filed list with its net.
  await expect(section.getByText(/^Filed on \d{4}-\d{2}-\d{2}, settlement entry #\d+\./)).toBeVisible();
  const filed = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: `${from} to ${to}` }) });
  await expect(filed).toContainText(`Net ${money(total.net)} · filed`);

  // A manual entry into the sales-tax account dated inside the filed period: refused, naming it.
  const inside = dayOffset(-38);
  await visit(page, '/ledger/entries/new');
  await waitForHydration(page, 'form');
  await page.getByLabel('Memo').fill('Late tax correction');
  await page.getByLabel(/^Date/).fill(inside);
  await page.getByLabel('Line 1 account').selectOption('2100');
  await page.getByLabel('Line 1 debit').fill('5.00');
  await page.getByLabel('Line 2 account').selectOption('1000');
  await page.getByLabel('Line 2 credit').fill('5.00');
  await page.getByRole('button', { name: 'Post entry' }).click();
  await expect(
    page.getByText(
      `Sales tax for ${from} to ${to} is filed: nothing that changes tax can be dated ${inside}.`,
    ),
  ).toBeVisible();
});
