import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { todayIn } from '@/lib/dates';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { salesTaxReport } from '@/lib/ledger/sales-tax';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

/**
 * Sales tax for all inputs (decision 042), through the real use cases: generated orders with one to
 * three tax lines or one tax amount, some cancelled. After every run, over everything posted today:
 * tax collected grew by the tax of the run's orders not cancelled;
 * the report's net equals the tax accounts' movement read straight from the journal, all of it on
 * lines with a jurisdiction
 * ((Σcredit − Σdebit of 2100) − (Σdebit − Σcredit of 1300)), every journal entry balances, and no
 * order's reversals take more from a tax line than it holds.
 */
const SKUS = ['TXP-A', 'TXP-B'];
const today = todayIn('UTC');
const address = { name: 'Pat Lee', line1: '1 Rue Haute', city: 'Lyon', postal_code: '69001', country: 'FR' };

const ZTaxLine = fc.record({
  jurisdiction: fc.constantFrom('FR', 'DE', 'GB'),
  rate: fc.constantFrom('0.2', '0.1', '0.055'),
  taxable: fc.integer({ min: 0, max: 20_000 }),
  tax: fc.integer({ min: 0, max: 4_000 }),
});
const ZOrder = fc.record({
  sku: fc.constantFrom(...SKUS),
  quantity: fc.integer({ min: 1, max: 3 }),
  unitPrice: fc.integer({ min: 100, max: 9_000 }),
  tax: fc.oneof(
    fc.array(ZTaxLine, { minLength: 1, maxLength: 3 }).map((lines) => ({ lines })),
    fc.integer({ min: 0, max: 3_000 }).map((amount) => ({ amount })),
  ),
  cancel: fc.boolean(),
});

let run = 0;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(SKUS, { price: 5_000 });
  await receiveStock({
    input: { location: 'MAIN', lines: SKUS.map((sku) => ({ sku, quantity: 10_000, unit_cost: 1_000 })) },
    actor,
  });
});

/** The tax accounts' movement over all entries, from the journal itself. */
async function journalTaxMovement(): Promise<number> {
  const [row] = await db.$queryRaw<{ payable: bigint; input: bigint }[]>`
    SELECT coalesce(sum(CASE WHEN a.code = '2100' THEN l.credit - l.debit END), 0)::bigint AS payable,
           coalesce(sum(CASE WHEN a.code = '1300' THEN l.debit - l.credit END), 0)::bigint AS input
      FROM journal_lines l JOIN accounts a ON a.id = l.account_id`;
  return Number(row.payable) - Number(row.input);
}

describe('sales tax over generated orders', () => {
  it('report = tax accounts’ movement, entries balance, reversals stay within their lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ZOrder, { minLength: 1, maxLength: 4 }), async (orders) => {
        run += 1;
        const before = await salesTaxReport({ from: today, to: today });
        let collected = 0;
        for (const [i, o] of orders.entries()) {
          const taxAmount = 'amount' in o.tax ? o.tax.amount : o.tax.lines.reduce((s, l) => s + l.tax, 0);
          const taken = await createOrder({
            input: {
              channel: 'web',
              currency: 'USD',
              external_id: `txp-${run}-${i}`,
              customer: { email: `txp-${run}-${i}@example.test`, name: 'Pat Lee' },
              shipping_address: address,
              lines: [{ sku: o.sku, quantity: o.quantity, unit_price: o.unitPrice }],
              ...('amount' in o.tax ? { tax_amount: taxAmount } : { tax_lines: o.tax.lines }),
              payment: {
                method: 'card',
                amount: o.quantity * o.unitPrice + taxAmount,
                status: 'captured',
                fee: 0,
              },
            },
            actor,
          });
          // Tax collected is net of cancellations (decision 042): a cancelled order, nothing of which
          // shipped, takes all of its tax back out; tax refunded counts refunds only (none here).
          if (!o.cancel) collected += taxAmount;
          if (o.cancel) await cancelOrder({ orderId: taken.id, reason: 'property test', actor });
        }
        const report = await salesTaxReport({ from: today, to: today });
        // The run's own orders: collected grows by the tax of those not cancelled.
        expect(report.total.tax_collected - before.total.tax_collected).toBe(collected);
        expect(report.total.tax_refunded).toBe(before.total.tax_refunded);
        expect(report.total.net).toBe(await journalTaxMovement());
        // Every movement of the tax accounts came with its tax lines: nothing left without a
        // jurisdiction (a cancelled order's reversal included).
        expect(report.lines.filter((l) => l.jurisdiction === null)).toEqual([]);
        expect(report.tax_account_movement).toBe(report.total.net);

        const unbalanced = await db.$queryRaw<{ entry_id: string }[]>`
          SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(debit) <> sum(credit)`;
        expect(unbalanced).toEqual([]);

        const overdrawn = await db.$queryRaw<{ id: string }[]>`
          SELECT p.id FROM tax_lines p JOIN tax_lines c ON c.parent_id = p.id
           GROUP BY p.id, p.tax, p.taxable HAVING sum(c.tax) > p.tax OR sum(c.taxable) > p.taxable`;
        expect(overdrawn).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
