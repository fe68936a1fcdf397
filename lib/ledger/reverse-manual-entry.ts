import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { reverseJournalEntry } from '@/lib/ledger/post-entry';

/**
 * Reverses a manual entry. Entries posted by events (receipts, shipments, …) are corrected through
 * those events, never by hand, so the books keep matching the stock.
 */
export async function reverseManualEntry(options: { entryId: string; reason: string; actor: Actor }) {
  return db.$transaction(async (tx) => {
    const entry = await tx.journalEntry.findUnique({
      where: { id: options.entryId },
      select: { id: true, number: true, sourceType: true },
    });
    if (!entry) throw new AppError('NOT_FOUND', 'That journal entry does not exist.');
    if (entry.sourceType !== 'manual')
      throw new AppError(
        'INVALID_STATE',
        `Entry #${entry.number} was posted by a ${entry.sourceType}; correct it through ` +
          `that ${entry.sourceType} instead.`,
      );
    const reversal = await reverseJournalEntry(tx, {
      entryId: entry.id,
      memo: `Reversal of #${entry.number}: ${options.reason}`,
      actor: options.actor,
    });
    await audit(tx, {
      actor: options.actor,
      action: 'journal_entry.reversed',
      entityType: 'journal_entry',
      entityId: entry.id,
      after: { reversal_number: reversal.number, reason: options.reason },
    });
    return reversal;
  });
}
