import { share } from '@/lib/money';

export const LANDED_CHARGE_KINDS = ['freight', 'duty', 'insurance', 'other'] as const;
export const LANDED_CHARGE_ALLOCATIONS = ['value', 'quantity', 'weight', 'volume'] as const;
export type LandedChargeAllocation = (typeof LANDED_CHARGE_ALLOCATIONS)[number];

/** A receipt line as the allocation sees it: base value, units, and the variant's weight and size. */
export type AllocationLine = {
  quantity: number;
  /** quantity × unit cost in the shop's currency */
  value: number;
  weightGrams: number | null;
  /** length × width × height in mm³, null when any is unknown */
  volumeMm3: number | null;
};

/**
 * A line's weight in the allocation: its value, its units, its units × unit weight (g) or units ×
 * unit volume (mm³). Null when the variant has no weight (or size) for that method.
 */
export function allocationBasis(method: LandedChargeAllocation, l: AllocationLine): bigint | null {
  switch (method) {
    case 'value':
      return BigInt(l.value);
    case 'quantity':
      return BigInt(l.quantity);
    case 'weight':
      return l.weightGrams === null ? null : BigInt(l.quantity) * BigInt(l.weightGrams);
    case 'volume':
      return l.volumeMm3 === null ? null : BigInt(l.quantity) * BigInt(l.volumeMm3);
  }
}

/**
 * Splits `amount` minor units in proportion to `bases` so that the parts add up to it exactly:
 * largest remainder (Hamilton), in integers (BigInt, so no float error at any size); ties go to the
 * earlier line. Worked example (issue 16): freight 3,000 by weight over A 10 × 200 g = 2,000 and
 * B 5 × 1,000 g = 5,000 → 3,000 × 2/7 = 857.14 and 2,142.86 → floors 857 + 2,142 = 2,999; the one
 * left goes to the larger remainder (B, .86) → A 857, B 2,143. By value (A 5,000, B 10,000) →
 * A 1,000, B 2,000.
 */
export function allocateLargestRemainder(amount: number, bases: bigint[]): number[] {
  const total = bases.reduce((a, b) => a + b, 0n);
  if (bases.length === 0) return [];
  if (total <= 0n) throw new RangeError('the allocation bases add up to nothing');
  const a = BigInt(amount);
  const parts = bases.map((b) => (a * b) / total);
  const remainders = bases.map((b, i) => ({ i, r: (a * b) % total }));
  let rest = Number(a - parts.reduce((s, p) => s + p, 0n));
  remainders.sort((x, y) => (y.r > x.r ? 1 : y.r < x.r ? -1 : x.i - y.i));
  for (let k = 0; rest > 0; k++, rest--) parts[remainders[k].i] += 1n;
  return parts.map(Number);
}

/**
 * A line's share of a charge split between the units still on hand (their cost layers) and the units
 * already shipped (COGS): toInventory = round half up(amount × on hand / received), the rest to COGS,
 * so nothing is lost or counted twice. 1,000 over 10 units with 4 on hand → 400 inventory, 600 COGS.
 */
export function splitByOnHand(
  amount: number,
  onHand: number,
  quantity: number,
): { toInventory: number; toCogs: number } {
  const held = Math.max(0, Math.min(onHand, quantity));
  const toInventory = held === quantity ? amount : share(amount, held, quantity);
  return { toInventory, toCogs: amount - toInventory };
}

/**
 * A layer of r units at unit cost c given `add` more value, split into whole-minor-unit layers that
 * carry exactly r·c + add: `extra` units at ⌊v/r⌋ + 1 and the rest at ⌊v/r⌋ (v = r·c + add).
 * 4 units at 500 + 400 → v 2,400 → 4 × 600; 3 units at 500 + 100 → v 1,600 → 1 × 534 + 2 × 533.
 */
export function splitLayerValue(
  remaining: number,
  unitCost: number,
  add: number,
): { unitCost: number; quantity: number }[] {
  const value = remaining * unitCost + add;
  const base = Math.floor(value / remaining);
  const extra = value - base * remaining;
  return [
    { unitCost: base + 1, quantity: extra },
    { unitCost: base, quantity: remaining - extra },
  ].filter((p) => p.quantity > 0);
}
