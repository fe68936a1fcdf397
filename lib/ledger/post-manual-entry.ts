import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { journalEntries } from '@/lib/ledger/queries';
import { ZManualEntryInput, type TManualEntryInput } from '@/lib/ledger/schemas';

/** A manager's manual journal entry (accruals, owner contributions, corrections). Must balance. */
export async function postManualEntry(options: { input: TManualEntryInput; actor: Actor }, tx?: Tx) {
  const input = ZManualEntryInput.parse(options.input);
  const run = async (tx: Tx) => {
    const entry = await postJournalEntry(tx, {
      postedAt: await entryInstant(tx, input.date, 'date'),
      memo: input.memo,
      source: { type: 'manual' },
      actor: options.actor,
      lines: input.lines,
    });
    if (!entry) {
      throw new AppError('VALIDATION_FAILED', 'Every line is zero', [
        { field: 'lines', message: 'Enter at least one amount' },
      ]);
    }
    await audit(tx, {
      actor: options.actor,
      action: 'journal_entry.posted',
      entityType: 'journal_entry',
      entityId: entry.id,
      after: { number: entry.number, ...input },
    });
    return entry;
  };
  return tx ? run(tx) : db.$transaction(run);
}

/** The API's answer for a posted manual entry: the entry as the journal shows it. */
export async function postManualEntryApi(options: { input: TManualEntryInput; actor: Actor }, tx: Tx) {
  const entry = await postManualEntry(options, tx);
  const [dto] = await journalEntries({ limit: 1, beforeNumber: entry.number + 1 }, tx);
  return dto;
}
