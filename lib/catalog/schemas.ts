import { z } from 'zod';
import { zCursor, zIntParam } from '@/lib/boundary';
import { ZMinorUnits } from '@/lib/inventory/schemas';
import { ZCountryOfOrigin, ZHsCode } from '@/lib/shipping/customs';

/**
 * The catalog's shapes, shared by the REST API (POST/PATCH /api/v1/products), the product form and
 * the CSV import. Field names are snake_case like the API; money is integer minor units.
 */

/** A SKU identifies a variant everywhere (orders, scans, URLs): no spaces, at most 64 characters. */
export const ZSku = z
  .string()
  .trim()
  .min(1, 'Enter a SKU')
  .max(64, 'Use at most 64 characters')
  .regex(/^\S+$/, 'A SKU cannot contain spaces');
export const ZBarcode = z
  .string()
  .trim()
  .min(1, 'Enter a barcode')
  .max(64, 'Use at most 64 characters')
  .regex(/^\S+$/, 'A barcode cannot contain spaces');
export const ZPrice = ZMinorUnits.min(0, 'A price cannot be negative').max(
  100_000_000,
  'That price is too large',
);
const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Use an ISO 4217 currency code such as USD');
/** Grams or millimetres: whole, not negative. */
const ZMeasure = z
  .number({ error: 'Enter a whole number' })
  .int('Use a whole number')
  .min(0, 'Cannot be negative')
  .max(10_000_000, 'That is too large');
const ZCount = z
  .number({ error: 'Enter a whole number' })
  .int('Use a whole number')
  .min(0, 'Cannot be negative')
  .max(1_000_000, 'That is too large');
const ZLeadTime = z
  .number({ error: 'Enter a number of days' })
  .int('Use a whole number of days')
  .min(0, 'Cannot be negative')
  .max(365, 'At most 365 days');
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`);
const ZName = z.string().trim().min(1, 'Enter the product name').max(200, 'Use at most 200 characters');
export const PRODUCT_STATUSES = ['active', 'archived'] as const;
const ZStatus = z.enum(PRODUCT_STATUSES, { error: 'Choose active or archived' });

/** A variant's fields after sku, barcode, title and price: the same when created and when edited. */
const ZVariantDetails = {
  /** Defaults to the shop currency, the only one accepted (the ledger keeps one currency). */
  currency: ZCurrency.optional(),
  weight_grams: ZMeasure.nullable().optional(),
  length_mm: ZMeasure.nullable().optional(),
  width_mm: ZMeasure.nullable().optional(),
  height_mm: ZMeasure.nullable().optional(),
  reorder_point: ZCount.optional(),
  safety_stock: ZCount.optional(),
  lead_time_days: ZLeadTime.optional(),
  allow_backorder: z.boolean({ error: 'Use true or false' }).optional(),
  /** a variant its supplier ships to the customer (decision 041): the flag and that supplier */
  dropship: z.boolean({ error: 'Use true or false' }).optional(),
  dropship_supplier_id: z.uuid({ error: 'Choose the supplier who ships it' }).nullable().optional(),
  /** customs data for parcels leaving the shop's country (decision 040); null clears */
  hs_code: ZHsCode.nullable().optional(),
  country_of_origin: ZCountryOfOrigin.nullable().optional(),
};

export const ZVariantInput = z
  .object({
    sku: ZSku,
    barcode: ZBarcode.optional(),
    /** Option values such as "Blue / M"; empty for a product with one variant. */
    title: text(120).optional(),
    price: ZPrice,
    ...ZVariantDetails,
  })
  .strict();
export type TVariantInput = z.input<typeof ZVariantInput>;

/** Two variants of one request may not share a SKU or a barcode: a 422 names the later one. */
function uniqueWithinRequest(
  value: { variants?: { sku: string; barcode?: string | null }[] },
  ctx: z.RefinementCtx,
) {
  for (const key of ['sku', 'barcode'] as const) {
    const seen = new Map<string, number>();
    value.variants?.forEach((v, i) => {
      const code = v[key];
      if (!code) return;
      const first = seen.get(code);
      if (first === undefined) seen.set(code, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, key],
          message: `Same ${key === 'sku' ? 'SKU' : 'barcode'} as variant ${first + 1}`,
        });
    });
  }
}

export const ZProductInput = z
  .object({
    name: ZName,
    description: text(5000).optional(),
    vendor: text(120).optional(),
    product_type: text(120).optional(),
    variants: z
      .array(ZVariantInput)
      .min(1, 'Add at least one variant')
      .max(100, 'At most 100 variants per product'),
  })
  .strict()
  .superRefine(uniqueWithinRequest);
export type TProductInput = z.input<typeof ZProductInput>;

/**
 * One variant in an edit: `sku` picks the variant (a SKU is never renamed); a SKU the product does
 * not have yet adds a variant, which then needs a price. Absent fields stay as they are; null clears.
 */
export const ZVariantUpdateInput = z
  .object({
    sku: ZSku,
    barcode: ZBarcode.nullable().optional(),
    title: text(120).optional(),
    price: ZPrice.optional(),
    ...ZVariantDetails,
    status: ZStatus.optional(),
  })
  .strict();
export type TVariantUpdateInput = z.input<typeof ZVariantUpdateInput>;

export const ZProductUpdateInput = z
  .object({
    name: ZName.optional(),
    description: text(5000).nullable().optional(),
    vendor: text(120).nullable().optional(),
    product_type: text(120).nullable().optional(),
    /** archived ⇄ active, through the same rules as the Archive button. */
    status: ZStatus.optional(),
    variants: z
      .array(ZVariantUpdateInput)
      .min(1, 'Send at least one variant, or leave variants out')
      .max(100, 'At most 100 variants per product')
      .optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Send at least one field to change',
  })
  .superRefine(uniqueWithinRequest);
export type TProductUpdateInput = z.input<typeof ZProductUpdateInput>;

export const PRODUCT_SORTS = ['name', 'sku', 'price', 'updated'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/**
 * The product list's filters, shared by the list page (URL search params), its CSV export and
 * GET /api/v1/products. `page` (offset, for the UI with a total count) or `cursor` (keyset, for the
 * API); `sku` and `price` sort by each product's lowest SKU and lowest price.
 */
export const ZProductListQuery = z.object({
  search: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Matches product name or SKU (contains, any case) or a barcode (exact)'),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  product_type: z.string().trim().max(120).optional(),
  sort: z.enum(PRODUCT_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: zIntParam({ min: 1, max: 1_000_000 }).optional(),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 200 }).default(50),
});
export type TProductListQuery = z.infer<typeof ZProductListQuery>;
export const ZProductApiListQuery = ZProductListQuery.omit({ page: true });

/** For a page's search params: a value that does not parse falls back to its default, never a 500. */
export function parseProductListParams(
  raw: Record<string, string | string[] | undefined>,
): TProductListQuery {
  const flat = Object.fromEntries(
    Object.entries(raw)
      .map(([k, v]): [string, string | undefined] => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined && v !== ''),
  );
  const first = ZProductListQuery.safeParse(flat);
  if (first.success) return first.data;
  const bad = new Set(first.error.issues.map((i) => String(i.path[0])));
  return ZProductListQuery.parse(Object.fromEntries(Object.entries(flat).filter(([k]) => !bad.has(k))));
}

/** One row of the product list: a product with a summary of its variants. */
export type ProductListRow = {
  id: string;
  name: string;
  vendor: string | null;
  product_type: string | null;
  status: 'active' | 'archived';
  variant_count: number;
  /** the lowest SKU, which the list sorts by */
  sku: string;
  min_price: number;
  max_price: number;
  currency: string;
  on_hand: number;
  available: number;
  updated_at: string;
};

export type ProductListPage = { data: ProductListRow[]; total: number; next_cursor: string | null };

export type VariantDto = {
  id: string;
  sku: string;
  barcode: string | null;
  title: string;
  price: number;
  currency: string;
  weight_grams: number | null;
  length_mm: number | null;
  width_mm: number | null;
  height_mm: number | null;
  reorder_point: number;
  safety_stock: number;
  lead_time_days: number;
  allow_backorder: boolean;
  /** fulfilled by dropship_supplier_id, never from our stock (decision 041) */
  dropship: boolean;
  dropship_supplier_id: string | null;
  hs_code: string | null;
  country_of_origin: string | null;
  status: 'active' | 'archived';
  /** summed over every location */
  on_hand: number;
  available: number;
};

export type ProductDto = {
  id: string;
  name: string;
  description: string | null;
  vendor: string | null;
  product_type: string | null;
  status: 'active' | 'archived';
  created_at: string;
  updated_at: string;
  variants: VariantDto[];
};

/** An import job as the import page's progress bar reads it. */
export type ImportJobDto = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  mode: 'all' | 'valid_rows';
  file_name: string | null;
  total_rows: number;
  processed_rows: number;
  result: unknown;
  errors: unknown;
  created_at: string;
  finished_at: string | null;
  /** still queued or running, but not updated for minutes: its server process stopped */
  stalled: boolean;
};
