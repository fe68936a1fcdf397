import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { toAppError } from '@/lib/errors';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { importPayoutReport, previewPayoutReport } from '@/lib/ledger/import-payout-report';
import { matchBankStatement } from '@/lib/ledger/match-bank-statement';
import { confirmBankStatement } from '@/lib/ledger/confirm-bank-statement';
import { clearingDifferences } from '@/lib/ledger/payout-import-queries';
import { foreignBalances } from '@/lib/ledger/fx-balances';
import { saveFxRates } from '@/lib/ledger/save-fx-rates';
import { todayIn } from '@/lib/dates';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as importRoute from '@/app/api/v1/ledger/payout-imports/route';
import * as previewRoute from '@/app/api/v1/ledger/payout-imports/preview/route';

/**
 * Payout reconciliation (decision 043) in a USD shop on UTC: three captured orders and a refund, a
 * Stripe payout report with a fee that differs from ours and a dispute fee we never booked.
 */
let key: string;
const orderNumbers: number[] = [];

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, status: err.status, message: err.message, details: err.details };
  }
  throw new Error('expected a failure');
}

async function balance(code: string) {
  const [row] = await db.$queryRaw<{ b: number }[]>`
    SELECT coalesce(sum(l.debit - l.credit), 0)::int AS b
    FROM journal_lines l JOIN accounts a ON a.id = l.account_id WHERE a.code = ${code}`;
  return row.b;
}

async function entryLines(number: number) {
  return db.$queryRaw<{ account: string; debit: number; credit: number }[]>`
    SELECT a.code AS account, l.debit::int, l.credit::int
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
    WHERE e.number = ${number} ORDER BY l.id`;
}

const entryCount = async () => db.journalEntry.count();

async function entryLinesFx(number: number) {
  return db.$queryRaw<{ account: string; debit: number; credit: number; txn: string | null }[]>`
    SELECT a.code AS account, l.debit::int, l.credit::int,
           CASE WHEN l.txn_currency IS NULL THEN NULL
                ELSE l.txn_currency || ' ' || l.txn_debit || '/' || l.txn_credit END AS txn
    FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
    WHERE e.number = ${number} ORDER BY l.id`;
}

async function order(email: string, unitPrice: number, fee: number) {
  // quantity 1 × unitPrice + shipping 1,000, no tax: the whole total captured.
  const o = await createOrder({
    input: {
      channel: 'web',
      currency: 'USD',
      customer: { email, name: 'Payout Test' },
      shipping_address: {
        name: 'Payout Test',
        line1: '1 Main St',
        city: 'Albany',
        region: 'NY',
        postal_code: '12207',
        country: 'US',
      },
      lines: [{ sku: 'REC-1', quantity: 1, unit_price: unitPrice }],
      shipping_amount: 1_000,
      tax_amount: 0,
      placed_at: '2026-11-29T10:00:00Z',
      payment: { method: 'card', amount: unitPrice + 1_000, status: 'captured', fee },
    },
    actor,
  });
  return o;
}

function stripeCsv(n: number[]) {
  return [
    'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description',
    `txn_1,charge,ch_1,100.00,3.20,96.80,usd,2026-11-30 10:00:00,Order #${n[0]}`,
    `txn_2,charge,ch_2,50.00,1.75,48.25,usd,2026-11-30 11:00:00,Order #${n[1]}`,
    `txn_3,charge,ch_3,20.00,0.90,19.10,usd,2026-11-30 12:00:00,Order #${n[2]}`,
    `txn_4,refund,re_1,-15.00,0.00,-15.00,usd,2026-11-30 13:00:00,Refund for order #${n[0]}`,
    'txn_5,adjustment,du_1,-2.50,0.00,-2.50,usd,2026-11-30 14:00:00,Dispute fee',
    'po_test_1,payout,po_test_1,-146.65,0.00,-146.65,usd,2026-12-01 02:00:00,STRIPE PAYOUT',
  ].join('\n');
}

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['REC-1'], { price: 9_000 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'REC-1', quantity: 20, unit_cost: 500 }] },
    actor,
  });
  key = (await makeApiKey(['ledger:write'])).key;
  // A 10,000 (fee 320), B 5,000 (fee 175), C 2,000 (fee 88); A refunded 1,500 in goodwill.
  const a = await order('rec-a@example.test', 9_000, 320);
  const b = await order('rec-b@example.test', 4_000, 175);
  const c = await order('rec-c@example.test', 1_000, 88);
  orderNumbers.push(a.number, b.number, c.number);
  await createGoodwillRefund({ input: { order_id: a.id, amount: 1_500, reason: 'late parcel' }, actor });
});

describe('a Stripe payout with 3 charges, 1 refund, fees and one unmatched line', () => {
  it('previews matched and unmatched lines, the net, what the books carry and the residual', async () => {
    // clearing before: (10,000 − 320) + (5,000 − 175) + (2,000 − 88) − 1,500 = 9,680 + 4,825 + 1,912 − 1,500 = 14,917
    expect(await balance('1010')).toBe(14_917);
    const preview = await previewPayoutReport({ format: 'stripe', csv: stripeCsv(orderNumbers) });
    expect(preview).toMatchObject({
      reference: 'po_test_1',
      currency: 'USD',
      paid_on: '2026-12-01',
      net: 14_665, // 96.80 + 48.25 + 19.10 − 15.00 − 2.50 = 146.65
      expected: 14_917, // as above: every charge and the refund matched
      residual: -252, // 14,665 − 14,917: the 2.50 dispute fee and 0.90 − 0.88 = 0.02 more fee
      matched: 4,
      unmatched: 1,
      already_imported: null,
    });
    expect(preview.lines.map((l) => [l.row, l.status, l.match?.kind ?? null, l.expected])).toEqual([
      [2, 'matched', 'payment', 9_680],
      [3, 'matched', 'payment', 4_825],
      [4, 'matched', 'payment', 1_912],
      [5, 'matched', 'refund', -1_500],
      [6, 'unmatched', null, 0],
    ]);
    expect(preview.lines[2].note).toBe('Fee $0.90 at the processor, $0.88 booked');
    expect(await balance('1000')).toBe(0); // a preview writes nothing
  });

  it('posts Dr Bank / Cr clearing for the net and the residual to 1090, once', async () => {
    const before = await entryCount();
    const res = await importRoute.POST(
      apiRequest('/api/v1/ledger/payout-imports', {
        method: 'POST',
        key,
        body: { format: 'stripe', csv: stripeCsv(orderNumbers) },
      }),
      routeContext(),
    );
    expect(res.status).toBe(201);
    const result = await res.json();
    expect(result).toMatchObject({ already: false, net: 14_665, residual: -252 });
    expect(await entryLines(result.payout_entry_number)).toEqual([
      { account: '1000', debit: 14_665, credit: 0 },
      { account: '1010', debit: 0, credit: 14_665 },
    ]);
    // residual −252: clearing was left holding 252 the processor never paid → Cr 1010, Dr 1090.
    expect(await entryLines(result.residual_entry_number)).toEqual([
      { account: '1010', debit: 0, credit: 252 },
      { account: '1090', debit: 252, credit: 0 },
    ]);
    expect(await entryCount()).toBe(before + 2);
    // 14,917 − 14,665 − 252 = 0: everything in this payout is cleared.
    expect(await balance('1010')).toBe(0);
    expect(await balance('1090')).toBe(252);

    // The same file again: nothing posted, the first import answered.
    const again = await importPayoutReport({
      input: { format: 'stripe', csv: stripeCsv(orderNumbers) },
      actor,
    });
    expect(again).toMatchObject({
      already: true,
      id: result.id,
      payout_entry_number: result.payout_entry_number,
    });
    expect(await entryCount()).toBe(before + 2);
    // A preview of it says so, and the matched lines are not offered to another payout.
    const preview = await previewPayoutReport({ format: 'stripe', csv: stripeCsv(orderNumbers) });
    expect(preview.already_imported).toEqual({ id: result.id, reference: 'po_test_1' });
    expect(preview.matched).toBe(0);

    const report = await clearingDifferences({ from: '2026-12-01', to: '2026-12-31' });
    expect(report).toMatchObject({ total_residual: -252, account_balance: 252 });
    expect(report.imports.map((i) => i.reference)).toEqual(['po_test_1']);
  });

  it('matches the bank deposit to the payout, with in/out columns and a chosen date format', async () => {
    const csv = [
      'Date,Description,Paid out,Paid in',
      '12/01/2026,STRIPE TRANSFER,,146.65',
      '12/02/2026,Rent,1200.00,',
      '12/02/2026,Unknown deposit,,10.00',
    ].join('\n');
    // Every date reads both ways (12/01 is 1 December or 12 January): refused naming the column.
    const ambiguous = await failure(matchBankStatement({ csv }));
    expect(ambiguous).toMatchObject({ status: 422 });
    expect(ambiguous.details).toEqual([
      {
        field: 'date_format',
        message: 'Column "Date" is ambiguous (e.g. 12/01/2026): choose day/month/year or month/day/year',
      },
    ]);
    const matched = await matchBankStatement({ csv, date_format: 'mdy' });
    expect(matched.lines.map((l) => [l.date, l.amount, l.status, l.payout?.reference ?? null])).toEqual([
      ['2026-12-01', 14_665, 'matched', 'po_test_1'],
      ['2026-12-02', -120_000, 'not_a_deposit', null],
      ['2026-12-02', 1_000, 'unmatched', null],
    ]);
  });

  it('confirms the matched payout once, on the bank date, and writes no journal entry', async () => {
    // One signed Amount column, dates day/month/year found from 14/12 (no month 14).
    const csv = [
      'Booking date,Details,Amount',
      '01/12/2026,STRIPE TRANSFER,146.65',
      '14/12/2026,Card terminal,-3.20',
      '14/12/2026,Unknown deposit,10.00',
    ].join('\n');
    const entries = await entryCount();
    const first = await confirmBankStatement({ input: { csv }, actor });
    expect(first).toMatchObject({ matched: 1, unmatched: 1, confirmed: 1, already: 0 });
    const payout = await db.payout.findUniqueOrThrow({
      where: { reference: 'po_test_1' },
      select: { bankConfirmedOn: true, bankDescription: true, bankConfirmedBy: true },
    });
    expect(payout).toEqual({
      bankConfirmedOn: new Date('2026-12-01T00:00:00Z'),
      bankDescription: 'STRIPE TRANSFER',
      bankConfirmedBy: 'test',
    });
    // Again: the payout still matches, shown as confirmed before; nothing changes.
    const again = await confirmBankStatement({ input: { csv }, actor });
    expect(again).toMatchObject({ matched: 1, confirmed: 0, already: 1 });
    expect(again.lines[0].payout?.bank_confirmed_on).toBe('2026-12-01');
    expect(await entryCount()).toBe(entries);
    expect(await db.auditLog.count({ where: { action: 'payout.bank_confirmed' } })).toBe(1);
  });
});

describe('refusals', () => {
  it('refuses a payout dated in a locked period with 409 PERIOD_LOCKED naming the date', async () => {
    const csv = [
      'Transaction Date,Type,Order,Payout Status,Payout Date,Payout ID,Amount,Fee,Net,Currency',
      `25/11/2026,charge,#${orderNumbers[1]},paid,26/11/2026,sh_po_9,50.00,1.75,48.25,USD`,
    ].join('\n');
    await db.shopSettings.update({
      where: { id: 1 },
      data: { lockDateAll: new Date('2026-11-27T00:00:00Z') },
    });
    try {
      const before = await entryCount();
      const res = await previewRoute.POST(
        apiRequest('/api/v1/ledger/payout-imports/preview', {
          method: 'POST',
          key,
          body: { format: 'shopify', csv },
        }),
        routeContext(),
      );
      // dd/mm found from 25/11 (no month 25); the payout date from its own column.
      expect(await res.json()).toMatchObject({
        paid_on: '2026-11-26',
        net: 4_825,
        locked_through: '2026-11-27',
      });
      const refused = await failure(importPayoutReport({ input: { format: 'shopify', csv }, actor }));
      expect(refused).toMatchObject({
        code: 'PERIOD_LOCKED',
        status: 409,
        details: { lock_date: '2026-11-27' },
      });
      expect(await entryCount()).toBe(before);
      expect(await db.payoutImport.count({ where: { reference: 'sh_po_9' } })).toBe(0);
    } finally {
      await db.shopSettings.update({ where: { id: 1 }, data: { lockDateAll: null } });
    }
  });

  it('names the missing column, a second payout or another currency', async () => {
    expect(
      (await failure(previewPayoutReport({ format: 'stripe', csv: 'id,Type,Amount\ntxn_1,charge,1.00' })))
        .details,
    ).toEqual([{ field: 'csv', message: 'Missing column(s): currency, created (utc)' }]);
    const two =
      'Transaction Date,Type,Order,Payout ID,Amount,Fee,Net,Currency\n' +
      '2026-11-25,charge,#1,a,1.00,0,1.00,USD\n2026-11-25,charge,#2,b,1.00,0,1.00,USD';
    expect((await failure(previewPayoutReport({ format: 'shopify', csv: two }))).details).toEqual([
      { field: 'csv', message: 'Payouts a, b: export one payout per file' },
    ]);
    // A payout in GBP, a currency with no rate in the table: refused naming the currency and the row
    // its date came from (the last transaction's, row 3), before anything is written.
    const gbp =
      'Transaction Date,Type,Order,Amount,Fee,Net,Currency\n' +
      '2026-11-24,charge,#1,1.00,0,1.00,GBP\n2026-11-25,charge,#2,2.00,0,2.00,GBP';
    const before = await entryCount();
    const noRate = await failure(importPayoutReport({ input: { format: 'shopify', csv: gbp }, actor }));
    expect(noRate).toMatchObject({ status: 422, message: 'No GBP exchange rate on or before 2026-11-25' });
    expect(noRate.details).toEqual([
      {
        field: 'csv',
        message:
          'Row 3: the payout is in GBP, paid 2026-11-25; enter a GBP rate for that day or earlier ' +
          '(Ledger → Exchange rates), then import again',
      },
    ]);
    expect(await entryCount()).toBe(before);
  });
});

describe('a Stripe payout in euros in the USD shop (decision 047)', () => {
  const today = todayIn('UTC');
  let number: number;
  const csv = () =>
    [
      'id,Type,Source,Amount,Fee,Net,Currency,Created (UTC),Description',
      `txn_e1,charge,ch_e1,50.00,1.75,48.25,eur,${today} 01:00:00,Order #${number}`,
      `txn_e2,adjustment,ad_e1,-0.25,0.00,-0.25,eur,${today} 01:10:00,Currency adjustment`,
      `po_eur_1,payout,po_eur_1,-48.00,0.00,-48.00,eur,${today} 01:20:00,STRIPE PAYOUT`,
    ].join('\n');

  beforeAll(async () => {
    await saveFxRates({
      input: {
        rates: [
          { date: '2026-11-20', currency: 'EUR', rate: '1.0842' },
          { date: '2026-12-02', currency: 'EUR', rate: '1.1' },
        ],
      },
      source: 'manual',
      actor,
    });
    // Placed 2026-11-25 at 1.0842: 40.00 + 10.00 shipping = 5,000 EUR cents captured, fee 175.
    const o = await createOrder({
      input: {
        channel: 'web',
        currency: 'EUR',
        customer: { email: 'eur-payout@example.test', name: 'Euro Payout' },
        shipping_address: { name: 'E P', line1: 'Ring 1', city: 'Wien', postal_code: '1010', country: 'AT' },
        lines: [{ sku: 'REC-1', quantity: 1, unit_price: 4_000 }],
        shipping_amount: 1_000,
        tax_amount: 0,
        placed_at: '2026-11-25T10:00:00Z',
        payment: { method: 'card', amount: 5_000, status: 'captured', fee: 175 },
      },
      actor,
    });
    number = o.number;
  });

  it('converts at the payout day’s rate, stores it, and realizes FX against the carrying amount once', async () => {
    // Clearing holds 5,000 − 175 = 4,825 EUR carried at 5,000 × 1.0842 = 5,421 − 175 × 1.0842 = 189.735 → 190
    // = 5,231 USD cents.
    expect(await foreignBalances({ before: new Date(Date.now() + 1000), account: '1010' })).toEqual([
      { account: '1010', currency: 'EUR', balance: 4_825n, carrying: 5_231n },
    ]);
    const preview = await previewPayoutReport({ format: 'stripe', csv: csv() });
    // Net 48.25 − 0.25 = 48.00 EUR; the rate of today is the last before it, 1.1 of 2026-12-02:
    // 4,800 × 1.1 = 5,280 USD cents reach the bank. Residual 4,800 − 4,825 = −25 EUR (the adjustment).
    expect(preview).toMatchObject({
      currency: 'EUR',
      net: 4_800,
      expected: 4_825,
      residual: -25,
      matched: 1,
      unmatched: 1,
      fx: { base: 'USD', rate: '1.1', rate_date: '2026-12-02', bank_amount: 5_280 },
    });
    const result = await importPayoutReport({ input: { format: 'stripe', csv: csv() }, actor });
    // The residual first, at the payout's rate: −25 × 1.1 = −27.5 → −28 (half away from zero):
    // Cr 1010 28 (25 EUR) / Dr 1090 28, held in USD.
    expect(await entryLinesFx(result.residual_entry_number!)).toEqual([
      { account: '1010', debit: 0, credit: 28, txn: 'EUR 0/25' },
      { account: '1090', debit: 28, credit: 0, txn: null },
    ]);
    // Then the payout of all 4,800 EUR held, carried at 5,231 − 28 = 5,203: bank 5,280, a realized gain
    // of 5,280 − 5,203 = 77 (Cr 7100).
    expect(await entryLinesFx(result.payout_entry_number!)).toEqual([
      { account: '1000', debit: 5_280, credit: 0, txn: null },
      { account: '1010', debit: 0, credit: 5_203, txn: 'EUR 0/4800' },
      { account: '7100', debit: 0, credit: 77, txn: null },
    ]);
    const payout = await db.payout.findUniqueOrThrow({ where: { reference: 'po_eur_1' } });
    expect({
      bank: payout.bankAmount,
      carrying: payout.carryingAmount,
      fx: payout.fxDifference,
      rate: payout.fxRate?.toString(),
    }).toEqual({ bank: 5_280n, carrying: 5_203n, fx: 77n, rate: '1.1' });
    const stored = await db.payoutImport.findUniqueOrThrow({ where: { id: result.id } });
    expect([stored.fxRate?.toString(), stored.bankAmount]).toEqual(['1.1', 5_280n]);
    expect(await foreignBalances({ before: new Date(Date.now() + 1000), account: '1010' })).toEqual([]);
    // Imported again: the first import answers, nothing posted, the gain not booked twice.
    const entries = await entryCount();
    const again = await importPayoutReport({ input: { format: 'stripe', csv: csv() }, actor });
    expect(again).toMatchObject({ already: true, fx: { rate: '1.1', bank_amount: 5_280 } });
    expect(await entryCount()).toBe(entries);
    expect(await balance('7100')).toBe(-77);
  });
});
