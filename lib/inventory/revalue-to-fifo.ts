import 'server-only';
import type { Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';

/**
 * Switching the shop from moving average to FIFO: each SKU's value becomes the value of its open
 * layers (Σ remaining × unit cost). The difference is posted once, Dr Inventory / Cr COGS (or the
 * reverse), with a 'revalue' movement per SKU so the valuation keeps equalling the inventory account.
 * Switching to average needs nothing: average costing starts from the pool's current value.
 */
export async function revalueToFifo(tx: Tx, actor: Actor): Promise<{ skus: number; difference: number }> {
  const rows = await tx.$queryRaw<
    { variant_id: string; pool_value: number; fifo_value: bigint; location_id: string | null }[]
  >`
    SELECT p.variant_id::text, p.value AS pool_value,
           coalesce((SELECT sum(l.quantity_remaining::bigint * l.unit_cost) FROM cost_layers l WHERE
             l.variant_id = p.variant_id), 0)::bigint AS fifo_value,
           (SELECT s.location_id::text FROM stock_levels s WHERE s.variant_id = p.variant_id ORDER
             BY s.on_hand DESC LIMIT 1) AS location_id
    FROM cost_pools p WHERE p.quantity > 0
    FOR UPDATE OF p`;
  let difference = 0;
  let skus = 0;
  for (const r of rows) {
    const diff = Number(r.fifo_value) - r.pool_value;
    if (diff === 0 || !r.location_id) continue;
    await tx.costPool.update({
      where: { variantId: r.variant_id },
      data: { value: Number(r.fifo_value) },
      select: { variantId: true },
    });
    await tx.stockMovement.create({
      data: {
        variantId: r.variant_id,
        locationId: r.location_id,
        type: 'revalue',
        valueDelta: diff,
        reason: 'costing method changed to FIFO',
        referenceType: 'settings',
        actorType: actor.type,
        actorId: actor.id,
      },
      select: { id: true },
    });
    difference += diff;
    skus++;
  }
  if (difference !== 0) {
    await postJournalEntry(tx, {
      memo: `Inventory revalued for the change to FIFO costing (${skus} SKUs)`,
      source: { type: 'revaluation' },
      actor,
      lines: [dr(ACCOUNTS.inventory, difference), cr(ACCOUNTS.cogs, difference)],
    });
  }
  return { skus, difference };
}
