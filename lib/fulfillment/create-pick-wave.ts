import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZPickListOrderIds } from '@/lib/fulfillment/pick-list-data';
import { openQuantitySql } from '@/lib/orders/open-quantity-sql';

const refuse = (message: string) =>
  new AppError('VALIDATION_FAILED', message, [{ field: 'order_ids', message }]);

/**
 * Starts a scanner pick for one order or a wave: one pick task per open order line (quantity −
 * fulfilled − cancelled), with the bin its SKU sits in at the order's location (else the shop's
 * fulfilling location) and that bin's pick sequence as they are now, and the order's tote (its number)
 * in the given order. The orders are locked, so an order cannot enter two waves at once; an order
 * still in an open wave, or with a packed parcel waiting for its label, is refused (its picked units
 * would be picked twice).
 * Errors: VALIDATION_FAILED naming `order_ids`.
 */
export async function createPickWave(options: { orderIds: string[]; actor: Actor }, tx?: Tx) {
  const parsed = ZPickListOrderIds.safeParse([
    ...new Set(options.orderIds.map((id) => id.trim().toLowerCase()).filter(Boolean)),
  ]);
  if (!parsed.success) throw refuse([...new Set(parsed.error.issues.map((i) => i.message))].join('; '));
  const ids = parsed.data;
  const run = async (t: Tx) => {
    const orders = await t.$queryRaw<{ id: string; number: number; status: string }[]>`
      SELECT id::text, number, status::text FROM orders WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const byId = new Map(orders.map((o) => [o.id, o]));
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length) throw refuse(`No such order: ${unknown.join(', ')}.`);
    const closed = orders.filter((o) => o.status !== 'open' && o.status !== 'partially_fulfilled');
    if (closed.length)
      throw refuse(
        `Only open orders can be ` +
          `picked: ${closed.map((o) => `#${o.number} (${o.status.replace(/_/g, ' ')})`).join(', ')}.`,
      );

    const busy = await t.$queryRaw<{ number: number; wave: number | null }[]>`
      SELECT DISTINCT o.number, w.number AS wave FROM orders o
      JOIN pick_tasks pt ON pt.order_id = o.id JOIN pick_waves w ON w.id = pt.wave_id AND w.status = 'open'
      WHERE o.id = ANY(${ids}::uuid[])
      UNION
      SELECT DISTINCT o.number, NULL::int FROM orders o JOIN order_packs p ON p.order_id = o.id AND p.status = 'packed'
      WHERE o.id = ANY(${ids}::uuid[])
      ORDER BY 1`;
    if (busy.length) {
      const why = busy.map((b) =>
        b.wave
          ? `#${b.number} is in pick wave ${b.wave}`
          : `#${b.number} is packed and waiting for its label`,
      );
      throw refuse(`Already being handled: ${why.join('; ')}.`);
    }

    const lines = await t.$queryRaw<
      {
        id: string;
        order_id: string;
        variant_id: string;
        sku: string;
        name: string;
        barcode: string | null;
        open: number;
        bin_code: string | null;
        pick_sequence: number | null;
      }[]
    >`
      SELECT ol.id::text, ol.order_id::text, ol.variant_id::text, ol.sku, ol.name, v.barcode,
             ${openQuantitySql}::int AS open, b.code AS bin_code, b.pick_sequence
      FROM order_lines ol
      JOIN orders o ON o.id = ol.order_id
      JOIN variants v ON v.id = ol.variant_id
      LEFT JOIN shop_settings s ON s.id = 1
      LEFT JOIN stock_levels sl ON sl.variant_id = ol.variant_id AND sl.location_id =
        coalesce(o.location_id, s.fulfilling_location_id)
      LEFT JOIN bins b ON b.id = sl.bin_id
      WHERE ol.order_id = ANY(${ids}::uuid[]) AND ${openQuantitySql} > 0
      ORDER BY ol.id`;
    const empty = ids.filter((id) => !lines.some((l) => l.order_id === id)).map((id) => byId.get(id)!.number);
    if (empty.length) throw refuse(`Nothing is left to pick on ${empty.map((n) => `#${n}`).join(', ')}.`);

    const wave = await t.pickWave.create({
      data: { actorType: options.actor.type, actorId: options.actor.id, actorLabel: options.actor.label },
      select: { id: true, number: true },
    });
    await t.pickTask.createMany({
      data: lines.map((l) => {
        const position = ids.indexOf(l.order_id) + 1;
        return {
          waveId: wave.id,
          orderId: l.order_id,
          orderLineId: l.id,
          variantId: l.variant_id,
          sku: l.sku,
          name: l.name,
          barcode: l.barcode,
          binCode: l.bin_code,
          pickSequence: l.pick_sequence,
          tote: `#${byId.get(l.order_id)!.number}`,
          position,
          quantity: l.open,
        };
      }),
    });
    const result = {
      id: wave.id,
      number: wave.number,
      orders: ids.map((id) => byId.get(id)!.number),
      units: lines.reduce((s, l) => s + l.open, 0),
    };
    await audit(t, {
      actor: options.actor,
      action: 'pick_wave.created',
      entityType: 'pick_wave',
      entityId: wave.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
