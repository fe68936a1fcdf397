import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { postManualEntry } from '@/lib/ledger/post-manual-entry';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { updateSettings } from '@/lib/settings/update-settings';
import { shopSettings } from '@/lib/settings/queries';
import { toAppError } from '@/lib/errors';
import { todayIn } from '@/lib/dates';
import { addDays } from '@/lib/dates';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
} from '@/tests/factories';
import * as entriesRoute from '@/app/api/v1/ledger/journal-entries/route';
import * as settingsRoute from '@/app/api/v1/settings/route';
import type { Actor } from '@/lib/auth/actor';

/**
 * Lock dates (docs/decisions/036-lock-dates-in-the-database.md): lock_date holds everyone but admin
 * users, lock_date_all holds everyone; the journal_entries trigger refuses an entry dated on or
 * before the date that holds its actor, whichever use case posts it.
 */
let manager: Actor;
let admin: Actor;
let postKey: string;
let settingsKey: string;
const today = todayIn('UTC');
const yesterday = addDays(today, -1);
const lastWeek = addDays(today, -7);

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = toAppError(e);
    return { code: err.code, status: err.status, message: err.message, details: err.details };
  }
  throw new Error('expected a failure');
}

const entry = (date: string) => ({
  date,
  memo: 'Accrued rent',
  lines: [
    { account: '5300', debit: 12_000 },
    { account: '2000', credit: 12_000 },
  ],
});

const setLocks = (lock_date: string | null, lock_date_all: string | null) =>
  updateSettings({ input: { lock_date, lock_date_all }, actor: admin });

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['LOCK-1']);
  manager = (await makeUser({ role: 'manager', email: 'lock-manager@example.test' })).actor;
  admin = (await makeUser({ role: 'admin', email: 'lock-admin@example.test' })).actor;
  postKey = (await makeApiKey(['ledger:write'])).key;
  settingsKey = (await makeApiKey(['settings:write'])).key;
});

beforeEach(async () => {
  await setLocks(null, null);
});

describe('lock dates', () => {
  it('refuses a manual entry dated on the lock date for a manager, with the date named; nothing written', async () => {
    await setLocks(yesterday, null);
    const before = await db.journalEntry.count();
    const err = await failure(postManualEntry({ input: entry(yesterday), actor: manager }));
    expect(err).toMatchObject({ code: 'PERIOD_LOCKED', status: 409, details: { lock_date: yesterday } });
    expect(err.message).toContain(yesterday);
    // Earlier than the lock date is locked too; today (after it) posts.
    expect((await failure(postManualEntry({ input: entry(lastWeek), actor: manager }))).code).toBe(
      'PERIOD_LOCKED',
    );
    expect(await db.journalEntry.count()).toBe(before);
    await postManualEntry({ input: entry(today), actor: manager });
    expect(await db.journalEntry.count()).toBe(before + 1);
  });

  it('lets an admin post behind lock_date but not behind lock_date_all', async () => {
    await setLocks(yesterday, null);
    const posted = await postManualEntry({ input: entry(lastWeek), actor: admin });
    const row = await db.journalEntry.findUniqueOrThrow({ where: { id: posted.id } });
    // Dated last week: the start of that day in the shop's zone (UTC).
    expect(row.postedAt.toISOString()).toBe(`${lastWeek}T00:00:00.000Z`);
    await setLocks(yesterday, lastWeek);
    const err = await failure(postManualEntry({ input: entry(lastWeek), actor: admin }));
    expect(err).toMatchObject({ code: 'PERIOD_LOCKED', details: { lock_date: lastWeek } });
    // For a manager the later of the two holds: yesterday.
    expect((await failure(postManualEntry({ input: entry(yesterday), actor: manager }))).details).toEqual({
      lock_date: yesterday,
    });
    // The admin may still post yesterday (only lock_date_all = last week holds admins).
    await postManualEntry({ input: entry(yesterday), actor: admin });
  });

  it('refuses a back-dated receipt, and writes no receipt, movement or stock', async () => {
    await setLocks(yesterday, null);
    const receipts = await db.receipt.count();
    const movements = await db.stockMovement.count();
    const err = await failure(
      receiveStock({
        input: {
          location: 'MAIN',
          received_on: lastWeek,
          lines: [{ sku: 'LOCK-1', quantity: 5, unit_cost: 400 }],
        },
        actor: manager,
      }),
    );
    expect(err).toMatchObject({ code: 'PERIOD_LOCKED', status: 409, details: { lock_date: yesterday } });
    expect(await db.receipt.count()).toBe(receipts);
    expect(await db.stockMovement.count()).toBe(movements);
    // The same receipt dated today goes through: Dr Inventory 5 × 400 = 2,000.
    const ok = await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'LOCK-1', quantity: 5, unit_cost: 400 }] },
      actor: manager,
    });
    expect(ok.total_cost).toBe(2_000);
  });

  it('refuses a date after today (422 naming the field)', async () => {
    const err = await failure(postManualEntry({ input: entry(addDays(today, 2)), actor: manager }));
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'date' }] });
  });

  it('holds API keys to both dates', async () => {
    await setLocks(yesterday, null);
    const res = await entriesRoute.POST(
      apiRequest('/api/v1/ledger/journal-entries', { method: 'POST', key: postKey, body: entry(yesterday) }),
      routeContext(),
    );
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({
      code: 'PERIOD_LOCKED',
      details: { lock_date: yesterday },
    });
  });

  it('PATCH /api/v1/settings sets and clears the lock dates', async () => {
    const patch = (body: unknown) =>
      settingsRoute.PATCH(
        apiRequest('/api/v1/settings', { method: 'PATCH', key: settingsKey, body }),
        routeContext(),
      );
    let res = await patch({ lock_date: '2026-06-30', lock_date_all: '2026-03-31' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ lock_date: '2026-06-30', lock_date_all: '2026-03-31' });
    res = await patch({ lock_date: null });
    expect(await res.json()).toMatchObject({ lock_date: null, lock_date_all: '2026-03-31' });
    res = await patch({ lock_date_all: '2026-02-30' });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].field).toBe('lock_date_all');
    expect((await shopSettings()).lock_date_all).toBe('2026-03-31');
  });
});

describe('POST /api/v1/ledger/journal-entries', () => {
  const post = (body: unknown, key = postKey) =>
    entriesRoute.POST(
      apiRequest('/api/v1/ledger/journal-entries', { method: 'POST', key, body }),
      routeContext(),
    );

  it('posts a dated manual entry and answers it as the journal shows it', async () => {
    const res = await post(entry(yesterday));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({
      memo: 'Accrued rent',
      source_type: 'manual',
      posted_at: `${yesterday}T00:00:00.000Z`,
      lines: [
        { account_code: '5300', debit: 12_000, credit: 0 },
        { account_code: '2000', debit: 0, credit: 12_000 },
      ],
    });
    expect(await db.auditLog.count({ where: { action: 'journal_entry.posted', entityId: body.id } })).toBe(1);
  });

  it('refuses an unbalanced entry with 422 naming lines, and a missing date naming date', async () => {
    let res = await post({
      date: today,
      memo: 'Off by one',
      lines: [
        { account: '5300', debit: 1_001 },
        { account: '2000', credit: 1_000 },
      ],
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details).toEqual([
      { field: 'lines', message: 'debits 1001 ≠ credits 1000' },
    ]);
    res = await post({ memo: 'No date', lines: entry(today).lines });
    expect(res.status).toBe(422);
    expect((await res.json()).error.details[0].field).toBe('date');
  });

  it('needs the ledger:write scope', async () => {
    const res = await post(entry(today), settingsKey);
    expect(res.status).toBe(403);
  });
});
