import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { checkTicketLink } from '@/lib/support/check-ticket-link';
import { lockOrder } from '@/lib/orders/lock-order';
import type { RefundDto } from '@/lib/refunds/queries';
import { ZGoodwillRefundInput, type TGoodwillRefundInput } from '@/lib/refunds/schemas';
import { createRefund } from '@/lib/refunds/create-refund';

/**
 * A refund without a return ("goodwill": a late parcel, a scuffed box), with a reason. All of it is
 * a price concession (Dr Sales returns / Cr clearing; no tax part — docs/decisions/012). Same caps,
 * approval and idempotency as every refund.
 */
export async function createGoodwillRefund(
  options: { input: TGoodwillRefundInput; actor: Actor; idempotencyKey?: string | null },
  tx?: Tx,
): Promise<RefundDto & { replayed: boolean }> {
  const input = ZGoodwillRefundInput.parse(options.input);
  const run = async (t: Tx) => {
    const order = await lockOrder(t, input.order_id);
    await checkTicketLink(t, { ticketId: input.ticket_id, orderId: order.id });
    const { refund, replayed } = await createRefund(
      t,
      order,
      {
        kind: 'goodwill',
        goods: input.amount,
        tax: 0,
        shipping: 0,
        fee: 0,
        lines: [],
        reason: input.reason,
        ticketId: input.ticket_id ?? null,
        idempotencyKey: options.idempotencyKey,
      },
      options.actor,
    );
    return { ...refund, replayed };
  };
  return tx ? run(tx) : db.$transaction(run);
}
