import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { seedActors } from '@/prisma/seed-actors';
import { seedDays } from '@/prisma/seed-dates';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { cancelPurchaseOrder } from '@/lib/purchasing/cancel-purchase-order';
import { closePurchaseOrder } from '@/lib/purchasing/close-purchase-order';

/**
 * Demo purchasing (issue 16, decision 023), through the real use cases: three suppliers with
 * catalogs (one invoicing in EUR, so the currency refusal can be seen), and five purchase orders in
 * different states — a draft, a sent one due next week, one partially received (the rest still on
 * order), one received and closed, one cancelled — so the Purchasing screens and the on-order column
 * are not empty on first start. Everything happens now (nothing back-dated): receipts post to the
 * ledger today. Does nothing when suppliers exist.
 */
export async function seedPurchasing(
  db: PrismaClient,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<{ suppliers: number; purchaseOrders: number; receipts: number }> {
  if ((await db.supplier.count()) > 0) return { suppliers: 0, purchaseOrders: 0, receipts: 0 };
  const log = options.log ?? (() => {});
  const day = await seedDays(db, options.now);
  const actorFor = await seedActors(db);
  const manager = actorFor('manager');
  const warehouse = actorFor('warehouse');
  const variants = await db.variant.findMany({
    where: { status: 'active' },
    select: { sku: true, price: true },
    orderBy: { sku: 'asc' },
    take: 14,
  });
  if (variants.length < 6 || !(await db.location.findUnique({ where: { code: 'MAIN' } })))
    return { suppliers: 0, purchaseOrders: 0, receipts: 0 };
  // A supplier's cost is about 45 % of our price, rounded to whole minor units.
  const cost = (price: number) => Math.max(1, Math.round(price * 0.45));
  const product = (v: { sku: string; price: number }, i: number, pack: number) => ({
    sku: v.sku,
    supplier_sku: `${i + 1}`.padStart(4, '0'),
    unit_cost: cost(v.price),
    pack_size: pack,
    moq: pack * 2,
  });
  const northwind = await createSupplier({
    input: {
      name: 'Northwind Wholesale',
      email: 'orders@northwind.example',
      payment_terms: 'Net 30',
      lead_time_days: 10,
      lead_time_stddev_days: 2,
      minimum_order_value: 10_000,
      products: variants.slice(0, 8).map((v, i) => ({ ...product(v, i, 6), supplier_sku: `NW-${1000 + i}` })),
    },
    actor: manager,
  });
  const harbor = await createSupplier({
    input: {
      name: 'Harbor Goods Co.',
      email: 'purchasing@harborgoods.example',
      payment_terms: 'Net 15',
      lead_time_days: 5,
      lead_time_stddev_days: 1,
      review_period_days: 14,
      over_receipt_tolerance_pct: 5,
      products: variants.slice(6, 12).map((v, i) => ({ ...product(v, i, 4), supplier_sku: `HG-${200 + i}` })),
    },
    actor: manager,
  });
  await createSupplier({
    input: {
      name: 'Lyon Textiles SARL',
      email: 'commandes@lyon-textiles.example',
      currency: 'EUR',
      payment_terms: '60 jours fin de mois',
      lead_time_days: 21,
      lead_time_stddev_days: 5,
      products: variants.slice(12, 14).map((v, i) => ({ ...product(v, i, 10), supplier_sku: `LT-${i + 1}` })),
    },
    actor: manager,
  });

  const nw = northwind.products;
  const hg = harbor.products;
  const qty = (p: { moq: number }, k: number) => p.moq * k;
  // 1. A draft the manager has not sent yet.
  await createPurchaseOrder({
    input: {
      supplier_id: northwind.id,
      location: 'MAIN',
      expected_at: day(14),
      notes: 'Top-up before the holiday weekend',
      lines: nw.slice(0, 3).map((p, k) => ({ sku: p.sku, quantity: qty(p, k + 1) })),
    },
    actor: manager,
  });
  // 2. Sent, due next week: on order.
  const sent = await createPurchaseOrder({
    input: {
      supplier_id: northwind.id,
      location: 'MAIN',
      expected_at: day(7),
      lines: nw.slice(3, 6).map((p) => ({ sku: p.sku, quantity: qty(p, 2) })),
    },
    actor: manager,
  });
  await sendPurchaseOrder({ purchaseOrderId: sent.id, actor: manager });
  // 3. Partially received: half of the first line and all of the second have arrived.
  const partial = await createPurchaseOrder({
    input: {
      supplier_id: harbor.id,
      location: 'MAIN',
      expected_at: day(1),
      lines: hg.slice(0, 3).map((p) => ({ sku: p.sku, quantity: qty(p, 3) })),
    },
    actor: manager,
  });
  await sendPurchaseOrder({ purchaseOrderId: partial.id, actor: manager });
  await receivePurchaseOrder({
    purchaseOrderId: partial.id,
    input: {
      lines: [
        { sku: hg[0].sku, quantity: Math.floor(qty(hg[0], 3) / 2) },
        { sku: hg[1].sku, quantity: qty(hg[1], 3) },
      ],
    },
    actor: warehouse,
  });
  // 4. Received in full and closed.
  const done = await createPurchaseOrder({
    input: {
      supplier_id: harbor.id,
      location: 'MAIN',
      lines: hg.slice(3, 5).map((p) => ({ sku: p.sku, quantity: qty(p, 1) })),
    },
    actor: manager,
  });
  await sendPurchaseOrder({ purchaseOrderId: done.id, actor: manager });
  await receivePurchaseOrder({
    purchaseOrderId: done.id,
    input: { lines: hg.slice(3, 5).map((p) => ({ sku: p.sku, quantity: qty(p, 1) })) },
    actor: warehouse,
  });
  await closePurchaseOrder({ purchaseOrderId: done.id, actor: manager });
  // 5. Cancelled after sending: the supplier could not deliver.
  const cancelled = await createPurchaseOrder({
    input: {
      supplier_id: northwind.id,
      location: 'MAIN',
      lines: [{ sku: nw[6].sku, quantity: qty(nw[6], 1) }],
    },
    actor: manager,
  });
  await sendPurchaseOrder({ purchaseOrderId: cancelled.id, actor: manager });
  await cancelPurchaseOrder({
    purchaseOrderId: cancelled.id,
    reason: 'Discontinued by the supplier',
    actor: manager,
  });
  log('seeded 3 suppliers and 5 purchase orders (2 receipts)');
  return { suppliers: 3, purchaseOrders: 5, receipts: 2 };
}
