import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { seedActors } from '@/prisma/seed-actors';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { enterSupplierBill } from '@/lib/purchasing/enter-bill';
import { paySupplierBill } from '@/lib/purchasing/pay-bill';
import { poLabel } from '@/lib/purchasing/rules';
import { todayIn } from '@/lib/dates';

const DAY = 86_400_000;

/**
 * Demo supplier bills and landed cost (decision 034), through the real use cases, on top of the demo
 * purchasing (prisma/seed-purchasing.ts): the closed Harbor Goods PO billed and paid; the fully
 * received line of the partial PO billed and open (so AP aging has a row, its half-received line
 * left to bill); a new Northwind PO received with freight allocated by value, billed 8 % above the
 * PO cost and waiting for a manager. Does nothing once bills exist or without the demo POs.
 */
export async function seedBills(
  db: PrismaClient,
  options: { now?: Date; log?: (line: string) => void } = {},
): Promise<{ bills: number; charges: number }> {
  if ((await db.supplierBill.count()) > 0) return { bills: 0, charges: 0 };
  const now = (options.now ?? new Date()).getTime();
  // Days in the shop's time zone: a bill dated by the UTC day is "after today" from 00:00 UTC until
  // the shop's midnight (five hours a day in New York), and entering it fails.
  const shop = await db.shopSettings.findUnique({ where: { id: 1 }, select: { timezone: true } });
  const day = (n: number) => todayIn(shop?.timezone ?? 'UTC', new Date(now + n * DAY));
  const actorFor = await seedActors(db);
  const manager = actorFor('manager');
  const warehouse = actorFor('warehouse');
  const pos = await db.purchaseOrder.findMany({
    where: { status: { in: ['closed', 'partially_received'] }, supplier: { name: 'Harbor Goods Co.' } },
    select: {
      id: true,
      number: true,
      status: true,
      lines: { select: { sku: true, quantityReceived: true, unitCost: true }, orderBy: { position: 'asc' } },
    },
  });
  const closed = pos.find((p) => p.status === 'closed');
  const partial = pos.find((p) => p.status === 'partially_received');
  const northwind = await db.supplier.findUnique({
    where: { name: 'Northwind Wholesale' },
    select: {
      id: true,
      products: { select: { unitCost: true, moq: true, variant: { select: { sku: true } } }, take: 2 },
    },
  });
  if (!closed || !partial || !northwind || northwind.products.length < 2) return { bills: 0, charges: 0 };
  const today = day(0);

  // 1. The closed PO: billed at the PO cost and paid today.
  const paid = await enterSupplierBill({
    input: {
      purchase_order_id: closed.id,
      supplier_reference: `HG-${closed.number}-A`,
      bill_date: today,
      lines: closed.lines.map((l) => ({ sku: l.sku, quantity: l.quantityReceived, unit_cost: l.unitCost })),
    },
    actor: manager,
  });
  await paySupplierBill({ billId: paid.id, input: { paid_on: today }, actor: manager });

  // 2. The partial PO's fully received line, 1 % above the PO cost (within 2 %): posted, open.
  const full = partial.lines[1];
  await enterSupplierBill({
    input: {
      purchase_order_id: partial.id,
      supplier_reference: `HG-${partial.number}-1`,
      bill_date: today,
      lines: [
        { sku: full.sku, quantity: full.quantityReceived, unit_cost: Math.round(full.unitCost * 1.01) },
      ],
    },
    actor: manager,
  });

  // 3. A Northwind PO received with freight (by value), then billed 8 % high: waits for a manager.
  const lines = northwind.products.map((p) => ({
    sku: p.variant.sku,
    quantity: p.moq,
    unit_cost: p.unitCost,
  }));
  const po = await createPurchaseOrder({
    input: {
      supplier_id: northwind.id,
      location: 'MAIN',
      notes: 'Freight billed separately by the carrier',
      lines,
    },
    actor: manager,
  });
  await sendPurchaseOrder({ purchaseOrderId: po.id, actor: manager });
  await receivePurchaseOrder({
    purchaseOrderId: po.id,
    input: {
      lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      charges: [{ kind: 'freight', amount: 2_500, allocation: 'value' }],
    },
    actor: warehouse,
  });
  await enterSupplierBill({
    input: {
      purchase_order_id: po.id,
      supplier_reference: `NW-${po.number}`,
      bill_date: today,
      lines: lines.map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        unit_cost: Math.round(l.unit_cost * 1.08),
      })),
    },
    actor: manager,
  });
  options.log?.(
    `seeded 3 supplier bills (one paid, one open, one awaiting approval) and freight on ${poLabel(po.number)}`,
  );
  return { bills: 3, charges: 1 };
}
