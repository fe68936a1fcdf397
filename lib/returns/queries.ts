import 'server-only';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { allOn, db, type Tx } from '@/lib/db';
import { auditTimeline } from '@/lib/audit-log/queries';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AWAITING_RECEIPT_STATUSES } from '@/lib/returns/rules';
import type { TReturnListQuery } from '@/lib/returns/schemas';
import type { z } from 'zod';
import type { ZReturn, ZReturnLine, ZReturnRow } from '@/lib/returns/api-schemas';
import { refundDto, refundSelect } from '@/lib/refunds/queries';
import { isUuid, zInt } from '@/lib/boundary';
import { decodeCursor, nextCursor } from '@/lib/cursor';

export type ReturnLineDto = z.infer<typeof ZReturnLine>;
export type ReturnDto = z.infer<typeof ZReturn>;

export async function returnDetail(id: string, tx: Tx = db): Promise<ReturnDto | null> {
  if (!isUuid(id)) return null;
  const r = await tx.return.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      status: true,
      resolution: true,
      orderId: true,
      ticketId: true,
      note: true,
      customerMessage: true,
      labelCarrier: true,
      labelService: true,
      labelTrackingNumber: true,
      labelCost: true,
      actorLabel: true,
      createdAt: true,
      approvedAt: true,
      receivedAt: true,
      closedAt: true,
      order: {
        select: {
          number: true,
          email: true,
          currency: true,
          paymentStatus: true,
          amountPaid: true,
          customer: { select: { firstName: true, lastName: true } },
        },
      },
      exchangeOrder: { select: { id: true, number: true } },
      lines: {
        orderBy: { orderLineId: 'asc' },
        select: {
          id: true,
          orderLineId: true,
          sku: true,
          quantity: true,
          reason: true,
          quantityReceived: true,
          quantityRestocked: true,
          quantityDamaged: true,
          quantityScrapped: true,
          quantityRefunded: true,
          orderLine: { select: { name: true, unitPrice: true } },
        },
      },
      refunds: { orderBy: { number: 'asc' }, select: refundSelect },
    },
  });
  if (!r) return null;
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    resolution: r.resolution,
    order_id: r.orderId,
    order_number: r.order.number,
    order_payment_status: r.order.paymentStatus,
    amount_paid: r.order.amountPaid,
    ticket_id: r.ticketId,
    customer: {
      email: r.order.email,
      name: `${r.order.customer.firstName} ${r.order.customer.lastName}`.trim(),
    },
    currency: r.order.currency,
    note: r.note,
    customer_message: r.customerMessage,
    label: r.labelTrackingNumber
      ? {
          carrier: r.labelCarrier ?? '',
          service: r.labelService,
          tracking_number: r.labelTrackingNumber,
          cost: r.labelCost,
        }
      : null,
    exchange_order: r.exchangeOrder,
    created_by: r.actorLabel,
    created_at: r.createdAt.toISOString(),
    approved_at: r.approvedAt?.toISOString() ?? null,
    received_at: r.receivedAt?.toISOString() ?? null,
    closed_at: r.closedAt?.toISOString() ?? null,
    lines: r.lines.map((l) => ({
      id: l.id,
      order_line_id: l.orderLineId,
      sku: l.sku,
      name: l.orderLine.name,
      unit_price: l.orderLine.unitPrice,
      quantity: l.quantity,
      reason: l.reason,
      quantity_received: l.quantityReceived,
      quantity_restocked: l.quantityRestocked,
      quantity_damaged: l.quantityDamaged,
      quantity_scrapped: l.quantityScrapped,
      quantity_uninspected: l.quantityReceived - l.quantityRestocked - l.quantityDamaged - l.quantityScrapped,
      quantity_refunded: l.quantityRefunded,
    })),
    refunds: r.refunds.map(refundDto),
  };
}

export type ReturnRow = z.infer<typeof ZReturnRow>;

/** The return list's cursor: the last number seen (a positive int4), signed. */
function numberCursor(cursor?: string): number | null {
  return cursor ? decodeCursor(cursor, zInt({ min: 1 })) : null;
}

/** Returns, newest first, with filters; keyset pagination on the return number. */
/**
 * The stage filters of the returns list, and the one definition of the dashboard's "Returns awaiting
 * receipt" (its count and its drill-down, the receiving view, use this).
 */
export function returnStageWhere(stage: TReturnListQuery['stage']): Prisma.ReturnWhereInput {
  return stage === 'awaiting_receipt' ? { status: { in: [...AWAITING_RECEIPT_STATUSES] } } : {};
}

/** The returns list's header sort: by number either way (the number is the keyset; the cursor follows). */
export const RETURN_SORT = sortSpec(['return'], { id: 'return', desc: true });

export async function returnList(
  query: TReturnListQuery,
  tx: Tx = db,
  sort: ListSort<(typeof RETURN_SORT.columns)[number]> = RETURN_SORT.default,
): Promise<{ data: ReturnRow[]; next_cursor: string | null }> {
  const before = numberCursor(query.cursor);
  const q = query.q?.replace(/^#/, '');
  const where: Prisma.ReturnWhereInput = {
    ...returnStageWhere(query.stage),
    ...(query.status ? { status: query.status } : {}),
    ...(query.order_id ? { orderId: query.order_id } : {}),
    ...(query.ticket_id ? { ticketId: query.ticket_id } : {}),
    ...(before !== null ? { number: sort.desc ? { lt: before } : { gt: before } } : {}),
    ...(q
      ? /^\d+$/.test(q)
        ? { OR: [{ number: Number(q) }, { order: { number: Number(q) } }] }
        : {
            OR: [
              { order: { email: { contains: q.toLowerCase() } } },
              { lines: { some: { sku: { contains: q, mode: 'insensitive' } } } },
            ],
          }
      : {}),
  };
  const rows = await tx.return.findMany({
    where,
    orderBy: { number: sort.desc ? 'desc' : 'asc' },
    take: query.limit + 1,
    select: {
      id: true,
      number: true,
      status: true,
      resolution: true,
      orderId: true,
      ticketId: true,
      createdAt: true,
      order: {
        select: { number: true, email: true, customer: { select: { firstName: true, lastName: true } } },
      },
      lines: { select: { quantity: true, quantityReceived: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      resolution: r.resolution,
      order_id: r.orderId,
      order_number: r.order.number,
      customer: `${r.order.customer.firstName} ${r.order.customer.lastName}`.trim(),
      email: r.order.email,
      units: r.lines.reduce((s, l) => s + l.quantity, 0),
      units_received: r.lines.reduce((s, l) => s + l.quantityReceived, 0),
      ticket_id: r.ticketId,
      created_at: r.createdAt.toISOString(),
    })),
    next_cursor: nextCursor(rows, query.limit, (last) => last.number),
  };
}

/** A return's own steps and its refunds' steps, oldest first (audit rows). */
export async function returnTimeline(id: string, tx: Tx = db) {
  return auditTimeline(
    {
      OR: [
        { entityType: 'return', entityId: id },
        { entityType: 'refund', after: { path: ['return_id'], equals: id } },
      ],
    },
    tx,
  );
}

/** Returns and refunds of an order, for the order page. */
export async function orderReturnsSummary(orderId: string, tx: Tx = db) {
  const [returns, refunds] = await allOn(tx, [
    () =>
      tx.return.findMany({
        where: { orderId },
        orderBy: { number: 'asc' },
        select: { id: true, number: true, status: true, lines: { select: { quantity: true } } },
      }),
    () => tx.refund.findMany({ where: { orderId }, orderBy: { number: 'asc' }, select: refundSelect }),
  ]);
  return {
    returns: returns.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      units: r.lines.reduce((s, l) => s + l.quantity, 0),
    })),
    refunds: refunds.map(refundDto),
  };
}
