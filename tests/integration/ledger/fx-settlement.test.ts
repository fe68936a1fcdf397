import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import { postForeignEntry } from '@/lib/ledger/post-foreign-entry';
import { recordPayout } from '@/lib/ledger/record-payout';
import { previousPeriod, revalueForeignBalances } from '@/lib/ledger/revalue-foreign-balances';
import { revalueFxJob } from '@/lib/ledger/revalue-job';
import { foreignBalances } from '@/lib/ledger/fx-balances';
import { createOrder } from '@/lib/orders/create-order';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as payoutsRoute from '@/app/api/v1/ledger/payouts/route';

/** Realized FX on payouts and the month-end revaluation (decision 035), in a USD shop. */
const today = todayIn('UTC');
let key: string;

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, status: err.status, details: err.details };
  }
  throw new Error('expected a failure');
}

async function entryLines(number: number) {
  return db.$queryRaw<{ account: string; debit: number; credit: number; txn: string | null }[]>`
    SELECT a.code AS account, l.debit::int, l.credit::int,
           CASE WHEN l.txn_currency IS NULL THEN NULL ELSE l.txn_currency || ' ' || l.txn_debit ||
             '/' || l.txn_credit END AS txn
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
    WHERE e.number = ${number} ORDER BY l.id`;
}

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['PAY-1'], { price: 1_111 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'PAY-1', quantity: 50, unit_cost: 500 }] },
    actor,
  });
  await saveFxRates({
    input: {
      rates: [
        { date: '2026-11-05', currency: 'EUR', rate: '1.0842' },
        { date: '2026-12-01', currency: 'EUR', rate: '1.1' },
        { date: '2026-11-10', currency: 'GBP', rate: '1.25' },
        { date: '2026-11-30', currency: 'GBP', rate: '1.3' },
      ],
    },
    source: 'manual',
    actor,
  });
  key = (await makeApiKey(['ledger:write'])).key;
  // An EUR order placed 2026-11-07 (rate 1.0842), 5,135 EUR captured with a 179 EUR fee:
  // processor clearing 5,135 − 179 = 4,956 EUR carried at 5,567 − 194 = 5,373 USD cents.
  await createOrder({
    input: {
      channel: 'web',
      currency: 'EUR',
      customer: { email: 'payout@example.test', name: 'Pia Out' },
      shipping_address: {
        name: 'Pia Out',
        line1: 'Ring 2',
        city: 'Wien',
        postal_code: '1010',
        country: 'AT',
      },
      lines: [{ sku: 'PAY-1', quantity: 3, unit_price: 1_111 }],
      shipping_amount: 1_000,
      tax_amount: 802,
      placed_at: '2026-11-07T10:00:00Z',
      payment: { method: 'card', amount: 5_135, status: 'captured', fee: 179 },
    },
    actor,
  });
});

describe('a payout settling a foreign processor balance at another rate', () => {
  it('realizes the difference to the carrying amount in 7100, part by part, and never twice', async () => {
    expect(await foreignBalances({ before: new Date(Date.now() + 1000), account: '1010' })).toEqual([
      { account: '1010', currency: 'EUR', balance: 4_956n, carrying: 5_373n },
    ]);
    // 2,000 EUR without a bank amount: at the day's rate 1.1 → 2,200 USD cents.
    // Its carrying amount: 5,373 × 2,000 / 4,956 = 2,168.28… → 2,168; gain 2,200 − 2,168 = 32.
    const first = await recordPayout({
      input: { reference: 'po_1', date: today, currency: 'EUR', amount: 2_000 },
      actor,
    });
    expect(first).toMatchObject({ bank_amount: 2_200, carrying_amount: 2_168, fx_difference: 32 });
    expect(await entryLines(first.entry_number)).toEqual([
      { account: '1000', debit: 2_200, credit: 0, txn: null },
      { account: '1010', debit: 0, credit: 2_168, txn: 'EUR 0/2000' },
      { account: '7100', debit: 0, credit: 32, txn: null },
    ]);
    // The rest, 2,956 EUR, reached the bank as 3,190 USD cents: carrying the whole remainder
    // 5,373 − 2,168 = 3,205, so a loss of 3,190 − 3,205 = −15 (Dr 7100).
    const res = await payoutsRoute.POST(
      apiRequest('/api/v1/ledger/payouts', {
        method: 'POST',
        key,
        body: { reference: 'po_2', date: today, currency: 'EUR', amount: 2_956, bank_amount: 3_190 },
      }),
      routeContext(),
    );
    expect(res.status).toBe(201);
    const second = await res.json();
    expect(second).toMatchObject({ bank_amount: 3_190, carrying_amount: 3_205, fx_difference: -15 });
    expect(await entryLines(second.entry_number)).toEqual([
      { account: '1000', debit: 3_190, credit: 0, txn: null },
      { account: '1010', debit: 0, credit: 3_205, txn: 'EUR 0/2956' },
      { account: '7100', debit: 15, credit: 0, txn: null },
    ]);
    // Nothing left to settle or revalue: realized in all 32 − 15 = 17 = (2,200 + 3,190) − 5,373.
    expect(await foreignBalances({ before: new Date(Date.now() + 1000), account: '1010' })).toEqual([]);
    const [fx] = await db.$queryRaw<{ net: number }[]>`
      SELECT sum(l.credit - l.debit)::int AS net FROM journal_lines l JOIN accounts a ON a.id =
        l.account_id WHERE a.code = '7100'`;
    expect(fx.net).toBe(17);
  });

  it(
    'refuses more than the processor holds, a repeated reference, and a bank amount ≠ amount in the shop ' +
      'currency',
    async () => {
      expect(
        await failure(
          recordPayout({ input: { reference: 'po_3', date: today, currency: 'EUR', amount: 1 }, actor }),
        ),
      ).toMatchObject({ status: 422, details: [{ field: 'amount' }] });
      expect(
        await failure(
          recordPayout({ input: { reference: 'po_1', date: today, currency: 'USD', amount: 1 }, actor }),
        ),
      ).toMatchObject({ status: 409, details: [{ field: 'reference' }] });
      expect(
        await failure(
          recordPayout({
            input: { reference: 'po_4', date: today, currency: 'USD', amount: 500, bank_amount: 499 },
            actor,
          }),
        ),
      ).toMatchObject({ status: 422, details: [{ field: 'bank_amount' }] });
    },
  );

  it('a payout in the shop currency posts no FX line', async () => {
    const p = await recordPayout({
      input: { reference: 'po_usd', date: today, currency: 'USD', amount: 700 },
      actor,
    });
    expect(p.fx_difference).toBe(0);
    expect(await entryLines(p.entry_number)).toEqual([
      { account: '1000', debit: 700, credit: 0, txn: null },
      { account: '1010', debit: 0, credit: 700, txn: null },
    ]);
  });
});

describe('month-end revaluation', () => {
  beforeAll(async () => {
    // November in GBP: a receivable of 10,000 GBP booked at 1.25 (12,500) and a supplier payable
    // of 4,000 GBP at 1.25 (5,000), as a supplier bill posts it.
    await db.$transaction((tx) =>
      postForeignEntry(tx, {
        memo: 'GBP invoice',
        source: { type: 'manual' },
        actor,
        currency: 'GBP',
        postedAt: new Date('2026-11-10T12:00:00Z'),
        lines: [
          { account: '1100', debit: 10_000 },
          { account: '4000', credit: 10_000 },
        ],
      }),
    );
    await db.$transaction((tx) =>
      postForeignEntry(tx, {
        memo: 'GBP bill',
        source: { type: 'manual' },
        actor,
        currency: 'GBP',
        postedAt: new Date('2026-11-12T12:00:00Z'),
        lines: [
          { account: '5300', debit: 4_000 },
          { account: '2000', credit: 4_000 },
        ],
      }),
    );
  });

  it('revalues open balances at the closing rate to 7200, dated the last instant, reversed on the 1st', async () => {
    const r = await revalueForeignBalances({ input: { period: '2026-11' }, actor });
    // Closing rate 2026-11-30 GBP 1.3:
    //   1100: 10,000 GBP → 13,000, carried 12,500 → +500
    //   2000: −4,000 GBP → −5,200, carried −5,000 → −200 (more owed)
    //   7200: credited 500 − 200 = 300 (a gain). The EUR balance was settled before: no line.
    expect(r).toMatchObject({ period: '2026-11', already: false, total: 300 });
    expect(r.lines).toEqual([
      {
        account: '1100',
        currency: 'GBP',
        balance: 10_000,
        carrying: 12_500,
        rate: '1.3',
        revalued: 13_000,
        difference: 500,
      },
      {
        account: '2000',
        currency: 'GBP',
        balance: -4_000,
        carrying: -5_000,
        rate: '1.3',
        revalued: -5_200,
        difference: -200,
      },
    ]);
    expect(await entryLines(r.entry_number!)).toEqual([
      { account: '1100', debit: 500, credit: 0, txn: 'GBP 0/0' },
      { account: '2000', debit: 0, credit: 200, txn: 'GBP 0/0' },
      { account: '7200', debit: 0, credit: 300, txn: null },
    ]);
    expect(await entryLines(r.reversal_entry_number!)).toEqual([
      { account: '1100', debit: 0, credit: 500, txn: 'GBP 0/0' },
      { account: '2000', debit: 200, credit: 0, txn: 'GBP 0/0' },
      { account: '7200', debit: 300, credit: 0, txn: null },
    ]);
    const dates = await db.journalEntry.findMany({
      where: { number: { in: [r.entry_number!, r.reversal_entry_number!] } },
      orderBy: { number: 'asc' },
      select: { postedAt: true },
    });
    expect(dates.map((d) => d.postedAt.toISOString())).toEqual([
      '2026-11-30T23:59:59.999Z',
      '2026-12-01T00:00:00.000Z',
    ]);
    // The carrying amount a later settlement measures from stays the historical one.
    expect(await foreignBalances({ before: new Date('2026-12-01T12:00:00Z'), account: '1100' })).toEqual([
      { account: '1100', currency: 'GBP', balance: 10_000n, carrying: 12_500n },
    ]);
  });

  it('posts once per month: the job and a second run answer the first; a month not ended is refused', async () => {
    const before = await db.journalEntry.count();
    await revalueFxJob.handler(
      { period: '2026-11' },
      { id: 'j', name: 'ledger.revalue-fx', attempt: 1, lastAttempt: false },
    );
    const again = await revalueForeignBalances({ input: { period: '2026-11' }, actor });
    expect(again).toMatchObject({ already: true, total: 300 });
    expect(await db.journalEntry.count()).toBe(before);
    expect(await failure(revalueForeignBalances({ input: { period: '2099-12' }, actor }))).toMatchObject({
      status: 422,
      details: [{ field: 'period' }],
    });
    expect(previousPeriod('UTC', new Date('2027-01-01T03:30:00Z'))).toBe('2026-12');
    expect(previousPeriod('UTC', new Date('2026-12-01T03:30:00Z'))).toBe('2026-11');
  });
});
