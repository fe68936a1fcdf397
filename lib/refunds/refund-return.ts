import 'server-only';
import { checkTicketLink } from '@/lib/support/check-ticket-link';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockReturn } from '@/lib/returns/lock-return';
import { canMoveReturn, nextReturnStatus } from '@/lib/returns/rules';
import { refundTotal, scaleRefund } from '@/lib/refunds/rules';
import { ZRefundReturnInput, type TRefundReturnInput } from '@/lib/refunds/schemas';
import { refundDetail, type RefundDto } from '@/lib/refunds/queries';
import { createRefund } from '@/lib/refunds/create-refund';
import { draftReturnRefund } from '@/lib/refunds/draft-return-refund';

/**
 * Refunds a return's received units (all not yet refunded, or the lines given): per line its price
 * less its share of the discount plus its share of the tax, minus the restocking fee its reason
 * carries (rules.RETURN_REASONS) unless waived, plus any shipping refund. `amount` asks for less
 * than that (a partial refund): every component is scaled to it. Caps, approval and posting are
 * createRefund's (create-refund.ts). An issued refund moves the return to refunded.
 */
export async function refundReturn(
  options: { returnId: string; input: TRefundReturnInput; actor: Actor; idempotencyKey?: string | null },
  tx?: Tx,
): Promise<RefundDto & { replayed: boolean }> {
  const input = ZRefundReturnInput.parse(options.input);
  const run = async (t: Tx) => {
    const r = await lockReturn(t, options.returnId);
    if (options.idempotencyKey) {
      // A double click or a replayed form: the first refund, nothing new (checked under the order lock).
      const existing = await t.refund.findUnique({
        where: { idempotencyKey: options.idempotencyKey },
        select: { id: true, returnId: true },
      });
      if (existing) {
        if (existing.returnId !== r.id)
          throw new AppError('CONFLICT', 'This idempotency key was already used for another refund.');
        return { ...(await refundDetail(existing.id, t))!, replayed: true };
      }
    }
    if (!canMoveReturn(r.status, 'refund')) nextReturnStatus(r.status, 'refund');
    if (input.ticket_id) await checkTicketLink(t, { ticketId: input.ticket_id, orderId: r.order.id });
    const draft = await draftReturnRefund(t, r, input);
    if (input.amount !== undefined) {
      const total = refundTotal(draft);
      if (input.amount > total)
        throw new AppError(
          'VALIDATION_FAILED',
          `The returned units come to ${total}; a refund of ${input.amount} is more than that.`,
          [{ field: 'amount', message: `At most ${total} for these units` }],
        );
      Object.assign(draft, scaleRefund(draft, input.amount));
    }
    const { refund } = await createRefund(
      t,
      r.order,
      {
        ...draft,
        kind: 'return',
        returnId: r.id,
        ticketId: input.ticket_id ?? r.ticketId,
        reason: input.reason ?? null,
        idempotencyKey: options.idempotencyKey,
      },
      options.actor,
    );
    if (refund.status === 'issued') {
      await t.return.update({
        where: { id: r.id },
        data: { status: nextReturnStatus(r.status, 'refund') },
        select: { id: true },
      });
    }
    return { ...refund, replayed: false };
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
