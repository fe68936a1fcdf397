import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { applyMovement, lockLevel, resolveLocation, resolveSkus } from '@/lib/inventory/stock';
import { ZTransferInput, type TTransferInput } from '@/lib/inventory/schemas';

/**
 * Moves available units between locations as one operation: out of one, into the other, or neither.
 * The value stays in inventory (cost pools are per variant, not per location), so no journal entry;
 * each side's movement carries its share of the value so valuation per location stays meaningful.
 */
export async function transferStock(options: { input: TTransferInput; actor: Actor }, tx?: Tx) {
  const input = ZTransferInput.parse(options.input);
  const run = async (t: Tx) => {
    const from = await resolveLocation(t, input.from, 'from');
    const to = await resolveLocation(t, input.to, 'to');
    const variants = await resolveSkus(
      t,
      input.lines.map((l, i) => ({ sku: l.sku, field: `lines.${i}.sku` })),
    );
    const transfer = await t.stockTransfer.create({
      data: {
        fromLocationId: from.id,
        toLocationId: to.id,
        note: input.note ?? null,
        actorType: options.actor.type,
        actorId: options.actor.id,
        actorLabel: options.actor.label,
      },
      select: { id: true, number: true },
    });
    const reference = { type: 'transfer', id: transfer.id };
    // Lock levels in (variant id, location id) order so crossing transfers cannot deadlock.
    const order = input.lines
      .map((l) => ({ l, v: variants.get(l.sku)! }))
      .sort((a, b) => (a.v.id < b.v.id ? -1 : a.v.id > b.v.id ? 1 : 0));
    for (const { l, v } of order) {
      const [first, second] = from.id < to.id ? [from, to] : [to, from];
      const a = await lockLevel(t, v.id, first.id);
      const b = await lockLevel(t, v.id, second.id);
      const source = first.id === from.id ? a : b;
      const target = first.id === from.id ? b : a;
      // Available units only: reserved ones belong to orders at the source (backorder or not).
      if (source.onHand - source.reserved < l.quantity) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Only ${Math.max(source.onHand - source.reserved, 0)} of ${l.sku} available at ${from.code}`,
          [
            {
              field: `lines.${input.lines.indexOf(l)}.quantity`,
              message: `Only ${Math.max(source.onHand - source.reserved, 0)} available at ${from.code}`,
            },
          ],
        );
      }
      await applyMovement(
        t,
        source,
        {
          type: 'transfer_out',
          onHand: -l.quantity,
          reference,
          reason: `to ${to.code}`,
          actor: options.actor,
        },
        { sku: l.sku, location: from.code },
      );
      await applyMovement(
        t,
        target,
        {
          type: 'transfer_in',
          onHand: l.quantity,
          reference,
          reason: `from ${from.code}`,
          actor: options.actor,
        },
        { sku: l.sku, location: to.code },
      );
      await t.stockTransferLine.create({
        data: { transferId: transfer.id, variantId: v.id, quantity: l.quantity },
        select: { id: true },
      });
    }
    const result = {
      id: transfer.id,
      number: transfer.number,
      from: from.code,
      to: to.code,
      lines: input.lines,
    };
    await audit(t, {
      actor: options.actor,
      action: 'stock.transferred',
      entityType: 'stock_transfer',
      entityId: transfer.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
