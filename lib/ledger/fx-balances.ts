import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { ForeignBalance } from '@/lib/ledger/fx';

/** Entries of the month-end revaluation and their reversals: never part of a carrying amount. */
export const REVALUATION_SOURCE = 'fx_revaluation';

/**
 * Open foreign-currency balances per balance-sheet account and currency, from the journal lines'
 * transaction amounts, posted before `before`: the own-currency balance and its carrying amount in
 * base (debit positive), revaluation entries left out so a carrying amount is always the historical
 * one (decision 035). Inventory (1200) is not a monetary item and is never revalued. Generic: any
 * account a foreign line touched (processor clearing, receivables, payables of supplier bills, …).
 */
export async function foreignBalances(
  q: { before: Date; account?: string; currency?: string },
  tx: Tx = db,
): Promise<ForeignBalance[]> {
  const rows = await tx.$queryRaw<{ account: string; currency: string; balance: bigint; carrying: bigint }[]>`
    SELECT a.code AS account, l.txn_currency::text AS currency,
           sum(l.txn_debit - l.txn_credit)::bigint AS balance, sum(l.debit - l.credit)::bigint AS carrying
    FROM journal_lines l
    JOIN journal_entries e ON e.id = l.entry_id
    JOIN accounts a ON a.id = l.account_id
    WHERE l.txn_currency IS NOT NULL AND e.posted_at < ${q.before}
      AND e.source_type <> ${REVALUATION_SOURCE}
      AND a.type IN ('asset', 'liability') AND a.code <> '1200'
      AND (${q.account ?? null}::text IS NULL OR a.code = ${q.account ?? null}::text)
      AND (${q.currency ?? null}::text IS NULL OR l.txn_currency = ${q.currency ?? null}::text)
    GROUP BY a.code, l.txn_currency
    HAVING sum(l.txn_debit - l.txn_credit) <> 0 OR sum(l.debit - l.credit) <> 0
    ORDER BY a.code, l.txn_currency`;
  return rows;
}

export type PayoutRow = {
  id: string;
  reference: string;
  source: string;
  date: string;
  currency: string;
  amount: number;
  bank_amount: number;
  carrying_amount: number;
  fx_difference: number;
  entry_number: number;
};

/** The latest payouts (the Payouts & FX screen), newest first. */
export async function payoutList(tx: Tx = db, limit = 100): Promise<PayoutRow[]> {
  return tx.$queryRaw<PayoutRow[]>`
    SELECT p.id::text, p.reference, p.source, to_char(p.paid_on, 'YYYY-MM-DD') AS date, trim(p.currency) AS currency,
           p.amount::float8::int AS amount, p.bank_amount::float8::int AS bank_amount,
           p.carrying_amount::float8::int AS carrying_amount, p.fx_difference::float8::int AS fx_difference,
           e.number AS entry_number
    FROM payouts p JOIN journal_entries e ON e.id = p.entry_id
    ORDER BY p.paid_on DESC, p.created_at DESC LIMIT ${limit}`;
}
