import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { postManualEntry } from '@/lib/ledger/post-manual-entry';
import { reverseManualEntry } from '@/lib/ledger/reverse-manual-entry';
import { createAccount } from '@/lib/ledger/create-account';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { toAppError } from '@/lib/errors';
import { makeLocations, makeProduct, makeUser } from '@/tests/factories';
import type { Actor } from '@/lib/auth/actor';

const FAR = new Date('2100-01-01T00:00:00Z');
let actor: Actor;

beforeAll(async () => {
  await makeLocations();
  actor = (await makeUser({ role: 'manager', email: 'books@example.test' })).actor;
});

/** The AppError a promise fails with, as { code, status, details }. */
async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, status: err.status, message: err.message, details: err.details };
  }
  throw new Error('expected a failure');
}

async function entryLines(id: string) {
  const lines = await db.journalLine.findMany({
    where: { entryId: id },
    orderBy: { id: 'asc' },
    select: { debit: true, credit: true, account: { select: { code: true } } },
  });
  return lines.map((l) => [l.account.code, l.debit, l.credit]);
}

const counts = async () => ({
  entries: await db.journalEntry.count(),
  lines: await db.journalLine.count(),
  audit: await db.auditLog.count(),
});

describe('postManualEntry', () => {
  it('posts a balanced entry with its lines, source "manual", the actor and an audit row', async () => {
    const before = await accountBalance('1000', FAR);
    const entry = await postManualEntry({
      input: {
        memo: '  Owner contribution  ',
        lines: [
          { account: '1000', debit: 250_000 },
          { account: '3000', credit: 250_000 },
        ],
      },
      actor,
    });
    const row = await db.journalEntry.findUniqueOrThrow({ where: { id: entry.id } });
    expect(row).toMatchObject({
      number: entry.number,
      memo: 'Owner contribution',
      sourceType: 'manual',
      sourceId: null,
      actorType: 'user',
      actorLabel: 'books@example.test',
    });
    expect(await entryLines(entry.id)).toEqual([
      ['1000', 250_000, 0],
      ['3000', 0, 250_000],
    ]);
    // Cash went up by exactly the debit: before + 250,000.
    expect(await accountBalance('1000', FAR)).toBe(before + 250_000);
    expect(await db.auditLog.count({ where: { action: 'journal_entry.posted', entityId: entry.id } })).toBe(
      1,
    );
  });

  it('drops zero lines and keeps a three-line split', async () => {
    // 1,000.00 of rent paid: 800.00 expense + 200.00 tax receivable, all from cash → 80,000 + 20,000 = 100,000.
    const entry = await postManualEntry({
      input: {
        memo: 'Split',
        lines: [
          { account: '5300', debit: 80_000 },
          { account: '1100', debit: 20_000 },
          { account: '2100', debit: 0, credit: 0 },
          { account: '1000', credit: 100_000 },
        ],
      },
      actor,
    });
    expect(await entryLines(entry.id)).toEqual([
      ['5300', 80_000, 0],
      ['1100', 20_000, 0],
      ['1000', 0, 100_000],
    ]);
  });

  it('refuses an unbalanced entry with a 422 naming `lines`, and writes nothing', async () => {
    const before = await counts();
    const err = await failure(
      postManualEntry({
        input: {
          memo: 'Off by a cent',
          lines: [
            { account: '1000', debit: 10_001 },
            { account: '3000', credit: 10_000 },
          ],
        },
        actor,
      }),
    );
    expect(err).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 422,
      details: [{ field: 'lines', message: 'debits 10001 ≠ credits 10000' }],
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown account with a 422 naming it, and writes nothing', async () => {
    const before = await counts();
    const err = await failure(
      postManualEntry({
        input: {
          memo: 'Typo',
          lines: [
            { account: '9999', debit: 500 },
            { account: '3000', credit: 500 },
          ],
        },
        actor,
      }),
    );
    expect(err).toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 422,
      details: [{ field: 'lines', message: 'Unknown account 9999' }],
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a blank memo, a single line, fractional and negative amounts, each by field', async () => {
    const fields = async (input: unknown) =>
      ((await failure(postManualEntry({ input: input as never, actor }))).details as { field: string }[]).map(
        (d) => d.field,
      );
    expect(
      await fields({
        memo: '   ',
        lines: [
          { account: '1000', debit: 1 },
          { account: '3000', credit: 1 },
        ],
      }),
    ).toEqual(['memo']);
    expect(await fields({ memo: 'One line', lines: [{ account: '1000', debit: 0 }] })).toEqual(['lines']);
    expect(
      await fields({
        memo: 'Cents as a float',
        lines: [
          { account: '1000', debit: 12.5 },
          { account: '3000', credit: 12.5 },
        ],
      }),
    ).toEqual(['lines.0.debit', 'lines.1.credit']);
    expect(
      await fields({
        memo: 'Negative',
        lines: [
          { account: '1000', debit: -5 },
          { account: '3000', credit: -5 },
        ],
      }),
    ).toEqual(['lines.0.debit', 'lines.1.credit']);
    // Two lines that are both zero: nothing to post.
    expect(
      await failure(
        postManualEntry({
          input: { memo: 'Zero', lines: [{ account: '1000' }, { account: '3000' }] },
          actor,
        }),
      ),
    ).toMatchObject({ status: 422, details: [{ field: 'lines', message: 'Enter at least one amount' }] });
  });
});

describe('reverseManualEntry', () => {
  it('posts the mirror entry once; a second reversal is INVALID_STATE', async () => {
    const original = await postManualEntry({
      input: {
        memo: 'Accrued wages',
        lines: [
          { account: '5300', debit: 43_210 },
          { account: '2100', credit: 43_210 },
        ],
      },
      actor,
    });
    const expense = await accountBalance('5300', FAR);
    const reversal = await reverseManualEntry({ entryId: original.id, reason: 'posted twice', actor });
    expect(reversal.number).toBeGreaterThan(original.number);
    const row = await db.journalEntry.findUniqueOrThrow({ where: { id: reversal.id } });
    expect(row).toMatchObject({
      sourceType: 'reversal',
      sourceId: original.id,
      reversesEntryId: original.id,
      memo: `Reversal of #${original.number}: posted twice`,
    });
    expect(await entryLines(reversal.id)).toEqual([
      ['5300', 0, 43_210],
      ['2100', 43_210, 0],
    ]);
    // The expense account is back where it was before the accrual: expense − 43,210.
    expect(await accountBalance('5300', FAR)).toBe(expense - 43_210);
    expect(
      await db.auditLog.count({ where: { action: 'journal_entry.reversed', entityId: original.id } }),
    ).toBe(1);

    const before = await counts();
    expect(await failure(reverseManualEntry({ entryId: original.id, reason: 'again', actor }))).toMatchObject(
      { code: 'INVALID_STATE', status: 409, message: `Entry #${original.number} has already been reversed.` },
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses to reverse an entry a receipt posted, and an entry that does not exist', async () => {
    await makeProduct(['MAN-1']);
    const receipt = await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'MAN-1', quantity: 2, unit_cost: 700 }] },
      actor,
    });
    const entry = await db.journalEntry.findFirstOrThrow({
      where: { sourceType: 'receipt', sourceId: receipt.id },
    });
    const before = await counts();
    expect(
      await failure(reverseManualEntry({ entryId: entry.id, reason: 'wrong cost', actor })),
    ).toMatchObject({
      code: 'INVALID_STATE',
      status: 409,
      message: `Entry #${entry.number} was posted by a receipt; correct it through that receipt instead.`,
    });
    expect(
      await failure(
        reverseManualEntry({ entryId: '00000000-0000-4000-8000-000000000000', reason: 'x', actor }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await counts()).toEqual(before);
  });

  it('leaves the books balanced after everything above', async () => {
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR });
    expect(tb.total_debit).toBe(tb.total_credit);
  });
});

describe('createAccount', () => {
  it('adds a custom account and refuses a duplicate code with 409 on `code`', async () => {
    const account = await createAccount({ input: { code: ' 6100 ', name: 'Rent', type: 'expense' }, actor });
    expect(account).toMatchObject({ code: '6100', name: 'Rent', type: 'expense' });
    expect(await db.account.findUniqueOrThrow({ where: { code: '6100' } })).toMatchObject({
      system: false,
      active: true,
    });
    expect(await db.auditLog.count({ where: { action: 'account.created', entityId: account.id } })).toBe(1);

    const dup = await failure(
      createAccount({ input: { code: '6100', name: 'Rent again', type: 'expense' }, actor }),
    );
    expect(dup).toMatchObject({
      code: 'CONFLICT',
      status: 409,
      details: [{ field: 'code', message: 'Account 6100 already exists' }],
    });
    // A system account's code is taken too.
    expect(
      await failure(createAccount({ input: { code: '1200', name: 'Stock', type: 'asset' }, actor })),
    ).toMatchObject({ status: 409, details: [{ field: 'code' }] });
    expect(await db.account.count({ where: { code: '6100' } })).toBe(1);
  });

  it('refuses a bad code or type by field', async () => {
    expect(
      await failure(createAccount({ input: { code: '61', name: 'Short', type: 'expense' }, actor })),
    ).toMatchObject({ status: 422, details: [{ field: 'code', message: 'Use a 4–6 digit account code' }] });
    expect(
      await failure(createAccount({ input: { code: '6200', name: 'Odd', type: 'income' as never }, actor })),
    ).toMatchObject({ status: 422, details: [{ field: 'type' }] });
  });
});
