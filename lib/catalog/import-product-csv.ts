import 'server-only';
import { db, type Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { createProduct } from '@/lib/catalog/create-product';
import { updateProduct } from '@/lib/catalog/update-product';
import { validateProductCsv, type CsvRowError, type ProductCsvRow } from '@/lib/catalog/csv';
import type { TVariantInput } from '@/lib/catalog/schemas';

export type ImportMode = 'all' | 'valid_rows';

/** Rows per transaction: big enough to be quick, small enough that locks are short and progress moves. */
export const IMPORT_CHUNK_ROWS = 200;
/** The receipt input's limit on lines. */
const RECEIPT_MAX_LINES = 2000;

export type ProductImportReport = {
  /** false when the file has errors and the mode is 'all': then nothing was written */
  imported: boolean;
  total_rows: number;
  created_products: number;
  created_variants: number;
  /** rows skipped because their SKU was already in the catalog (what makes a re-import change nothing) */
  skipped_existing: number;
  /** rows with errors, left out in 'valid_rows' mode */
  skipped_invalid: number;
  received_units: number;
  errors: CsvRowError[];
};

export type ImportProgress = {
  /** after validation: how many rows the import will go through */
  onValidated?: (rowsToImport: number) => Promise<unknown>;
  /** inside each chunk's transaction, after its work: rows done so far */
  onChunk?: (tx: Tx, processedRows: number) => Promise<unknown>;
};

/** Whole products per chunk (a product's rows never straddle two transactions), about `size` rows each. */
function chunksByProduct(rows: ProductCsvRow[], size: number): ProductCsvRow[][] {
  const groups = new Map<string, ProductCsvRow[]>();
  for (const r of rows) groups.set(r.product_name, [...(groups.get(r.product_name) ?? []), r]);
  const chunks: ProductCsvRow[][] = [];
  let current: ProductCsvRow[] = [];
  for (const group of groups.values()) {
    if (current.length && current.length + group.length > size) {
      chunks.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

function variantInput(r: ProductCsvRow): TVariantInput {
  return {
    sku: r.sku,
    barcode: r.barcode,
    title: r.option || undefined,
    price: r.price,
    weight_grams: r.weight_grams,
    length_mm: r.length_mm,
    width_mm: r.width_mm,
    height_mm: r.height_mm,
    reorder_point: r.reorder_point,
    safety_stock: r.safety_stock,
    lead_time_days: r.lead_time_days,
    allow_backorder: r.allow_backorder,
    hs_code: r.hs_code,
    country_of_origin: r.country_of_origin,
  };
}

type ChunkCounts = {
  created_products: number;
  created_variants: number;
  skipped_existing: number;
  received_units: number;
};

/**
 * One chunk in one transaction: SKUs already in the catalog are skipped (checked again here, under the
 * import lock, so two imports of one file cannot both create a SKU); new variants join the product
 * that already holds a sibling SKU, else a new product; then opening stock is received per location
 * through receiveStock (kind 'opening'), so cost layers, stock movements and the ledger
 * (Dr Inventory / Cr Opening balance equity) are written as for any receipt.
 */
async function importChunk(
  t: Tx,
  rows: ProductCsvRow[],
  options: { actor: Actor; reference: string },
): Promise<ChunkCounts> {
  const counts: ChunkCounts = {
    created_products: 0,
    created_variants: 0,
    skipped_existing: 0,
    received_units: 0,
  };
  const existing = await t.variant.findMany({
    where: { sku: { in: [...new Set(rows.map((r) => r.sku))] } },
    select: { sku: true, productId: true },
  });
  const productOf = new Map(existing.map((v) => [v.sku, v.productId]));
  const groups = new Map<string, ProductCsvRow[]>();
  for (const r of rows) groups.set(r.product_name, [...(groups.get(r.product_name) ?? []), r]);

  const stock: ProductCsvRow[] = [];
  for (const [name, group] of groups) {
    const fresh = group.filter((r) => !productOf.has(r.sku));
    counts.skipped_existing += group.length - fresh.length;
    if (!fresh.length) continue;
    const variants = [...new Map(fresh.map((r) => [r.sku, variantInput(r)])).values()];
    const sibling = group.map((r) => productOf.get(r.sku)).find((id): id is string => !!id);
    if (sibling) await updateProduct({ productId: sibling, input: { variants }, actor: options.actor }, t);
    else {
      await createProduct({ input: { name, variants }, actor: options.actor }, t);
      counts.created_products += 1;
    }
    counts.created_variants += variants.length;
    stock.push(...fresh.filter((r) => r.opening_quantity > 0));
  }

  const byLocation = new Map<string, ProductCsvRow[]>();
  for (const r of stock) byLocation.set(r.location!, [...(byLocation.get(r.location!) ?? []), r]);
  for (const [location, lines] of byLocation) {
    for (let i = 0; i < lines.length; i += RECEIPT_MAX_LINES) {
      const slice = lines.slice(i, i + RECEIPT_MAX_LINES);
      await receiveStock(
        {
          input: {
            location,
            kind: 'opening',
            reference: options.reference,
            lines: slice.map((r) => ({ sku: r.sku, quantity: r.opening_quantity, unit_cost: r.unit_cost! })),
          },
          actor: options.actor,
        },
        t,
      );
      counts.received_units += slice.reduce((s, r) => s + r.opening_quantity, 0);
    }
  }
  return counts;
}

/**
 * Imports a product CSV (lib/catalog/csv.ts). Every row is checked first; a file with errors imports
 * nothing unless `mode` is 'valid_rows', which imports the rows without errors. Idempotent on SKU: a
 * row whose SKU is already in the catalog is skipped, so importing the same file again creates no
 * product, variant, stock or journal entry. Works in chunks of about IMPORT_CHUNK_ROWS rows, one
 * transaction each; if a chunk fails, the chunks before it stay imported and a re-import finishes
 * the rest.
 */
export async function importProductCsv(
  options: {
    text: string;
    mode: ImportMode;
    actor: Actor;
    reference?: string;
    /** rows per transaction, default IMPORT_CHUNK_ROWS */ chunkRows?: number;
  } & ImportProgress,
): Promise<ProductImportReport> {
  const validation = await validateProductCsv(options.text);
  const report: ProductImportReport = {
    imported: false,
    total_rows: validation.total_rows,
    created_products: 0,
    created_variants: 0,
    skipped_existing: 0,
    skipped_invalid: new Set(validation.errors.map((e) => e.row)).size,
    received_units: 0,
    errors: validation.errors,
  };
  if (validation.errors.length && options.mode !== 'valid_rows') return report;
  await options.onValidated?.(validation.rows.length);

  const reference = (options.reference ?? 'Product CSV import').slice(0, 120);
  let processed = 0;
  for (const chunk of chunksByProduct(validation.rows, options.chunkRows ?? IMPORT_CHUNK_ROWS)) {
    const counts = await db.$transaction(
      async (t) => {
        // One import at a time writes: the existing-SKU check above then holds until commit.
        await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('backroom:product-import'))`;
        const done = await importChunk(t, chunk, { actor: options.actor, reference });
        await options.onChunk?.(t, processed + chunk.length);
        return done;
      },
      { timeout: 120_000 },
    );
    processed += chunk.length;
    report.created_products += counts.created_products;
    report.created_variants += counts.created_variants;
    report.skipped_existing += counts.skipped_existing;
    report.received_units += counts.received_units;
  }
  report.imported = true;
  return report;
}
