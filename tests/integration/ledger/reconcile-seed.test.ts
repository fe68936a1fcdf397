import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createOrder } from '@/lib/orders/create-order';
import { makeLocations, makeProduct, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';
import { seedPayoutImport } from '@/prisma/seed-reconcile';

// In a database of its own: the seed picks the latest captured payments of the shop.
beforeAll(async () => {
  await makeLocations();
  await makeProduct(['SEED-R'], { price: 2_000 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'SEED-R', quantity: 9, unit_cost: 500 }] },
    actor,
  });
  const placed = new Date(Date.now() - 5 * 86_400_000).toISOString();
  for (const email of ['seed-r1@example.test', 'seed-r2@example.test', 'seed-r3@example.test'])
    await createOrder({
      input: {
        channel: 'web',
        currency: 'USD',
        customer: { email, name: 'Seed Reconcile' },
        shipping_address: {
          name: 'Seed',
          line1: '1 Main St',
          city: 'Albany',
          region: 'NY',
          postal_code: '12207',
          country: 'US',
        },
        lines: [{ sku: 'SEED-R', quantity: 1, unit_price: 2_000 }],
        shipping_amount: 0,
        tax_amount: 0,
        placed_at: placed,
        payment: { method: 'card', amount: 2_000, status: 'captured', fee: 88 },
      },
      actor,
    });
  // The payments were recorded now; the seed looks for ones older than two days.
  await db.$executeRaw`UPDATE payments SET created_at = now() - interval '4 days'`;
});

describe('the demo payout import', () => {
  it('imports a Stripe report of three charges and an unbooked fee through the use case, once', async () => {
    expect(await seedPayoutImport(db)).toEqual({ imports: 1 });
    const row = await db.payoutImport.findFirstOrThrow();
    // net: 3 × (20.00 − 0.88) − 0.05 = 57.31; carried 3 × 1,912 = 5,736; residual 5,731 − 5,736 = −5
    expect({ net: row.net, expected: row.expected, residual: row.residual }).toEqual({
      net: 5_731n,
      expected: 5_736n,
      residual: -5n,
    });
    expect([row.matchedCount, row.unmatchedCount]).toEqual([3, 1]);
    expect(await seedPayoutImport(db)).toEqual({ imports: 0 });
  });
});
