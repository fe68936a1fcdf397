import 'server-only';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { draftReturnRefund } from '@/lib/refunds/draft-return-refund';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { z } from 'zod';
import type { TRefundListQuery, ZRefund } from '@/lib/refunds/schemas';
import { isUuid, zInt } from '@/lib/boundary';
import { decodeCursor, nextCursor } from '@/lib/cursor';
import { refundCap } from '@/lib/refunds/rules';

export type RefundDto = z.infer<typeof ZRefund>;

export const refundSelect = {
  id: true,
  number: true,
  orderId: true,
  returnId: true,
  ticketId: true,
  kind: true,
  status: true,
  currency: true,
  amount: true,
  goodsAmount: true,
  taxAmount: true,
  shippingAmount: true,
  restockingFee: true,
  reason: true,
  lines: true,
  requestedBy: true,
  decidedBy: true,
  issuedAt: true,
  createdAt: true,
  order: { select: { number: true } },
} satisfies Prisma.RefundSelect;
type RefundRow = Prisma.RefundGetPayload<{ select: typeof refundSelect }>;

export function refundDto(r: RefundRow): RefundDto {
  return {
    id: r.id,
    number: r.number,
    order_id: r.orderId,
    order_number: r.order.number,
    return_id: r.returnId,
    ticket_id: r.ticketId,
    kind: r.kind as RefundDto['kind'],
    status: r.status,
    currency: r.currency,
    amount: r.amount,
    goods_amount: r.goodsAmount,
    tax_amount: r.taxAmount,
    shipping_amount: r.shippingAmount,
    restocking_fee: r.restockingFee,
    reason: r.reason,
    lines: (r.lines as RefundDto['lines']) ?? [],
    requested_by: r.requestedBy,
    decided_by: r.decidedBy,
    issued_at: r.issuedAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  };
}

export async function refundDetail(id: string, tx: Tx = db): Promise<RefundDto | null> {
  if (!isUuid(id)) return null;
  const r = await tx.refund.findUnique({ where: { id }, select: refundSelect });
  return r ? refundDto(r) : null;
}

/** The refund list's cursor: the last number seen (a positive int4), signed. */
function numberCursor(cursor?: string): number | null {
  return cursor ? decodeCursor(cursor, zInt({ min: 1 })) : null;
}

/** The refunds list's header sort: by number either way (the number is the keyset; the cursor follows). */
export const REFUND_SORT = sortSpec(['refund'], { id: 'refund', desc: true });

export async function refundList(
  query: TRefundListQuery,
  tx: Tx = db,
  sort: ListSort<(typeof REFUND_SORT.columns)[number]> = REFUND_SORT.default,
): Promise<{ data: RefundDto[]; next_cursor: string | null }> {
  const before = numberCursor(query.cursor);
  const rows = await tx.refund.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.order_id ? { orderId: query.order_id } : {}),
      ...(query.return_id ? { returnId: query.return_id } : {}),
      ...(query.ticket_id ? { ticketId: query.ticket_id } : {}),
      ...(before !== null ? { number: sort.desc ? { lt: before } : { gt: before } } : {}),
    },
    orderBy: { number: sort.desc ? 'desc' : 'asc' },
    take: query.limit + 1,
    select: refundSelect,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map(refundDto),
    next_cursor: nextCursor(rows, query.limit, (last) => last.number),
  };
}

/** What an order can still give back: paid minus refunded minus what waits for approval, and shipping not refunded. */
export async function refundRoom(orderId: string, tx: Tx = db) {
  if (!isUuid(orderId)) return null;
  const o = await tx.order.findUnique({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      currency: true,
      amountPaid: true,
      shippingAmount: true,
      paymentStatus: true,
      email: true,
    },
  });
  if (!o) return null;
  const [r] = await tx.$queryRaw<{ pending: number; shipping: number }[]>`
    SELECT COALESCE(SUM(amount) FILTER (WHERE status = 'pending_approval'), 0)::int AS pending,
           COALESCE(SUM(shipping_amount) FILTER (WHERE status <> 'declined'), 0)::int AS shipping
    FROM refunds WHERE order_id = ${orderId}::uuid`;
  return {
    ...o,
    paidLeft: refundCap({ amountPaid: o.amountPaid, pending: r.pending }),
    pending: r.pending,
    shippingLeft: Math.max(o.shippingAmount - r.shipping, 0),
  };
}

/** The refund form's starting point: what the return's received, unrefunded units come to (null: nothing to refund). */
export async function returnRefundPreview(r: { id: string; number: number; orderId: string }, tx: Tx = db) {
  try {
    const draft = await draftReturnRefund(tx, r, {});
    return {
      goods: draft.goods,
      tax: draft.tax,
      fee: draft.fee,
      units: draft.lines.reduce((s, l) => s + l.quantity, 0),
    };
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
