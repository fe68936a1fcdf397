import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, type FieldIssue } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { shopSettings } from '@/lib/settings/queries';
import { productDetail } from '@/lib/catalog/queries';
import { changeProductStatus, lockProduct } from '@/lib/catalog/archive-product';
import { ZProductUpdateInput, type ProductDto, type TProductUpdateInput } from '@/lib/catalog/schemas';
import {
  assertCodesFree,
  assertShopCurrency,
  variantColumns,
  withUniqueConflicts,
  type CodeClaim,
} from '@/lib/catalog/variant-writes';

type LevelRow = { variant_id: string; location: string; on_hand: number; reserved: number };

/**
 * Edits a product: its fields, its variants by SKU (a SKU the product does not have yet adds a
 * variant; SKUs are never renamed), and its status. When a variant's allow_backorder changes, its
 * stock levels' backorder_allowed follows in the same transaction, because the database CHECKs
 * (`on_hand >= 0`, `reserved <= on_hand`, unless backorder) read it there. Backorders cannot be turned
 * off while a level is below zero or reserved beyond what is on hand. Audited with before and after.
 */
export async function updateProduct(
  options: { productId: string; input: TProductUpdateInput; actor: Actor },
  tx?: Tx,
): Promise<ProductDto> {
  const input = ZProductUpdateInput.parse(options.input);
  const claims: CodeClaim[] = [];
  const run = async (t: Tx): Promise<ProductDto> => {
    const product = await lockProduct(t, options.productId);
    const before = (await productDetail(product.id, t))!;
    const { currency } = await shopSettings(t);
    const variants = input.variants ?? [];
    assertShopCurrency(variants, currency);

    const current = new Map(before.variants.map((v) => [v.sku, v]));
    const missingPrice: FieldIssue[] = [];
    const changes = variants.map((v, i) => {
      const existing = current.get(v.sku);
      if (!existing && v.price === undefined)
        missingPrice.push({ field: `variants.${i}.price`, message: 'Enter a price for the new variant' });
      // A new SKU must be free everywhere; a changed barcode must not belong to another variant.
      if (!existing) claims.push({ field: `variants.${i}`, sku: v.sku, barcode: v.barcode });
      else if (v.barcode && v.barcode !== existing.barcode)
        claims.push({ field: `variants.${i}`, barcode: v.barcode, variantId: existing.id });
      return { v, i, existing };
    });
    if (missingPrice.length)
      throw new AppError('VALIDATION_FAILED', 'Enter a price for each new variant', missingPrice);
    await assertCodesFree(t, claims);

    const backorderChanges = changes.filter(
      (c) =>
        c.existing && c.v.allow_backorder !== undefined && c.v.allow_backorder !== c.existing.allow_backorder,
    );
    if (backorderChanges.length) {
      const ids = backorderChanges.map((c) => c.existing!.id);
      // Lock the levels (in the order every stock write locks them) so no reservation slips in between.
      const levels = await t.$queryRaw<LevelRow[]>`
        SELECT l.variant_id::text, loc.code AS location, l.on_hand, l.reserved
        FROM stock_levels l JOIN locations loc ON loc.id = l.location_id
        WHERE l.variant_id = ANY(${ids}::uuid[]) ORDER BY l.variant_id, l.location_id FOR UPDATE OF l`;
      const blocked = backorderChanges.flatMap((c) => {
        if (c.v.allow_backorder) return [];
        const short = levels.filter(
          (l) => l.variant_id === c.existing!.id && (l.on_hand < 0 || l.reserved > l.on_hand),
        );
        return short.length
          ? [
              {
                field: `variants.${c.i}.allow_backorder`,
                message:
                  `${c.v.sku} is backordered ` +
                  `(${short.map((l) => `${l.location}: ${l.on_hand} on hand, ${l.reserved} reserved`).join('; ')}). ` +
                  `Receive stock first.`,
              },
            ]
          : [];
      });
      if (blocked.length)
        throw new AppError(
          'INVALID_STATE',
          'Backorders cannot be turned off while orders wait for stock',
          blocked,
        );
      for (const c of backorderChanges) {
        await t.stockLevel.updateMany({
          where: { variantId: c.existing!.id },
          data: { backorderAllowed: c.v.allow_backorder! },
        });
      }
    }

    await t.product.update({
      where: { id: product.id },
      data: {
        name: input.name,
        description: input.description === undefined ? undefined : input.description || null,
        vendor: input.vendor === undefined ? undefined : input.vendor || null,
        productType: input.product_type === undefined ? undefined : input.product_type || null,
        updatedAt: new Date(), // a variant change counts as a change of the product (the list sorts by it)
      },
      select: { id: true },
    });
    for (const { v, existing } of changes) {
      if (existing) {
        await t.variant.update({
          where: { id: existing.id },
          data: { ...variantColumns(v), status: v.status },
          select: { id: true },
        });
      } else {
        await t.variant.create({
          data: {
            productId: product.id,
            sku: v.sku,
            currency,
            ...variantColumns(v),
            price: v.price!,
            title: v.title ?? '',
            status: v.status ?? product.status,
          },
          select: { id: true },
        });
      }
    }
    if (input.status && input.status !== product.status)
      await changeProductStatus(t, { productId: product.id, to: input.status, actor: options.actor });

    const after = (await productDetail(product.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'product.updated',
      entityType: 'product',
      entityId: product.id,
      before,
      after,
    });
    return after;
  };
  return withUniqueConflicts(claims, () => (tx ? run(tx) : db.$transaction(run)));
}
