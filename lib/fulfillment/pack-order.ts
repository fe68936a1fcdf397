import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockOrder } from '@/lib/orders/lock-order';
import { buildParcel } from '@/lib/fulfillment/build-parcel';
import { canOverridePack, packComplete, unverifiedUnits } from '@/lib/fulfillment/rules';
import { ZPackOrderInput, type TPackOrderInput } from '@/lib/fulfillment/schemas';
import { openQuantity } from '@/lib/orders/rules';

/**
 * Closes a parcel at the pack station. Every unit must have been verified by scan (verified equals
 * the parcel's lines), or a manager overrides with a reason — warehouse staff get FORBIDDEN. The
 * parcel may hold fewer units than are open (a partial shipment: the rest stays on the order), never
 * more. One parcel waits for its label at a time per order (the order's row lock).
 * Errors: VALIDATION_FAILED (fields), FORBIDDEN (override), INVALID_STATE.
 */
export async function packOrder(options: { orderId: string; input: TPackOrderInput; actor: Actor }, tx?: Tx) {
  const parsed = ZPackOrderInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error, ZPackOrderInput);
  const input = parsed.data;
  const run = async (t: Tx) => {
    const order = await lockOrder(t, options.orderId);
    if (order.status !== 'open' && order.status !== 'partially_fulfilled')
      throw new AppError(
        'INVALID_STATE',
        `Order #${order.number} is ${order.status.replace(/_/g, ' ')}: nothing to pack.`,
      );
    const waiting = await t.orderPack.findFirst({
      where: { orderId: order.id, status: 'packed' },
      select: { number: true },
    });
    if (waiting)
      throw new AppError(
        'INVALID_STATE',
        `Order #${order.number} already has a packed parcel waiting for its label (pack ${waiting.number}).`,
      );

    const lines = await t.orderLine.findMany({
      // dropship lines are shipped by their supplier, never packed here (decision 041)
      where: { orderId: order.id, dropshipPoLineId: null },
      select: { sku: true, quantity: true, quantityFulfilled: true, quantityCancelled: true },
    });
    const open = new Map<string, number>();
    for (const l of lines) open.set(l.sku, (open.get(l.sku) ?? 0) + openQuantity(l));
    const merged = new Map<string, number>();
    for (const l of input.lines) merged.set(l.sku, (merged.get(l.sku) ?? 0) + l.quantity);
    const parcel = [...merged].map(([sku, quantity]) => ({ sku, quantity }));
    parcel.forEach((l, i) => {
      if (!open.has(l.sku))
        throw new AppError('VALIDATION_FAILED', `${l.sku} is not on order #${order.number}`, [
          { field: `lines.${i}.sku`, message: 'Not on this order' },
        ]);
      if (l.quantity > open.get(l.sku)!)
        throw new AppError(
          'VALIDATION_FAILED',
          `Only ${open.get(l.sku)} of ${l.sku} left to ship on order #${order.number}`,
          [{ field: `lines.${i}.quantity`, message: `Only ${open.get(l.sku)} left to ship` }],
        );
    });

    const verified: Record<string, number> = {};
    for (const v of input.verified) verified[v.sku] = (verified[v.sku] ?? 0) + v.quantity;
    const complete = packComplete(parcel, verified);
    if (!complete) {
      if (!input.override_reason) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Scan every unit before closing the ` +
            `parcel: ${unverifiedUnits(parcel, verified).join(', ') || 'the scanned units do not match'} ` +
            `not verified.`,
          [{ field: 'verified', message: 'Not every unit is verified' }],
        );
      }
      if (!canOverridePack(options.actor))
        throw new AppError('FORBIDDEN', 'Only a manager can close a parcel with units not verified by scan.');
    }

    const { parcel: box } = await buildParcel(input, t);
    const dims = { length_mm: box.length_mm, width_mm: box.width_mm, height_mm: box.height_mm };
    const overridden = !complete;
    const pack = await t.orderPack.create({
      data: {
        orderId: order.id,
        waveId: input.wave_id ?? null,
        lines: parcel,
        verified: Object.entries(verified).map(([sku, quantity]) => ({ sku, quantity })),
        overrideReason: overridden ? input.override_reason! : null,
        overrideBy: overridden ? options.actor.label : null,
        packageType: input.package_type ?? null,
        lengthMm: dims.length_mm,
        widthMm: dims.width_mm,
        heightMm: dims.height_mm,
        weightGrams: input.weight_grams,
        actorType: options.actor.type,
        actorId: options.actor.id,
        actorLabel: options.actor.label,
      },
      select: { id: true, number: true },
    });
    const left = [...open]
      .map(([sku, q]) => ({ sku, quantity: q - (merged.get(sku) ?? 0) }))
      .filter((l) => l.quantity > 0);
    const result = {
      id: pack.id,
      number: pack.number,
      order_id: order.id,
      order_number: order.number,
      lines: parcel,
      left_on_order: left,
      weight_grams: input.weight_grams,
      package_type: input.package_type ?? null,
      override_reason: overridden ? input.override_reason! : null,
    };
    await audit(t, {
      actor: options.actor,
      action: overridden ? 'order.packed_with_override' : 'order.packed',
      entityType: 'order',
      entityId: order.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
