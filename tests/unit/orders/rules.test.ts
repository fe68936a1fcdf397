import { describe, expect, it } from 'vitest';
import {
  availableMoves,
  nextStatus,
  openQuantity,
  orderTotals,
  TRANSITIONS,
  type OrderStatus,
} from '@/lib/orders/rules';
import { AppError } from '@/lib/errors';

const ALL: OrderStatus[] = [
  'pending_review',
  'open',
  'on_hold',
  'partially_fulfilled',
  'fulfilled',
  'delivered',
  'cancelled',
];

describe('order transitions', () => {
  // The table, written out: [move, allowed from].
  const expected: [keyof typeof TRANSITIONS, OrderStatus[], OrderStatus][] = [
    ['approve', ['pending_review'], 'open'],
    ['hold', ['pending_review', 'open'], 'on_hold'],
    ['release', ['on_hold'], 'open'],
    ['cancel', ['pending_review', 'open', 'on_hold'], 'cancelled'],
    ['deliver', ['fulfilled'], 'delivered'],
  ];
  for (const [move, from, to] of expected) {
    for (const status of ALL) {
      it(`${move} from ${status}: ${from.includes(status) ? `→ ${to}` : 'INVALID_STATE'}`, () => {
        if (from.includes(status)) expect(nextStatus(status, move)).toBe(to);
        else expect(() => nextStatus(status, move)).toThrowError(AppError);
      });
    }
  }

  it('names the allowed states in the error', () => {
    expect(() => nextStatus('cancelled', 'release')).toThrow(
      'Cannot release an order that is cancelled (only from: on hold).',
    );
  });

  it('offers a person only the moves that are legal now', () => {
    expect(availableMoves('pending_review')).toEqual(['approve', 'hold', 'cancel']);
    expect(availableMoves('on_hold')).toEqual(['release', 'cancel']);
    expect(availableMoves('fulfilled')).toEqual([]);
  });
});

describe('order totals', () => {
  it('adds up lines, discount, shipping and tax, spreading discount and tax exactly', () => {
    // Lines 2 × 1,250 = 2,500 and 1 × 500 = 500 → subtotal 3,000.
    // Total = 3,000 − 300 + 495 + 216 = 3,411.
    // Discount 300 by value 2,500 : 500 → 250 / 50. Tax 216 → 180 / 36.
    const t = orderTotals(
      [
        { quantity: 2, unitPrice: 1250 },
        { quantity: 1, unitPrice: 500 },
      ],
      { discount: 300, shipping: 495, tax: 216 },
    );
    expect(t).toEqual({ subtotal: 3_000, total: 3_411, lineDiscounts: [250, 50], lineTaxes: [180, 36] });
  });

  it('leaves no cent behind when the split is uneven', () => {
    // 100 over three equal lines: 34 + 33 + 33.
    const t = orderTotals(
      [
        { quantity: 1, unitPrice: 10 },
        { quantity: 1, unitPrice: 10 },
        { quantity: 1, unitPrice: 10 },
      ],
      { discount: 0, shipping: 0, tax: 100 },
    );
    expect(t.lineTaxes).toEqual([34, 33, 33]);
  });
});

describe('openQuantity', () => {
  it('is ordered − fulfilled − cancelled, for a row and for a DTO alike', () => {
    // 5 − 2 − 1 = 2
    expect(openQuantity({ quantity: 5, quantityFulfilled: 2, quantityCancelled: 1 })).toBe(2);
    expect(openQuantity({ quantity: 5, quantity_fulfilled: 2, quantity_cancelled: 1 })).toBe(2);
    expect(openQuantity({ quantity: 3, quantityFulfilled: 3, quantityCancelled: 0 })).toBe(0);
  });
});
