import { describe, expect, it } from 'vitest';
import {
  PURCHASE_ORDER_STATUSES,
  canMovePurchaseOrder,
  nextPurchaseOrderStatus,
  openQuantity,
  parsePoNumber,
  purchaseOrderTotal,
  receiptStatus,
  receivableLimit,
  type PurchaseOrderMove,
  type PurchaseOrderStatus,
} from '@/lib/purchasing/rules';
import { AppError } from '@/lib/errors';

describe('purchase order transitions', () => {
  // Written out from issue 16, not read from the table, so a wrong table fails here.
  const allowed: Record<PurchaseOrderMove, PurchaseOrderStatus[]> = {
    send: ['draft'],
    edit: ['draft', 'sent'],
    receive: ['sent', 'partially_received'],
    cancel: ['draft', 'sent'],
    close: ['sent', 'partially_received', 'received'],
  };
  for (const [move, from] of Object.entries(allowed) as [PurchaseOrderMove, PurchaseOrderStatus[]][])
    for (const status of PURCHASE_ORDER_STATUSES)
      it(`${move} from ${status}: ${from.includes(status) ? 'allowed' : 'refused'}`, () => {
        expect(canMovePurchaseOrder(status, move)).toBe(from.includes(status));
      });

  it('send, cancel and close lead to sent, cancelled and closed; an illegal move is INVALID_STATE', () => {
    expect(nextPurchaseOrderStatus('draft', 'send')).toBe('sent');
    expect(nextPurchaseOrderStatus('sent', 'cancel')).toBe('cancelled');
    expect(nextPurchaseOrderStatus('partially_received', 'close')).toBe('closed');
    let error: unknown;
    try {
      nextPurchaseOrderStatus('partially_received', 'cancel');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_STATE');
    expect((error as AppError).message).toBe(
      'Cannot cancel a purchase order that is partially received (only when: draft, sent).',
    );
  });
});

describe('quantities', () => {
  it('open = ordered − cancelled − received, never negative', () => {
    expect(openQuantity({ ordered: 10, received: 6, cancelled: 0 })).toBe(4);
    expect(openQuantity({ ordered: 10, received: 6, cancelled: 4 })).toBe(0);
    expect(openQuantity({ ordered: 10, received: 11, cancelled: 0 })).toBe(0);
  });

  it('the receivable limit adds ⌊ordered × tolerance / 100⌋', () => {
    expect(receivableLimit({ ordered: 10, received: 0, cancelled: 0 }, 0)).toBe(10);
    expect(receivableLimit({ ordered: 10, received: 0, cancelled: 0 }, 10)).toBe(11); // 10 + ⌊1.0⌋
    expect(receivableLimit({ ordered: 15, received: 0, cancelled: 0 }, 10)).toBe(16); // 15 + ⌊1.5⌋
    expect(receivableLimit({ ordered: 10, received: 0, cancelled: 3 }, 0)).toBe(7);
  });

  it('a receipt leaves partially_received while anything is open, received when nothing is', () => {
    expect(
      receiptStatus([
        { ordered: 10, received: 6, cancelled: 0 },
        { ordered: 2, received: 2, cancelled: 0 },
      ]),
    ).toBe('partially_received');
    expect(receiptStatus([{ ordered: 10, received: 11, cancelled: 0 }])).toBe('received');
  });

  it('the total is Σ (ordered − cancelled) × unit cost', () => {
    // (10 − 0) × 450 + (3 − 1) × 1,000 = 4,500 + 2,000 = 6,500
    expect(
      purchaseOrderTotal([
        { ordered: 10, received: 0, cancelled: 0, unit_cost: 450 },
        { ordered: 3, received: 0, cancelled: 1, unit_cost: 1000 },
      ]),
    ).toBe(6500);
  });

  it('reads PO numbers as scanned or typed', () => {
    expect(parsePoNumber('PO-1001')).toBe(1001);
    expect(parsePoNumber('po1001')).toBe(1001);
    expect(parsePoNumber(' 42 ')).toBe(42);
    expect(parsePoNumber('#7')).toBe(7);
    expect(parsePoNumber('SKU-1001')).toBeNull();
    expect(parsePoNumber('PO-')).toBeNull();
  });
});
