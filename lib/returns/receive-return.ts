import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { db, type Tx } from '@/lib/db';
import { auditReturn } from '@/lib/returns/audit-return';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { customerOf, linesOfSku, lockReturn, returnLinesOf } from '@/lib/returns/lock-return';
import { inspectUnits } from '@/lib/returns/inspect-return';
import { notifyCustomer } from '@/lib/returns/notify';
import { canReceive, nextReturnStatus, spreadQuantity, type Disposition } from '@/lib/returns/rules';
import { returnDetail, type ReturnDto } from '@/lib/returns/queries';
import { ZReceiveReturnInput, type TReceiveReturnInput } from '@/lib/returns/schemas';
import { recordReturnReceiptFacts, returnReceiptState } from '@/lib/kpi/facts';

/**
 * Receives units of an approved return at the warehouse (a scan per unit on the tablet, or the API):
 * never more than approved per line, partial receipts allowed (→ partially_received until the rest
 * arrives). Units given a condition are inspected at once (inspect-return.ts); the others wait for
 * inspection. The customer is told what arrived.
 */
export async function receiveReturn(
  options: { returnId: string; input: TReceiveReturnInput; actor: Actor },
  tx?: Tx,
): Promise<ReturnDto> {
  const input = ZReceiveReturnInput.parse(options.input);
  const run = async (t: Tx) => {
    const r = await lockReturn(t, options.returnId);
    if (!canReceive(r.status)) {
      throw new AppError(
        'INVALID_STATE',
        r.status === 'requested'
          ? `Return #${r.number} is not approved yet: approve it before receiving.`
          : `Return #${r.number} is ${r.status.replace('_', ' ')}: nothing more can be received.`,
        { status: r.status },
      );
    }
    const lines = await returnLinesOf(t, r.id, {
      id: true,
      orderLineId: true,
      sku: true,
      quantity: true,
      quantityReceived: true,
      orderLine: { select: { name: true } },
    });
    const open = new Map(lines.map((l) => [l.id, l.quantity - l.quantityReceived]));
    const takes: { lineId: string; orderLineId: string; sku: string; name: string; quantity: number }[] = [];
    input.lines.forEach((req, i) => {
      const candidates = linesOfSku(lines, req.sku, r, `lines.${i}.sku`);
      const spread = spreadQuantity(candidates, req.quantity, open, (l) => l.id);
      for (const { line: l, quantity } of spread.takes)
        takes.push({
          lineId: l.id,
          orderLineId: l.orderLineId,
          sku: l.sku,
          name: l.orderLine.name,
          quantity,
        });
      if (spread.short > 0) {
        const approved = candidates.reduce((s, l) => s + l.quantity, 0);
        const can = req.quantity - spread.short;
        throw new AppError(
          'VALIDATION_FAILED',
          `Only ${can} more of ${req.sku} can be received on return #${r.number} (${approved} approved)`,
          [{ field: `lines.${i}.quantity`, message: `At most ${can} more expected` }],
        );
      }
    });
    const kpiBefore = await returnReceiptState(t, r.id);
    for (const tk of takes) {
      await t.returnLine.update({
        where: { id: tk.lineId },
        data: { quantityReceived: { increment: tk.quantity } },
        select: { id: true },
      });
      await t.orderLine.update({
        where: { id: tk.orderLineId },
        data: { quantityReturned: { increment: tk.quantity } },
        select: { id: true },
      });
    }
    const complete = [...open.values()].every((q) => q === 0);
    const status = nextReturnStatus(r.status, complete ? 'receive' : 'receive_partially');
    await t.return.update({
      where: { id: r.id },
      data: { status, receivedAt: new Date() },
      select: { id: true },
    });
    // KPI: units returned (and per reason) on the day of the latest receipt, in this transaction.
    await recordReturnReceiptFacts(t, kpiBefore, await returnReceiptState(t, r.id));
    const received = takes.map((tk) => ({ sku: tk.sku, quantity: tk.quantity }));
    await auditReturn(t, {
      actor: options.actor,
      action: 'return.received',
      return: r,
      status,
      details: {
        complete,
        lines: received,
      },
    });

    const conditioned = input.lines
      .filter((l): l is typeof l & { condition: Disposition } => !!l.condition)
      .map((l) => ({ sku: l.sku, quantity: l.quantity, disposition: l.condition }));
    if (conditioned.length) await inspectUnits(t, { ...r, status }, conditioned, options.actor);

    const customer = await customerOf(t, r.orderId);
    await notifyCustomer(t, {
      template: 'return_received',
      to: customer.email,
      orderId: r.orderId,
      returnId: r.id,
      ticketId: r.ticketId,
      data: {
        customer_name: customer.name,
        order_number: customer.orderNumber,
        return_number: r.number,
        complete,
        lines: takes.map((tk) => ({ sku: tk.sku, name: tk.name, quantity: tk.quantity })),
      },
    });
    const dto = (await returnDetail(r.id, t))!;
    await recordEvent(t, { type: 'return.received', resourceId: r.id, data: dto });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
