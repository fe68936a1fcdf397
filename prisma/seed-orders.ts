import { Faker, en } from '@faker-js/faker';
import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/auth/actor';
import { createOrder } from '@/lib/orders/create-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { receiveStock } from '@/lib/inventory/receive-stock';

const SEED_ACTOR: Actor = { type: 'system', id: null, label: 'seed' };
const CHANNELS = [
  ['web', 45], ['shopify', 25], ['amazon', 14], ['etsy', 8], ['ebay', 5], ['manual', 3],
] as const;

/**
 * Demo order history: `count` orders spread over the last `days` days, taken in through the real
 * use cases (reservation, fraud screen, payment, sale posting), then shipped (COGS), cancelled or left
 * open according to their age, so stock, orders and the ledger agree. Stock that runs low is
 * replenished by purchase receipts along the way, as a real shop would.
 * Known simplification: stock movements and journal entries carry the time the seed ran, while
 * orders carry their historical placed_at.
 */
export async function seedDemoOrders(db: PrismaClient, options: { count?: number; days?: number; seed?: number; log?: (line: string) => void } = {}) {
  const log = options.log ?? (() => {});
  const count = options.count ?? 3000;
  const days = options.days ?? 120;
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 4242);

  const variants = await db.variant.findMany({ where: { status: 'active' }, select: { id: true, sku: true, price: true }, orderBy: { sku: 'asc' } });
  const customers = await db.customer.findMany({ select: { email: true, firstName: true, lastName: true, addresses: { take: 1, select: { name: true, line1: true, city: true, region: true, postalCode: true, country: true } } }, orderBy: { email: 'asc' } });
  if (!variants.length || !customers.length) return { orders: 0 };
  const channelPick = CHANNELS.flatMap(([c, w]) => Array<string>(w).fill(c));
  const now = Date.now();
  const times = Array.from({ length: count }, () => now - faker.number.float({ min: 0, max: days }) * 86_400_000).sort((a, b) => a - b);
  let created = 0;
  let shipped = 0;
  let cancelled = 0;
  let poNumber = 1;

  const BATCH = 25;
  for (let start = 0; start < count; start += BATCH) {
    await db.$transaction(
      async (tx) => {
        for (let i = start; i < Math.min(start + BATCH, count); i++) {
          const placedAt = new Date(times[i]);
          const ageDays = (now - times[i]) / 86_400_000;
          const customer = faker.helpers.arrayElement(customers);
          const address = customer.addresses[0];
          const picks = faker.helpers.arrayElements(variants, faker.helpers.weightedArrayElement([{ weight: 60, value: 1 }, { weight: 30, value: 2 }, { weight: 10, value: 3 }]));
          const lines = picks.map((v) => ({ sku: v.sku, quantity: faker.helpers.weightedArrayElement([{ weight: 80, value: 1 }, { weight: 20, value: 2 }]), unit_price: v.price }));

          // Replenish anything that would not cover this order (a purchase receipt at ~45% of price).
          const levels = await tx.stockLevel.findMany({ where: { variantId: { in: picks.map((p) => p.id) }, location: { code: 'MAIN' } }, select: { variantId: true, onHand: true, reserved: true } });
          const short = picks.filter((p, k) => {
            const l = levels.find((x) => x.variantId === p.id);
            return !l || l.onHand - l.reserved < lines[k].quantity;
          });
          if (short.length) {
            await receiveStock({ input: { location: 'MAIN', reference: `PO-${String(poNumber++).padStart(5, '0')}`, lines: short.map((p) => ({ sku: p.sku, quantity: 48, unit_cost: Math.round(p.price * 0.45) })) }, actor: SEED_ACTOR }, tx);
          }

          const subtotal = lines.reduce((s, l) => s + l.quantity * l.unit_price, 0);
          const discount = faker.number.float() < 0.15 ? Math.round(subtotal * 0.1) : 0;
          const shipping = subtotal - discount >= 7_500 ? 0 : faker.helpers.arrayElement([495, 695, 995]);
          const tax = Math.round((subtotal - discount) * 0.08);
          const total = subtotal - discount + shipping + tax;
          const risky = faker.number.float() < 0.03;
          const express = faker.number.float() < 0.12;
          const order = await createOrder(
            {
              input: {
                channel: faker.helpers.arrayElement(channelPick) as never,
                external_id: `SEED-${i + 1}`,
                currency: 'USD',
                customer: { email: customer.email, name: `${customer.firstName} ${customer.lastName}` },
                shipping_address: { name: address.name, line1: address.line1, city: address.city, region: address.region ?? undefined, postal_code: address.postalCode, country: address.country },
                shipping_method: express ? 'Express' : 'Standard',
                lines,
                discount_amount: discount,
                shipping_amount: shipping,
                tax_amount: tax,
                payment: { method: 'card', amount: total, status: 'captured', fee: Math.round(total * 0.029) + 30, avs_result: risky ? 'N' : 'Y', cvv_result: risky ? 'N' : 'M' },
                placed_at: placedAt.toISOString(),
              },
              actor: SEED_ACTOR,
            },
            tx,
          );
          created++;
          if (order.status === 'pending_review') {
            if (ageDays < 4) continue; // still waiting in the review queue
            if (faker.number.float() < 0.5) {
              await cancelOrder({ orderId: order.id, reason: 'Failed fraud review', actor: SEED_ACTOR }, tx);
              cancelled++;
              continue;
            }
            await changeOrderStatus({ orderId: order.id, move: 'approve', actor: SEED_ACTOR }, tx);
          }
          const roll = faker.number.float();
          if (roll < 0.05) {
            await cancelOrder({ orderId: order.id, reason: faker.helpers.arrayElement(['Customer changed their mind', 'Duplicate order', 'Address could not be verified']), actor: SEED_ACTOR }, tx);
            cancelled++;
          } else if (ageDays > 2.5 || roll > 0.7) {
            const shipAt = new Date(Math.min(times[i] + faker.number.float({ min: 0.2, max: 2.5 }) * 86_400_000, now));
            await recordShipment({ orderId: order.id, input: { lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), carrier: faker.helpers.arrayElement(['UPS', 'USPS']), tracking_number: `1Z${faker.string.alphanumeric({ length: 16, casing: 'upper' })}`, shipped_at: shipAt.toISOString() }, actor: SEED_ACTOR }, tx);
            shipped++;
          } else if (roll < 0.07) {
            await changeOrderStatus({ orderId: order.id, move: 'hold', reason: 'Customer asked to wait for a second item', actor: SEED_ACTOR }, tx);
          }
        }
      },
      { timeout: 120_000 },
    );
    if ((start / BATCH) % 20 === 0) log(`orders: ${Math.min(start + BATCH, count)} of ${count}`);
  }
  await seedTrackingHistory(db);
  log(`seeded ${created} orders (${shipped} shipped, ${cancelled} cancelled) with tracking histories`);
  return { orders: created, shipped, cancelled };
}

/**
 * Tracking histories for the seeded parcels, set in bulk (carrier scans change no stock or money):
 * every parcel was picked up ~6 hours after it shipped; parcels older than 4 days were delivered 2–4
 * days after shipping (their orders become delivered when all their parcels are); about 1 in 60 of
 * the recent ones hit an exception the operations manager will see.
 */
async function seedTrackingHistory(db: PrismaClient) {
  await db.$executeRaw`
    INSERT INTO tracking_events (shipment_id, status, description, location, occurred_at, actor_label)
    SELECT id, 'in_transit', 'Picked up by ' || coalesce(carrier, 'carrier'), 'Origin facility', shipped_at + interval '6 hours', 'seed'
    FROM shipments WHERE source = 'external' AND shipped_at + interval '6 hours' < now()`;
  await db.$executeRaw`UPDATE shipments SET status = 'in_transit' WHERE source = 'external'`;
  await db.$executeRaw`
    WITH d AS (
      SELECT id, shipped_at + (interval '1 day' * (2 + (abs(hashtext(id::text)) % 3))) AS at FROM shipments
      WHERE source = 'external' AND shipped_at < now() - interval '4 days')
    INSERT INTO tracking_events (shipment_id, status, description, location, occurred_at, actor_label)
    SELECT id, 'delivered', 'Delivered, left at front door', 'Destination', at, 'seed' FROM d`;
  await db.$executeRaw`
    UPDATE shipments s SET status = 'delivered', delivered_at = e.occurred_at
    FROM tracking_events e WHERE e.shipment_id = s.id AND e.status = 'delivered'`;
  await db.$executeRaw`
    WITH x AS (SELECT id FROM shipments WHERE status = 'in_transit' AND abs(hashtext(id::text)) % 60 = 0)
    INSERT INTO tracking_events (shipment_id, status, description, location, occurred_at, actor_label)
    SELECT id, 'exception', 'Address could not be found — carrier holding parcel', 'Destination', now() - interval '3 hours', 'seed' FROM x`;
  await db.$executeRaw`
    UPDATE shipments s SET status = 'exception' FROM tracking_events e
    WHERE e.shipment_id = s.id AND e.status = 'exception' AND s.status = 'in_transit'`;
  await db.$executeRaw`
    UPDATE orders o SET status = 'delivered' WHERE o.status = 'fulfilled'
      AND EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id)
      AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id AND s.status NOT IN ('delivered', 'voided'))`;
}
