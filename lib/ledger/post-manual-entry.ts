import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { ZManualEntryInput, type TManualEntryInput } from '@/lib/ledger/schemas';

/** A manager's manual journal entry (accruals, owner contributions, corrections). Must balance. */
export async function postManualEntry(options: { input: TManualEntryInput; actor: Actor }) {
  const input = ZManualEntryInput.parse(options.input);
  return db.$transaction(async (tx) => {
    const entry = await postJournalEntry(tx, {
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
  });
}
