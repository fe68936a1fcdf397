import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { applyMovement, lockLevel, resolveLocation, resolveSkus } from '@/lib/inventory/stock';
import { receiveAtCost } from '@/lib/inventory/cost-store';
import { ZReceiptInput, type TReceiptInput } from '@/lib/inventory/schemas';

export type ReceiptResult = {
  id: string;
  number: number;
  location: string;
  kind: 'purchase' | 'opening';
  reference: string | null;
  total_cost: number;
  recost: number;
  lines: { sku: string; quantity: number; unit_cost: number }[];
};

/**
 * Receives stock at a location: per line, a receive movement, a cost layer, and the re-cost of any
 * units sold before this receipt; one journal entry for the receipt:
 *   Dr Inventory Σ qty·cost / Cr Accounts payable (Cr Opening balance equity for opening stock;
 *   Cr Goods received not invoiced for a receipt against a purchase order),
 *   plus Dr COGS / Cr Inventory for the re-cost (reversed when the actual cost is lower).
 * All or nothing, in one transaction with its audit row.
 */
export async function receiveStock(
  options: {
    input: TReceiptInput;
    actor: Actor;
    /**
     * A receipt against a purchase order (lib/purchasing/receive-purchase-order.ts): linked to it and
     * credited to Goods received not invoiced instead of payables (the supplier's bill clears GRNI).
     */
    purchaseOrder?: { id: string; label: string };
  },
  tx?: Tx,
): Promise<ReceiptResult> {
  const input = ZReceiptInput.parse(options.input);
  const run = async (t: Tx): Promise<ReceiptResult> => {
    const location = await resolveLocation(t, input.location, 'location');
    const variants = await resolveSkus(
      t,
      input.lines.map((l, i) => ({ sku: l.sku, field: `lines.${i}.sku` })),
    );
    const binCodes = [...new Set(input.lines.map((l) => l.bin).filter((b): b is string => !!b))];
    const bins = binCodes.length
      ? await t.bin.findMany({
          where: { locationId: location.id, code: { in: binCodes } },
          select: { id: true, code: true },
        })
      : [];
    const binByCode = new Map(bins.map((b) => [b.code, b.id]));
    input.lines.forEach((l, i) => {
      if (l.bin && !binByCode.has(l.bin))
        throw new AppError('VALIDATION_FAILED', `Unknown bin "${l.bin}" at ${location.code}`, [
          { field: `lines.${i}.bin`, message: `No bin "${l.bin}" at ${location.code}` },
        ]);
    });

    const receipt = await t.receipt.create({
      data: {
        kind: input.kind,
        locationId: location.id,
        reference: input.reference ?? null,
        purchaseOrderId: options.purchaseOrder?.id ?? null,
        actorType: options.actor.type,
        actorId: options.actor.id,
        actorLabel: options.actor.label,
      },
      select: { id: true, number: true },
    });
    const source = { type: 'receipt', id: receipt.id };
    let total = 0;
    let recostTotal = 0;
    // Lock in a fixed order (variant id) so concurrent receipts of the same SKUs cannot deadlock.
    const order = input.lines
      .map((l, i) => ({ l, i, v: variants.get(l.sku)! }))
      .sort((a, b) => (a.v.id < b.v.id ? -1 : a.v.id > b.v.id ? 1 : a.i - b.i));
    for (const { l, v } of order) {
      const value = l.quantity * l.unit_cost;
      let level = await lockLevel(t, v.id, location.id);
      if (l.bin && !level.binId) {
        await t.stockLevel.update({
          where: { id: level.id },
          data: { binId: binByCode.get(l.bin)! },
          select: { id: true },
        });
        level = { ...level, binId: binByCode.get(l.bin)! };
      }
      level = await applyMovement(
        t,
        level,
        {
          type: 'receive',
          onHand: l.quantity,
          value,
          reason: input.kind === 'opening' ? 'opening stock' : null,
          reference: source,
          actor: options.actor,
        },
        { sku: l.sku, location: location.code },
      );
      const recost = await receiveAtCost(t, {
        variantId: v.id,
        quantity: l.quantity,
        unitCost: l.unit_cost,
        source,
      });
      if (recost !== 0) {
        await applyMovement(
          t,
          level,
          {
            type: 'revalue',
            value: -recost,
            reason: 'late receipt re-cost',
            reference: source,
            actor: options.actor,
          },
          { sku: l.sku, location: location.code },
        );
      }
      await t.receiptLine.create({
        data: {
          receiptId: receipt.id,
          variantId: v.id,
          quantity: l.quantity,
          unitCost: l.unit_cost,
          recostAmount: recost,
        },
        select: { id: true },
      });
      total += value;
      recostTotal += recost;
    }

    const credit = options.purchaseOrder
      ? ACCOUNTS.grni
      : input.kind === 'opening'
        ? ACCOUNTS.openingEquity
        : ACCOUNTS.payable;
    const what = options.purchaseOrder
      ? `Receipt against ${options.purchaseOrder.label}`
      : input.kind === 'opening'
        ? 'Opening stock'
        : 'Stock receipt';
    await postJournalEntry(t, {
      postedAt: await entryInstant(t, input.received_on, 'received_on'),
      memo:
        `${what} #${receipt.number} ` +
        `at ${location.code}${input.reference && !options.purchaseOrder ? ` (${input.reference})` : ''}`,
      source,
      actor: options.actor,
      lines: [
        dr(ACCOUNTS.inventory, total),
        cr(credit, total),
        dr(ACCOUNTS.cogs, recostTotal, 'Re-cost of units sold before this receipt'),
        cr(ACCOUNTS.inventory, recostTotal),
      ],
    });

    const result: ReceiptResult = {
      id: receipt.id,
      number: receipt.number,
      location: location.code,
      kind: input.kind,
      reference: input.reference ?? null,
      total_cost: total,
      recost: recostTotal,
      lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unit_cost: l.unit_cost })),
    };
    await audit(t, {
      actor: options.actor,
      action: 'receipt.created',
      entityType: 'receipt',
      entityId: receipt.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 60_000 });
}
