import 'server-only';
import type { Tx } from '@/lib/db';
import { issue, receive, type CostingMethod, type Layer, type Pool } from '@/lib/inventory/costing';

/** The shop's costing method (settings). FIFO when the shop has no settings row yet. */
export async function costingMethod(tx: Tx): Promise<CostingMethod> {
  const row = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { inventoryCosting: true } });
  return row?.inventoryCosting ?? 'fifo';
}

/** Locks a variant's cost pool (creating it empty first). */
export async function lockPool(tx: Tx, variantId: string): Promise<Pool> {
  await tx.$executeRaw`INSERT INTO cost_pools (variant_id) VALUES (${variantId}::uuid) ON CONFLICT
    (variant_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ quantity: number; value: number; lastUnitCost: number | null }[]>`
    SELECT quantity, value, last_unit_cost AS "lastUnitCost" FROM cost_pools WHERE variant_id =
      ${variantId}::uuid FOR UPDATE`;
  return row;
}

async function savePool(tx: Tx, variantId: string, pool: Pool) {
  await tx.costPool.update({
    where: { variantId },
    data: { quantity: pool.quantity, value: pool.value, lastUnitCost: pool.lastUnitCost },
    select: { variantId: true },
  });
}

/** Takes `quantity` units out at cost (lib/inventory/costing.ts#issue); returns that cost. */
export async function issueAtCost(
  tx: Tx,
  input: { variantId: string; quantity: number; method: CostingMethod },
): Promise<number> {
  const pool = await lockPool(tx, input.variantId);
  let layers: Layer[] = [];
  if (input.method === 'fifo' && pool.quantity > 0) {
    const rows = await tx.$queryRaw<{ id: string; unitCost: number; remaining: number }[]>`
      SELECT id::text, unit_cost AS "unitCost", quantity_remaining AS remaining FROM cost_layers
      WHERE variant_id = ${input.variantId}::uuid AND quantity_remaining > 0
      ORDER BY received_at, id FOR UPDATE`;
    layers = rows;
  }
  const result = issue(input.method, pool, layers, input.quantity);
  for (const take of result.takes) {
    await tx.$executeRaw`UPDATE cost_layers SET quantity_remaining = quantity_remaining -
      ${take.quantity} WHERE id = ${BigInt(take.layerId)}`;
  }
  // Average costing keeps layers too (for the SKU page and a later switch of method), consumed FIFO.
  if (input.method === 'average' && pool.quantity > 0) {
    await consumeLayersFifo(tx, input.variantId, Math.min(input.quantity, pool.quantity));
  }
  await savePool(tx, input.variantId, result.pool);
  return result.cost;
}

async function consumeLayersFifo(tx: Tx, variantId: string, quantity: number) {
  const rows = await tx.$queryRaw<{ id: bigint; remaining: number }[]>`
    SELECT id, quantity_remaining AS remaining FROM cost_layers
    WHERE variant_id = ${variantId}::uuid AND quantity_remaining > 0 ORDER BY received_at, id FOR UPDATE`;
  let left = quantity;
  for (const r of rows) {
    if (left === 0) break;
    const take = Math.min(r.remaining, left);
    await tx.$executeRaw`UPDATE cost_layers SET quantity_remaining = quantity_remaining - ${take} WHERE id = ${r.id}`;
    left -= take;
  }
}

/**
 * Puts `quantity` units in at `unitCost`; returns the re-cost of units issued before this receipt
 * (positive: more COGS). A layer is created for the units that are actually on hand.
 */
export async function receiveAtCost(
  tx: Tx,
  input: { variantId: string; quantity: number; unitCost: number; source: { type: string; id: string } },
): Promise<number> {
  const pool = await lockPool(tx, input.variantId);
  const result = receive(pool, input.quantity, input.unitCost);
  if (result.layerQuantity > 0) {
    await tx.costLayer.create({
      data: {
        variantId: input.variantId,
        sourceType: input.source.type,
        sourceId: input.source.id,
        unitCost: input.unitCost,
        quantityReceived: result.layerQuantity,
        quantityRemaining: result.layerQuantity,
      },
      select: { id: true },
    });
  }
  await savePool(tx, input.variantId, result.pool);
  return result.recost;
}

/**
 * Puts back units that were issued at a known total cost (a voided label: the parcel never left).
 * The pool gets the units and exactly that cost back. For the layers, the cost is split into whole
 * minor units per unit — r = cost mod q units at ⌊cost/q⌋ + 1 and q − r at ⌊cost/q⌋, which add up to
 * the cost — dated just before the oldest open layer, so FIFO issues these units first again, as it
 * did. Units that only cover a negative pool (issued beyond stock) get no layer, like a receipt's.
 */
export async function returnAtCost(
  tx: Tx,
  input: { variantId: string; quantity: number; cost: number; source: { type: string; id: string } },
): Promise<void> {
  const pool = await lockPool(tx, input.variantId);
  const layered = Math.max(0, Math.min(input.quantity, pool.quantity + input.quantity));
  if (layered > 0) {
    const [oldest] = await tx.$queryRaw<
      { at: Date | null }[]
    >`SELECT min(received_at) AS at FROM cost_layers WHERE variant_id = ${input.variantId}::uuid AND
      quantity_remaining > 0`;
    const receivedAt = oldest?.at ? new Date(oldest.at.getTime() - 1) : new Date();
    // the cost of the layered units, in proportion (all of it when every unit gets a layer)
    const cost =
      layered === input.quantity ? input.cost : Math.round((input.cost * layered) / input.quantity);
    const base = Math.floor(cost / layered);
    const extra = cost - base * layered;
    const parts = [
      { quantity: extra, unitCost: base + 1 },
      { quantity: layered - extra, unitCost: base },
    ].filter((p) => p.quantity > 0);
    for (const p of parts) {
      await tx.costLayer.create({
        data: {
          variantId: input.variantId,
          sourceType: input.source.type,
          sourceId: input.source.id,
          unitCost: p.unitCost,
          quantityReceived: p.quantity,
          quantityRemaining: p.quantity,
          receivedAt,
        },
        select: { id: true },
      });
    }
  }
  await savePool(tx, input.variantId, {
    quantity: pool.quantity + input.quantity,
    value: pool.value + input.cost,
    lastUnitCost: pool.lastUnitCost,
  });
}
