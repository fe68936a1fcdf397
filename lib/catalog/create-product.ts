import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { shopSettings } from '@/lib/settings/queries';
import { productDetail } from '@/lib/catalog/queries';
import { ZProductInput, type ProductDto, type TProductInput } from '@/lib/catalog/schemas';
import {
  assertCodesFree,
  assertDropshipSuppliers,
  assertShopCurrency,
  variantColumns,
  withUniqueConflicts,
} from '@/lib/catalog/variant-writes';

/**
 * Creates a product with its variants, audited, in one transaction. A SKU or barcode another variant
 * holds is a 409 naming the field (`variants.1.sku`); prices are in the shop currency.
 */
export async function createProduct(
  options: { input: TProductInput; actor: Actor },
  tx?: Tx,
): Promise<ProductDto> {
  const input = ZProductInput.parse(options.input);
  const claims = input.variants.map((v, i) => ({ field: `variants.${i}`, sku: v.sku, barcode: v.barcode }));
  const run = async (t: Tx): Promise<ProductDto> => {
    const { currency } = await shopSettings(t);
    assertShopCurrency(input.variants, currency);
    await assertCodesFree(t, claims);
    await assertDropshipSuppliers(
      t,
      input.variants.map((v, index) => ({
        index,
        dropship: v.dropship ?? false,
        supplierId: v.dropship_supplier_id ?? null,
      })),
    );
    const product = await t.product.create({
      data: {
        name: input.name,
        description: input.description || null,
        vendor: input.vendor || null,
        productType: input.product_type || null,
        variants: {
          create: input.variants.map((v) => ({
            sku: v.sku,
            currency,
            ...variantColumns(v),
            price: v.price,
            title: v.title ?? '',
          })),
        },
      },
      select: { id: true },
    });
    const detail = (await productDetail(product.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'product.created',
      entityType: 'product',
      entityId: product.id,
      after: detail,
    });
    return detail;
  };
  return withUniqueConflicts(claims, () => (tx ? run(tx) : db.$transaction(run)));
}
