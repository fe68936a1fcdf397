import 'server-only';
import { db, type Tx } from '@/lib/db';
import { auditReturn } from '@/lib/returns/audit-return';
import type { Actor } from '@/lib/auth/actor';
import { customerOf, lockReturn } from '@/lib/returns/lock-return';
import { issueReturnLabel } from '@/lib/returns/issue-return-label';
import { notifyCustomer } from '@/lib/returns/notify';
import { nextReturnStatus } from '@/lib/returns/rules';
import { returnDetail, type ReturnDto } from '@/lib/returns/queries';
import { signedReturnLabelUrl } from '@/lib/returns/label-link';
import { ZApproveReturnInput, type TApproveReturnInput } from '@/lib/returns/schemas';

/**
 * Approves a requested return: optionally buys a prepaid return label, and emails the customer the
 * approval with instructions (and the label link) — one transaction.
 */
export async function approveReturn(
  options: { returnId: string; input?: TApproveReturnInput; actor: Actor },
  tx?: Tx,
): Promise<ReturnDto> {
  const input = ZApproveReturnInput.parse(options.input ?? {});
  const run = async (t: Tx) => {
    const r = await lockReturn(t, options.returnId);
    const status = nextReturnStatus(r.status, 'approve');
    await t.return.update({
      where: { id: r.id },
      data: { status, approvedAt: new Date(), customerMessage: input.message ?? null },
      select: { id: true },
    });
    const label = input.issue_label
      ? await issueReturnLabel(t, { id: r.id, number: r.number, orderId: r.orderId }, options.actor)
      : null;
    const customer = await customerOf(t, r.orderId);
    const lines = await t.returnLine.findMany({
      where: { returnId: r.id },
      select: { sku: true, quantity: true, orderLine: { select: { name: true } } },
      orderBy: { orderLineId: 'asc' },
    });
    await notifyCustomer(t, {
      template: 'return_approved',
      to: customer.email,
      orderId: r.orderId,
      returnId: r.id,
      ticketId: r.ticketId,
      dedupeKey: `return:${r.id}:approved`,
      data: {
        customer_name: customer.name,
        order_number: customer.orderNumber,
        return_number: r.number,
        message: input.message ?? null,
        lines: lines.map((l) => ({ sku: l.sku, name: l.orderLine.name, quantity: l.quantity })),
        label_url: label ? signedReturnLabelUrl(r.id) : null,
        tracking_number: label?.tracking_number ?? null,
        carrier: label?.carrier ?? null,
      },
    });
    await auditReturn(t, {
      actor: options.actor,
      action: 'return.approved',
      return: r,
      status,
      details: {
        message: input.message ?? null,
        label,
      },
    });
    return (await returnDetail(r.id, t))!;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
