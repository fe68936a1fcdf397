import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { currencyDigits } from '@/lib/money';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { convertMinor, formatRate } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { entryInstant } from '@/lib/ledger/entry-date';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { applyMovement, lockLevel } from '@/lib/inventory/stock';
import { lockPool } from '@/lib/inventory/cost-store';
import type { TLandedCharge } from './bill-schemas';
import {
  allocateLargestRemainder,
  allocationBasis,
  splitByOnHand,
  splitLayerValue,
} from './landed-cost-rules';

export type LandedChargeDto = {
  id: string;
  kind: string;
  allocation: string;
  currency: string;
  amount: number;
  base_amount: number;
  to_inventory: number;
  to_cogs: number;
  allocations: { sku: string; amount: number; to_inventory: number; to_cogs: number }[];
};

type ReceiptLineRow = {
  id: string;
  receiptId: string;
  variantId: string;
  sku: string;
  quantity: number;
  unitCost: number;
  locationId: string;
  location: string;
  weightGrams: number | null;
  volumeMm3: string | null;
};

/**
 * Applies landed-cost charges (freight, duty, insurance, other) to receipts of a PO, in the caller's
 * transaction (decision 034). Each charge, converted to the shop's currency at its day's rate, is
 * allocated over the receipt lines by value, quantity, weight or volume (largest remainder, so the
 * parts sum exactly to the charge). A line's part is split by how many of its units are still on
 * hand (their cost layers from that receipt): that share raises those layers and the pool (a
 * revalue movement, Dr Inventory), the share of units already shipped goes to COGS. The charge is
 * owed to whoever sent it: Cr Accounts payable.
 */
export async function applyLandedCharges(
  t: Tx,
  options: {
    purchaseOrder: { id: string; label: string; currency: string };
    /** the receipts to spread over: the one being recorded, or all of the PO's for a late charge */
    receiptIds: string[];
    /** set when the charges arrived with that receipt */
    receiptId: string | null;
    charges: TLandedCharge[];
    chargedOn?: string;
    actor: Actor;
    field?: string;
  },
): Promise<LandedChargeDto[]> {
  const field = options.field ?? 'charges';
  if (!options.charges.length) return [];
  const lines = await t.$queryRaw<ReceiptLineRow[]>`
    SELECT rl.id::text, rl.receipt_id::text AS "receiptId", rl.variant_id::text AS "variantId", v.sku,
           rl.quantity, rl.unit_cost AS "unitCost", r.location_id::text AS "locationId", l.code AS location,
           v.weight_grams AS "weightGrams",
           (v.length_mm::bigint * v.width_mm * v.height_mm)::text AS "volumeMm3"
    FROM receipt_lines rl JOIN receipts r ON r.id = rl.receipt_id JOIN variants v ON v.id = rl.variant_id
    JOIN locations l ON l.id = r.location_id
    WHERE rl.receipt_id = ANY(${options.receiptIds}::uuid[])
    ORDER BY r.number, v.sku`;
  if (!lines.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `Nothing has been received on ${options.purchaseOrder.label} yet`,
      [{ field, message: 'A charge is spread over received units: receive the goods first' }],
    );

  const { currency: base, timezone } = await shopSettings(t);
  const day = options.chargedOn ?? todayIn(timezone);
  const { rate } = await rateOn(
    {
      currency: options.purchaseOrder.currency,
      base,
      date: day,
      field: options.chargedOn ? 'charged_on' : 'currency',
    },
    t,
  );
  const foreign = options.purchaseOrder.currency !== base;
  const toBase = (amount: number) =>
    foreign
      ? Number(
          convertMinor(
            BigInt(amount),
            rate,
            currencyDigits(options.purchaseOrder.currency),
            currencyDigits(base),
          ),
        )
      : amount;

  // Allocate every charge first, so a bad one (no weights) refuses the whole request before any write.
  const plans = options.charges.map((c, i) => {
    const bases = lines.map((l) =>
      allocationBasis(c.allocation, {
        quantity: l.quantity,
        value: l.quantity * l.unitCost,
        weightGrams: l.weightGrams,
        volumeMm3: l.volumeMm3 === null ? null : Number(l.volumeMm3),
      }),
    );
    const missing = lines.filter((_, k) => bases[k] === null).map((l) => l.sku);
    if (missing.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `Cannot allocate by ${c.allocation}: ${missing.join(', ')} has none recorded`,
        [
          {
            field: `${field}.${i}.allocation`,
            message:
              `${[...new Set(missing)].join(', ')} has ` +
              `no ${c.allocation === 'weight' ? 'weight' : 'dimensions'}`,
          },
        ],
      );
    const total = bases.reduce((s, b) => s! + b!, 0n)!;
    if (total <= 0n)
      throw new AppError('VALIDATION_FAILED', `The received lines have no ${c.allocation} to allocate by`, [
        { field: `${field}.${i}.allocation`, message: `Nothing to allocate by ${c.allocation}` },
      ]);
    const baseAmount = toBase(c.amount);
    return {
      charge: c,
      bases: bases as bigint[],
      baseAmount,
      parts: allocateLargestRemainder(baseAmount, bases as bigint[]),
    };
  });

  const postedAt = await entryInstant(t, options.chargedOn, 'charged_on');
  const out: LandedChargeDto[] = [];
  for (const plan of plans) {
    const row = await t.landedCostCharge.create({
      data: {
        purchaseOrderId: options.purchaseOrder.id,
        receiptId: options.receiptId,
        kind: plan.charge.kind,
        allocation: plan.charge.allocation,
        currency: options.purchaseOrder.currency,
        amount: plan.charge.amount,
        fxRate: foreign ? formatRate(rate) : null,
        baseAmount: plan.baseAmount,
        // split for real once the layers are known (the CHECK wants the parts to add up at every write)
        toInventory: 0,
        toCogs: plan.baseAmount,
        createdBy: options.actor.label,
      },
      select: { id: true },
    });
    const source = { type: 'landed_cost', id: row.id };
    let toInventory = 0;
    let toCogs = 0;
    const allocations: LandedChargeDto['allocations'] = [];
    for (const [k, l] of lines.entries()) {
      const amount = plan.parts[k];
      if (amount === 0) continue;
      const split = await addToReceiptLayers(t, l, amount, source, options.actor);
      toInventory += split.toInventory;
      toCogs += split.toCogs;
      allocations.push({ sku: l.sku, amount, to_inventory: split.toInventory, to_cogs: split.toCogs });
      await t.landedCostAllocation.create({
        data: {
          chargeId: row.id,
          receiptLineId: l.id,
          sku: l.sku,
          basis: plan.bases[k],
          amount,
          toInventory: split.toInventory,
          toCogs: split.toCogs,
        },
        select: { id: true },
      });
    }
    const payable: EntryLine = cr(
      ACCOUNTS.payable,
      plan.baseAmount,
      `${plan.charge.kind} on ${options.purchaseOrder.label}`,
    );
    if (foreign)
      payable.txn = { currency: options.purchaseOrder.currency, debit: 0, credit: plan.charge.amount };
    const entry = await postJournalEntry(t, {
      memo: `Landed cost (${plan.charge.kind}, by ${plan.charge.allocation}) on ${options.purchaseOrder.label}`,
      source,
      actor: options.actor,
      postedAt,
      lines: [
        dr(ACCOUNTS.inventory, toInventory, 'Units still on hand'),
        dr(ACCOUNTS.cogs, toCogs, 'Units already shipped'),
        payable,
      ],
    });
    await t.landedCostCharge.update({
      where: { id: row.id },
      data: { toInventory, toCogs, journalEntryId: entry?.id ?? null },
      select: { id: true },
    });
    out.push({
      id: row.id,
      kind: plan.charge.kind,
      allocation: plan.charge.allocation,
      currency: options.purchaseOrder.currency,
      amount: plan.charge.amount,
      base_amount: plan.baseAmount,
      to_inventory: toInventory,
      to_cogs: toCogs,
      allocations,
    });
  }
  return out;
}

/**
 * A receipt line's part of a charge: the units of that receipt still in cost layers take their
 * share (spread over those layers, each re-split into whole-minor-unit layers that carry exactly
 * their new value), the rest is the shipped share.
 */
async function addToReceiptLayers(
  t: Tx,
  l: ReceiptLineRow,
  amount: number,
  source: { type: string; id: string },
  actor: Actor,
): Promise<{ toInventory: number; toCogs: number }> {
  await lockPool(t, l.variantId);
  const layers = await t.$queryRaw<{ id: bigint; unitCost: number; remaining: number; receivedAt: Date }[]>`
    SELECT id, unit_cost AS "unitCost", quantity_remaining AS remaining, received_at AS "receivedAt"
    FROM cost_layers
    WHERE variant_id = ${l.variantId}::uuid AND source_type = 'receipt' AND source_id = ${l.receiptId}
      AND quantity_remaining > 0
    ORDER BY received_at, id FOR UPDATE`;
  const onHand = layers.reduce((s, x) => s + x.remaining, 0);
  const split = splitByOnHand(amount, onHand, l.quantity);
  if (split.toInventory === 0) return split;
  const parts = allocateLargestRemainder(
    split.toInventory,
    layers.map((x) => BigInt(x.remaining)),
  );
  for (const [k, layer] of layers.entries()) {
    const [first, second] = splitLayerValue(layer.remaining, layer.unitCost, parts[k]);
    // the layer keeps its place in FIFO order; a second price gets a layer of the same date
    await t.$executeRaw`UPDATE cost_layers SET unit_cost = ${first.unitCost}, quantity_remaining = ${first.quantity},
      quantity_received = quantity_received - ${layer.remaining - first.quantity} WHERE id = ${layer.id}`;
    if (second)
      await t.costLayer.create({
        data: {
          variantId: l.variantId,
          sourceType: 'receipt',
          sourceId: l.receiptId,
          unitCost: second.unitCost,
          quantityReceived: second.quantity,
          quantityRemaining: second.quantity,
          receivedAt: layer.receivedAt,
        },
        select: { id: true },
      });
  }
  await t.$executeRaw`UPDATE cost_pools SET value = value + ${split.toInventory} WHERE variant_id =
    ${l.variantId}::uuid`;
  const level = await lockLevel(t, l.variantId, l.locationId);
  await applyMovement(
    t,
    level,
    { type: 'revalue', value: split.toInventory, reason: 'landed cost', reference: source, actor },
    { sku: l.sku, location: l.location },
  );
  return split;
}
