import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { apiRequest, makeApiKey, makeLocations, makeUser, routeContext } from '@/tests/factories';
import * as taxRoute from '@/app/api/v1/reports/sales-tax/route';
import type { EntryLine } from '@/lib/ledger/rules';
import type { Actor } from '@/lib/auth/actor';

/**
 * GET /api/v1/reports/sales-tax over entries that carry no tax lines (posted by hand here, as an
 * older order or a manual entry would): what the tax accounts moved without a tax line is one line with
 * jurisdiction and rate null, so the report still equals their movement (decision 042; the tax lines
 * by jurisdiction and rate are tests/integration/ledger/tax-lines.test.ts).
 */
let actor: Actor;
let key: string;

async function post(at: string, type: string, lines: EntryLine[]) {
  await db.$transaction((tx) =>
    postJournalEntry(tx, { memo: type, source: { type, id: null }, actor, lines, postedAt: new Date(at) }),
  );
}

beforeAll(async () => {
  await makeLocations();
  actor = (await makeUser({ role: 'manager', email: 'tax@example.test' })).actor;
  key = (await makeApiKey(['ledger:read'])).key;
  // A sale: 100.00 goods, 5.00 discount, 8.00 shipping, 10.30 tax → receivable 113.30.
  await post('2026-04-10T12:00:00Z', 'order', [
    { account: '1100', debit: 11_330 },
    { account: '4200', debit: 500 },
    { account: '4000', credit: 10_000 },
    { account: '4100', credit: 800 },
    { account: '2100', credit: 1_030 },
  ]);
  // A sale without tax: not taxable.
  await post('2026-04-11T12:00:00Z', 'order', [
    { account: '1100', debit: 2_000 },
    { account: '4000', credit: 2_000 },
  ]);
  // A refund of 20.00 goods with its 2.06 tax.
  await post('2026-04-12T12:00:00Z', 'refund', [
    { account: '4300', debit: 2_000 },
    { account: '2100', debit: 206 },
    { account: '1010', credit: 2_206 },
  ]);
  // Tax paid on an expense, reclaimed (a manual entry): 1.50 input tax.
  await post('2026-04-13T12:00:00Z', 'manual', [
    { account: '5300', debit: 1_000 },
    { account: '2100', debit: 150 },
    { account: '1000', credit: 1_150 },
  ]);
  // Outside the range.
  await post('2026-05-02T12:00:00Z', 'order', [
    { account: '1100', debit: 110 },
    { account: '4000', credit: 100 },
    { account: '2100', credit: 10 },
  ]);
});

describe('GET /api/v1/reports/sales-tax', () => {
  it('puts tax moved without tax lines in one line, so net = the tax account movement', async () => {
    const res = await taxRoute.GET(
      apiRequest('/api/v1/reports/sales-tax?from=2026-04-01&to=2026-04-30', { key }),
      routeContext(),
    );
    expect(res.status).toBe(200);
    // No tax lines: 2100 moved credits 1,030 − debits 206 − 150 = 674, all in the one "other" line.
    const figures = { taxable: 0, tax_collected: 674, tax_refunded: 0, input_tax: 0, net: 674 };
    expect(await res.json()).toEqual({
      currency: 'USD',
      from: '2026-04-01',
      to: '2026-04-30',
      lines: [{ jurisdiction: null, rate: null, ...figures }],
      total: figures,
      tax_account_movement: 674,
      filing: null,
    });
  });

  it('answers an empty period with no lines and zeros, and refuses a bad range naming the field', async () => {
    let res = await taxRoute.GET(
      apiRequest('/api/v1/reports/sales-tax?from=2026-01-01&to=2026-01-31', { key }),
      routeContext(),
    );
    expect((await res.json()).lines).toEqual([]);
    res = await taxRoute.GET(
      apiRequest('/api/v1/reports/sales-tax?from=2026-05-01&to=2026-04-01', { key }),
      routeContext(),
    );
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].field).toBe('from');
  });
});
