import { AppError } from '@/lib/errors';

/** One line of a journal entry as the posting rules write it. */
export type EntryLine = {
  account: string;
  debit?: number;
  credit?: number;
  memo?: string;
  /** The line's own amount when in another currency than the shop's (lib/ledger/fx.ts convertEntry). */
  txn?: { currency: string; debit: number; credit: number };
};

export const dr = (account: string, amount: number, memo?: string): EntryLine =>
  amount >= 0 ? { account, debit: amount, memo } : { account, credit: -amount, memo };
export const cr = (account: string, amount: number, memo?: string): EntryLine =>
  amount >= 0 ? { account, credit: amount, memo } : { account, debit: -amount, memo };

/**
 * Normalises the lines of an entry: zero lines dropped (but a line whose base rounds to zero while it
 * moves a foreign amount is kept, or that foreign balance would stay open; decision 047), every amount
 * a non-negative integer of minor units on exactly one side, and Σ debits = Σ credits. An unbalanced
 * entry is a programming error in a posting rule (or bad manual input), never written.
 */
export function balancedLines(
  lines: EntryLine[],
): { account: string; debit: number; credit: number; memo?: string; txn?: EntryLine['txn'] }[] {
  const out = lines
    .map((l) => ({
      account: l.account,
      debit: l.debit ?? 0,
      credit: l.credit ?? 0,
      memo: l.memo,
      ...(l.txn ? { txn: l.txn } : {}),
    }))
    .filter((l) => l.debit !== 0 || l.credit !== 0 || (l.txn && (l.txn.debit !== 0 || l.txn.credit !== 0)));
  for (const l of out) {
    if (!Number.isSafeInteger(l.debit) || !Number.isSafeInteger(l.credit) || l.debit < 0 || l.credit < 0) {
      throw new AppError('VALIDATION_FAILED', 'Journal amounts must be non-negative whole minor units', [
        { field: 'lines', message: `account ${l.account}: ${l.debit}/${l.credit}` },
      ]);
    }
    if (l.debit > 0 && l.credit > 0)
      throw new AppError('VALIDATION_FAILED', 'A journal line is either a debit or a credit', [
        { field: 'lines', message: `account ${l.account}` },
      ]);
  }
  const debit = out.reduce((s, l) => s + l.debit, 0);
  const credit = out.reduce((s, l) => s + l.credit, 0);
  // Nothing moves in the shop's currency (a payment of one minor unit of a currency worth under half
  // a cent): no entry, whatever the foreign amounts; a zero-base line is kept only beside real ones.
  if (debit === 0 && credit === 0) return [];
  if (debit !== credit) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The entry does not balance: debits ${debit} ≠ credits ${credit}`,
      [{ field: 'lines', message: `debits ${debit} ≠ credits ${credit}` }],
    );
  }
  return out;
}

/**
 * A trial-balance row: an account's balance shown in the debit column when Σdebit ≥ Σcredit, else in
 * the credit column, so the columns' totals are equal exactly when the ledger balances.
 */
export function trialBalanceColumns(
  totalDebit: number,
  totalCredit: number,
): { debit: number; credit: number } {
  const balance = totalDebit - totalCredit;
  return balance >= 0 ? { debit: balance, credit: 0 } : { debit: 0, credit: -balance };
}
