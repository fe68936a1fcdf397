import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  needsApproval,
  orderHasMoneyToRefund,
  paymentStatusAfterRefund,
  refundCap,
  refundTotal,
  scaleRefund,
} from '@/lib/refunds/rules';

describe('refund rules', () => {
  it('adds up goods, tax and shipping less the restocking fee', () => {
    // 1,900 + 160 + 500 − 285 = 2,275
    expect(refundTotal({ goods: 1_900, tax: 160, shipping: 500, fee: 285 })).toBe(2_275);
  });

  it('caps a refund at what was paid less what waits for approval, and at what the units come to', () => {
    // 5,000 − 1,200 = 3,800
    expect(refundCap({ amountPaid: 5_000, pending: 1_200 })).toBe(3_800);
    expect(refundCap({ amountPaid: 5_000, pending: 1_200, units: 2_000 })).toBe(2_000);
    expect(refundCap({ amountPaid: 5_000 })).toBe(5_000);
    // more pending than paid (money went back meanwhile): nothing left, never negative
    expect(refundCap({ amountPaid: 1_000, pending: 1_500 })).toBe(0);
  });

  it('scales a partial refund so that its parts still add up to the amount', () => {
    // total 1,775; tax round(160 × 1,000 / 1,775) = round(90.14) = 90; fee round(285,000 / 1,775) =
    // round(160.56) = 161; goods 1,000 − 90 − 0 + 161 = 1,071
    expect(scaleRefund({ goods: 1_900, tax: 160, shipping: 0, fee: 285 }, 1_000)).toEqual({
      goods: 1_071,
      tax: 90,
      shipping: 0,
      fee: 161,
    });
    fc.assert(
      fc.property(
        fc.record({
          goods: fc.integer({ min: 1, max: 1_000_000 }),
          tax: fc.integer({ min: 0, max: 100_000 }),
          shipping: fc.integer({ min: 0, max: 10_000 }),
          fee: fc.integer({ min: 0, max: 1_000 }),
        }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (parts, wanted) => {
          const amount = Math.min(wanted, refundTotal(parts));
          expect(refundTotal(scaleRefund(parts, amount))).toBe(amount);
        },
      ),
    );
  });

  it('needs a manager only above the limit and only for someone who cannot approve', () => {
    expect(needsApproval(10_001, 10_000, false)).toBe(true);
    expect(needsApproval(10_000, 10_000, false)).toBe(false);
    expect(needsApproval(50_000, 10_000, true)).toBe(false);
  });

  it('offers a refund only while money paid is left', () => {
    expect(orderHasMoneyToRefund({ amount_paid: 1 })).toBe(true);
    expect(orderHasMoneyToRefund({ amount_paid: 0 })).toBe(false);
  });

  it('calls a payment refunded once nothing paid is left', () => {
    expect(paymentStatusAfterRefund(0)).toBe('refunded');
    expect(paymentStatusAfterRefund(1)).toBe('partially_refunded');
  });
});
