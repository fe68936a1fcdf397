import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import type {
  ImportJobDto,
  ProductDto,
  ProductListPage,
  ProductListRow,
  TProductListQuery,
  VariantDto,
} from '@/lib/catalog/schemas';
import { z } from 'zod';
import { isUuid, zInt, zUuid } from '@/lib/boundary';
import { decodeCursor, encodeCursor } from '@/lib/cursor';

/** The list's sort keys: columns of the `f` rows below, and how a cursor value is cast back. */
const SORT_KEYS = {
  name: { column: Prisma.raw('f.name'), cast: (v: unknown) => Prisma.sql`${String(v)}::text` },
  sku: { column: Prisma.raw('f.sku'), cast: (v: unknown) => Prisma.sql`${String(v)}::text` },
  price: { column: Prisma.raw('f.min_price'), cast: (v: unknown) => Prisma.sql`${Number(v)}::int` },
  updated: {
    column: Prisma.raw('f.updated_at'),
    cast: (v: unknown) => Prisma.sql`${String(v)}::timestamptz`,
  },
} as const;

type ListRow = Omit<ProductListRow, 'updated_at'> & { updated_at: Date };

function productCursor(row: ListRow, sort: TProductListQuery['sort']): string {
  const value = { name: row.name, sku: row.sku, price: row.min_price, updated: row.updated_at.toISOString() }[
    sort
  ];
  return encodeCursor([sort, value, row.id]);
}

/** A cursor carries its sort, so its value is of the type the sort key casts it to (price: an int4). */
const ZProductCursor = z.union([
  z.tuple([z.literal('price'), zInt({ min: 0 }), zUuid()]),
  z.tuple([z.enum(['name', 'sku']), z.string().max(300), zUuid()]),
  z.tuple([z.literal('updated'), z.iso.datetime(), zUuid()]),
]);

function filterConditions(q: Pick<TProductListQuery, 'search' | 'status' | 'product_type'>): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.status !== 'all') conditions.push(Prisma.sql`p.status = ${q.status}::product_status`);
  if (q.product_type) conditions.push(Prisma.sql`p.product_type = ${q.product_type}`);
  if (q.search) {
    const like = `%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(Prisma.sql`(p.name ILIKE ${like} OR EXISTS (
      SELECT 1 FROM variants sv WHERE sv.product_id = p.id AND (sv.sku ILIKE ${like} OR sv.barcode = ${q.search})))`);
  }
  return Prisma.join(conditions, ' AND ');
}

/**
 * One page of products matching the filters, with a summary of their variants and stock, and the
 * number of products matching in all. Pages by `page` (offset) or by `cursor` (keyset on the sort key
 * and id, stable while rows are added); `sku` and `price` sort by each product's lowest SKU and price.
 */
export async function productList(q: TProductListQuery, tx: Tx = db): Promise<ProductListPage> {
  const where = filterConditions(q);
  const key = SORT_KEYS[q.sort];
  const dir = Prisma.raw(q.dir === 'desc' ? 'DESC' : 'ASC');
  let after = Prisma.sql`TRUE`;
  if (q.cursor) {
    const [sort, value, id] = decodeCursor(q.cursor, ZProductCursor);
    if (sort !== q.sort)
      throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [
        { field: 'cursor', message: 'This cursor belongs to another sort order; start from the first page' },
      ]);
    after =
      q.dir === 'desc'
        ? Prisma.sql`(${key.column}, f.id) < (${key.cast(value)}, ${id}::uuid)`
        : Prisma.sql`(${key.column}, f.id) > (${key.cast(value)}, ${id}::uuid)`;
  }
  const offset = !q.cursor && q.page ? (q.page - 1) * q.limit : 0;
  const [rows, [{ total }]] = await allOn(tx, [
    () => tx.$queryRaw<ListRow[]>`
      WITH f AS (
        SELECT p.id, p.name, p.vendor, p.product_type, p.status::text AS status, p.updated_at,
               count(v.id)::int AS variant_count, coalesce(min(v.sku), '') AS sku,
               coalesce(min(v.price), 0)::int AS min_price, coalesce(max(v.price), 0)::int AS max_price,
               coalesce(min(v.currency), '') AS currency
        FROM products p LEFT JOIN variants v ON v.product_id = p.id
        WHERE ${where}
        GROUP BY p.id
      )
      SELECT f.id::text, f.name, f.vendor, f.product_type, f.status, f.updated_at, f.variant_count,
        f.sku, f.min_price, f.max_price,
             trim(f.currency) AS currency, coalesce(s.on_hand, 0)::int AS on_hand,
               coalesce(s.available, 0)::int AS available
      FROM f LEFT JOIN LATERAL (
        SELECT sum(l.on_hand) AS on_hand, sum(l.on_hand - l.reserved) AS available
        FROM stock_levels l JOIN variants v ON v.id = l.variant_id WHERE v.product_id = f.id
      ) s ON TRUE
      WHERE ${after}
      ORDER BY ${key.column} ${dir}, f.id ${dir}
      LIMIT ${q.limit + 1} OFFSET ${offset}`,
    () => tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM products p WHERE ${where}`,
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({ ...r, updated_at: r.updated_at.toISOString() })),
    total,
    next_cursor: rows.length > q.limit && last ? productCursor(last, q.sort) : null,
  };
}

const VARIANT_SELECT = {
  id: true,
  productId: true,
  sku: true,
  barcode: true,
  title: true,
  price: true,
  currency: true,
  weightGrams: true,
  lengthMm: true,
  widthMm: true,
  heightMm: true,
  reorderPoint: true,
  safetyStock: true,
  leadTimeDays: true,
  allowBackorder: true,
  dropship: true,
  dropshipSupplierId: true,
  hsCode: true,
  countryOfOrigin: true,
  status: true,
} as const;

/** Products with their variants (in the order they were added) and stock summed over locations. */
export async function productDetails(ids: string[], tx: Tx = db): Promise<ProductDto[]> {
  const valid = ids.filter((id) => isUuid(id));
  if (valid.length === 0) return [];
  const products = await tx.product.findMany({
    where: { id: { in: valid } },
    select: {
      id: true,
      name: true,
      description: true,
      vendor: true,
      productType: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      variants: { select: VARIANT_SELECT, orderBy: [{ createdAt: 'asc' }, { sku: 'asc' }] },
    },
  });
  const variantIds = products.flatMap((p) => p.variants.map((v) => v.id));
  const sums = variantIds.length
    ? await tx.stockLevel.groupBy({
        by: ['variantId'],
        where: { variantId: { in: variantIds } },
        _sum: { onHand: true, reserved: true },
      })
    : [];
  const stock = new Map(
    sums.map((s) => [s.variantId, { onHand: s._sum.onHand ?? 0, reserved: s._sum.reserved ?? 0 }]),
  );
  const byId = new Map(
    products.map((p) => [
      p.id,
      {
        id: p.id,
        name: p.name,
        description: p.description,
        vendor: p.vendor,
        product_type: p.productType,
        status: p.status,
        created_at: p.createdAt.toISOString(),
        updated_at: p.updatedAt.toISOString(),
        variants: p.variants.map((v): VariantDto => {
          const s = stock.get(v.id) ?? { onHand: 0, reserved: 0 };
          return {
            id: v.id,
            sku: v.sku,
            barcode: v.barcode,
            title: v.title,
            price: v.price,
            currency: v.currency,
            weight_grams: v.weightGrams,
            length_mm: v.lengthMm,
            width_mm: v.widthMm,
            height_mm: v.heightMm,
            reorder_point: v.reorderPoint,
            safety_stock: v.safetyStock,
            lead_time_days: v.leadTimeDays,
            allow_backorder: v.allowBackorder,
            dropship: v.dropship,
            dropship_supplier_id: v.dropshipSupplierId,
            hs_code: v.hsCode,
            country_of_origin: v.countryOfOrigin,
            status: v.status,
            on_hand: s.onHand,
            available: s.onHand - s.reserved,
          };
        }),
      } satisfies ProductDto,
    ]),
  );
  return valid.map((id) => byId.get(id)).filter((p): p is ProductDto => !!p);
}

export async function productDetail(id: string, tx: Tx = db): Promise<ProductDto | null> {
  const [product] = await productDetails([id], tx);
  return product ?? null;
}

/** The product types in use, for the list's filter. */
export async function productTypes(tx: Tx = db): Promise<string[]> {
  const rows = await tx.product.findMany({
    where: { productType: { not: null } },
    distinct: ['productType'],
    select: { productType: true },
    orderBy: { productType: 'asc' },
  });
  return rows.map((r) => r.productType!).filter(Boolean);
}

/** A job whose row has not moved for this long died with its process (a chunk takes seconds). */
const STALLED_AFTER_MS = 2 * 60_000;

/**
 * An import job as its progress bar shows it. Scoped to the user who started it (null for jobs of
 * the CLI or tests, which pass no user).
 */
export async function importJobDetail(
  id: string,
  createdById: string | null,
  tx: Tx = db,
): Promise<ImportJobDto | null> {
  if (!isUuid(id)) return null;
  const job = await tx.importJob.findFirst({
    where: { id, createdById },
    select: {
      id: true,
      status: true,
      mode: true,
      fileName: true,
      totalRows: true,
      processedRows: true,
      result: true,
      errors: true,
      createdAt: true,
      finishedAt: true,
      updatedAt: true,
    },
  });
  if (!job) return null;
  return {
    id: job.id,
    status: job.status,
    mode: job.mode as ImportJobDto['mode'],
    file_name: job.fileName,
    total_rows: job.totalRows,
    processed_rows: job.processedRows,
    result: job.result,
    errors: job.errors,
    created_at: job.createdAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
    stalled:
      (job.status === 'queued' || job.status === 'running') &&
      Date.now() - job.updatedAt.getTime() > STALLED_AFTER_MS,
  };
}
