import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { productDetail } from '@/lib/catalog/queries';
import { isUuid } from '@/lib/boundary';
import { assertProductStatusMove, type ProductStatus } from '@/lib/catalog/rules';
import type { ProductDto } from '@/lib/catalog/schemas';

/** Locks a product's row for the rest of the transaction; a missing product is a 404. */
export async function lockProduct(tx: Tx, productId: string): Promise<{ id: string; status: ProductStatus }> {
  const rows = isUuid(productId)
    ? await tx.$queryRaw<
        { id: string; status: ProductStatus }[]
      >`SELECT id::text, status::text AS status FROM products WHERE id = ${productId}::uuid FOR UPDATE`
    : [];
  if (!rows[0]) throw new AppError('NOT_FOUND', 'That product does not exist.');
  return rows[0];
}

/**
 * Moves a product and all its variants to `to` (rules.ts: active ⇄ archived; the same status again is
 * an INVALID_STATE), audited, in the caller's transaction. Unarchiving makes every variant active again.
 */
export async function changeProductStatus(
  tx: Tx,
  options: { productId: string; to: ProductStatus; actor: Actor },
): Promise<ProductDto> {
  const product = await lockProduct(tx, options.productId);
  assertProductStatusMove(product.status, options.to);
  await tx.product.update({ where: { id: product.id }, data: { status: options.to }, select: { id: true } });
  await tx.variant.updateMany({ where: { productId: product.id }, data: { status: options.to } });
  const after = (await productDetail(product.id, tx))!;
  await audit(tx, {
    actor: options.actor,
    action: options.to === 'archived' ? 'product.archived' : 'product.unarchived',
    entityType: 'product',
    entityId: product.id,
    before: { status: product.status },
    after: { status: options.to },
  });
  return after;
}

/** Archives a product and its variants: hidden from the catalog and new orders; stock and history stay. */
export async function archiveProduct(
  options: { productId: string; actor: Actor },
  tx?: Tx,
): Promise<ProductDto> {
  const run = (t: Tx) => changeProductStatus(t, { ...options, to: 'archived' });
  return tx ? run(tx) : db.$transaction(run);
}

export async function unarchiveProduct(
  options: { productId: string; actor: Actor },
  tx?: Tx,
): Promise<ProductDto> {
  const run = (t: Tx) => changeProductStatus(t, { ...options, to: 'active' });
  return tx ? run(tx) : db.$transaction(run);
}
