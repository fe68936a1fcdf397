import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { endOfDayIn } from '@/lib/dates';
import { shopSettings } from '@/lib/settings/queries';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { accountBalance } from '@/lib/ledger/queries';
import type { PayoutPreview } from '@/lib/ledger/payout-match';
import { prismaOrderBy, sortSpec, type ListSort } from '@/lib/list/sort';

type PayoutFigures = Pick<
  PayoutPreview,
  'reference' | 'currency' | 'paid_on' | 'net' | 'expected' | 'residual' | 'matched' | 'unmatched'
>;

export type PayoutImportRow = { id: string; format: string } & PayoutFigures & {
    imported_by: string;
    imported_at: string;
  };

/** What an import says of its payout, as the list and an import's result both show it. */
export const PAYOUT_FIGURES_SELECT = {
  reference: true,
  currency: true,
  paidOn: true,
  net: true,
  expected: true,
  residual: true,
  matchedCount: true,
  unmatchedCount: true,
} satisfies Prisma.PayoutImportSelect;

export function payoutFigures(
  r: Prisma.PayoutImportGetPayload<{ select: typeof PAYOUT_FIGURES_SELECT }>,
): PayoutFigures {
  return {
    reference: r.reference,
    currency: r.currency,
    paid_on: r.paidOn.toISOString().slice(0, 10),
    net: Number(r.net),
    expected: Number(r.expected),
    residual: Number(r.residual),
    matched: r.matchedCount,
    unmatched: r.unmatchedCount,
  };
}

const SELECT = {
  id: true,
  format: true,
  ...PAYOUT_FIGURES_SELECT,
  actorLabel: true,
  createdAt: true,
} satisfies Prisma.PayoutImportSelect;

type PayoutImportSelected = Prisma.PayoutImportGetPayload<{ select: typeof SELECT }>;

function dto(r: PayoutImportSelected): PayoutImportRow {
  return {
    id: r.id,
    format: r.format,
    ...payoutFigures(r),
    imported_by: r.actorLabel,
    imported_at: r.createdAt.toISOString(),
  };
}

/**
 * The imported payouts list's header sort: the newest payout first by default, or by net or by
 * difference (the residual, signed: short payouts are negative), either way. The latest paid, then the
 * latest imported, breaks ties. Not paged: the first `limit` (100) in the sort's order.
 */
export const PAYOUT_IMPORT_SORT = sortSpec(['paid', 'net', 'difference'], { id: 'paid', desc: true });
export type PayoutImportSort = ListSort<(typeof PAYOUT_IMPORT_SORT.columns)[number]>;

/** The imported payout reports, newest payout first unless `sort` says otherwise. */
export async function payoutImports(
  input: { limit?: number; sort?: PayoutImportSort } = {},
  tx: Tx = db,
): Promise<PayoutImportRow[]> {
  const rows = await tx.payoutImport.findMany({
    select: SELECT,
    orderBy: prismaOrderBy(
      input.sort ?? PAYOUT_IMPORT_SORT.default,
      { paid: 'paidOn', net: 'net', difference: 'residual' },
      [{ paidOn: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    ),
    take: input.limit ?? 100,
  });
  return rows.map(dto);
}

export type ClearingDifferencesReport = {
  currency: string;
  from: string;
  to: string;
  /** The imports paid out in [from, to] with a residual. */
  imports: PayoutImportRow[];
  /** Σ residual of those imports. */
  total_residual: number;
  /** Balance of 1090 (debit − credit) at the end of `to`: −Σ residuals not yet cleared by hand. */
  account_balance: number;
};

/**
 * The clearing-differences report (decision 043): every payout import of the range whose net
 * differed from what the books carried, and the balance of 1090 Processor clearing differences, which
 * an accountant clears by manual entry once each difference is explained.
 */
export async function clearingDifferences(
  input: { from: string; to: string },
  tx: Tx = db,
): Promise<ClearingDifferencesReport> {
  const { currency, timezone } = await shopSettings(tx);
  const rows = await tx.payoutImport.findMany({
    where: {
      paidOn: { gte: new Date(`${input.from}T00:00:00Z`), lte: new Date(`${input.to}T00:00:00Z`) },
      residual: { not: 0n },
    },
    select: SELECT,
    orderBy: { paidOn: 'asc' },
  });
  const imports = rows.map(dto);
  return {
    currency,
    from: input.from,
    to: input.to,
    imports,
    total_residual: imports.reduce((s, i) => s + i.residual, 0),
    account_balance: await accountBalance(ACCOUNTS.clearingDifferences, endOfDayIn(input.to, timezone), tx),
  };
}

export type BankCheckRow = {
  reference: string;
  source: string;
  paid_on: string;
  bank_amount: number;
  bank_confirmed_on: string | null;
  bank_description: string | null;
};

/** Payouts of the last days with what a bank statement confirmed of them (the Bank statement tab). */
export async function payoutBankChecks(
  input: { limit?: number } = {},
  tx: Tx = db,
): Promise<{ currency: string; rows: BankCheckRow[]; awaiting: number }> {
  const { currency } = await shopSettings(tx);
  const rows = await tx.payout.findMany({
    orderBy: [{ paidOn: 'desc' }, { createdAt: 'desc' }],
    take: input.limit ?? 50,
    select: {
      reference: true,
      source: true,
      paidOn: true,
      bankAmount: true,
      bankConfirmedOn: true,
      bankDescription: true,
    },
  });
  const awaiting = await tx.payout.count({ where: { bankConfirmedOn: null } });
  return {
    currency,
    awaiting,
    rows: rows.map((r) => ({
      reference: r.reference,
      source: r.source,
      paid_on: r.paidOn.toISOString().slice(0, 10),
      bank_amount: Number(r.bankAmount),
      bank_confirmed_on: r.bankConfirmedOn?.toISOString().slice(0, 10) ?? null,
      bank_description: r.bankDescription,
    })),
  };
}
