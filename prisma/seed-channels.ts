import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import type { Actor } from '@/lib/auth/actor';
import type { ImportedOrder } from '@/lib/channels/imported-order';
import { writeShopifyCsv } from '@/lib/channels/shopify-csv';
import { startOrderImport } from '@/lib/channels/start-order-import';
import { runOrderImport } from '@/lib/channels/import-orders';

const DAY = 86_400_000;

/**
 * Demo order import (issue 19, decision 028): a small generated Shopify export of the shop's
 * orders from 13–14 months ago, imported as history through the real use case, so the Imports
 * screen shows one completed import and last year's dashboard has the old shop's orders. Does
 * nothing when an order import exists.
 */
export async function seedChannels(
  db: PrismaClient,
  options: { now?: Date; count?: number; log?: (line: string) => void } = {},
): Promise<{ orders: number }> {
  if ((await db.importJob.count({ where: { kind: 'order_csv' } })) > 0) return { orders: 0 };
  const log = options.log ?? (() => {});
  const now = (options.now ?? new Date()).getTime();
  const count = options.count ?? 40;
  const settings = await db.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true } });
  const variants = await db.variant.findMany({
    where: { status: 'active' },
    select: { sku: true, price: true },
    orderBy: { sku: 'asc' },
    take: 8,
  });
  const admin = await db.user.findFirst({
    where: { role: 'admin', active: true },
    select: { id: true, email: true },
  });
  if (!settings || variants.length < 2) return { orders: 0 };
  const currency = settings.currency.trim();
  const actor: Actor = admin
    ? { type: 'user', id: admin.id, label: admin.email, role: 'admin' }
    : { type: 'system', id: null, label: 'seed' };
  const names = ['Ada Byron', 'Bo Diddley', "Ciara O'Neill", 'Dee Nguyen', 'Eli Park'];
  const orders: ImportedOrder[] = [];
  for (let i = 0; i < count; i++) {
    const placedAt = new Date(now - (425 - i) * DAY + (i % 9) * 3_600_000);
    placedAt.setUTCMilliseconds(0);
    const a = variants[i % variants.length];
    const b = variants[(i * 3 + 1) % variants.length];
    const lines = [
      { row: 0, sku: a.sku, name: '', quantity: 1 + (i % 3), unitPrice: a.price, discount: 0 },
      ...(i % 2 ? [{ row: 0, sku: b.sku, name: '', quantity: 1, unitPrice: b.price, discount: 0 }] : []),
    ];
    const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const shipping = 599;
    const cancelled = i % 13 === 5;
    const refunded = i % 11 === 3 ? Math.round(subtotal / 2) : 0;
    // Every seventh order is a POS sale without an email: it imports with the guest customer.
    const name = names[i % names.length];
    const email =
      i % 7 === 6 ? null : `${name.split(' ')[0].toLowerCase().replace(/'/g, '')}.${i % 5}@example.com`;
    const address = {
      name,
      line1: `${10 + i} Old Shop Road`,
      city: 'Portland',
      region: 'OR',
      postal_code: '97201',
      country: 'US',
    };
    orders.push({
      row: 0,
      lastRow: 0,
      externalId: `${5_100_000 + i}`,
      name: `#S${1001 + i}`,
      currency,
      email,
      customerName: name,
      phone: null,
      placedAt,
      paidAt: cancelled ? null : placedAt,
      fulfilledAt: cancelled ? null : new Date(placedAt.getTime() + DAY),
      cancelledAt: cancelled ? new Date(placedAt.getTime() + 3_600_000) : null,
      financialStatus: cancelled ? 'voided' : refunded ? 'partially_refunded' : 'paid',
      fulfillmentStatus: cancelled ? 'unfulfilled' : 'fulfilled',
      subtotal,
      shipping,
      tax: 0,
      discount: 0,
      total: subtotal + shipping,
      refunded,
      discountCode: null,
      taxes: [],
      billing: address,
      shippingAddress: address,
      shippingMethod: 'Standard',
      tags: i % 4 === 0 ? ['wholesale'] : [],
      source: i % 7 === 6 ? 'pos' : 'web',
      riskLevel: 'low',
      paymentMethod: 'Shopify Payments',
      note: null,
      lines,
    });
  }
  const { id } = await startOrderImport({
    format: 'shopify',
    mode: 'history',
    dryRun: false,
    validOnly: false,
    fileName: 'old-shop-orders-export.csv',
    actor,
    body: writeShopifyCsv(orders),
  });
  await runOrderImport(id);
  log(`imported ${count} orders of the old shop's history (Orders → Imports)`);
  return { orders: count };
}
