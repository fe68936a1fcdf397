import 'server-only';
import type { Tx } from '@/lib/db';
import type { Observation } from './forecast';
import { addDays } from '@/lib/dates';
import { censoredSeries } from './censor';

/**
 * Daily demand per SKU × location, censored on stockout days (decision 033).
 * - Demand: units ordered (quantity − cancelled quantity) of orders not cancelled, by the shop-timezone
 *   day they were placed; imported and back-dated orders count like any other. An order with no
 *   location counts at the shop's fulfilling location.
 * - Censoring: the available units (on hand − reserved) of the SKU at the location at each day's end,
 *   replayed from stock_movements (the levels are the sum of their movements). A day that started or
 *   ended with nothing available is censored (null): it sold out, or nobody could buy — missing data,
 *   not zero demand. Before a pair's first movement nothing is known, so those days count as observed.
 * - A series starts at the pair's first movement or first order, whichever is earlier (a SKU that did
 *   not exist yet has no zero-demand days), and ends at `asOf`.
 */
export type DemandSeries = { variantId: string; locationId: string; start: string; series: Observation[] };

export async function loadDemandHistory(
  tx: Tx,
  o: { asOf: string; days: number; timezone: string; pairs: { variantId: string; locationId: string }[] },
): Promise<Map<string, DemandSeries>> {
  const from = addDays(o.asOf, -(o.days - 1));
  const key = (v: string, l: string) => `${v}:${l}`;
  const variantIds = [...new Set(o.pairs.map((p) => p.variantId))];
  const demand = await tx.$queryRaw<
    { variant_id: string; location_id: string; day: string; units: number }[]
  >`
    SELECT ol.variant_id::text, coalesce(o.location_id, s.fulfilling_location_id)::text AS location_id,
           to_char((o.placed_at AT TIME ZONE ${o.timezone})::date, 'YYYY-MM-DD') AS day,
           sum(ol.quantity - ol.quantity_cancelled)::int AS units
      FROM order_lines ol
      JOIN orders o ON o.id = ol.order_id
      LEFT JOIN shop_settings s ON s.id = 1
     WHERE ol.variant_id = ANY(${variantIds}::uuid[]) AND o.status <> 'cancelled'
       AND (o.placed_at AT TIME ZONE ${o.timezone})::date BETWEEN ${from}::date AND ${o.asOf}::date
     GROUP BY 1, 2, 3`;
  // End-of-day available per day with movements (the running sum over all of a pair's history).
  const stock = await tx.$queryRaw<
    { variant_id: string; location_id: string; day: string; available: number }[]
  >`
    SELECT variant_id::text, location_id::text, to_char(day, 'YYYY-MM-DD') AS day, available::int FROM (
      SELECT variant_id, location_id, (created_at AT TIME ZONE ${o.timezone})::date AS day,
             sum(on_hand_delta - reserved_delta) OVER w AS available,
             row_number() OVER (PARTITION BY variant_id, location_id, (created_at AT TIME ZONE ${o.timezone})::date
                                ORDER BY created_at DESC, id DESC) AS last_of_day
        FROM stock_movements
       WHERE variant_id = ANY(${variantIds}::uuid[])
      WINDOW w AS (PARTITION BY variant_id, location_id ORDER BY created_at, id)
    ) m WHERE last_of_day = 1 AND day <= ${o.asOf}::date`;

  const byPair = new Map<
    string,
    { demand: Map<string, number>; stock: { day: string; available: number }[] }
  >();
  const entry = (v: string, l: string) => {
    const k = key(v, l);
    let e = byPair.get(k);
    if (!e) byPair.set(k, (e = { demand: new Map(), stock: [] }));
    return e;
  };
  for (const r of demand) if (r.location_id) entry(r.variant_id, r.location_id).demand.set(r.day, r.units);
  for (const r of stock)
    entry(r.variant_id, r.location_id).stock.push({ day: r.day, available: r.available });

  const out = new Map<string, DemandSeries>();
  for (const p of o.pairs) {
    const e = byPair.get(key(p.variantId, p.locationId));
    out.set(key(p.variantId, p.locationId), {
      ...p,
      ...censoredSeries({ from, asOf: o.asOf, demand: e?.demand ?? new Map(), stock: e?.stock ?? [] }),
    });
  }
  return out;
}
