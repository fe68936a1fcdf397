import 'server-only';
import type { Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';

export type DraftPoPlan = {
  supplier_id: string;
  supplier: string;
  location: string;
  lines: { sku: string; quantity: number }[];
};

/**
 * What the create_draft_pos action would order (decision 026): stock levels (at `location`, or at
 * every location) whose available units (on hand − reserved) are at or below the variant's reorder
 * point, whose variant has a preferred supplier that lists it, and which are not covered already by
 * open POs (draft, sent, partially received) to that location. Quantity = reorder point + safety
 * stock − available − open, at least the supplier's MOQ, rounded up to its pack size. One PO per
 * supplier and location. Reads only.
 * WORKED EXAMPLE: reorder point 10, safety stock 5, available 4, nothing open → 11; MOQ 12, pack 6
 * → max(11, 12) = 12 → ceil(12 / 6) × 6 = 12.
 */
export async function draftPoPlan(tx: Tx, options: { location?: string }): Promise<DraftPoPlan[]> {
  const rows = await tx.$queryRaw<
    {
      supplier_id: string;
      supplier: string;
      location: string;
      sku: string;
      short: number;
      moq: number;
      pack_size: number;
    }[]
  >`
    SELECT s.id::text AS supplier_id, s.name AS supplier, loc.code AS location, v.sku,
           (v.reorder_point + v.safety_stock - (l.on_hand - l.reserved) - coalesce(oo.open, 0))::int AS short,
           sp.moq, sp.pack_size
      FROM stock_levels l
      JOIN variants v ON v.id = l.variant_id
      JOIN locations loc ON loc.id = l.location_id AND loc.active
      JOIN suppliers s ON s.id = v.preferred_supplier_id AND s.active
      JOIN supplier_products sp ON sp.supplier_id = s.id AND sp.variant_id = v.id
      LEFT JOIN LATERAL (
        SELECT sum(pl.quantity_ordered - pl.quantity_cancelled - pl.quantity_received) AS open
          FROM purchase_order_lines pl JOIN purchase_orders po ON po.id = pl.purchase_order_id
         WHERE pl.variant_id = v.id AND po.location_id = l.location_id
           AND po.status IN ('draft', 'sent', 'partially_received')
      ) oo ON true
     WHERE v.reorder_point > 0 AND v.status = 'active'
       AND l.on_hand - l.reserved <= v.reorder_point
       AND (${options.location ?? null}::text IS NULL OR loc.code = ${options.location ?? null})
     ORDER BY s.name, loc.code, v.sku`;
  const plans = new Map<string, DraftPoPlan>();
  for (const r of rows) {
    if (r.short <= 0) continue;
    const quantity = Math.ceil(Math.max(r.short, r.moq) / r.pack_size) * r.pack_size;
    const key = `${r.supplier_id}:${r.location}`;
    const plan = plans.get(key) ?? {
      supplier_id: r.supplier_id,
      supplier: r.supplier,
      location: r.location,
      lines: [],
    };
    plan.lines.push({ sku: r.sku, quantity });
    plans.set(key, plan);
  }
  return [...plans.values()];
}

/** Creates the planned drafts through the purchasing use case (audited there). */
export async function createDraftPos(
  tx: Tx,
  options: { location?: string; actor: Actor; note: string },
): Promise<{ number: number; supplier: string; lines: number }[]> {
  const created = [];
  for (const plan of await draftPoPlan(tx, options)) {
    const po = await createPurchaseOrder(
      {
        input: {
          supplier_id: plan.supplier_id,
          location: plan.location,
          lines: plan.lines,
          notes: options.note,
        },
        actor: options.actor,
      },
      tx,
    );
    created.push({ number: po.number, supplier: plan.supplier, lines: plan.lines.length });
  }
  return created;
}
