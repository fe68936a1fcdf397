import { receiveStock } from '@/lib/inventory/receive-stock';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import * as ordersRoute from '@/app/api/v1/orders/route';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '.';

/**
 * A small shop with history in every stock bucket and the journal: receipts of A (20 @ 1,000) and
 * B (10 @ 500) at MAIN; three orders through the API (2 A; 1 A + 3 B; 4 B), the first shipped in
 * full, the second cancelled, the third open; 2 A damaged. Stock at MAIN afterwards:
 *   A: on hand 20 − 2 shipped − 2 damaged = 16, reserved 0, damaged 2
 *   B: on hand 10, reserved 4 (the open order)
 */
export async function seedSmallShop(prefix = 'SHOP') {
  await makeLocations();
  const [a, b] = [`${prefix}-A`, `${prefix}-B`];
  await makeProduct([a, b], { price: 2_000 });
  await receiveStock({
    input: {
      location: 'MAIN',
      lines: [
        { sku: a, quantity: 20, unit_cost: 1_000 },
        { sku: b, quantity: 10, unit_cost: 500 },
      ],
    },
    actor,
  });
  const key = (await makeApiKey(['orders:create'])).key;
  const take = async (lines: { sku: string; quantity: number }[], n: number) => {
    const total = lines.reduce((s, l) => s + l.quantity * 2_000, 0);
    const res = await ordersRoute.POST(
      apiRequest('/api/v1/orders', {
        method: 'POST',
        key,
        body: {
          channel: 'web',
          currency: 'USD',
          external_id: `${prefix}-${n}`,
          customer: { email: `c${n}@example.com`, name: `Customer ${n}` },
          shipping_address: {
            name: `Customer ${n}`,
            line1: '1 Main St',
            city: 'Springfield',
            region: 'IL',
            postal_code: '62701',
            country: 'US',
          },
          lines: lines.map((l) => ({ ...l, unit_price: 2_000 })),
          payment: { method: 'card', amount: total, status: 'captured' },
        },
      }),
      routeContext(),
    );
    if (res.status !== 201) throw new Error(`order ${n}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const shipped = await take([{ sku: a, quantity: 2 }], 1);
  const cancelled = await take(
    [
      { sku: a, quantity: 1 },
      { sku: b, quantity: 3 },
    ],
    2,
  );
  const open = await take([{ sku: b, quantity: 4 }], 3);
  await recordShipment({ orderId: shipped, input: { lines: [{ sku: a, quantity: 2 }] }, actor });
  await cancelOrder({ orderId: cancelled, reason: 'customer asked', actor });
  await adjustStock({ input: { location: 'MAIN', sku: a, delta: -2, reason: 'damaged' }, actor });
  return { skus: { a, b }, orders: { shipped, cancelled, open } };
}
