import 'server-only';
import { db, type Tx } from '@/lib/db';
import { shopSettings } from '@/lib/settings/queries';
import { addDays } from '@/lib/dates';
import {
  readBankStatement,
  ZBankStatementInput,
  type BankLine,
  type TBankStatementInput,
} from '@/lib/ledger/payout-report';

export type BankMatch = BankLine & {
  status: 'matched' | 'unmatched' | 'not_a_deposit';
  payout: { reference: string; paid_on: string; source: string; bank_confirmed_on: string | null } | null;
};
export type BankStatementPreview = {
  currency: string;
  lines: BankMatch[];
  matched: number;
  unmatched: number;
};

/** A deposit may reach the bank up to this many days after the processor's payout date. */
export const BANK_DAYS_AFTER_PAYOUT = 5;

/**
 * Matches a bank statement's deposits to recorded payouts (decision 043): same amount in the shop's
 * currency, bank date from the payout day to BANK_DAYS_AFTER_PAYOUT days after it, each payout used
 * once (the nearest date first). Money out is not a payout. Reads only: the payout already posted
 * Dr Bank; this shows which payouts the bank confirms and which deposits have no payout
 * (confirmBankStatement records the confirmation).
 */
export async function matchBankStatement(
  input: TBankStatementInput,
  tx: Tx = db,
): Promise<BankStatementPreview> {
  const { currency } = await shopSettings(tx);
  const lines = readBankStatement(ZBankStatementInput.parse(input), currency);
  const dates = lines.map((l) => l.date).sort();
  const payouts = lines.length
    ? await tx.payout.findMany({
        where: {
          paidOn: {
            gte: new Date(`${addDays(dates[0], -BANK_DAYS_AFTER_PAYOUT)}T00:00:00Z`),
            lte: new Date(`${dates[dates.length - 1]}T00:00:00Z`),
          },
        },
        select: {
          id: true,
          reference: true,
          paidOn: true,
          bankAmount: true,
          source: true,
          bankConfirmedOn: true,
        },
        orderBy: { paidOn: 'asc' },
      })
    : [];
  const used = new Set<string>();
  const out: BankMatch[] = lines.map((l) => {
    if (l.amount <= 0) return { ...l, status: 'not_a_deposit', payout: null };
    const candidates = payouts
      .filter((p) => !used.has(p.id) && Number(p.bankAmount) === l.amount)
      .map((p) => ({ p, day: p.paidOn.toISOString().slice(0, 10) }))
      .filter(({ day }) => day <= l.date && addDays(day, BANK_DAYS_AFTER_PAYOUT) >= l.date)
      .sort((a, b) => b.day.localeCompare(a.day));
    const hit = candidates[0];
    if (!hit) return { ...l, status: 'unmatched', payout: null };
    used.add(hit.p.id);
    return {
      ...l,
      status: 'matched',
      payout: {
        reference: hit.p.reference,
        paid_on: hit.day,
        source: hit.p.source,
        bank_confirmed_on: hit.p.bankConfirmedOn?.toISOString().slice(0, 10) ?? null,
      },
    };
  });
  return {
    currency,
    lines: out,
    matched: out.filter((l) => l.status === 'matched').length,
    unmatched: out.filter((l) => l.status === 'unmatched').length,
  };
}
