import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocateLargestRemainder,
  allocationBasis,
  splitByOnHand,
  splitLayerValue,
} from '@/lib/purchasing/landed-cost-rules';
import { agingBucket, grniForBillLine, matchBillLine, paymentTermsDays } from '@/lib/purchasing/bill-rules';

// The issue's example: 10 × A at 5.00 (200 g) and 5 × B at 20.00 (1 kg), freight 30.00.
const A = { quantity: 10, value: 5_000, weightGrams: 200, volumeMm3: 1_000_000 };
const B = { quantity: 5, value: 10_000, weightGrams: 1_000, volumeMm3: 2_000_000 };
const by = (m: 'value' | 'quantity' | 'weight' | 'volume') =>
  allocateLargestRemainder(3_000, [allocationBasis(m, A)!, allocationBasis(m, B)!]);

describe('landed-cost allocation by hand', () => {
  it('by value: 5,000 : 10,000 → A 1,000, B 2,000', () => expect(by('value')).toEqual([1_000, 2_000]));
  it('by weight: 2,000 g : 5,000 g → 857.14 → A 857, B 2,142.86 → 2,143', () =>
    expect(by('weight')).toEqual([857, 2_143]));
  it('by quantity: 10 : 5 → A 2,000, B 1,000', () => expect(by('quantity')).toEqual([2_000, 1_000]));
  it('by volume: 10 × 1 L : 5 × 2 L → 1,500 each', () => expect(by('volume')).toEqual([1_500, 1_500]));
  it('a tie of remainders goes to the earlier line: 100 over 1 : 1 : 1 → 34, 33, 33', () =>
    expect(allocateLargestRemainder(100, [1n, 1n, 1n])).toEqual([34, 33, 33]));
  it('no weight on a line → no basis', () =>
    expect(allocationBasis('weight', { ...A, weightGrams: null })).toBeNull());

  it('always sums to the charge, each part within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }),
        (amount, bases) => {
          fc.pre(bases.some((b) => b > 0n));
          const parts = allocateLargestRemainder(amount, bases);
          const total = bases.reduce((s, b) => s + b, 0n);
          expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
          parts.forEach((p, i) => {
            const floor = (BigInt(amount) * bases[i]) / total;
            expect(BigInt(p) === floor || BigInt(p) === floor + 1n).toBe(true);
          });
        },
      ),
    );
  });
});

describe('on-hand and shipped shares', () => {
  it('1,000 over 10 units with 4 on hand → 400 to the layers, 600 to COGS', () =>
    expect(splitByOnHand(1_000, 4, 10)).toEqual({ toInventory: 400, toCogs: 600 }));
  it('nothing on hand → all to COGS; all on hand → all to the layers', () => {
    expect(splitByOnHand(999, 0, 3)).toEqual({ toInventory: 0, toCogs: 999 });
    expect(splitByOnHand(999, 3, 3)).toEqual({ toInventory: 999, toCogs: 0 });
  });
  it('a layer of 3 at 5.00 + 1.00 → 16.00 → 1 at 5.34 and 2 at 5.33', () =>
    expect(splitLayerValue(3, 500, 100)).toEqual([
      { unitCost: 534, quantity: 1 },
      { unitCost: 533, quantity: 2 },
    ]));
  it('re-split layers carry exactly the old value plus the share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (r, c, add) => {
          const parts = splitLayerValue(r, c, add);
          expect(parts.reduce((s, p) => s + p.quantity * p.unitCost, 0)).toBe(r * c + add);
          expect(parts.reduce((s, p) => s + p.quantity, 0)).toBe(r);
        },
      ),
    );
  });
});

describe('bill rules', () => {
  const line = {
    sku: 'X',
    ordered: 10,
    received: 10,
    previouslyBilled: 0,
    quantity: 10,
    poUnitCost: 500,
    tolerancePct: 2,
  };
  it('2.0 % apart is within 2 %; 2.2 % is not', () => {
    expect(matchBillLine({ ...line, unitCost: 510 }).issues).toEqual([]);
    expect(matchBillLine({ ...line, unitCost: 511 }).issues).toHaveLength(1);
  });
  it('billing more than ordered names ordered; more than received names received', () => {
    expect(matchBillLine({ ...line, quantity: 11, unitCost: 500 }).issues[0]).toContain('10 ordered');
    expect(matchBillLine({ ...line, received: 6, unitCost: 500 }).issues[0]).toContain('6 received');
  });
  it(
    'GRNI: each bill takes its share of what is still open, the last the rest (3 bills of 1 over 3 units ' +
      'worth 1,000)',
    () => {
      // open 1,000 over 3 → 333.33 → 333; open 667 over 2 → 333.5 → 334; the last takes 333: Σ 1,000
      const taken: number[] = [];
      for (let prev = 0, cleared = 0; prev < 3; prev++) {
        const v = grniForBillLine({
          received: 3,
          previouslyBilled: prev,
          receivedValue: 1_000,
          grniCleared: cleared,
          quantity: 1,
          excessUnitBase: 0,
        });
        taken.push(v);
        cleared += v;
      }
      expect(taken).toEqual([333, 334, 333]);
    },
  );
  it('payment terms and aging buckets', () => {
    expect([paymentTermsDays('Net 30'), paymentTermsDays('Due on receipt'), paymentTermsDays(null)]).toEqual([
      30, 0, 0,
    ]);
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(agingBucket)).toEqual([
      'current',
      'days_1_30',
      'days_1_30',
      'days_31_60',
      'days_31_60',
      'days_61_90',
      'days_61_90',
      'over_90',
    ]);
  });
});
