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
  await tx.$executeRaw`INSERT INTO cost_pools (variant_id) VALUES (${variantId}::uuid) ON CONFLICT (variant_id) DO NOTHING`;
  const [row] = await tx.$queryRaw<{ quantity: number; value: number; lastUnitCost: number | null }[]>`
    SELECT quantity, value, last_unit_cost AS "lastUnitCost" FROM cost_pools WHERE variant_id = ${variantId}::uuid FOR UPDATE`;
  return row;
}

async function savePool(tx: Tx, variantId: string, pool: Pool) {
  await tx.costPool.update({ where: { variantId }, data: { quantity: pool.quantity, value: pool.value, lastUnitCost: pool.lastUnitCost }, select: { variantId: true } });
}

/** Takes `quantity` units out at cost (lib/inventory/costing.ts#issue); returns that cost. */
export async function issueAtCost(tx: Tx, input: { variantId: string; quantity: number; method: CostingMethod }): Promise<number> {
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
    await tx.$executeRaw`UPDATE cost_layers SET quantity_remaining = quantity_remaining - ${take.quantity} WHERE id = ${BigInt(take.layerId)}`;
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
export async function receiveAtCost(tx: Tx, input: { variantId: string; quantity: number; unitCost: number; source: { type: string; id: string } }): Promise<number> {
  const pool = await lockPool(tx, input.variantId);
  const result = receive(pool, input.quantity, input.unitCost);
  if (result.layerQuantity > 0) {
    await tx.costLayer.create({
      data: { variantId: input.variantId, sourceType: input.source.type, sourceId: input.source.id, unitCost: input.unitCost, quantityReceived: result.layerQuantity, quantityRemaining: result.layerQuantity },
      select: { id: true },
    });
  }
  await savePool(tx, input.variantId, result.pool);
  return result.recost;
}
