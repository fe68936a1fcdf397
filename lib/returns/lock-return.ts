import 'server-only';
import type { Tx } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors';
import type { ReturnStatus } from '@/lib/returns/rules';
import { isUuid } from '@/lib/boundary';

export type LockedReturn = {
  id: string;
  number: number;
  orderId: string;
  ticketId: string | null;
  status: ReturnStatus;
};

/**
 * Locks a return for a change. The order row is locked first (every use case touching an order's
 * returns, refunds or stock takes the order lock first, so two of them never deadlock).
 */
export async function lockReturn(
  tx: Tx,
  id: string,
): Promise<LockedReturn & { order: { id: string; number: number } }> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'That return does not exist.');
  const [peek] = await tx.$queryRaw<
    { order_id: string }[]
  >`SELECT order_id::text FROM returns WHERE id = ${id}::uuid`;
  if (!peek) throw new AppError('NOT_FOUND', 'That return does not exist.');
  const [order] = await tx.$queryRaw<
    { id: string; number: number }[]
  >`SELECT id::text, number FROM orders WHERE id = ${peek.order_id}::uuid FOR UPDATE`;
  const [row] = await tx.$queryRaw<
    { id: string; number: number; order_id: string; ticket_id: string | null; status: ReturnStatus }[]
  >`
    SELECT id::text, number, order_id::text, ticket_id::text, status::text AS status FROM returns
      WHERE id = ${id}::uuid FOR UPDATE`;
  return {
    id: row.id,
    number: row.number,
    orderId: row.order_id,
    ticketId: row.ticket_id,
    status: row.status,
    order,
  };
}

/** The customer a return or refund notifies: the order's email and first name. */
export async function customerOf(tx: Tx, orderId: string) {
  const o = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      email: true,
      number: true,
      currency: true,
      customer: { select: { firstName: true, lastName: true } },
    },
  });
  return {
    email: o.email,
    name: o.customer.firstName || `${o.customer.firstName} ${o.customer.lastName}`.trim(),
    orderNumber: o.number,
    currency: o.currency,
  };
}

/** A return's lines in order-line order: the order receiving, inspecting and refunding pick units in. */
export function returnLinesOf<S extends Prisma.ReturnLineSelect>(t: Tx, returnId: string, select: S) {
  return t.returnLine.findMany({ where: { returnId }, orderBy: { orderLineId: 'asc' }, select });
}

/** The lines of a return that carry a requested SKU; a 422 on `field` when none does. */
export function linesOfSku<L extends { sku: string }>(
  lines: readonly L[],
  sku: string,
  r: { number: number },
  field: string,
): L[] {
  const candidates = lines.filter((l) => l.sku === sku);
  if (!candidates.length)
    throw new AppError('VALIDATION_FAILED', `${sku} is not on return #${r.number}`, [
      { field, message: 'Not on this return' },
    ]);
  return candidates;
}
