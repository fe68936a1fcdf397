import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedDropship } from '@/prisma/seed-dropship';
import { purchaseOrderDetail } from '@/lib/purchasing/queries';

let result: Awaited<ReturnType<typeof seedDropship>>;

beforeAll(async () => {
  await seedDemo(db, { products: 20, customers: 10 });
  result = await seedDropship(db);
}, 240_000);

describe('demo dropship', () => {
  it('seeds a dropship variant and an order whose draft dropship PO carries the address, once', async () => {
    expect(result).toEqual({ orders: 1 });
    const variant = await db.variant.findUniqueOrThrow({ where: { sku: 'DROP-PLANTER-L' } });
    expect(variant.dropship).toBe(true);
    const order = await db.order.findFirstOrThrow({ where: { externalId: 'DROPSHIP-DEMO-1' } });
    const [po] = await db.purchaseOrder.findMany({ where: { orderId: order.id } });
    const dto = (await purchaseOrderDetail(po.id))!;
    // 1 × 18.00 at the maker's catalog cost, to the customer's address
    expect(dto).toMatchObject({ status: 'draft', total: 1_800 });
    expect(dto.dropship?.ship_to).toMatchObject({ name: 'Gwen Garden', city: 'Asheville' });
    // the planter reserved nothing of ours
    expect(await db.stockLevel.count({ where: { variantId: variant.id } })).toBe(0);
    expect(await seedDropship(db)).toEqual({ orders: 0 });
  });
});
