import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { resolveLocation } from '@/lib/inventory/stock';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import type { PurchaseOrderDto } from '@/lib/purchasing/queries';
import { replenishmentRows, type ReplenishmentFilter } from './queries';
import { ZCreateReplenishmentPosInput, type TCreateReplenishmentPosInput } from './schemas';

export type DraftPoPlan = {
  supplier_id: string;
  supplier: string;
  location: string;
  lines: { sku: string; quantity: number }[];
};

/**
 * What would be drafted: the suggestions of the latest completed run with live positions
 * (replenishmentRows, lib/replenishment/policy.ts), one PO per supplier × location. A suggestion
 * already nets out open POs and drafts, so what they cover is never planned twice. The one home of
 * the reorder rule: the replenishment page, its API and the automation action create_draft_pos all
 * read it. Reads only.
 */
export async function draftPoPlan(tx: Tx, filter: ReplenishmentFilter): Promise<DraftPoPlan[]> {
  const plans = new Map<string, DraftPoPlan>();
  for (const r of await replenishmentRows(filter, tx)) {
    if (!r.supplier_id || !r.supplier || r.suggested_quantity <= 0) continue;
    const key = `${r.supplier_id}:${r.location}`;
    const plan = plans.get(key) ?? {
      supplier_id: r.supplier_id,
      supplier: r.supplier,
      location: r.location,
      lines: [],
    };
    plan.lines.push({ sku: r.sku, quantity: r.suggested_quantity });
    plans.set(key, plan);
  }
  return [...plans.values()];
}

/** One advisory lock for every drafting of suggestions, so concurrent runs see each other's drafts. */
const DRAFT_LOCK = 33_0331;

/**
 * Turns suggestions into draft POs through the purchasing use case (each audited there). Serialised
 * by a transaction-scoped advisory lock: a second, concurrent call waits, then reads the first one's
 * drafts (READ COMMITTED: its statements see what committed before they started) and creates
 * nothing for what they cover. Running it again creates nothing.
 */
export async function createDraftPos(
  tx: Tx,
  options: ReplenishmentFilter & { actor: Actor; note: string },
): Promise<{ created: { po: PurchaseOrderDto; supplier: string }[]; skipped: DraftSkipped[] }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DRAFT_LOCK})`;
  const created = [];
  const skipped: DraftSkipped[] = [];
  for (const plan of await draftPoPlan(tx, options)) {
    let po: PurchaseOrderDto;
    try {
      po = await createPurchaseOrder(
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
    } catch (error) {
      // A supplier the purchasing rules cannot order from yet (another currency: decision 023) is
      // refused before anything is written; the others are still drafted, and the answer says why.
      if (!(error instanceof AppError) || !isCurrencyRefusal(error)) throw error;
      skipped.push({ supplier_id: plan.supplier_id, supplier: plan.supplier, reason: error.message });
      continue;
    }
    created.push({ po, supplier: plan.supplier });
  }
  return { created, skipped };
}

export type DraftSkipped = { supplier_id: string; supplier: string; reason: string };

const isCurrencyRefusal = (e: AppError) =>
  Array.isArray(e.details) && (e.details as { field?: string }[]).some((d) => d.field === 'currency');

/** POST /api/v1/replenishment/purchase-orders and the page's action: drafts for one location. */
export async function createReplenishmentPurchaseOrders(
  options: { input: TCreateReplenishmentPosInput; actor: Actor },
  tx?: Tx,
): Promise<{ purchase_orders: PurchaseOrderDto[]; skipped: DraftSkipped[] }> {
  const input = ZCreateReplenishmentPosInput.parse(options.input);
  const run = async (t: Tx) => {
    await resolveLocation(t, input.location, 'location');
    const { created, skipped } = await createDraftPos(t, {
      location: input.location,
      skus: input.skus,
      actor: options.actor,
      note: 'Drafted from replenishment suggestions.',
    });
    if (created.length)
      await audit(t, {
        actor: options.actor,
        action: 'replenishment.purchase_orders_drafted',
        entityType: 'location',
        entityId: input.location,
        after: { skus: input.skus ?? null, purchase_orders: created.map((c) => c.po.number), skipped },
      });
    return { purchase_orders: created.map((c) => c.po), skipped };
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 60_000 });
}
