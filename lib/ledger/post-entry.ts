import 'server-only';
import type { Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { balancedLines, type EntryLine } from '@/lib/ledger/rules';
import { recordLedgerFacts } from '@/lib/kpi/ledger-facts';

type AccountRef = { id: string; code: string; active: boolean };
/**
 * Account ids by code, cached per process for a minute: every money event posts to the same few
 * accounts, and looking them up on every entry was a round trip per entry. An unknown code always
 * goes to the database, so a new account is found at once; clearAccountCache() after a change.
 */
let accountCache: { at: number; byCode: Map<string, AccountRef> } = { at: 0, byCode: new Map() };
export function clearAccountCache() {
  accountCache = { at: 0, byCode: new Map() };
}
async function accountsByCode(tx: Tx, codes: string[]): Promise<Map<string, AccountRef>> {
  if (Date.now() - accountCache.at > 60_000) accountCache = { at: Date.now(), byCode: new Map() };
  const missing = codes.filter((c) => !accountCache.byCode.has(c));
  if (missing.length) {
    const rows = await tx.account.findMany({
      where: { code: { in: missing } },
      select: { id: true, code: true, active: true },
    });
    for (const r of rows) accountCache.byCode.set(r.code, r);
  }
  return accountCache.byCode;
}

export type PostEntryInput = {
  memo: string;
  source: { type: string; id?: string | null };
  lines: EntryLine[];
  actor: Actor;
  postedAt?: Date;
  reversesEntryId?: string;
};

/** An entry's lines normalised and balanced, each with its account's id (accounts checked). */
export type PreparedLine = {
  account: string;
  accountId: string;
  debit: number;
  credit: number;
  memo?: string;
  txn?: EntryLine['txn'];
};

/**
 * Checks an entry without writing it: lines normalised and balanced (lib/ledger/rules.ts), every
 * account known and active. postJournalEntry writes what this returns; order intake
 * (lib/orders/take-order.ts) hands it to the database with the rest of the order.
 */
export async function prepareJournalLines(
  tx: Tx,
  input: Pick<PostEntryInput, 'lines'>,
): Promise<PreparedLine[]> {
  const lines = balancedLines(input.lines);
  if (lines.length === 0) return [];
  const codes = [...new Set(lines.map((l) => l.account))];
  const byCode = await accountsByCode(tx, codes);
  for (const code of codes) {
    const account = byCode.get(code);
    if (!account)
      throw new AppError('VALIDATION_FAILED', `Unknown account ${code}`, [
        { field: 'lines', message: `Unknown account ${code}` },
      ]);
    if (!account.active)
      throw new AppError('VALIDATION_FAILED', `Account ${code} is inactive`, [
        { field: 'lines', message: `Account ${code} is inactive` },
      ]);
  }
  return lines.map((l) => ({ ...l, accountId: byCode.get(l.account)!.id }));
}

/**
 * Writes one balanced journal entry. Always call it with the transaction client of the event it
 * records, so the entry exists exactly when the event does. Returns null when every line is zero.
 */
export async function postJournalEntry(
  tx: Tx,
  input: PostEntryInput,
): Promise<{ id: string; number: number } | null> {
  const lines = await prepareJournalLines(tx, input);
  if (lines.length === 0) return null;
  // One instant for the entry and its KPI facts (net sales, COGS), so the rollup day is the entry's day.
  const postedAt = input.postedAt ?? new Date();
  const entry = await tx.journalEntry.create({
    data: {
      memo: input.memo,
      sourceType: input.source.type,
      sourceId: input.source.id ?? null,
      reversesEntryId: input.reversesEntryId,
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      postedAt,
    },
    select: { id: true, number: true },
  });
  await tx.journalLine.createMany({
    data: lines.map((l) => ({
      entryId: entry.id,
      accountId: l.accountId,
      debit: l.debit,
      credit: l.credit,
      memo: l.memo,
      ...(l.txn
        ? { txnCurrency: l.txn.currency, txnDebit: BigInt(l.txn.debit), txnCredit: BigInt(l.txn.credit) }
        : {}),
    })),
  });
  await recordLedgerFacts(
    tx,
    { postedAt, sourceType: input.source.type, sourceId: input.source.id ?? null },
    lines,
  );
  return entry;
}

/** A journal line's amounts: base debit/credit and memo, and the line's own currency amounts when foreign. */
export const ENTRY_LINE_AMOUNTS_SELECT = {
  debit: true,
  credit: true,
  memo: true,
  txnCurrency: true,
  txnDebit: true,
  txnCredit: true,
} satisfies Prisma.JournalLineSelect;

/** Posts the mirror image of an entry (append-only ledger: this is how an entry is corrected). */
export async function reverseJournalEntry(
  tx: Tx,
  input: { entryId: string; memo: string; actor: Actor },
): Promise<{ id: string; number: number }> {
  const original = await tx.journalEntry.findUnique({
    where: { id: input.entryId },
    select: {
      id: true,
      number: true,
      reversedBy: { select: { id: true } },
      lines: {
        select: { ...ENTRY_LINE_AMOUNTS_SELECT, account: { select: { code: true } } },
      },
    },
  });
  if (!original) throw new AppError('NOT_FOUND', 'That journal entry does not exist.');
  if (original.reversedBy)
    throw new AppError('INVALID_STATE', `Entry #${original.number} has already been reversed.`);
  const entry = await postJournalEntry(tx, {
    memo: input.memo,
    source: { type: 'reversal', id: original.id },
    reversesEntryId: original.id,
    actor: input.actor,
    lines: original.lines.map((l) => ({
      account: l.account.code,
      debit: l.credit,
      credit: l.debit,
      memo: l.memo ?? undefined,
      // A foreign line is reversed in its own currency too, at the same base amounts (no FX effect).
      ...(l.txnCurrency
        ? { txn: { currency: l.txnCurrency, debit: Number(l.txnCredit), credit: Number(l.txnDebit) } }
        : {}),
    })),
  });
  return entry!;
}
