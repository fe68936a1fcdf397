import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'csv-parse/sync';
import { db } from '@/lib/db';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { postManualEntry } from '@/lib/ledger/post-manual-entry';
import { reverseManualEntry } from '@/lib/ledger/reverse-manual-entry';
import { createAccount } from '@/lib/ledger/create-account';
import { chartOfAccounts, journalEntries, journalSourceTypes, trialBalance } from '@/lib/ledger/queries';
import { asOfFromSearchParam } from '@/lib/ledger/as-of';
import { trialBalanceCsv, valuationCsv } from '@/lib/ledger/csv';
import { csvText } from '@/lib/csv';
import { checkManualLines, manualEntryFromForm } from '@/lib/ledger/manual-entry-form';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { inventoryValuation } from '@/lib/inventory/queries';
import { toAppError } from '@/lib/errors';
import type { SessionUser } from '@/lib/auth/session';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

// The CSV route handlers read the signed-in user through lib/auth/session; tests choose who that is.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: () => Promise.resolve(session.user),
  userActor: (u: SessionUser) => ({ type: 'user', id: u.id, label: u.email, role: u.role }),
}));
const trialBalanceRoute = await import('@/app/(app)/ledger/export/trial-balance/route');
const valuationRoute = await import('@/app/(app)/ledger/export/valuation/route');
const journalRoute = await import('@/app/(app)/ledger/export/journal/route');

const FAR = new Date('2100-01-01T00:00:00Z');
const JAN_10 = new Date('2026-01-10T12:00:00Z');
const ids: Record<string, string> = {};
const numbers: Record<string, number> = {};

/**
 * The books this file reads (USD, shop time zone UTC until the as-of tests change it):
 *   E1 2026-01-10 'import'     5300 Dr 80,000 / 1000 Cr 80,000
 *   E2 now       'receipt'    UI-1 4 × 2,500 = 10,000: 1200 Dr 10,000 / 2000 Cr 10,000
 *   E3 now       'manual'     1000 Dr 12,345 / 3000 Cr 12,345
 *   E4 now       'reversal'   of E3: 1000 Cr 12,345 / 3000 Dr 12,345
 *   E5 now       'adjustment' 1 × UI-1 lost at FIFO 2,500: 5100 Dr 2,500 / 1200 Cr 2,500
 */
beforeAll(async () => {
  await makeLocations();
  await makeProduct(['UI-1'], { name: 'Field notebook' });
  const e1 = await db.$transaction((tx) =>
    postJournalEntry(tx, {
      memo: 'Imported January freight',
      source: { type: 'import', id: 'jan' },
      actor,
      postedAt: JAN_10,
      lines: [
        { account: '5300', debit: 80_000 },
        { account: '1000', credit: 80_000 },
      ],
    }),
  );
  numbers.e1 = e1!.number;
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'UI-1', quantity: 4, unit_cost: 2_500 }] },
    actor,
  });
  const e3 = await postManualEntry({
    input: {
      memo: 'Owner top-up',
      lines: [
        { account: '1000', debit: 12_345 },
        { account: '3000', credit: 12_345 },
      ],
    },
    actor,
  });
  ids.e3 = e3.id;
  numbers.e3 = e3.number;
  numbers.e4 = (await reverseManualEntry({ entryId: e3.id, reason: 'wrong month', actor })).number;
  await adjustStock({ input: { location: 'MAIN', sku: 'UI-1', delta: -1, reason: 'lost' }, actor });
});

describe('journalSourceTypes', () => {
  it('lists each source type once, in order', async () => {
    expect(await journalSourceTypes()).toEqual(['adjustment', 'import', 'manual', 'receipt', 'reversal']);
  });
});

describe('journalEntries', () => {
  it('tells which entry reversed which, newest first, and filters by source and position', async () => {
    const all = await journalEntries({ limit: 10 });
    expect(all.map((e) => e.source_type)).toEqual(['adjustment', 'reversal', 'manual', 'receipt', 'import']);
    const manual = all.find((e) => e.number === numbers.e3)!;
    const reversal = all.find((e) => e.number === numbers.e4)!;
    expect(manual).toMatchObject({ reversed_by_number: numbers.e4, reverses_number: null, actor: 'test' });
    expect(reversal).toMatchObject({
      reverses_number: numbers.e3,
      reversed_by_number: null,
      reverses_entry_id: ids.e3,
    });
    // The mirror of E3, line for line: each debit becomes a credit and the other way round.
    expect(reversal.lines).toEqual([
      { account_code: '1000', account_name: 'Cash', debit: 0, credit: 12_345, memo: null, txn: null },
      {
        account_code: '3000',
        account_name: "Owner's equity",
        debit: 12_345,
        credit: 0,
        memo: null,
        txn: null,
      },
    ]);
    expect((await journalEntries({ limit: 10, sourceType: 'manual' })).map((e) => e.number)).toEqual([
      numbers.e3,
    ]);
    expect((await journalEntries({ limit: 10, beforeNumber: numbers.e3 })).map((e) => e.source_type)).toEqual(
      ['receipt', 'import'],
    );
    expect(await journalEntries({ limit: 10, sourceType: 'shipment' })).toEqual([]);
  });

  it('reads oldest first from a cursor when the journal is sorted by number ascending', async () => {
    // Posted in order: import (E0), receipt, manual (E3), reversal (E4), adjustment.
    const oldest = await journalEntries({ limit: 2, ascending: true });
    expect(oldest.map((e) => e.source_type)).toEqual(['import', 'receipt']);
    const after = await journalEntries({ limit: 10, ascending: true, afterNumber: oldest[1].number });
    expect(after.map((e) => e.source_type)).toEqual(['manual', 'reversal', 'adjustment']);
  });
});

describe('chartOfAccounts', () => {
  it('gives each account its balance (debits − credits) up to a moment', async () => {
    const on = async (before: Date) =>
      Object.fromEntries(
        (await chartOfAccounts(before)).filter((a) => a.balance !== 0).map((a) => [a.code, a.balance]),
      );
    // Before E1 nothing is posted.
    expect(await on(new Date('2026-01-10T00:00:00Z'))).toEqual({});
    // Only E1: freight 80,000 paid from cash.
    expect(await on(new Date('2026-01-11T00:00:00Z'))).toEqual({ '1000': -80_000, '5300': 80_000 });
    // Everything: cash −80,000 + 12,345 − 12,345 = −80,000; inventory 10,000 − 2,500 = 7,500;
    // payables −10,000; shrinkage 2,500; equity 12,345 − 12,345 = 0 (so not listed). Σ = 0.
    expect(await on(FAR)).toEqual({
      '1000': -80_000,
      '1200': 7_500,
      '2000': -10_000,
      '5100': 2_500,
      '5300': 80_000,
    });
  });

  it('sorts the chart by balance when asked, code breaking ties', async () => {
    // Balances from the test above: 1000 −80,000 < 2000 −10,000 < the zero ones < 5100 2,500
    // < 1200 7,500 < 5300 80,000; the zero-balance accounts keep their code order.
    const chart = await chartOfAccounts(FAR, { id: 'balance', desc: false });
    const nonZero = chart.filter((a) => a.balance !== 0).map((a) => a.code);
    expect(nonZero).toEqual(['1000', '2000', '5100', '1200', '5300']);
    const zeros = chart.filter((a) => a.balance === 0).map((a) => a.code);
    expect(zeros).toEqual([...zeros].sort());
    expect((await chartOfAccounts(FAR, { id: 'balance', desc: true }))[0].code).toBe('5300');
  });

  it('lists every account with its type and system flag, custom accounts included', async () => {
    await createAccount({ input: { code: '6100', name: 'Rent', type: 'expense' }, actor });
    const chart = await chartOfAccounts(FAR);
    expect(chart.find((a) => a.code === '1200')).toEqual({
      code: '1200',
      name: 'Inventory',
      type: 'asset',
      system: true,
      active: true,
      balance: 7_500,
    });
    expect(chart.find((a) => a.code === '6100')).toEqual({
      code: '6100',
      name: 'Rent',
      type: 'expense',
      system: false,
      active: true,
      balance: 0,
    });
    expect(chart.map((a) => a.code)).toEqual([...chart.map((a) => a.code)].sort());
  });
});

describe('CSV exports', () => {
  it('writes the trial balance as decimals with a totals row', async () => {
    const csv = trialBalanceCsv(await trialBalance({ asOf: '2100-01-01', before: FAR }), 'USD');
    expect(csv.startsWith('\uFEFFCode,Account,Type,Debit (USD),Credit (USD)\r\n')).toBe(true);
    const rows: string[][] = parse(csv, { bom: true });
    const byCode = Object.fromEntries(rows.map((r) => [r[0] || r[1], r]));
    expect(byCode['1000']).toEqual(['1000', 'Cash', 'asset', '0.00', '800.00']);
    expect(byCode['1200']).toEqual(['1200', 'Inventory', 'asset', '75.00', '0.00']);
    expect(byCode['2000']).toEqual(['2000', 'Accounts payable', 'liability', '0.00', '100.00']);
    // Debits 80,000 (5300) + 7,500 (1200) + 2,500 (5100) = 90,000; credits 80,000 (1000) + 10,000 (2000) = 90,000.
    expect(rows[rows.length - 1]).toEqual(['', 'Total', '', '900.00', '900.00']);
  });

  it('writes the valuation per SKU with the method on the totals row', async () => {
    const valuation = await inventoryValuation({ asOf: '2100-01-01', before: FAR });
    const rows: string[][] = parse(valuationCsv(valuation), { bom: true });
    // 4 received − 1 lost = 3 units × 2,500 = 7,500.
    expect(rows).toEqual([
      ['SKU', 'Item', 'Quantity', 'Value (USD)'],
      ['UI-1', 'Field notebook', '3', '75.00'],
      ['Total', 'FIFO cost, as of 2100-01-01', '', '75.00'],
    ]);
  });

  it('defuses text that a spreadsheet would run as a formula', () => {
    expect(csvText('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(csvText('+1')).toBe(`'+1`);
    expect(csvText('@sum')).toBe(`'@sum`);
    expect(csvText('Cash')).toBe('Cash');
  });
});

describe('CSV route handlers', () => {
  const manager: SessionUser = {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'm@example.test',
    name: 'M',
    role: 'manager',
  };
  const get = (route: { GET: (r: Request) => Promise<Response> }, path: string) =>
    route.GET(new Request(`http://localhost${path}`));

  it('answers 401 signed out and 403 to roles without ledger access, as JSON', async () => {
    session.user = null;
    const signedOut = await get(trialBalanceRoute, '/ledger/export/trial-balance');
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    session.user = { ...manager, role: 'warehouse' };
    expect((await get(trialBalanceRoute, '/ledger/export/trial-balance')).status).toBe(403);
    session.user = { ...manager, role: 'support' };
    const refused = await get(valuationRoute, '/ledger/export/valuation');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('sends a manager the CSV file, and a bad date is a 422 naming as_of', async () => {
    session.user = manager;
    const res = await get(trialBalanceRoute, '/ledger/export/trial-balance?as_of=2100-01-01');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="trial-balance-2100-01-01.csv"',
    );
    expect(parse(await res.text(), { bom: true }).at(-1)).toEqual(['', 'Total', '', '900.00', '900.00']);

    const val = await get(valuationRoute, '/ledger/export/valuation?as_of=2026-01-11');
    expect(val.headers.get('content-disposition')).toBe(
      'attachment; filename="inventory-valuation-2026-01-11.csv"',
    );
    // No stock had been received by 2026-01-11: only the totals row, at 0.00.
    expect(parse(await val.text(), { bom: true }).slice(1)).toEqual([
      ['Total', 'FIFO cost, as of 2026-01-11', '', '0.00'],
    ]);

    const bad = await get(trialBalanceRoute, '/ledger/export/trial-balance?as_of=2026-02-30');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'as_of' }] },
    });
  });
});

describe('journal export', () => {
  const manager: SessionUser = {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'm@example.test',
    name: 'M',
    role: 'manager',
  };
  const get = (path: string) => journalRoute.GET(new Request(`http://localhost${path}`));

  it('writes one row per journal line, newest entry first, and filters by source', async () => {
    session.user = manager;
    const res = await get('/ledger/export/journal');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="journal-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows: string[][] = parse(await res.text(), { bom: true });
    expect(rows[0]).toEqual([
      'Entry',
      'Posted at',
      'Source',
      'Memo',
      'Account code',
      'Account',
      'Debit (USD)',
      'Credit (USD)',
      'Line memo',
      'Reverses entry',
    ]);
    // five entries of two lines each (see the books above) → 10 rows, E5 (the adjustment) first
    expect(rows).toHaveLength(11);
    expect(rows.slice(1, 3).map((r) => [r[2], r[4], r[6], r[7]])).toEqual([
      ['adjustment', '5100', '25.00', ''],
      ['adjustment', '1200', '', '25.00'],
    ]);
    // the reversal names the entry it reverses
    const reversal = rows.filter((r) => r[2] === 'reversal');
    expect(reversal.map((r) => [r[0], r[9]])).toEqual([
      [String(numbers.e4), String(numbers.e3)],
      [String(numbers.e4), String(numbers.e3)],
    ]);
    // the January entry carries its time in the shop's zone (UTC here)
    expect(rows.filter((r) => r[2] === 'import').map((r) => r[1])).toEqual([
      '2026-01-10T12:00:00Z',
      '2026-01-10T12:00:00Z',
    ]);

    const manual = parse(await (await get('/ledger/export/journal?source=manual')).text(), {
      bom: true,
    });
    expect(manual.slice(1).map((r) => [r[0], r[3], r[4], r[6], r[7]])).toEqual([
      [String(numbers.e3), 'Owner top-up', '1000', '123.45', ''],
      [String(numbers.e3), 'Owner top-up', '3000', '', '123.45'],
    ]);
  });

  it('refuses roles without ledger access', async () => {
    session.user = { ...manager, role: 'support' };
    expect((await get('/ledger/export/journal')).status).toBe(403);
  });
});

describe('manual entry form parsing', () => {
  const form = (lines: [string, string, string][], memo = 'Memo') =>
    Object.fromEntries([
      ['memo', memo],
      ...lines.flatMap(([a, d, c], i) => [
        [`lines.${i}.account`, a],
        [`lines.${i}.debit`, d],
        [`lines.${i}.credit`, c],
      ]),
    ]);

  it('turns typed decimals into exact minor units and skips blank lines', () => {
    expect(
      manualEntryFromForm(
        form([
          ['1000', '1,234.50', ''],
          ['', '', ''],
          ['3000', '', '1234.5'],
        ]),
        'USD',
      ),
    ).toEqual({
      memo: 'Memo',
      lines: [
        { account: '1000', debit: 123_450, credit: 0 },
        { account: '3000', debit: 0, credit: 123_450 },
      ],
    });
    expect(
      manualEntryFromForm(
        form([
          ['1000', '1500', ''],
          ['3000', '', '1500'],
        ]),
        'JPY',
      ).lines.map((l) => (l.debit ?? 0) + (l.credit ?? 0)),
    ).toEqual([1_500, 1_500]);
  });

  it('names each bad field by its line in the form', () => {
    const issues = (lines: [string, string, string][], currency = 'USD') => {
      try {
        manualEntryFromForm(form(lines), currency);
      } catch (e) {
        return toAppError(e).details;
      }
      return null;
    };
    expect(
      issues([
        ['1000', '12.345', ''],
        ['3000', '', '12.34'],
      ]),
    ).toEqual([{ field: 'lines.0.debit', message: 'Enter an amount like 1234.56' }]);
    expect(
      issues(
        [
          ['1000', '12.5', ''],
          ['3000', '', '13'],
        ],
        'JPY',
      ),
    ).toEqual([{ field: 'lines.0.debit', message: 'Enter an amount like 123456' }]);
    expect(
      issues([
        ['1000', '5', '5'],
        ['', '', '5'],
      ]),
    ).toEqual([
      { field: 'lines.0.credit', message: 'A line is either a debit or a credit, not both' },
      { field: 'lines.1.account', message: 'Choose an account' },
    ]);
    expect(
      issues([
        ['1000', '-5', ''],
        ['3000', '', ''],
      ]),
    ).toEqual([
      { field: 'lines.0.debit', message: 'Enter a positive amount; put it in the other column instead' },
      { field: 'lines.1.debit', message: 'Enter a debit or a credit' },
    ]);
    expect(
      issues([
        ['1000', '10000000.01', ''],
        ['3000', '', '10000000.01'],
      ]),
    ).toEqual([
      { field: 'lines.0.debit', message: 'At most $10,000,000.00 per line' },
      { field: 'lines.1.credit', message: 'At most $10,000,000.00 per line' },
    ]);
  });

  it('sums the lines for the live summary', () => {
    const lines = [
      { account: '1000', debit: '500', credit: '' },
      { account: '3000', debit: '', credit: '499.90' },
    ];
    // 50,000 − 49,990 = 10 (ten cents)
    expect(checkManualLines(lines, 'USD')).toMatchObject({
      debit: 50_000,
      credit: 49_990,
      difference: 10,
      balanced: false,
    });
    lines[1].credit = '500.00';
    expect(checkManualLines(lines, 'USD')).toMatchObject({ difference: 0, balanced: true });
    expect(
      checkManualLines(
        [
          { account: '1000', debit: '', credit: '' },
          { account: '', debit: '', credit: '' },
        ],
        'USD',
      ).balanced,
    ).toBe(false);
  });
});

describe('asOfFromSearchParam', () => {
  it('reads a date as the end of that day in the shop time zone, and explains a bad one', async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { timezone: 'America/New_York' } });
    // New York is on EDT (UTC−4) from 2026-03-08, so 2026-03-08 ends at 2026-03-09 04:00Z.
    expect(await asOfFromSearchParam('2026-03-08')).toMatchObject({
      ok: true,
      asOf: '2026-03-08',
      before: new Date('2026-03-09T04:00:00Z'),
    });
    // 2026-01-10 ends at 2026-01-11 05:00Z (EST, UTC−5).
    expect(await asOfFromSearchParam('2026-01-10')).toMatchObject({
      ok: true,
      before: new Date('2026-01-11T05:00:00Z'),
    });
    const today = await asOfFromSearchParam(undefined);
    expect(today).toMatchObject({ ok: true });
    expect(today.ok && today.asOf).toBe(today.today);
    const bad = await asOfFromSearchParam('2026-02-30');
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toContain('"2026-02-30" is not a date');
    expect(await asOfFromSearchParam(['2026-01-01', '2026-01-02'])).toMatchObject({ ok: false });
    await db.shopSettings.update({ where: { id: 1 }, data: { timezone: 'UTC' } });
  });
});
