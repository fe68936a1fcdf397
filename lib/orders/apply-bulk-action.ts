import 'server-only';
import { db } from '@/lib/db';
import { AppError, toAppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { buyPackLabel } from '@/lib/fulfillment/buy-pack-label';
import { orderList } from '@/lib/orders/queries';
import { readListQuery } from '@/lib/orders/list-query';
import { STATUS_LABEL } from '@/lib/orders/labels';
import {
  BULK_ORDER_ACTIONS,
  BULK_STEP_SIZE,
  type BulkOrderAction,
  type BulkOrderResult,
  type BulkStepResult,
  type TBulkOrderStep,
} from '@/lib/orders/bulk-schemas';

async function applyOne(
  action: BulkOrderAction,
  orderId: string,
  reason: string | undefined,
  actor: Actor,
): Promise<{ number: number; status: string }> {
  switch (action) {
    case 'approve':
    case 'hold':
      return changeOrderStatus({ orderId, move: action, reason, actor });
    case 'cancel':
      return cancelOrder({ orderId, reason: reason ?? '', actor });
    case 'labels': {
      // The label of the order's packed parcel: an order not packed yet has nothing to label.
      const pack = await db.orderPack.findFirst({
        where: { orderId, status: 'packed' },
        orderBy: { createdAt: 'asc' },
        select: { id: true },
      });
      if (!pack)
        throw new AppError('INVALID_STATE', 'It is not packed yet: pack it before buying its label.');
      const label = await buyPackLabel({ packId: pack.id, actor });
      return { number: label.order_number, status: label.order_status };
    }
  }
}

/**
 * Runs one bulk action over the given orders, each through its own use case in its own transaction
 * (all-or-nothing per order): one held order refusing "approve" is reported for that order, and the
 * others go ahead. Failures name the order and say why.
 */
export async function applyBulkOrderAction(options: {
  action: BulkOrderAction;
  orderIds: readonly string[];
  reason?: string;
  actor: Actor;
}): Promise<BulkOrderResult[]> {
  const numbers = new Map(
    (
      await db.order.findMany({
        where: { id: { in: [...options.orderIds] } },
        select: { id: true, number: true },
      })
    ).map((o) => [o.id, o.number]),
  );
  const results: BulkOrderResult[] = [];
  for (const id of options.orderIds) {
    const number = numbers.get(id) ?? null;
    if (number === null) {
      results.push({
        order_id: id,
        number,
        ok: false,
        code: 'NOT_FOUND',
        message: 'That order does not exist.',
      });
      continue;
    }
    try {
      const done = await applyOne(options.action, id, options.reason, options.actor);
      results.push({
        order_id: id,
        number,
        ok: true,
        status: done.status,
        message: `${BULK_ORDER_ACTIONS[options.action].done}; now ${STATUS_LABEL[done.status] ?? done.status}`,
      });
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'INTERNAL') console.error('[bulk orders]', options.action, 'order', number, e);
      results.push({
        order_id: id,
        number,
        ok: false,
        code: err.code,
        message: err.code === 'INTERNAL' ? 'Something went wrong with this order.' : err.message,
      });
    }
  }
  return results;
}

/**
 * One step of a bulk action, as the screen sends it: the selected ids, or the next page of the orders
 * the list's filter matches (the filter travels, not the ids: keyset pages in placed order, so orders
 * the action takes out of the filter never make the next page skip any).
 */
export async function bulkOrderStep(
  step: TBulkOrderStep,
  options: { actor: Actor; timeZone: string },
): Promise<BulkStepResult> {
  let ids = step.ids ?? [];
  let next: string | null = null;
  if (!ids.length && step.filter !== undefined) {
    const { query } = readListQuery(new URLSearchParams(step.filter.replace(/^\?/, '')));
    const page = await orderList(
      { ...query, sort: 'placed_desc', cursor: step.cursor, limit: BULK_STEP_SIZE },
      options.timeZone,
    );
    ids = page.data.map((o) => o.id);
    next = page.next_cursor;
  }
  const results = await applyBulkOrderAction({
    action: step.action,
    orderIds: ids,
    reason: step.reason,
    actor: options.actor,
  });
  return { results, next_cursor: next };
}
