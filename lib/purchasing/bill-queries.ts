import 'server-only';
import { prismaOrderBy, sortSpec, type ListSort } from '@/lib/list/sort';
import { db, type Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { isUuid } from '@/lib/boundary';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { poLabel } from './rules';
import {
  AGING_BUCKETS,
  OPEN_BILL_STATUSES,
  agingBucket,
  billLabel,
  billOpen,
  daysBetween,
  type AgingBucket,
  type SupplierBillStatus,
} from './bill-rules';
import type { TBillListQuery } from './bill-schemas';

export type SupplierBillDto = {
  id: string;
  number: number;
  label: string;
  status: SupplierBillStatus;
  purchase_order: { id: string; label: string };
  supplier: { id: string; name: string };
  supplier_reference: string;
  bill_date: string;
  due_date: string;
  currency: string;
  subtotal: number;
  input_tax: number;
  total: number;
  /** the rate the bill posted at (null in the shop's currency or before posting) */
  fx_rate: string | null;
  /** the payable in the shop's currency (its carrying amount), once posted */
  base_total: number | null;
  grni_value: number | null;
  /** purchase price variance posted (5400), shop currency */
  variance: number | null;
  /** the three-way match's findings; empty when within tolerance */
  match_issues: string[];
  lines: {
    sku: string;
    quantity: number;
    unit_cost: number;
    amount: number;
    ordered: number;
    received: number;
    previously_billed: number;
    grni_value: number | null;
  }[];
  approved_by: string | null;
  approved_at: string | null;
  /** the latest payment's day; payment_base and realized_fx are summed over the payments */
  paid_on: string | null;
  payment_base: number | null;
  realized_fx: number | null;
  /** paid so far and still open, in the bill's currency; the carrying amount paid and open (shop currency) */
  amount_paid: number;
  open_amount: number;
  carrying_paid: number;
  open_carrying: number;
  payments: {
    paid_on: string;
    amount: number;
    fx_rate: string | null;
    bank_amount: number;
    carrying: number;
    realized_fx: number;
  }[];
  created_by: string;
  created_at: string;
};

const billSelect = {
  id: true,
  number: true,
  status: true,
  supplierReference: true,
  billDate: true,
  dueDate: true,
  currency: true,
  subtotal: true,
  inputTax: true,
  total: true,
  fxRate: true,
  baseTotal: true,
  grniValue: true,
  variance: true,
  matchIssues: true,
  approvedBy: true,
  approvedAt: true,
  paidOn: true,
  paymentBase: true,
  realizedFx: true,
  amountPaid: true,
  carryingPaid: true,
  createdBy: true,
  createdAt: true,
  payments: {
    select: { paidOn: true, amount: true, fxRate: true, bankAmount: true, carrying: true, realizedFx: true },
    orderBy: [{ paidOn: 'asc' }, { createdAt: 'asc' }],
  },
  purchaseOrder: { select: { id: true, number: true } },
  supplier: { select: { id: true, name: true } },
  lines: {
    select: {
      sku: true,
      quantity: true,
      unitCost: true,
      ordered: true,
      received: true,
      previouslyBilled: true,
      grniValue: true,
    },
    orderBy: { sku: 'asc' },
  },
} satisfies Prisma.SupplierBillSelect;

type BillRow = Prisma.SupplierBillGetPayload<{ select: typeof billSelect }>;
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function billDto(b: BillRow): SupplierBillDto {
  const open = billOpen(b);
  return {
    id: b.id,
    number: b.number,
    label: billLabel(b.number),
    status: b.status,
    purchase_order: { id: b.purchaseOrder.id, label: poLabel(b.purchaseOrder.number) },
    supplier: b.supplier,
    supplier_reference: b.supplierReference,
    bill_date: day(b.billDate)!,
    due_date: day(b.dueDate)!,
    currency: b.currency,
    subtotal: b.subtotal,
    input_tax: b.inputTax,
    total: b.total,
    fx_rate: b.fxRate ? b.fxRate.toString() : null,
    base_total: b.baseTotal,
    grni_value: b.grniValue,
    variance: b.variance,
    match_issues: (b.matchIssues as string[]) ?? [],
    lines: b.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unit_cost: l.unitCost,
      amount: l.quantity * l.unitCost,
      ordered: l.ordered,
      received: l.received,
      previously_billed: l.previouslyBilled,
      grni_value: l.grniValue,
    })),
    approved_by: b.approvedBy,
    approved_at: b.approvedAt?.toISOString() ?? null,
    paid_on: day(b.paidOn),
    payment_base: b.paymentBase,
    realized_fx: b.realizedFx,
    amount_paid: b.amountPaid,
    open_amount: open.amount,
    carrying_paid: b.carryingPaid,
    open_carrying: open.carrying,
    payments: b.payments.map((p) => ({
      paid_on: day(p.paidOn)!,
      amount: p.amount,
      fx_rate: p.fxRate ? p.fxRate.toString() : null,
      bank_amount: p.bankAmount,
      carrying: p.carrying,
      realized_fx: p.realizedFx,
    })),
    created_by: b.createdBy,
    created_at: b.createdAt.toISOString(),
  };
}

export async function billDetail(id: string, tx: Tx = db): Promise<SupplierBillDto | null> {
  if (!isUuid(id)) return null;
  const row = await tx.supplierBill.findUnique({ where: { id }, select: billSelect });
  return row ? billDto(row) : null;
}

/** Bills, newest first (status, supplier, PO filters), at most `limit`. */
/** The bills list's header sort: the newest bill first by default. */
export const BILL_SORT = sortSpec(['number', 'supplier', 'due', 'total'], { id: 'number', desc: true });

export async function billList(
  query: TBillListQuery,
  tx: Tx = db,
  sort: ListSort<(typeof BILL_SORT.columns)[number]> = BILL_SORT.default,
): Promise<{ data: SupplierBillDto[] }> {
  const rows = await tx.supplierBill.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.supplier_id ? { supplierId: query.supplier_id } : {}),
      ...(query.purchase_order_id ? { purchaseOrderId: query.purchase_order_id } : {}),
    },
    select: billSelect,
    orderBy: prismaOrderBy(
      sort,
      { number: 'number', supplier: 'supplier.name', due: 'dueDate', total: 'total' },
      [{ number: 'desc' }],
    ),
    take: query.limit,
  });
  return { data: rows.map(billDto) };
}

export type ApAgingRow = {
  supplier: { id: string; name: string };
  buckets: Record<AgingBucket, number>;
  total: number;
  bills: { id: string; label: string; due_date: string; days_past_due: number; amount: number }[];
};
export type ApAging = {
  as_of: string;
  currency: string;
  suppliers: ApAgingRow[];
  totals: Record<AgingBucket, number> & { total: number };
};

/**
 * Accounts payable aging: every posted bill not paid in full by supplier, its open carrying amount
 * (carrying amount less what payments cleared, decision 041) in the shop's currency in the bucket of
 * its days past due on `as_of` (current, 1–30, 31–60, 61–90, > 90). Payments after `as_of` do not count,
 * so an aging of a past day shows what was owed then.
 * The total equals the bills' share of account 2000 (landed-cost charges are payables too, but not
 * bills: they are not in the aging).
 */
export async function apAging(query: { as_of?: string }, tx: Tx = db): Promise<ApAging> {
  const settings = await shopSettings(tx);
  const asOf = query.as_of ?? todayIn(settings.timezone);
  const asOfDate = new Date(`${asOf}T00:00:00Z`);
  const rows = await tx.supplierBill.findMany({
    where: {
      status: { in: [...OPEN_BILL_STATUSES, 'paid'] },
      billDate: { lte: asOfDate },
      OR: [{ status: { in: [...OPEN_BILL_STATUSES] } }, { paidOn: { gt: asOfDate } }],
    },
    select: {
      id: true,
      number: true,
      dueDate: true,
      baseTotal: true,
      payments: { where: { paidOn: { lte: asOfDate } }, select: { carrying: true } },
      supplier: { select: { id: true, name: true } },
    },
    orderBy: [{ dueDate: 'asc' }, { number: 'asc' }],
  });
  const empty = () => Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;
  const bySupplier = new Map<string, ApAgingRow>();
  const totals = { ...empty(), total: 0 };
  for (const r of rows) {
    const due = day(r.dueDate)!;
    const late = daysBetween(due, asOf);
    const bucket = agingBucket(late);
    // open on as_of: the carrying amount less what payments made by then cleared
    const amount = (r.baseTotal ?? 0) - r.payments.reduce((sum, p) => sum + p.carrying, 0);
    if (amount <= 0) continue;
    const row =
      bySupplier.get(r.supplier.id) ??
      bySupplier
        .set(r.supplier.id, { supplier: r.supplier, buckets: empty(), total: 0, bills: [] })
        .get(r.supplier.id)!;
    row.buckets[bucket] += amount;
    row.total += amount;
    row.bills.push({ id: r.id, label: billLabel(r.number), due_date: due, days_past_due: late, amount });
    totals[bucket] += amount;
    totals.total += amount;
  }
  return {
    as_of: asOf,
    currency: settings.currency,
    suppliers: [...bySupplier.values()].sort((a, b) => a.supplier.name.localeCompare(b.supplier.name)),
    totals,
  };
}
