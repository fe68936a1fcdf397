import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedChannels } from '@/prisma/seed-channels';
import { orderImports } from '@/lib/channels/queries';

let result: Awaited<ReturnType<typeof seedChannels>>;
beforeAll(async () => {
  await seedDemo(db, { products: 20, customers: 10 });
  result = await seedChannels(db);
}, 240_000);

describe('demo order import', () => {
  it('leaves one completed history import of 40 orders, once, moving no stock', async () => {
    expect(result).toEqual({ orders: 40 });
    const [only, ...rest] = await orderImports();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      status: 'completed',
      mode: 'history',
      format: 'shopify',
      created: 40,
      failed: 0,
    });
    const movements = await db.stockMovement.count();
    expect(await seedChannels(db)).toEqual({ orders: 0 });
    expect(await db.order.count({ where: { importJobId: only.id } })).toBe(40);
    // orders 6, 13, 20, 27, 34 (i % 7 = 6) are POS sales without an email: the guest customer
    expect(
      await db.order.count({ where: { importJobId: only.id, email: 'guest+shopify@imported.invalid' } }),
    ).toBe(5);
    expect(await db.stockMovement.count()).toBe(movements);
    // nothing for the fulfillment queue: every imported order is fulfilled or cancelled at the source
    expect(
      await db.order.count({
        where: { importJobId: only.id, status: { in: ['open', 'partially_fulfilled'] } },
      }),
    ).toBe(0);
  });
});
