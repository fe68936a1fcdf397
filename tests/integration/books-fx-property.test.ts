import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { db } from '@/lib/db';
import { todayIn } from '@/lib/dates';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import { createOrder } from '@/lib/orders/create-order';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { recordPayout } from '@/lib/ledger/record-payout';
import { foreignBalances } from '@/lib/ledger/fx-balances';
import { balanceSheet, profitAndLoss } from '@/lib/ledger/queries';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

/**
 * Property through the real use cases and database (decision 035): sequences of orders in USD, EUR,
 * GBP and JPY placed on November days with their day's rate, goodwill refunds at the carried rate,
 * payouts of part or all of a processor balance at another rate, and rate changes. After each:
 *   - every journal entry balances in base to the cent;
 *   - the balance sheet balances (difference 0) on every day of the range;
 *   - the P&L's net income over the range = the change of equity (current-year earnings);
 *   - no payout in the shop's currency carries an FX line, and each foreign payout's FX line is
 *     exactly bank_amount − carrying_amount;
 *   - realized FX (7100) = Σ bank amounts − Σ carrying amounts of the payouts.
 */
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'] as const;
const today = todayIn('UTC');
let n = 0;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['PFX-1'], { price: 1_000, allowBackorder: true });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'PFX-1', quantity: 10_000, unit_cost: 300 }] },
    actor,
  });
  await saveFxRates({
    input: {
      rates: [
        { date: '2026-11-01', currency: 'EUR', rate: '1.0842' },
        { date: '2026-11-01', currency: 'GBP', rate: '1.2650' },
        { date: '2026-11-01', currency: 'JPY', rate: '0.0067' },
      ],
    },
    source: 'manual',
    actor,
  });
});

const rateText = fc.integer({ min: 50, max: 20_000 }).map((v) => (v / 10_000).toFixed(4));
const event = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    currency: fc.constantFrom(...CURRENCIES),
    qty: fc.integer({ min: 1, max: 4 }),
    price: fc.integer({ min: 1, max: 50_000 }),
    shipping: fc.integer({ min: 0, max: 3_000 }),
    tax: fc.integer({ min: 0, max: 5_000 }),
    fee: fc.integer({ min: 0, max: 300 }),
    day: fc.integer({ min: 1, max: 28 }),
  }),
  fc.record({ kind: fc.constant('refund' as const), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({
    kind: fc.constant('payout' as const),
    currency: fc.constantFrom(...CURRENCIES),
    share: fc.integer({ min: 1, max: 100 }),
    rate: rateText,
  }),
  fc.record({
    kind: fc.constant('rate' as const),
    currency: fc.constantFrom('EUR', 'GBP', 'JPY'),
    day: fc.integer({ min: 2, max: 28 }),
    rate: rateText,
  }),
);
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

async function apply(e: Event, orders: { id: string; paid: number }[]) {
  if (e.kind === 'rate') {
    const date = `2026-11-${String(e.day).padStart(2, '0')}`;
    await saveFxRates({
      input: { rates: [{ date, currency: e.currency, rate: e.rate }] },
      source: 'manual',
      actor,
    });
  } else if (e.kind === 'order') {
    const total = e.qty * e.price + e.shipping + e.tax;
    const o = await createOrder({
      input: {
        channel: 'web',
        currency: e.currency,
        customer: { email: `p${n}@example.test`, name: 'Prop Erty' },
        shipping_address: { name: 'P', line1: '1 Way', city: 'Town', postal_code: '1010', country: 'AT' },
        lines: [{ sku: 'PFX-1', quantity: e.qty, unit_price: e.price }],
        shipping_amount: e.shipping,
        tax_amount: e.tax,
        placed_at: `2026-11-${String(e.day).padStart(2, '0')}T12:00:00Z`,
        payment: { method: 'card', amount: total, status: 'captured', fee: Math.min(e.fee, total) },
      },
      actor,
    });
    orders.push({ id: o.id, paid: total });
  } else if (e.kind === 'refund') {
    const o = orders.find((x) => x.paid > 0);
    if (!o) return;
    const amount = Math.max(1, Math.floor((o.paid * e.share) / 100));
    // The processor balance may already have been paid out: a refund then needs what is still held.
    const order = await db.order.findUniqueOrThrow({ where: { id: o.id }, select: { currency: true } });
    const [held] = await foreignBalances({
      before: new Date(Date.now() + 1000),
      account: '1010',
      currency: order.currency,
    });
    if (order.currency !== 'USD' && (!held || held.balance < BigInt(amount))) return;
    await createGoodwillRefund({ input: { order_id: o.id, amount, reason: 'property' }, actor });
    o.paid -= amount;
  } else {
    if (e.currency === 'USD') {
      await recordPayout({
        input: { reference: `pp_${n++}`, date: today, currency: 'USD', amount: 100 },
        actor,
      });
      return;
    }
    const [held] = await foreignBalances({
      before: new Date(Date.now() + 1000),
      account: '1010',
      currency: e.currency,
    });
    if (!held || held.balance <= 0n) return;
    const amount = e.share === 100 ? held.balance : (held.balance * BigInt(e.share)) / 100n;
    if (amount <= 0n) return;
    const bank = Math.max(1, Math.round(Number(amount) * Number(e.rate) * (e.currency === 'JPY' ? 100 : 1)));
    await recordPayout({
      input: {
        reference: `pp_${n++}`,
        date: today,
        currency: e.currency,
        amount: Number(amount),
        bank_amount: bank,
      },
      actor,
    });
  }
}

async function checkInvariants() {
  const unbalanced = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(debit) <> sum(credit)) x`;
  expect(unbalanced[0].n).toBe(0);
  for (const day of ['2026-11-15', '2026-11-30', today]) {
    const bs = await balanceSheet({ asOf: day });
    expect(bs.difference).toBe(0);
  }
  const pl = await profitAndLoss({ from: '2026-01-01', to: today });
  const bs = await balanceSheet({ asOf: today });
  expect(bs.current_year_earnings).toBe(pl.net_income);
  const [fx] = await db.$queryRaw<{ usd_fx: number; wrong: number; realized: number; expected: number }[]>`
    WITH p AS (SELECT p.*, (SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l JOIN
      accounts a ON a.id = l.account_id
                            WHERE l.entry_id = p.entry_id AND a.code = '7100') AS fx FROM payouts p)
    SELECT count(*) FILTER (WHERE currency = 'USD' AND fx <> 0)::int AS usd_fx,
           count(*) FILTER (WHERE fx <> fx_difference)::int AS wrong,
           (SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l JOIN accounts a ON a.id
             = l.account_id WHERE a.code = '7100')::int AS realized,
           coalesce(sum(bank_amount - carrying_amount), 0)::int AS expected
    FROM p`;
  expect(fx).toMatchObject({ usd_fx: 0, wrong: 0 });
  expect(fx.realized).toBe(fx.expected);
}

describe('multi-currency books (property, real database)', () => {
  it('balance in base, balance-sheet balance, P&L = equity change, FX only between different currencies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 8 }), async (events) => {
        const orders: { id: string; paid: number }[] = [];
        for (const e of events) await apply(e, orders);
        await checkInvariants();
      }),
      { numRuns: 40 },
    );
  });
});
