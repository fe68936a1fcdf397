import { describe, expect, it } from 'vitest';
import {
  canMoveReturn,
  exchangeSettlement,
  nextReturnStatus,
  orderHasShippedUnits,
  spreadQuantity,
  refundForUnits,
  RETURN_TRANSITIONS,
  slice,
} from '@/lib/returns/rules';

describe('return transitions', () => {
  it('follows the table and refuses anything else with INVALID_STATE', () => {
    expect(nextReturnStatus('requested', 'approve')).toBe('approved');
    expect(nextReturnStatus('approved', 'receive_partially')).toBe('partially_received');
    expect(nextReturnStatus('partially_received', 'receive')).toBe('received');
    expect(nextReturnStatus('received', 'inspect')).toBe('inspected');
    expect(nextReturnStatus('inspected', 'refund')).toBe('refunded');
    expect(() => nextReturnStatus('rejected', 'approve')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(() => nextReturnStatus('requested', 'receive')).toThrow(/only from: approved, partially received/);
    expect(canMoveReturn('refunded', 'refund')).toBe(false);
    // rejected is terminal: no move starts from it.
    expect(
      Object.values(RETURN_TRANSITIONS).some((t) => (t.from as readonly string[]).includes('rejected')),
    ).toBe(false);
  });
});

describe('refund arithmetic', () => {
  it('splits discount and tax so that unit-by-unit refunds add up to the line exactly', () => {
    // Line 3 × 1,000, discount 100, tax 200: 100/3 and 200/3 do not divide evenly.
    const line = { quantity: 3, unitPrice: 1_000, discountAmount: 100, taxAmount: 200 };
    const units = [0, 1, 2].map((before) => refundForUnits(line, before, 1, 0));
    // share(100, k, 3): 33, 67, 100 → slices 33, 34, 33; tax share(200, k, 3): 67, 133, 200 → 67, 66, 67.
    expect(units.map((u) => u.goods)).toEqual([967, 966, 967]);
    expect(units.map((u) => u.tax)).toEqual([67, 66, 67]);
    expect(units.reduce((s, u) => s + u.goods + u.tax, 0)).toBe(3_000 - 100 + 200);
    expect(slice(100, 0, 3, 3)).toBe(100);
  });

  it('takes the restocking fee of the reason, rounded half up', () => {
    // 1,900 × 15 % = 285; 1,903 × 15 % = 285.45 → 285; 1,910 × 15 % = 286.5 → 287.
    expect(
      refundForUnits({ quantity: 3, unitPrice: 2_000, discountAmount: 300, taxAmount: 480 }, 0, 1, 15),
    ).toEqual({ goods: 1_900, tax: 160, fee: 285 });
    expect(
      refundForUnits({ quantity: 1, unitPrice: 1_910, discountAmount: 0, taxAmount: 0 }, 0, 1, 15).fee,
    ).toBe(287);
  });

  it('settles an exchange: charge the difference or refund the rest', () => {
    expect(exchangeSettlement(2_160, 3_240)).toEqual({
      applied: 2_160,
      difference: 1_080,
      charge: 1_080,
      refund: 0,
    });
    expect(exchangeSettlement(4_000, 3_000)).toEqual({
      applied: 3_000,
      difference: -1_000,
      charge: 0,
      refund: 1_000,
    });
  });
});

describe('orderHasShippedUnits', () => {
  it('lets a return start once any unit has shipped', () => {
    expect(orderHasShippedUnits([{ quantity_fulfilled: 0 }, { quantity_fulfilled: 1 }])).toBe(true);
    expect(orderHasShippedUnits([{ quantity_fulfilled: 0 }])).toBe(false);
    expect(orderHasShippedUnits([])).toBe(false);
  });
});

describe('spreadQuantity', () => {
  it('fills the lines in order, each up to what it has left, and says what is short', () => {
    const left = new Map([
      ['a', 3],
      ['b', 4],
    ]);
    const lines = [{ id: 'a' }, { id: 'b' }];
    // 5 = 3 from a + 2 from b; b keeps 2
    expect(spreadQuantity(lines, 5, left, (l) => l.id)).toEqual({
      takes: [
        { line: { id: 'a' }, quantity: 3 },
        { line: { id: 'b' }, quantity: 2 },
      ],
      short: 0,
    });
    expect(left).toEqual(
      new Map([
        ['a', 0],
        ['b', 2],
      ]),
    );
    // asked again for 3: only b's 2 are left, 1 short
    expect(spreadQuantity(lines, 3, left, (l) => l.id)).toEqual({
      takes: [{ line: { id: 'b' }, quantity: 2 }],
      short: 1,
    });
  });
});
