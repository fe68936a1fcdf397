import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { applyMovement, lockLevel } from '@/lib/inventory/stock';
import { costingMethod, issueAtCost } from '@/lib/inventory/cost-store';

/**
 * The reservation primitive orders build on. Each function runs inside the caller's transaction
 * (the order's), locks the stock levels it touches in a fixed order (variant, location), and is
 * all-or-nothing across lines: one short line means nothing is reserved.
 */
export type StockLine = {
  variantId: string;
  sku: string;
  locationId: string;
  locationCode: string;
  quantity: number;
};
type Reference = { type: string; id: string };

/** Lines merged per (variant, location) and sorted in the lock order; quantities must be positive. */
export function mergeStockLines(lines: StockLine[]): StockLine[] {
  const merged = new Map<string, StockLine>();
  for (const l of lines) {
    if (!Number.isInteger(l.quantity) || l.quantity <= 0)
      throw new AppError('VALIDATION_FAILED', 'Quantities must be positive whole numbers', [
        { field: 'quantity', message: 'Must be at least 1' },
      ]);
    const key = `${l.variantId}|${l.locationId}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, quantity: prev.quantity + l.quantity } : { ...l });
  }
  return [...merged.values()].sort((a, b) =>
    a.variantId + a.locationId < b.variantId + b.locationId ? -1 : 1,
  );
}

/**
 * Reserves every line or none. A line short of available stock whose variant does not allow
 * backorder makes the whole call fail with 409 OUT_OF_STOCK listing each short SKU.
 */
export async function reserveStock(
  tx: Tx,
  input: { lines: StockLine[]; reference: Reference; actor: Actor },
): Promise<void> {
  const lines = mergeStockLines(input.lines);
  const locked = [];
  for (const l of lines) locked.push({ l, level: await lockLevel(tx, l.variantId, l.locationId) });
  const short = locked
    .filter(({ l, level }) => !level.backorderAllowed && level.onHand - level.reserved < l.quantity)
    .map(({ l, level }) => ({
      sku: l.sku,
      location: l.locationCode,
      requested: l.quantity,
      available: Math.max(level.onHand - level.reserved, 0),
    }));
  if (short.length)
    throw new AppError('OUT_OF_STOCK', `Not enough stock for ${short.map((s) => s.sku).join(', ')}`, short);
  for (const { l, level } of locked) {
    await applyMovement(
      tx,
      level,
      { type: 'reserve', reserved: l.quantity, reference: input.reference, actor: input.actor },
      { sku: l.sku, location: l.locationCode },
    );
  }
}

/** Gives reserved units back to available stock (order cancelled, line removed). */
export async function releaseStock(
  tx: Tx,
  input: { lines: StockLine[]; reference: Reference; actor: Actor },
): Promise<void> {
  for (const l of mergeStockLines(input.lines)) {
    const level = await lockLevel(tx, l.variantId, l.locationId);
    await applyMovement(
      tx,
      level,
      { type: 'release', reserved: -l.quantity, reference: input.reference, actor: input.actor },
      { sku: l.sku, location: l.locationCode },
    );
  }
}

/**
 * Ships reserved units: on-hand and reserved both go down, the units are costed by the shop's method
 * and one entry posts the cost of goods sold: Dr COGS / Cr Inventory. Returns the cost per line.
 */
export async function consumeReservedStock(
  tx: Tx,
  input: { lines: StockLine[]; reference: Reference; actor: Actor; memo: string },
): Promise<{ totalCost: number; lines: (StockLine & { cost: number })[] }> {
  const method = await costingMethod(tx);
  const out: (StockLine & { cost: number })[] = [];
  for (const l of mergeStockLines(input.lines)) {
    const level = await lockLevel(tx, l.variantId, l.locationId);
    if (level.reserved < l.quantity)
      throw new AppError(
        'INVALID_STATE',
        `Only ${level.reserved} of ${l.sku} are reserved at ${l.locationCode}`,
      );
    const cost = await issueAtCost(tx, { variantId: l.variantId, quantity: l.quantity, method });
    await applyMovement(
      tx,
      level,
      {
        type: 'ship',
        onHand: -l.quantity,
        reserved: -l.quantity,
        value: -cost,
        reference: input.reference,
        actor: input.actor,
      },
      { sku: l.sku, location: l.locationCode },
    );
    out.push({ ...l, cost });
  }
  const totalCost = out.reduce((s, l) => s + l.cost, 0);
  await postJournalEntry(tx, {
    memo: input.memo,
    source: input.reference,
    actor: input.actor,
    lines: [dr(ACCOUNTS.cogs, totalCost), cr(ACCOUNTS.inventory, totalCost)],
  });
  return { totalCost, lines: out };
}
