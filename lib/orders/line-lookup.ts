import 'server-only';
import { db, type Tx } from '@/lib/db';

export type LineLookupRow = {
  sku: string;
  name: string;
  barcode: string | null;
  price: number;
  currency: string;
  /** on hand − reserved at the shop's fulfilling location (0 when never stocked there) */
  available: number;
  location: string | null;
  allow_backorder: boolean;
  /** how the row matched: the exact SKU, the exact barcode, or a SKU/name prefix */
  match: 'sku' | 'barcode' | 'partial';
};

/**
 * Finds sellable variants for a line of a manual order by what a person types: an exact SKU or
 * barcode first (a scanner types the barcode), then SKUs starting with the text, then products whose
 * name contains it. Up to `limit` active variants, each with its price and the stock available at
 * the fulfilling location, where createOrder reserves it.
 */
export async function orderLineLookup(
  text: string,
  options: { limit?: number } = {},
  tx: Tx = db,
): Promise<LineLookupRow[]> {
  const q = text.trim();
  if (!q || q.length > 64) return [];
  const limit = Math.min(Math.max(options.limit ?? 10, 1), 25);
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await tx.$queryRaw<
    {
      sku: string;
      name: string;
      barcode: string | null;
      price: number;
      currency: string;
      available: number | null;
      location: string | null;
      allow_backorder: boolean;
      match: string;
    }[]
  >`
    WITH s AS (SELECT fulfilling_location_id AS location_id FROM shop_settings WHERE id = 1)
    SELECT v.sku, p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name,
      v.barcode, v.price, v.currency,
           (l.on_hand - l.reserved) AS available, loc.code AS location, v.allow_backorder,
           CASE WHEN upper(v.sku) = upper(${q}) THEN 'sku' WHEN v.barcode = ${q} THEN 'barcode' ELSE
             'partial' END AS match
    FROM variants v
    JOIN products p ON p.id = v.product_id
    LEFT JOIN s ON TRUE
    LEFT JOIN locations loc ON loc.id = s.location_id
    LEFT JOIN stock_levels l ON l.variant_id = v.id AND l.location_id = s.location_id
    WHERE v.status = 'active'
      AND (upper(v.sku) = upper(${q}) OR v.barcode = ${q} OR v.sku ILIKE ${`${escaped}%`} OR p.name
        ILIKE ${`%${escaped}%`})
    ORDER BY CASE WHEN upper(v.sku) = upper(${q}) THEN 0 WHEN v.barcode = ${q} THEN 1 WHEN v.sku
      ILIKE ${`${escaped}%`} THEN 2 ELSE 3 END, v.sku
    LIMIT ${limit}`;
  return rows.map((r) => ({ ...r, available: r.available ?? 0, match: r.match as LineLookupRow['match'] }));
}
