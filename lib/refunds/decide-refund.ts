import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockOrder } from '@/lib/orders/lock-order';
import { canMoveReturn, nextReturnStatus } from '@/lib/returns/rules';
import { refundDetail, type RefundDto } from '@/lib/refunds/queries';
import { postRefund } from '@/lib/refunds/post-refund';
import { isUuid } from '@/lib/boundary';
import { refundCap } from '@/lib/refunds/rules';

/**
 * A manager approves (issues) or declines a refund that waits above the support limit. Approval
 * checks the cap again under the order lock (money may have gone back meanwhile); declining
 * releases the units it held. The caller checks refunds:approve.
 */
export async function decideRefund(
  options: { refundId: string; approve: boolean; actor: Actor },
  tx?: Tx,
): Promise<RefundDto> {
  const run = async (t: Tx) => {
    if (!isUuid(options.refundId)) throw new AppError('NOT_FOUND', 'That refund does not exist.');
    const peek = await t.refund.findUnique({ where: { id: options.refundId }, select: { orderId: true } });
    if (!peek) throw new AppError('NOT_FOUND', 'That refund does not exist.');
    const order = await lockOrder(t, peek.orderId);
    const r = await t.refund.findUniqueOrThrow({
      where: { id: options.refundId },
      select: {
        id: true,
        number: true,
        status: true,
        amount: true,
        goodsAmount: true,
        taxAmount: true,
        shippingAmount: true,
        restockingFee: true,
        kind: true,
        returnId: true,
        ticketId: true,
        lines: true,
      },
    });
    if (r.status !== 'pending_approval')
      throw new AppError(
        'INVALID_STATE',
        `Refund #${r.number} is ${r.status.replace('_', ' ')}: only a refund awaiting approval can ` +
          `be approved or declined.`,
      );
    if (options.approve) {
      const o = await t.order.findUniqueOrThrow({ where: { id: order.id }, select: { amountPaid: true } });
      if (r.amount > refundCap({ amountPaid: o.amountPaid }))
        throw new AppError(
          'VALIDATION_FAILED',
          `Refund #${r.number} is more than order #${order.number} still has paid; decline it and issue a smaller one.`,
          [{ field: 'amount', message: 'More than was paid' }],
        );
      await t.refund.update({
        where: { id: r.id },
        data: { status: 'issued', issuedAt: new Date(), decidedBy: options.actor.label },
        select: { id: true },
      });
      await postRefund(
        t,
        order,
        {
          id: r.id,
          number: r.number,
          amount: r.amount,
          goods: r.goodsAmount,
          tax: r.taxAmount,
          shipping: r.shippingAmount,
          fee: r.restockingFee,
          kind: r.kind,
          returnId: r.returnId,
          ticketId: r.ticketId,
        },
        options.actor,
      );
      if (r.returnId) {
        const ret = await t.return.findUniqueOrThrow({ where: { id: r.returnId }, select: { status: true } });
        if (canMoveReturn(ret.status, 'refund'))
          await t.return.update({
            where: { id: r.returnId },
            data: { status: nextReturnStatus(ret.status, 'refund') },
            select: { id: true },
          });
      }
    } else {
      await t.refund.update({
        where: { id: r.id },
        data: { status: 'declined', decidedBy: options.actor.label },
        select: { id: true },
      });
      for (const l of (r.lines as { return_line_id: string; quantity: number }[]) ?? []) {
        await t.returnLine.update({
          where: { id: l.return_line_id },
          data: { quantityRefunded: { decrement: l.quantity } },
          select: { id: true },
        });
      }
    }
    await audit(t, {
      actor: options.actor,
      action: options.approve ? 'refund.approved' : 'refund.declined',
      entityType: 'refund',
      entityId: r.id,
      before: { status: r.status },
      after: {
        refund_id: r.id,
        number: r.number,
        order_id: order.id,
        return_id: r.returnId,
        ticket_id: r.ticketId,
        amount: r.amount,
        status: options.approve ? 'issued' : 'declined',
      },
    });
    const refund = (await refundDetail(r.id, t))!;
    if (options.approve) await recordEvent(t, { type: 'refund.issued', resourceId: r.id, data: refund });
    return refund;
  };
  return tx ? run(tx) : db.$transaction(run);
}
