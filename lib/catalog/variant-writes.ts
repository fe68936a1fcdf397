import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError, type FieldIssue } from '@/lib/errors';
import type { TVariantInput, TVariantUpdateInput } from '@/lib/catalog/schemas';

/** What create, update and the CSV import share when they write variants. */

/** A SKU and/or barcode a write wants, and the field an error about it names (e.g. `variants.2`). */
export type CodeClaim = {
  field: string;
  sku?: string;
  barcode?: string | null;
  /** the variant that may already hold them */ variantId?: string;
};

/**
 * SKUs and barcodes already held by another variant, as 409 details naming each field
 * (`variants.2.sku`). SKUs are unique across the catalog, archived variants included: a SKU stays on
 * its order history.
 */
export async function codeConflicts(tx: Tx, claims: CodeClaim[]): Promise<FieldIssue[]> {
  const skus = claims.flatMap((c) => (c.sku ? [c.sku] : []));
  const barcodes = claims.flatMap((c) => (c.barcode ? [c.barcode] : []));
  if (!skus.length && !barcodes.length) return [];
  const taken = await tx.variant.findMany({
    where: { OR: [{ sku: { in: skus } }, { barcode: { in: barcodes } }] },
    select: { id: true, sku: true, barcode: true, product: { select: { name: true } } },
  });
  const issues: FieldIssue[] = [];
  for (const c of claims) {
    const bySku = c.sku ? taken.find((t) => t.sku === c.sku && t.id !== c.variantId) : undefined;
    if (bySku)
      issues.push({
        field: `${c.field}.sku`,
        message: `SKU "${c.sku}" is already used by "${bySku.product.name}"`,
      });
    const byBarcode = c.barcode
      ? taken.find((t) => t.barcode === c.barcode && t.id !== c.variantId)
      : undefined;
    if (byBarcode)
      issues.push({
        field: `${c.field}.barcode`,
        message: `Barcode "${c.barcode}" is already used by ${byBarcode.sku}`,
      });
  }
  return issues;
}

function conflictError(issues: FieldIssue[]): AppError {
  return new AppError(
    'CONFLICT',
    issues.length === 1 ? issues[0].message : 'Some SKUs or barcodes are already in use',
    issues,
  );
}

export async function assertCodesFree(tx: Tx, claims: CodeClaim[]): Promise<void> {
  const issues = await codeConflicts(tx, claims);
  if (issues.length) throw conflictError(issues);
}

/**
 * Runs a write and turns a unique violation (P2002: another request took the SKU or barcode between
 * our check and our insert) into the same 409 naming the fields, found again from committed data.
 */
export async function withUniqueConflicts<T>(claims: CodeClaim[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== 'P2002') throw error;
    const issues = await codeConflicts(db, claims);
    throw conflictError(
      issues.length ? issues : [{ field: 'variants', message: 'A SKU or barcode is already in use' }],
    );
  }
}

/** Prices are kept in the shop currency only: the ledger and every report use one currency. */
export function assertShopCurrency(variants: { currency?: string }[], currency: string): void {
  const issues = variants.flatMap((v, i) =>
    v.currency && v.currency.toUpperCase() !== currency
      ? [{ field: `variants.${i}.currency`, message: `Prices are kept in the shop currency, ${currency}` }]
      : [],
  );
  if (issues.length)
    throw new AppError('VALIDATION_FAILED', `Prices are kept in the shop currency, ${currency}`, issues);
}

/** Variant columns from API-shaped input; fields left out stay unset (create) or unchanged (update). */
export function variantColumns(v: TVariantInput | TVariantUpdateInput) {
  return {
    barcode: v.barcode,
    title: v.title,
    price: v.price,
    weightGrams: v.weight_grams,
    lengthMm: v.length_mm,
    widthMm: v.width_mm,
    heightMm: v.height_mm,
    reorderPoint: v.reorder_point,
    safetyStock: v.safety_stock,
    leadTimeDays: v.lead_time_days,
    allowBackorder: v.allow_backorder,
    hsCode: v.hs_code,
    countryOfOrigin: v.country_of_origin,
  };
}
