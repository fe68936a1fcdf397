import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { SEED_ACTOR, seedActors } from '@/prisma/seed-actors';
import { createProduct } from '@/lib/catalog/create-product';
import { updateProduct } from '@/lib/catalog/update-product';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createOrder } from '@/lib/orders/create-order';

const SKU = 'DROP-PLANTER-L';

/**
 * Demo dropship (decision 041), through the real use cases: a large ceramic planter its maker ships
 * to the customer (a new product, the maker as a supplier listing it at 18.00, the variant flagged
 * dropship), and one web order of it beside a stocked SKU — the order reserves only the stocked
 * line and drafts the maker's dropship PO with the customer's address (Purchasing shows it to send).
 * Does nothing once the SKU exists.
 */
export async function seedDropship(
  db: PrismaClient,
  options: { log?: (line: string) => void } = {},
): Promise<{ orders: number }> {
  if (await db.variant.findUnique({ where: { sku: SKU }, select: { id: true } })) return { orders: 0 };
  const actor = (await seedActors(db))('manager');
  const [stocked] = await db.$queryRaw<{ sku: string; price: number }[]>`
    SELECT v.sku, v.price FROM stock_levels l JOIN variants v ON v.id = l.variant_id
      JOIN locations loc ON loc.id = l.location_id AND loc.code = 'MAIN'
     WHERE v.status = 'active' AND v.price > 0 AND NOT v.dropship AND l.on_hand - l.reserved >= 5
     ORDER BY l.on_hand - l.reserved DESC, v.sku LIMIT 1`;
  if (!stocked) return { orders: 0 };
  const product = await createProduct({
    input: {
      name: 'Terracotta planter, large (made to order)',
      vendor: 'Terra Studio',
      product_type: 'Home',
      variants: [{ sku: SKU, price: 4_900, weight_grams: 6_500 }],
    },
    actor,
  });
  const maker = await createSupplier({
    input: {
      name: 'Terra Studio Ceramics',
      email: 'orders@terrastudio.example',
      payment_terms: 'Net 15',
      lead_time_days: 5,
      products: [{ sku: SKU, supplier_sku: 'TS-PL-L', unit_cost: 1_800 }],
    },
    actor,
  });
  await updateProduct({
    productId: product.id,
    input: { variants: [{ sku: SKU, dropship: true, dropship_supplier_id: maker.id }] },
    actor,
  });
  await createOrder({
    input: {
      channel: 'web',
      external_id: 'DROPSHIP-DEMO-1',
      currency: 'USD',
      customer: { email: 'garden.lover@example.com', name: 'Gwen Garden' },
      shipping_address: {
        name: 'Gwen Garden',
        line1: '48 Willow Street',
        city: 'Asheville',
        region: 'NC',
        postal_code: '28801',
        country: 'US',
      },
      lines: [
        { sku: stocked.sku, quantity: 1, unit_price: stocked.price },
        { sku: SKU, quantity: 1, unit_price: 4_900 },
      ],
      payment: { method: 'card', amount: stocked.price + 4_900, status: 'captured' },
    },
    actor: SEED_ACTOR,
  });
  options.log?.('dropship: 1 dropship variant, 1 order with its draft dropship PO');
  return { orders: 1 };
}
