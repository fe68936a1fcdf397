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
import { revalueForeignBalances } from '@/lib/ledger/revalue-foreign-balances';
import { convertMinor, parseRate } from '@/lib/ledger/fx';
import { salesTaxReport } from '@/lib/ledger/sales-tax';
import { balanceSheet, profitAndLoss } from '@/lib/ledger/queries';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { paySupplierBill } from '@/lib/purchasing/pay-bill';
import { currencyDigits } from '@/lib/money';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

/**
 * Property through the real use cases and database (decisions 035, 041, 042), in a USD shop: sequences
 * of orders in USD, EUR, GBP and JPY (with tax lines) placed on November days at their day's rate,
 * goodwill refunds at the carried rate, stock receipts, supplier bills in USD, EUR and GBP (PO sent,
 * received, billed with reclaimable input tax), bill payments on 2026-11-29 at that day's rate,
 * payouts (today) of part or all of a processor balance at today's rate or the processor's own, and
 * rate changes. (An order's entries post when it is taken, today, at the rate of the day it was placed.)
 * After each sequence:
 *   - every journal entry balances in base to the cent;
 *   - the balance sheet balances (difference 0) on several days of the range and today;
 *   - the P&L's net income over the year = the change of equity (current-year earnings), and over
 *     November alone = the change of equity between 31 October and 30 November;
 *   - the sales-tax report = the tax accounts' movement read straight from the journal, every line of
 *     it from a tax line (no jurisdiction-less remainder: foreign tax splits exactly in base);
 *   - no FX line (7100/7200) in an entry that moves no foreign currency; a payout or bill payment in
 *     USD has no exchange difference;
 *   - realized + unrealized FX = the total rate effect, where the rate effect is defined as:
 *       for each settled foreign balance (a payout of the processor balance, a bill payment),
 *         amount × (settle rate − booking rate), i.e. the settled amount converted at the settle rate
 *         (round half-up per posting, convertMinor) − its share of the carrying amount (what it was
 *         booked at, carryingShare); for a payable the sign is turned (paying more base is a loss);
 *       for each open foreign balance at the revaluation date (31 December, after everything),
 *         amount × (reval rate − carrying rate) = convertMinor(balance, closing rate) − carrying.
 *     The settle and closing rates are the test's own model of the rate table (the day's rate or the
 *     last before), not read back from the database. The revaluation posts in a transaction that is
 *     rolled back, so every sequence can revalue December afresh.
 */
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'] as const;
const BILL_CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
const JURISDICTION = { USD: 'US-NY', EUR: 'FR', GBP: 'GB', JPY: 'JP' } as const;
const PAY_DAY = '2026-11-29';
const PAYOUT_DAY = todayIn('UTC');
let n = 0;
const RUNS = Number(process.env.BOOKS_PROPERTY_RUNS ?? 150);
const suppliers: Record<string, string> = {};
/** The test's model of the rate table: currency → date → rate text. */
const rates = new Map<string, Map<string, string>>();
const ROLLBACK = new Error('rollback');

function modelRate(currency: string, date: string) {
  const days = [...(rates.get(currency)?.entries() ?? [])].filter(([d]) => d <= date).sort();
  return parseRate(days[days.length - 1][1])!;
}
const toBase = (amount: bigint, currency: string, date: string) =>
  currency === 'USD' ? amount : convertMinor(amount, modelRate(currency, date), currencyDigits(currency), 2);

async function setRate(currency: string, date: string, rate: string) {
  await saveFxRates({ input: { rates: [{ date, currency, rate }] }, source: 'manual', actor });
  if (!rates.has(currency)) rates.set(currency, new Map());
  rates.get(currency)!.set(date, rate);
}

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['PFX-1'], { price: 1_000, allowBackorder: true });
  await makeProduct(['PFX-BUY']);
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'PFX-1', quantity: 10_000, unit_cost: 300 }] },
    actor,
  });
  await setRate('EUR', '2026-11-01', '1.0842');
  await setRate('GBP', '2026-11-01', '1.2650');
  await setRate('JPY', '2026-11-01', '0.0067');
  for (const currency of BILL_CURRENCIES) {
    const s = await createSupplier({
      input: {
        name: `Supplier ${currency}`,
        email: `ap-${currency.toLowerCase()}@supplier.test`,
        currency,
        payment_terms: 'Net 30',
        lead_time_days: 5,
        products: [],
      },
      actor,
    });
    suppliers[currency] = s.id;
  }
});

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`);
const rateText = fc.integer({ min: 50, max: 20_000 }).map((v) => (v / 10_000).toFixed(4));
const event = fc.oneof(
  fc.record({
    kind: fc.constant('order' as const),
    currency: fc.constantFrom(...CURRENCIES),
    qty: fc.integer({ min: 1, max: 4 }),
    price: fc.integer({ min: 1, max: 50_000 }),
    shipping: fc.integer({ min: 0, max: 3_000 }),
    tax: fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 2 }),
    fee: fc.integer({ min: 0, max: 300 }),
    day,
  }),
  fc.record({ kind: fc.constant('refund' as const), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({
    kind: fc.constant('receipt' as const),
    qty: fc.integer({ min: 1, max: 20 }),
    cost: fc.integer({ min: 0, max: 5_000 }),
  }),
  fc.record({
    kind: fc.constant('bill' as const),
    currency: fc.constantFrom(...BILL_CURRENCIES),
    qty: fc.integer({ min: 1, max: 9 }),
    cost: fc.integer({ min: 1, max: 40_000 }),
    inputTax: fc.integer({ min: 0, max: 8_000 }),
    day,
  }),
  fc.record({ kind: fc.constant('pay_bill' as const), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({
    kind: fc.constant('payout' as const),
    currency: fc.constantFrom(...CURRENCIES),
    share: fc.integer({ min: 1, max: 100 }),
    /** absent: the bank amount is the payout day's rate; else the processor's own rate */
    rate: fc.option(rateText, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('rate' as const),
    currency: fc.constantFrom('EUR', 'GBP', 'JPY'),
    day: fc.integer({ min: 2, max: 30 }).map((d) => `2026-11-${String(d).padStart(2, '0')}`),
    rate: rateText,
  }),
);
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;
type Run = { orders: { id: string; paid: number }[] };

async function apply(e: Event, run: Run) {
  if (e.kind === 'rate') await setRate(e.currency, e.day, e.rate);
  else if (e.kind === 'order') {
    const tax = e.tax.reduce((s, t) => s + t, 0);
    const total = e.qty * e.price + e.shipping + tax;
    const o = await createOrder({
      input: {
        channel: 'web',
        currency: e.currency,
        customer: { email: `p${n}@example.test`, name: 'Prop Erty' },
        shipping_address: { name: 'P', line1: '1 Way', city: 'Town', postal_code: '1010', country: 'AT' },
        lines: [{ sku: 'PFX-1', quantity: e.qty, unit_price: e.price }],
        shipping_amount: e.shipping,
        tax_lines: e.tax.map((t, i) => ({
          jurisdiction: JURISDICTION[e.currency],
          rate: i === 0 ? '0.2' : '0.05',
          taxable: e.qty * e.price,
          tax: t,
        })),
        placed_at: `${e.day}T12:00:00Z`,
        payment: { method: 'card', amount: total, status: 'captured', fee: Math.min(e.fee, total) },
      },
      actor,
    });
    run.orders.push({ id: o.id, paid: total });
  } else if (e.kind === 'refund') {
    const o = run.orders.find((x) => x.paid > 0);
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
  } else if (e.kind === 'receipt') {
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'PFX-1', quantity: e.qty, unit_cost: e.cost }] },
      actor,
    });
  } else if (e.kind === 'bill') {
    const po = await createPurchaseOrder({
      input: {
        supplier_id: suppliers[e.currency],
        location: 'MAIN',
        lines: [{ sku: 'PFX-BUY', quantity: e.qty, unit_cost: e.cost }],
      },
      actor,
    });
    await sendPurchaseOrder({ purchaseOrderId: po.id, actor });
    await receivePurchaseOrder({
      purchaseOrderId: po.id,
      input: { lines: [{ sku: 'PFX-BUY', quantity: e.qty }], received_on: e.day },
      actor,
    });
    const bill = await enterSupplierBill({
      input: {
        purchase_order_id: po.id,
        supplier_reference: `PB-${n++}`,
        bill_date: e.day,
        input_tax: e.inputTax,
        tax_jurisdiction: JURISDICTION[e.currency],
        tax_rate: '0.2',
        lines: [{ sku: 'PFX-BUY', quantity: e.qty, unit_cost: e.cost }],
      },
      actor,
    });
    expect(bill.status).toBe('posted');
    // Booked at the bill day's rate: the total (lines + input tax) converted once.
    expect(bill.base_total).toBe(Number(toBase(BigInt(bill.total), e.currency, e.day)));
  } else if (e.kind === 'pay_bill') {
    // The oldest open bill, of this sequence or an earlier one.
    const bill = await db.supplierBill.findFirst({
      where: { status: { in: ['posted', 'partially_paid'] } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, currency: true, total: true, amountPaid: true },
    });
    if (!bill) return;
    const open = Number(bill.total - bill.amountPaid);
    const amount = e.share === 100 ? open : Math.max(1, Math.floor((open * e.share) / 100));
    const paid = await paySupplierBill({ billId: bill.id, input: { paid_on: PAY_DAY, amount }, actor });
    const payment = paid.payments[paid.payments.length - 1];
    const currency = bill.currency.trim();
    expect(payment.bank_amount).toBe(Number(toBase(BigInt(amount), currency, PAY_DAY)));
    if (currency === 'USD') expect(payment.realized_fx).toBe(0);
  } else {
    const before = new Date(Date.now() + 1000);
    const reference = `pp_${n++}`;
    if (e.currency === 'USD') {
      const p = await recordPayout({
        input: { reference, date: PAYOUT_DAY, currency: 'USD', amount: 100 },
        actor,
      });
      expect(p.fx_difference).toBe(0);
      return;
    }
    const [held] = await foreignBalances({ before, account: '1010', currency: e.currency });
    if (!held || held.balance <= 0n) return;
    const amount = e.share === 100 ? held.balance : (held.balance * BigInt(e.share)) / 100n;
    if (amount <= 0n) return;
    const bank =
      e.rate === undefined
        ? undefined
        : Number(convertMinor(amount, parseRate(e.rate)!, currencyDigits(e.currency), 2)) || 1;
    const p = await recordPayout({
      input: { reference, date: PAYOUT_DAY, currency: e.currency, amount: Number(amount), bank_amount: bank },
      actor,
    });
    expect(p.bank_amount).toBe(bank ?? Number(toBase(amount, e.currency, PAYOUT_DAY)));
  }
}

/** Σ(credit − debit) of an account over entries posted before `before` (all when absent). */
async function accountNet(code: string, t: typeof db = db, before = new Date('2100-01-01T00:00:00Z')) {
  const [row] = await t.$queryRaw<{ net: bigint }[]>`
    SELECT coalesce(sum(l.credit - l.debit), 0)::bigint AS net
      FROM journal_lines l JOIN accounts a ON a.id = l.account_id JOIN journal_entries e ON e.id = l.entry_id
     WHERE a.code = ${code} AND e.posted_at < ${before}`;
  return row.net;
}

async function checkInvariants() {
  const today = new Date().toISOString().slice(0, 10);
  const unbalanced = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (
      SELECT entry_id FROM journal_lines GROUP BY entry_id HAVING sum(debit) <> sum(credit)) x`;
  expect(unbalanced[0].n).toBe(0);
  for (const date of ['2026-11-07', '2026-11-29', '2026-11-30', today]) {
    const bs = await balanceSheet({ asOf: date });
    expect(bs.difference).toBe(0);
  }
  const pl = await profitAndLoss({ from: '2026-01-01', to: today });
  const bs = await balanceSheet({ asOf: today });
  expect(bs.current_year_earnings).toBe(pl.net_income);
  const november = await profitAndLoss({ from: '2026-11-01', to: '2026-11-30' });
  const [octEnd, novEnd] = await Promise.all([
    balanceSheet({ asOf: '2026-10-31' }),
    balanceSheet({ asOf: '2026-11-30' }),
  ]);
  expect(november.net_income).toBe(novEnd.current_year_earnings - octEnd.current_year_earnings);

  // Sales tax: the report = the accounts' movement, each figure from a tax line.
  const tax = await salesTaxReport({ from: '2026-01-01', to: today });
  const payable = await accountNet('2100');
  const input = -(await accountNet('1300'));
  expect(tax.total.net).toBe(Number(payable - input));
  expect(tax.lines.filter((l) => l.jurisdiction === null)).toEqual([]);

  // No FX line without a foreign currency in its entry; none on a USD settlement.
  const [fx] = await db.$queryRaw<{ phantom: number; usd: number; wrong: number }[]>`
    SELECT (SELECT count(*) FROM journal_entries e
             WHERE EXISTS (SELECT 1 FROM journal_lines l JOIN accounts a ON a.id = l.account_id
                            WHERE l.entry_id = e.id AND a.code IN ('7100', '7200'))
               AND NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = e.id
                                AND l.txn_currency IS NOT NULL AND l.txn_currency <> 'USD'))::int AS phantom,
           (SELECT count(*) FROM payouts WHERE currency = 'USD' AND fx_difference <> 0)::int
           + (SELECT count(*) FROM supplier_bill_payments p JOIN supplier_bills b ON b.id = p.bill_id
               WHERE b.currency = 'USD' AND p.realized_fx <> 0)::int AS usd,
           (SELECT count(*) FROM payouts WHERE fx_difference <> bank_amount - carrying_amount)::int AS wrong`;
  expect(fx).toEqual({ phantom: 0, usd: 0, wrong: 0 });

  // Realized + unrealized = the rate effect (defined above), revalued at the end of December.
  const end = new Date('2027-01-01T00:00:00Z');
  const settled = await db.$queryRaw<{ effect: bigint }[]>`
    SELECT (SELECT coalesce(sum(bank_amount - carrying_amount), 0) FROM payouts)
         + (SELECT coalesce(sum(carrying - bank_amount), 0) FROM supplier_bill_payments) AS effect`;
  const open = await foreignBalances({ before: end });
  const unrealizedEffect = open
    .filter((b) => b.currency !== 'USD')
    .reduce((s, b) => s + toBase(b.balance, b.currency, '2026-12-31') - b.carrying, 0n);
  const realized = await accountNet('7100', db, end);
  expect(realized).toBe(BigInt(settled[0].effect));
  await db
    .$transaction(async (t) => {
      const before7200 = await accountNet('7200', t as typeof db, end);
      const r = await revalueForeignBalances({ input: { period: '2026-12' }, actor, now: end }, t);
      expect(r.already).toBe(false);
      for (const l of r.lines)
        expect(l.revalued).toBe(Number(toBase(BigInt(l.balance), l.currency, '2026-12-31')));
      const unrealized = (await accountNet('7200', t as typeof db, end)) - before7200;
      expect(BigInt(r.total)).toBe(unrealized);
      expect(realized + unrealized).toBe(BigInt(settled[0].effect) + unrealizedEffect);
      throw ROLLBACK;
    })
    .catch((e) => {
      if (e !== ROLLBACK) throw e;
    });
}

describe('multi-currency books (property, real database)', () => {
  const invariants =
    'balance in base, balance-sheet balance, P&L = equity change, tax = its accounts, FX = the rate effect';
  it(
    invariants,
    async () => {
      let applied = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 8 }), async (events) => {
          const run: Run = { orders: [] };
          for (const e of events) {
            await apply(e, run);
            applied++;
          }
          await checkInvariants();
        }),
        { numRuns: RUNS, seed: 20261203 },
      );
      expect(applied).toBeGreaterThan(RUNS);
      // The sequences reached what the property is about: foreign settlements with an exchange
      // difference, foreign bills paid, foreign tax lines.
      const [seen] = await db.$queryRaw<{ payouts: number; bills: number; tax: number }[]>`
      SELECT (SELECT count(*) FROM payouts WHERE currency <> 'USD' AND fx_difference <> 0)::int AS payouts,
             (SELECT count(*) FROM supplier_bill_payments WHERE realized_fx <> 0)::int AS bills,
             (SELECT count(*) FROM tax_lines t JOIN journal_lines l ON l.entry_id = t.entry_id
               WHERE l.txn_currency IN ('EUR', 'GBP', 'JPY'))::int AS tax`;
      expect(seen.payouts).toBeGreaterThan(RUNS / 20);
      expect(seen.bills).toBeGreaterThan(RUNS / 20);
      expect(seen.tax).toBeGreaterThan(RUNS / 20);
    },
    // ~0.25 s a sequence on a quiet machine, over 1.2 s at load 10 (150 runs passed 180 s there twice);
    // a longer run (BOOKS_PROPERTY_RUNS) gets its time.
    Math.max(420_000, RUNS * 2_800),
  );
});
