import 'server-only';
import { db, type Tx } from '@/lib/db';
import { auditReturn } from '@/lib/returns/audit-return';
import type { Actor } from '@/lib/auth/actor';
import { customerOf, lockReturn } from '@/lib/returns/lock-return';
import { notifyCustomer } from '@/lib/returns/notify';
import { nextReturnStatus } from '@/lib/returns/rules';
import { returnDetail, type ReturnDto } from '@/lib/returns/queries';
import { ZRejectReturnInput, type TRejectReturnInput } from '@/lib/returns/schemas';

/** Rejects a requested return with a message to the customer; its units become returnable again. */
export async function rejectReturn(
  options: { returnId: string; input: TRejectReturnInput; actor: Actor },
  tx?: Tx,
): Promise<ReturnDto> {
  const input = ZRejectReturnInput.parse(options.input);
  const run = async (t: Tx) => {
    const r = await lockReturn(t, options.returnId);
    const status = nextReturnStatus(r.status, 'reject');
    await t.return.update({
      where: { id: r.id },
      data: { status, customerMessage: input.message, closedAt: new Date() },
      select: { id: true },
    });
    const customer = await customerOf(t, r.orderId);
    await notifyCustomer(t, {
      template: 'return_rejected',
      to: customer.email,
      orderId: r.orderId,
      returnId: r.id,
      ticketId: r.ticketId,
      dedupeKey: `return:${r.id}:rejected`,
      data: {
        customer_name: customer.name,
        order_number: customer.orderNumber,
        return_number: r.number,
        message: input.message,
      },
    });
    await auditReturn(t, {
      actor: options.actor,
      action: 'return.rejected',
      return: r,
      status,
      details: {
        message: input.message,
      },
    });
    return (await returnDetail(r.id, t))!;
  };
  return tx ? run(tx) : db.$transaction(run);
}
