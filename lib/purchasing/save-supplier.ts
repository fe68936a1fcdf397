import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { resolveSkus } from '@/lib/inventory/stock';
import { supplierDetail, type SupplierDto } from './queries';
import {
  ZCreateSupplierInput,
  ZUpdateSupplierInput,
  type TCreateSupplierInput,
  type TUpdateSupplierInput,
} from './schemas';

type Product = ReturnType<typeof ZCreateSupplierInput.parse>['products'][number];

/** Shop currency: a supplier without one trades in it. */
export async function shopCurrency(tx: Tx): Promise<string> {
  const s = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true } });
  return s?.currency ?? 'USD';
}

async function writeProducts(tx: Tx, supplierId: string, products: Product[]) {
  const variants = await resolveSkus(
    tx,
    products.map((p, i) => ({ sku: p.sku, field: `products.${i}.sku` })),
  );
  await tx.supplierProduct.deleteMany({ where: { supplierId } });
  if (products.length)
    await tx.supplierProduct.createMany({
      data: products.map((p) => ({
        supplierId,
        variantId: variants.get(p.sku)!.id,
        supplierSku: p.supplier_sku || null,
        unitCost: p.unit_cost,
        packSize: p.pack_size,
        moq: p.moq,
        leadTimeDays: p.lead_time_days ?? null,
      })),
    });
  const preferred = products.filter((p) => p.preferred).map((p) => variants.get(p.sku)!.id);
  if (preferred.length)
    await tx.variant.updateMany({
      where: { id: { in: preferred } },
      data: { preferredSupplierId: supplierId },
    });
  // A variant without a preferred supplier takes its first one, so replenishment knows where to buy.
  await tx.variant.updateMany({
    where: { id: { in: [...variants.values()].map((v) => v.id) }, preferredSupplierId: null },
    data: { preferredSupplierId: supplierId },
  });
}

function fields(input: ReturnType<typeof ZUpdateSupplierInput.parse>, currency: string) {
  return {
    name: input.name,
    email: input.email,
    currency,
    paymentTerms: input.payment_terms || null,
    leadTimeDays: input.lead_time_days,
    leadTimeStddevDays: input.lead_time_stddev_days,
    reviewPeriodDays: input.review_period_days,
    minimumOrderValue: input.minimum_order_value,
    overReceiptTolerancePct: input.over_receipt_tolerance_pct,
  };
}

async function nameTaken(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.supplier.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash)
    throw new AppError('CONFLICT', `A supplier named "${name}" already exists.`, [
      { field: 'name', message: 'Another supplier has this name' },
    ]);
}

/** Creates a supplier with its catalog (SKU ↔ supplier SKU, cost, pack size, MOQ), audited. */
export async function createSupplier(
  options: { input: TCreateSupplierInput; actor: Actor },
  tx?: Tx,
): Promise<SupplierDto> {
  const input = ZCreateSupplierInput.parse(options.input);
  const run = async (t: Tx) => {
    await nameTaken(t, input.name);
    const supplier = await t.supplier.create({
      data: fields(input, input.currency ?? (await shopCurrency(t))),
      select: { id: true },
    });
    await writeProducts(t, supplier.id, input.products);
    const dto = (await supplierDetail(supplier.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'supplier.created',
      entityType: 'supplier',
      entityId: supplier.id,
      after: dto,
    });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}

/** Updates a supplier; `products`, when given, replaces its catalog. Audited with before and after. */
export async function updateSupplier(
  options: { supplierId: string; input: TUpdateSupplierInput; actor: Actor },
  tx?: Tx,
): Promise<SupplierDto> {
  const input = ZUpdateSupplierInput.parse(options.input);
  const run = async (t: Tx) => {
    const before = await supplierDetail(options.supplierId, t);
    if (!before) throw new AppError('NOT_FOUND', 'That supplier does not exist.');
    await nameTaken(t, input.name, options.supplierId);
    await t.supplier.update({
      where: { id: options.supplierId },
      data: fields(input, input.currency ?? before.currency),
      select: { id: true },
    });
    if (input.products) await writeProducts(t, options.supplierId, input.products);
    const after = (await supplierDetail(options.supplierId, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'supplier.updated',
      entityType: 'supplier',
      entityId: options.supplierId,
      before,
      after,
    });
    return after;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
