import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paymentCarrying } from '@/lib/purchasing/bill-rules';

describe('paymentCarrying', () => {
  it('a part takes its share, rounded half up; the settling payment takes the rest', () => {
    // 100.00 EUR carried at 120.01 USD: 33.33 EUR → 12,001 × 3,333 ÷ 10,000 = 3,999.93… → 4,000
    const one = paymentCarrying({
      total: 10_000,
      baseTotal: 12_001,
      amountPaid: 0,
      carryingPaid: 0,
      amount: 3_333,
    });
    expect(one).toEqual({ carrying: 4_000, settles: false });
    // the remaining 66.67 EUR settles it: 12,001 − 4,000 = 8,001 (not its share 8,001.07 → 8,001 by luck)
    const two = paymentCarrying({
      total: 10_000,
      baseTotal: 12_001,
      amountPaid: 3_333,
      carryingPaid: 4_000,
      amount: 6_667,
    });
    expect(two).toEqual({ carrying: 8_001, settles: true });
  });

  it('for every split of a bill into payments, the carrying parts sum to the carrying amount exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 8 }),
        (total, baseTotal, weights) => {
          let amountPaid = 0;
          let carryingPaid = 0;
          for (let i = 0; i < weights.length && amountPaid < total; i++) {
            const left = total - amountPaid;
            const amount = i === weights.length - 1 ? left : Math.max(1, Math.min(left, weights[i]));
            const { carrying, settles } = paymentCarrying({
              total,
              baseTotal,
              amountPaid,
              carryingPaid,
              amount,
            });
            expect(settles).toBe(amountPaid + amount === total);
            amountPaid += amount;
            carryingPaid += carrying;
          }
          expect(amountPaid).toBe(total);
          expect(carryingPaid).toBe(baseTotal);
        },
      ),
    );
  });
});
