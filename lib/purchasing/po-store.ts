import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { resolveSkus } from '@/lib/inventory/stock';
import type { PurchaseOrderStatus } from './rules';
import { isUuid } from '@/lib/boundary';

export type ResolvedPoLine = { variantId: string; sku: string; quantity: number; unitCost: number };

/**
 * A PO's lines with their variants and unit costs: a line without `unit_cost` takes the supplier's
 * catalog cost; a SKU the supplier does not list needs an explicit cost (422 naming lines.i.unit_cost).
 */
export async function resolvePoLines(
  tx: Tx,
  supplierId: string,
  lines: { sku: string; quantity: number; unit_cost?: number }[],
): Promise<ResolvedPoLine[]> {
  const variants = await resolveSkus(
    tx,
    lines.map((l, i) => ({ sku: l.sku, field: `lines.${i}.sku` })),
  );
  const catalog = await tx.supplierProduct.findMany({
    where: { supplierId, variantId: { in: [...variants.values()].map((v) => v.id) } },
    select: { variantId: true, unitCost: true },
  });
  const costOf = new Map(catalog.map((c) => [c.variantId, c.unitCost]));
  const missing: { field: string; message: string }[] = [];
  const resolved = lines.map((l, i) => {
    const v = variants.get(l.sku)!;
    const unitCost = l.unit_cost ?? costOf.get(v.id);
    if (unitCost === undefined)
      missing.push({
        field: `lines.${i}.unit_cost`,
        message: `${l.sku} is not in this supplier's catalog: enter its unit cost`,
      });
    return { variantId: v.id, sku: v.sku, quantity: l.quantity, unitCost: unitCost ?? 0 };
  });
  if (missing.length) throw new AppError('VALIDATION_FAILED', 'Some lines have no unit cost', missing);
  return resolved;
}

/** Locks a PO row (FOR UPDATE) and returns its status; NOT_FOUND when it does not exist. */
export async function lockPurchaseOrder(
  tx: Tx,
  id: string,
): Promise<{ id: string; number: number; status: PurchaseOrderStatus }> {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'That purchase order does not exist.');
  const rows = await tx.$queryRaw<{ id: string; number: number; status: PurchaseOrderStatus }[]>`
    SELECT id::text, number, status::text AS status FROM purchase_orders WHERE id = ${id}::uuid FOR UPDATE`;
  if (!rows[0]) throw new AppError('NOT_FOUND', 'That purchase order does not exist.');
  return rows[0];
}

/** One entry on a PO's timeline. */
export async function recordPoEvent(
  tx: Tx,
  input: { purchaseOrderId: string; kind: string; message: string; data?: unknown; actor: Actor; at?: Date },
) {
  await tx.purchaseOrderEvent.create({
    data: {
      purchaseOrderId: input.purchaseOrderId,
      kind: input.kind,
      message: input.message,
      data:
        input.data === undefined
          ? undefined
          : (JSON.parse(JSON.stringify(input.data)) as Prisma.InputJsonValue),
      actorLabel: input.actor.label,
      ...(input.at ? { createdAt: input.at } : {}),
    },
    select: { id: true },
  });
}
