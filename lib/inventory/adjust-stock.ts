import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import {
  applyMovement,
  lockLevel,
  resolveLocation,
  resolveSkus,
  type MovementInput,
} from '@/lib/inventory/stock';
import { costingMethod, issueAtCost, lockPool, receiveAtCost } from '@/lib/inventory/cost-store';
import { foundUnitCost } from '@/lib/inventory/costing';
import { ZAdjustmentInput, type TAdjustmentInput } from '@/lib/inventory/schemas';

export type AdjustmentResult = {
  id: string;
  number: number;
  location: string;
  sku: string;
  delta: number;
  reason: string;
  /** inventory value written off (positive) or added (negative), minor units */
  value: number;
  level: { on_hand: number; reserved: number; available: number; damaged: number; quarantine: number };
};

/**
 * Adjusts stock with a reason (see ADJUSTMENT_REASONS for what each does). Units that leave the
 * business are costed by the shop's method and posted Dr Inventory shrinkage / Cr Inventory; found
 * units the reverse; moves between sellable and unsellable buckets change no value.
 */
export async function adjustStock(
  options: { input: TAdjustmentInput; actor: Actor },
  tx?: Tx,
): Promise<AdjustmentResult> {
  const input = ZAdjustmentInput.parse(options.input);
  const run = async (t: Tx): Promise<AdjustmentResult> => {
    const location = await resolveLocation(t, input.location, 'location');
    const variant = (await resolveSkus(t, [{ sku: input.sku, field: 'sku' }])).get(input.sku)!;
    const method = await costingMethod(t);
    const level = await lockLevel(t, variant.id, location.id);
    const n = Math.abs(input.delta);
    const adjustmentId = randomUUID();
    const source = { type: 'adjustment', id: adjustmentId };
    const base = {
      reason: input.note ? `${input.reason}: ${input.note}` : input.reason,
      reference: source,
      actor: options.actor,
    };

    let movement: MovementInput;
    switch (input.reason) {
      case 'damaged':
        movement = { ...base, type: 'damage', onHand: -n, damaged: n };
        break;
      case 'quarantine':
        movement = { ...base, type: 'quarantine', onHand: -n, quarantine: n };
        break;
      case 'release_quarantine':
        movement = { ...base, type: 'release_quarantine', onHand: n, quarantine: -n };
        break;
      case 'scrap':
        movement = { ...base, type: 'scrap', damaged: -n };
        break;
      default:
        movement = {
          ...base,
          type: input.reason === 'count' ? 'count_correction' : 'adjust',
          onHand: input.delta,
        };
    }

    // value > 0: inventory written off to shrinkage; value < 0: inventory added back (found).
    // A refused movement below throws and rolls the costing back with the transaction.
    let value = 0;
    let recost = 0;
    const leaves =
      movement.type === 'scrap' ||
      (movement.type !== 'damage' &&
        movement.type !== 'quarantine' &&
        movement.type !== 'release_quarantine' &&
        input.delta < 0);
    const arrives = (movement.type === 'adjust' || movement.type === 'count_correction') && input.delta > 0;
    if (leaves) {
      value = await issueAtCost(t, { variantId: variant.id, quantity: n, method });
    } else if (arrives) {
      const unitCost = foundUnitCost(method, await lockPool(t, variant.id));
      recost = await receiveAtCost(t, { variantId: variant.id, quantity: n, unitCost, source });
      value = -(n * unitCost);
    }
    const after = await applyMovement(
      t,
      level,
      { ...movement, value: -value - recost },
      { sku: input.sku, location: location.code },
    );

    const adjustment = await t.inventoryAdjustment.create({
      data: {
        id: adjustmentId,
        locationId: location.id,
        variantId: variant.id,
        delta: input.delta,
        reason: input.reason,
        note: input.note ?? null,
        value,
        actorType: options.actor.type,
        actorId: options.actor.id,
        actorLabel: options.actor.label,
      },
      select: { id: true, number: true },
    });
    await postJournalEntry(t, {
      memo:
        `Adjustment #${adjustment.number}: ${input.reason} ${input.delta > 0 ? '+' : ''}${input.delta} ` +
        `× ${input.sku} at ${location.code}`,
      source,
      actor: options.actor,
      lines: [
        dr(ACCOUNTS.shrinkage, value),
        cr(ACCOUNTS.inventory, value),
        dr(ACCOUNTS.cogs, recost),
        cr(ACCOUNTS.inventory, recost),
      ],
    });

    const result: AdjustmentResult = {
      id: adjustment.id,
      number: adjustment.number,
      location: location.code,
      sku: input.sku,
      delta: input.delta,
      reason: input.reason,
      value,
      level: {
        on_hand: after.onHand,
        reserved: after.reserved,
        available: after.onHand - after.reserved,
        damaged: after.damaged,
        quarantine: after.quarantine,
      },
    };
    await audit(t, {
      actor: options.actor,
      action: 'inventory.adjusted',
      entityType: 'variant',
      entityId: variant.id,
      before: { on_hand: level.onHand, damaged: level.damaged, quarantine: level.quarantine },
      after: result,
    });
    const levelId = `${variant.id}:${location.id}`;
    await recordEvent(t, { type: 'inventory.adjusted', resourceId: levelId, data: result });
    // inventory.low_stock, when this crosses the reorder point, comes from the stock_levels trigger
    // (migration 20261202110000): once per crossing, per location, for every writer.
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
