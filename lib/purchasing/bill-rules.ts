import { stateMachine, statusLabels } from '@/lib/state-machine';
import { share, toDecimalString } from '@/lib/money';

export const SUPPLIER_BILL_STATUSES = [
  'awaiting_approval',
  'posted',
  'partially_paid',
  'paid',
  'rejected',
] as const;
export type SupplierBillStatus = (typeof SUPPLIER_BILL_STATUSES)[number];

export const SUPPLIER_BILL_STATUS_LABEL = statusLabels(SUPPLIER_BILL_STATUSES);

/**
 * The moves of a supplier bill (decision 034). A bill whose three-way match is within the supplier's
 * tolerance is posted when entered; otherwise it waits, and only a manager or admin may
 * - approve: post it as billed (the difference goes to purchase price variance), or
 * - reject: set it aside (nothing was posted; the PO lines' billed quantities are given back).
 * - pay: Dr Accounts payable / Cr Bank, with the realized exchange difference when the rate moved;
 *   a payment of part of the open amount is `pay_part` (decision 041), the one that settles it `pay`.
 */
export const SUPPLIER_BILL_TRANSITIONS = {
  approve: { from: ['awaiting_approval'], to: 'posted' },
  reject: { from: ['awaiting_approval'], to: 'rejected' },
  pay_part: { from: ['posted', 'partially_paid'], to: 'partially_paid' },
  pay: { from: ['posted', 'partially_paid'], to: 'paid' },
} as const satisfies Record<string, { from: readonly SupplierBillStatus[]; to: SupplierBillStatus }>;
export type SupplierBillMove = keyof typeof SUPPLIER_BILL_TRANSITIONS;

const billMachine = stateMachine<SupplierBillStatus, typeof SUPPLIER_BILL_TRANSITIONS>(
  SUPPLIER_BILL_TRANSITIONS,
  { noun: 'a bill', label: (s) => SUPPLIER_BILL_STATUS_LABEL[s].toLowerCase(), allowed: 'only when' },
);
export const canMoveBill = billMachine.can;
export const assertBillMove = billMachine.assert;

/** A bill label as people write it: BILL-7. */
export const billLabel = (number: number) => `BILL-${number}`;

export type BillLineMatchInput = {
  sku: string;
  /** ordered − cancelled */
  ordered: number;
  received: number;
  /** units earlier bills (not rejected) already took from the line */
  previouslyBilled: number;
  /** this bill's quantity and unit cost, minor units of the PO's currency */
  quantity: number;
  unitCost: number;
  /** the PO line's unit cost */
  poUnitCost: number;
  tolerancePct: number;
  /** the PO's currency, to write amounts in the findings (default USD) */
  currency?: string;
};

/**
 * The three-way match of one bill line (ordered, received, billed). It is within tolerance when
 * - every billed unit has arrived: previously billed + quantity ≤ received, and
 * - |quantity × unit cost − quantity × PO unit cost| × 100 ≤ quantity × PO unit cost × tolerance %.
 * Billing more than was ordered, more than arrived, or beyond the price tolerance is an issue: the
 * bill then waits for a manager. Example at 2 %: 10 × 5.10 against 10 × 5.00 → 1.00 over 50.00 =
 * 2.0 % → within; 10 × 5.11 → 2.2 % → waits.
 */
export function matchBillLine(l: BillLineMatchInput): { issues: string[]; expected: number; amount: number } {
  const expected = l.quantity * l.poUnitCost;
  const amount = l.quantity * l.unitCost;
  const issues: string[] = [];
  if (l.previouslyBilled + l.quantity > l.ordered)
    issues.push(`${l.sku}: billed ${l.previouslyBilled + l.quantity} in total but ${l.ordered} ordered`);
  else if (l.previouslyBilled + l.quantity > l.received)
    issues.push(`${l.sku}: billed ${l.previouslyBilled + l.quantity} in total but ${l.received} received`);
  if (Math.abs(amount - expected) * 100 > expected * l.tolerancePct)
    issues.push(
      `${l.sku}: billed ${toDecimalString(amount, l.currency ?? 'USD')} ` +
        `against ${toDecimalString(expected, l.currency ?? 'USD')} at the PO ` +
        `cost (more than ${l.tolerancePct} % apart)`,
    );
  return { issues, expected, amount };
}

/**
 * The GRNI a bill line clears, in the shop's currency. Units already received and not yet billed
 * take their share of what receipts credited and bills have not cleared (the last such unit takes
 * the rest, so a fully billed line leaves GRNI at exactly zero); units billed before they arrive
 * (an approved over-bill) are debited at the PO cost converted at the bill's rate
 * (`excessUnitBase`), which the later receipt's credit then clears.
 */
export function grniForBillLine(l: {
  received: number;
  previouslyBilled: number;
  receivedValue: number;
  grniCleared: number;
  quantity: number;
  excessUnitBase: number;
}): number {
  const unbilled = Math.max(0, l.received - l.previouslyBilled);
  const covered = Math.min(l.quantity, unbilled);
  const open = l.receivedValue - l.grniCleared;
  const coveredValue = covered === unbilled ? open : share(open, covered, unbilled);
  return coveredValue + (l.quantity - covered) * l.excessUnitBase;
}

/**
 * Days to pay from a supplier's payment terms text: the first number in it ("Net 30" → 30,
 * "60 days EOM" → 60); no number ("Due on receipt", none) → 0, due on the bill date.
 */
export function paymentTermsDays(terms: string | null | undefined): number {
  const m = /(\d{1,3})/.exec(terms ?? '');
  return m ? Number(m[1]) : 0;
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const AGING_BUCKETS = ['current', 'days_1_30', 'days_31_60', 'days_61_90', 'over_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const AGING_BUCKET_LABEL: Record<AgingBucket, string> = {
  current: 'Current',
  days_1_30: '1–30',
  days_31_60: '31–60',
  days_61_90: '61–90',
  over_90: '> 90',
};

/** The aging bucket of an open bill by days past its due date (0 or less: current). */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'days_1_30';
  if (daysPastDue <= 60) return 'days_31_60';
  if (daysPastDue <= 90) return 'days_61_90';
  return 'over_90';
}

/** Statuses of a bill that is owed (in AP aging, payable). */
export const OPEN_BILL_STATUSES = [
  'posted',
  'partially_paid',
] as const satisfies readonly SupplierBillStatus[];

/**
 * The part of a bill's carrying amount (its payable in the shop's currency, `baseTotal`) a payment of
 * `amount` (bill currency) clears (decision 041): its share baseTotal × amount ÷ total, rounded half
 * up; the payment that settles the bill takes what is left, so the payments' carrying parts sum to
 * exactly baseTotal and AP is left at zero. Example: 100.00 EUR posted at 1.10 (11,000 US cents),
 * 40.00 EUR paid → 11,000 × 4,000 ÷ 10,000 = 4,400; the last 60.00 → 11,000 − 4,400 = 6,600.
 */
export function paymentCarrying(b: {
  total: number;
  baseTotal: number;
  amountPaid: number;
  carryingPaid: number;
  amount: number;
}): { carrying: number; settles: boolean } {
  const settles = b.amountPaid + b.amount >= b.total;
  return {
    carrying: settles ? b.baseTotal - b.carryingPaid : share(b.baseTotal, b.amount, b.total),
    settles,
  };
}

/** What is still owed on a bill in its own currency and at its carrying amount (shop currency). */
export function billOpen(b: {
  total: number;
  baseTotal: number | null;
  amountPaid: number;
  carryingPaid: number;
}) {
  return { amount: b.total - b.amountPaid, carrying: (b.baseTotal ?? 0) - b.carryingPaid };
}
