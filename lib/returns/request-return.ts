import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { checkTicketLink } from '@/lib/support/check-ticket-link';
import { lockOrder } from '@/lib/orders/lock-order';
import { returnableLines } from '@/lib/returns/returnable';
import { spreadQuantity } from '@/lib/returns/rules';
import { returnDetail, type ReturnDto } from '@/lib/returns/queries';
import { ZCreateReturnInput, type TCreateReturnInput } from '@/lib/returns/schemas';

/**
 * Requests a return of shipped units (from the order page, a ticket or the API). Each line is capped
 * by what shipped minus what is already on returns (returnable.ts), counted under the order's row
 * lock, so two requests racing for the same units cannot both get them. Nothing moves in stock or
 * the ledger until units are received and inspected.
 */
export async function requestReturn(
  options: { input: TCreateReturnInput; actor: Actor },
  tx?: Tx,
): Promise<ReturnDto> {
  const input = ZCreateReturnInput.parse(options.input);
  const run = async (t: Tx) => {
    const order = await lockOrder(t, input.order_id);
    await checkTicketLink(t, { ticketId: input.ticket_id, orderId: order.id });
    const lines = await returnableLines(order.id, t);
    const left = new Map(lines.map((l) => [l.order_line_id, l.returnable]));
    const rows: { orderLineId: string; variantId: string; sku: string; quantity: number; reason: string }[] =
      [];
    input.lines.forEach((req, i) => {
      const candidates = lines.filter((l) => l.sku === req.sku);
      if (!candidates.length)
        throw new AppError('VALIDATION_FAILED', `${req.sku} is not on order #${order.number}`, [
          { field: `lines.${i}.sku`, message: 'Not on this order' },
        ]);
      const { takes, short } = spreadQuantity(candidates, req.quantity, left, (l) => l.order_line_id);
      for (const { line: l, quantity } of takes)
        rows.push({
          orderLineId: l.order_line_id,
          variantId: l.variant_id,
          sku: l.sku,
          quantity,
          reason: req.reason,
        });
      if (short > 0) {
        const shipped = candidates.reduce((s, l) => s + l.shipped, 0);
        const can = req.quantity - short;
        const held = candidates.reduce((s, l) => s + l.on_returns, 0);
        throw new AppError(
          'VALIDATION_FAILED',
          `Only ${can} of ${req.sku} can be returned on order #${order.number} (${shipped} ` +
            `shipped, ${held} already on returns)`,
          [{ field: `lines.${i}.quantity`, message: `At most ${can} can be returned` }],
        );
      }
    });
    const created = await t.return.create({
      data: {
        orderId: order.id,
        ticketId: input.ticket_id ?? null,
        resolution: input.resolution,
        note: input.note ?? null,
        actorType: options.actor.type,
        actorId: options.actor.id,
        actorLabel: options.actor.label,
        lines: { create: rows },
      },
      select: { id: true, number: true },
    });
    const after = {
      return_id: created.id,
      number: created.number,
      order_id: order.id,
      ticket_id: input.ticket_id ?? null,
      resolution: input.resolution,
      lines: input.lines,
    };
    await audit(t, {
      actor: options.actor,
      action: 'return.requested',
      entityType: 'return',
      entityId: created.id,
      after,
    });
    const dto = (await returnDetail(created.id, t))!;
    await recordEvent(t, { type: 'return.requested', resourceId: created.id, data: dto });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run);
}
