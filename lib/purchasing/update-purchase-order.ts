import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { purchaseOrderDetail, type PurchaseOrderDto } from './queries';
import { ZUpdatePurchaseOrderInput, type TUpdatePurchaseOrderInput } from './schemas';
import { lockPurchaseOrder, recordPoEvent, resolvePoLines } from './po-store';
import { assertPurchaseOrderMove, poLabel } from './rules';

/**
 * Edits a draft or sent PO: expected date, notes, and the whole list of lines. A line may not drop
 * below what has arrived. After sending, each edit bumps the revision and leaves a `revised` event on
 * the timeline saying what changed (the supplier is not re-sent the PDF automatically).
 */
export async function updatePurchaseOrder(
  options: { purchaseOrderId: string; input: TUpdatePurchaseOrderInput; actor: Actor },
  tx?: Tx,
): Promise<PurchaseOrderDto> {
  const input = ZUpdatePurchaseOrderInput.parse(options.input);
  const run = async (t: Tx) => {
    const locked = await lockPurchaseOrder(t, options.purchaseOrderId);
    assertPurchaseOrderMove(locked.status, 'edit');
    const before = (await purchaseOrderDetail(locked.id, t))!;
    const changes: string[] = [];
    if (input.expected_at !== undefined && input.expected_at !== before.expected_at)
      changes.push(`expected ${before.expected_at ?? 'no date'} → ${input.expected_at ?? 'no date'}`);
    if (input.notes !== undefined && (input.notes || null) !== before.notes) changes.push('notes changed');
    if (input.lines) {
      const lines = await resolvePoLines(t, before.supplier_id, input.lines);
      const old = new Map(before.lines.map((l) => [l.sku, l]));
      const keep = new Set(lines.map((l) => l.sku));
      const issues: { field: string; message: string }[] = [];
      lines.forEach((l, i) => {
        const o = old.get(l.sku);
        if (o && l.quantity < o.received + o.cancelled)
          issues.push({
            field: `lines.${i}.quantity`,
            message: `${o.received} of ${l.sku} already arrived: order at least ${o.received + o.cancelled}`,
          });
      });
      for (const o of before.lines)
        if (!keep.has(o.sku) && o.received > 0)
          issues.push({
            field: 'lines',
            message: `${o.sku} has arrived (${o.received}); it cannot be removed`,
          });
      if (issues.length) throw new AppError('VALIDATION_FAILED', 'Some lines cannot change that way', issues);
      for (const o of before.lines) if (!keep.has(o.sku)) changes.push(`${o.sku} removed`);
      for (const [i, l] of lines.entries()) {
        const o = old.get(l.sku);
        if (!o) changes.push(`${l.sku} added: ${l.quantity}`);
        else {
          if (o.quantity !== l.quantity) changes.push(`${l.sku} ${o.quantity} → ${l.quantity}`);
          if (o.unit_cost !== l.unitCost) changes.push(`${l.sku} cost ${o.unit_cost} → ${l.unitCost}`);
        }
        await t.purchaseOrderLine.upsert({
          where: { purchaseOrderId_variantId: { purchaseOrderId: locked.id, variantId: l.variantId } },
          create: {
            purchaseOrderId: locked.id,
            variantId: l.variantId,
            sku: l.sku,
            position: i,
            quantityOrdered: l.quantity,
            unitCost: l.unitCost,
          },
          update: { position: i, quantityOrdered: l.quantity, unitCost: l.unitCost },
          select: { id: true },
        });
      }
      await t.purchaseOrderLine.deleteMany({
        where: { purchaseOrderId: locked.id, sku: { notIn: [...keep] } },
      });
    }
    if (changes.length === 0) return before;
    const revised = locked.status !== 'draft';
    await t.purchaseOrder.update({
      where: { id: locked.id },
      data: {
        ...(input.expected_at !== undefined
          ? { expectedAt: input.expected_at ? new Date(`${input.expected_at}T00:00:00Z`) : null }
          : {}),
        ...(input.notes !== undefined ? { notes: input.notes || null } : {}),
        ...(revised ? { revision: { increment: 1 } } : {}),
      },
      select: { id: true },
    });
    await recordPoEvent(t, {
      purchaseOrderId: locked.id,
      kind: revised ? 'revised' : 'edited',
      message: revised
        ? `${poLabel(locked.number)} revision ${before.revision + 1}: ${changes.join('; ')}.`
        : `Draft edited: ${changes.join('; ')}.`,
      data: { changes, revision: revised ? before.revision + 1 : before.revision },
      actor: options.actor,
    });
    const after = (await purchaseOrderDetail(locked.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: revised ? 'purchase_order.revised' : 'purchase_order.updated',
      entityType: 'purchase_order',
      entityId: locked.id,
      before,
      after,
    });
    return after;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
