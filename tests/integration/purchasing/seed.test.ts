import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedPurchasing } from '@/prisma/seed-purchasing';
import { accountBalance, trialBalance } from '@/lib/ledger/queries';
import { inventoryValuation, stockLevels } from '@/lib/inventory/queries';
import { purchaseOrderList } from '@/lib/purchasing/queries';

const FAR_FUTURE = new Date('2100-01-01T00:00:00Z');
let result: Awaited<ReturnType<typeof seedPurchasing>>;

beforeAll(async () => {
  await seedDemo(db, { products: 20, customers: 10 });
  result = await seedPurchasing(db);
}, 240_000);

describe('demo purchasing', () => {
  it('seeds three suppliers and a purchase order in each state, once', async () => {
    expect(result).toEqual({ suppliers: 3, purchaseOrders: 5, receipts: 2 });
    const pos = await purchaseOrderList({ limit: 50 });
    expect(pos.data.map((p) => p.status).sort()).toEqual(
      ['cancelled', 'closed', 'draft', 'partially_received', 'sent'].sort(),
    );
    expect(await db.supplier.count({ where: { currency: 'EUR' } })).toBe(1);
    expect(await seedPurchasing(db)).toEqual({ suppliers: 0, purchaseOrders: 0, receipts: 0 });
    expect(await db.purchaseOrder.count()).toBe(5);
  });

  it('leaves the rest of the partial receipt on order and the books balanced', async () => {
    const partial = (await purchaseOrderList({ status: 'partially_received', limit: 5 })).data[0];
    // Line 1: 3 × MOQ (2 packs of 4 = 8) = 24 ordered, half (12) received, 12 open; line 2 in full; line 3 none.
    expect(partial.lines.map((l) => [l.quantity, l.received, l.open])).toEqual([
      [24, 12, 12],
      [24, 24, 0],
      [24, 0, 24],
    ]);
    const level = (await stockLevels({ sku: partial.lines[0].sku, location: 'MAIN', limit: 1 })).data[0];
    expect(level.on_order).toBe(12);
    // GRNI holds exactly what arrived at PO cost: the partial PO's received value plus the closed one's.
    const closed = (await purchaseOrderList({ status: 'closed', limit: 5 })).data[0];
    expect(await accountBalance('2010', FAR_FUTURE)).toBe(-(partial.received_value + closed.received_value));
    const tb = await trialBalance({ asOf: '2100-01-01', before: FAR_FUTURE });
    expect(tb.total_debit).toBe(tb.total_credit);
    expect((await inventoryValuation({ asOf: '2100-01-01', before: FAR_FUTURE })).total_value).toBe(
      await accountBalance('1200', FAR_FUTURE),
    );
    // Each sent PO queued its email with the PDF attached: sent, partial, closed, cancelled = 4.
    expect(await db.outboxAttachment.count()).toBe(4);
  });
});
