import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { importEcbRates } from '@/lib/ledger/save-fx-rates';
import { fxRates, rateOn } from '@/lib/ledger/fx-queries';
import { postForeignEntry } from '@/lib/ledger/post-foreign-entry';
import { reverseJournalEntry } from '@/lib/ledger/post-entry';
import { formatRate } from '@/lib/ledger/fx';
import { seedFxRates } from '@/prisma/seed-books';
import { toAppError } from '@/lib/errors';
import { apiRequest, makeApiKey, makeLocations, makeUser, routeContext } from '@/tests/factories';
import * as ratesRoute from '@/app/api/v1/fx-rates/route';
import type { Actor } from '@/lib/auth/actor';

/** The FX rate table (docs/decisions/037-fx-rates-and-base-amounts.md) in a USD shop. */
let actor: Actor;
let key: string;
let readKey: string;

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, status: err.status, message: err.message, details: err.details };
  }
  throw new Error('expected a failure');
}

const post = (body: unknown, k = key) =>
  ratesRoute.POST(apiRequest('/api/v1/fx-rates', { method: 'POST', key: k, body }), routeContext());
const get = (qs: string) =>
  ratesRoute.GET(apiRequest(`/api/v1/fx-rates${qs}`, { key: readKey }), routeContext());

beforeAll(async () => {
  await makeLocations();
  actor = (await makeUser({ role: 'manager', email: 'fx@example.test' })).actor;
  key = (await makeApiKey(['ledger:write'])).key;
  readKey = (await makeApiKey(['ledger:read'])).key;
});

describe('fx rates', () => {
  it('stores rates from the API, replaces a day already held, and lists them newest first', async () => {
    let res = await post({
      rates: [
        { date: '2026-11-02', currency: 'EUR', rate: '1.0801' },
        { date: '2026-11-05', currency: 'EUR', rate: '1.0842' },
        { date: '2026-11-05', currency: 'GBP', rate: '1.2650' },
      ],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      saved: 3,
      currencies: ['EUR', 'GBP'],
      from: '2026-11-02',
      to: '2026-11-05',
    });
    res = await post({ rates: [{ date: '2026-11-02', currency: 'EUR', rate: '1.0800' }] });
    expect(res.status).toBe(200);
    res = await get('?currency=EUR&from=2026-11-01&to=2026-11-30');
    expect(await res.json()).toEqual({
      rates: [
        { date: '2026-11-05', currency: 'EUR', rate: '1.0842', source: 'api' },
        { date: '2026-11-02', currency: 'EUR', rate: '1.08', source: 'api' },
      ],
    });
    expect(await db.auditLog.count({ where: { action: 'fx_rates.saved' } })).toBeGreaterThanOrEqual(2);
  });

  it('answers the rate for a day: that day, else the last before; none before → 422', async () => {
    const at = (date: string) =>
      rateOn({ currency: 'EUR', base: 'USD', date }).then((r) => formatRate(r.rate));
    expect(await at('2026-11-05')).toBe('1.0842');
    // 2026-11-04 has no rate: the last before it is 2026-11-02's 1.08.
    expect(await at('2026-11-04')).toBe('1.08');
    expect(await at('2026-12-31')).toBe('1.0842');
    expect((await failure(at('2026-11-01'))).code).toBe('VALIDATION_FAILED');
    expect(formatRate((await rateOn({ currency: 'USD', base: 'USD', date: '2026-11-01' })).rate)).toBe('1');
  });

  it('refuses bad rates naming the field: text, zero, the shop currency, duplicates', async () => {
    const field = async (body: unknown) => {
      const res = await post(body);
      expect(res.status).toBe(422);
      return (await res.json()).error.details[0].field;
    };
    expect(await field({ rates: [{ date: '2026-11-05', currency: 'EUR', rate: 1.08 }] })).toBe(
      'rates.0.rate',
    );
    expect(await field({ rates: [{ date: '2026-11-05', currency: 'EUR', rate: '0' }] })).toBe('rates.0.rate');
    expect(await field({ rates: [{ date: '2026-11-31', currency: 'EUR', rate: '1' }] })).toBe('rates.0.date');
    expect(await field({ rates: [{ date: '2026-11-05', currency: 'USD', rate: '1' }] })).toBe(
      'rates.0.currency',
    );
    expect(
      await field({
        rates: [
          { date: '2026-11-06', currency: 'EUR', rate: '1' },
          { date: '2026-11-06', currency: 'EUR', rate: '2' },
        ],
      }),
    ).toBe('rates.1.date');
    expect((await get('?from=2026-12-01&to=2026-11-01')).status).toBe(422);
  });

  it('imports a hand-made ECB file into a USD shop (EUR direct, others crossed through EUR)', async () => {
    const csv = [
      'Date, USD, JPY, GBP, ',
      '04 December 2026, 1.0900, 163.00, 0.8600, ',
      '03 December 2026, 1.0850, N/A, 0.8550, ',
    ].join('\n');
    const result = await importEcbRates({ csv, actor });
    expect(result).toEqual({
      saved: 5,
      currencies: ['EUR', 'GBP', 'JPY'],
      from: '2026-12-03',
      to: '2026-12-04',
    });
    const { rates } = await fxRates({ from: '2026-12-03', to: '2026-12-04' });
    // EUR = USD per EUR; JPY = 1.09 / 163 = 0.006687116564… → 0.0066871166;
    // GBP = 1.09 / 0.86 = 1.267441860465… → 1.2674418605 and 1.085 / 0.855 = 1.26900584795… → 1.269005848.
    expect(rates).toEqual([
      { date: '2026-12-04', currency: 'EUR', rate: '1.09', source: 'ecb' },
      { date: '2026-12-04', currency: 'GBP', rate: '1.2674418605', source: 'ecb' },
      { date: '2026-12-04', currency: 'JPY', rate: '0.0066871166', source: 'ecb' },
      { date: '2026-12-03', currency: 'EUR', rate: '1.085', source: 'ecb' },
      { date: '2026-12-03', currency: 'GBP', rate: '1.269005848', source: 'ecb' },
    ]);
    // A bad row imports nothing and names the row.
    const before = await db.fxRate.count();
    const err = await failure(importEcbRates({ csv: 'Date,USD\n2026-12-05,1.1\nsoon,1.2\n', actor }));
    expect(err).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'file', message: 'Row 3: "soon" is not a date' }],
    });
    expect(await db.fxRate.count()).toBe(before);
  });

  it("posts an EUR entry at the day's rate with each line's own amount beside its base amount", async () => {
    const { entry, rate } = await db.$transaction((tx) =>
      postForeignEntry(tx, {
        memo: 'EUR order',
        source: { type: 'manual' },
        actor,
        postedAt: new Date('2026-11-05T15:00:00Z'),
        currency: 'EUR',
        lines: [
          { account: '1010', debit: 6843 },
          { account: '4000', credit: 3333 },
          { account: '4100', credit: 2500 },
          { account: '2100', credit: 1010 },
        ],
      }),
    );
    expect(rate).toBe('1.0842');
    const lines = await db.journalLine.findMany({
      where: { entryId: entry!.id },
      orderBy: { id: 'asc' },
      select: { debit: true, credit: true, txnCurrency: true, txnDebit: true, txnCredit: true },
    });
    // The hand-worked case of tests/unit/ledger/fx.test.ts: 7,419 = 3,614 + 2,711 + 1,094 (last line −1).
    expect(
      lines.map((l) => [l.debit, l.credit, l.txnCurrency, Number(l.txnDebit), Number(l.txnCredit)]),
    ).toEqual([
      [7419, 0, 'EUR', 6843, 0],
      [0, 3614, 'EUR', 0, 3333],
      [0, 2711, 'EUR', 0, 2500],
      [0, 1094, 'EUR', 0, 1010],
    ]);
    // Its reversal mirrors both amounts: no FX effect from undoing an entry.
    const reversal = await db.$transaction((tx) =>
      reverseJournalEntry(tx, { entryId: entry!.id, memo: 'undo', actor }),
    );
    const back = await db.journalLine.findMany({
      where: { entryId: reversal.id },
      orderBy: { id: 'asc' },
      select: { debit: true, credit: true, txnDebit: true, txnCredit: true },
    });
    expect(back.map((l) => [l.debit, l.credit, Number(l.txnDebit), Number(l.txnCredit)])).toEqual([
      [0, 7419, 0, 6843],
      [3614, 0, 3333, 0],
      [2711, 0, 2500, 0],
      [1094, 0, 1010, 0],
    ]);
  });

  it('posts an entry in the shop currency with no transaction amounts', async () => {
    const { entry, rate } = await db.$transaction((tx) =>
      postForeignEntry(tx, {
        memo: 'USD sale',
        source: { type: 'manual' },
        actor,
        currency: 'USD',
        lines: [
          { account: '1010', debit: 500 },
          { account: '4000', credit: 500 },
        ],
      }),
    );
    expect(rate).toBe('1');
    expect(await db.journalLine.count({ where: { entryId: entry!.id, txnCurrency: { not: null } } })).toBe(0);
  });
});

describe('demo exchange rates', () => {
  it('seeds 30 days of EUR, GBP and CAD once, through saveFxRates', async () => {
    await db.fxRate.deleteMany();
    const now = new Date('2026-12-02T12:00:00Z');
    expect(await seedFxRates(db, { now })).toEqual({ rates: 90 });
    // Day 1 back (i = 0): EUR 10842 − 20 = 10822 → 1.0822 on 2026-12-01.
    expect(formatRate((await rateOn({ currency: 'EUR', base: 'USD', date: '2026-12-01' })).rate)).toBe(
      '1.0822',
    );
    expect(await seedFxRates(db, { now })).toEqual({ rates: 0 });
  });
});
