import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { toAppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { RESERVING_STATUSES } from '@/lib/orders/rules';
import { openQuantitySql } from '@/lib/orders/open-quantity-sql';
import { applyMovement, lockLevel } from '@/lib/inventory/stock';

export const STOCK_BUCKETS = ['on_hand', 'reserved', 'damaged', 'quarantine'] as const;
export type StockBucket = (typeof STOCK_BUCKETS)[number];

/**
 * One disagreement. `movements`: a bucket of the level differs from the sum of its movements (the
 * level was changed without a movement). `reservation`: the level's reserved differs from what the
 * open order lines at that location hold (RESERVING_STATUSES in lib/orders/rules.ts).
 */
export type StockDifference = {
  check: 'movements' | 'reservation';
  sku: string;
  location: string;
  variantId: string;
  locationId: string;
  bucket: StockBucket;
  /** the stock level's value */
  level: number;
  /** what it should be: the movements' sum, or the open lines' reserved quantity */
  expected: number;
  /** level − expected */
  difference: number;
  /** after a repair: whether it was corrected, or why not */
  repaired?: boolean;
  error?: string;
};

export type StockVerification = { levels: number; differences: StockDifference[] };

type Row = {
  variant_id: string;
  location_id: string;
  sku: string;
  location: string;
  on_hand: number;
  reserved: number;
  damaged: number;
  quarantine: number;
  m_on_hand: number;
  m_reserved: number;
  m_damaged: number;
  m_quarantine: number;
  open_reserved: number;
};

/**
 * Every (variant, location) that has a level, a movement or an open order line, with the level's
 * buckets (0 where no level row exists), the movements' sums and the open lines' reserved quantity.
 */
async function stockFacts(tx: Tx, only?: { variantId: string; locationId: string }): Promise<Row[]> {
  const statuses = [...RESERVING_STATUSES];
  const v = only?.variantId ?? null;
  const l = only?.locationId ?? null;
  return tx.$queryRaw<Row[]>`
    WITH mv AS (
      SELECT variant_id, location_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved,
             sum(damaged_delta) AS damaged, sum(quarantine_delta) AS quarantine
      FROM stock_movements
      WHERE (${v}::uuid IS NULL OR variant_id = ${v}::uuid) AND (${l}::uuid IS NULL OR location_id = ${l}::uuid)
      GROUP BY variant_id, location_id
    ), res AS (
      SELECT ol.variant_id, o.location_id,
             sum(${openQuantitySql}) AS reserved
      FROM order_lines ol JOIN orders o ON o.id = ol.order_id
      WHERE o.status::text = ANY(${statuses}) AND o.location_id IS NOT NULL
        AND (${v}::uuid IS NULL OR ol.variant_id = ${v}::uuid) AND (${l}::uuid IS NULL OR o.location_id = ${l}::uuid)
      GROUP BY ol.variant_id, o.location_id
    ), lv AS (
      SELECT * FROM stock_levels
      WHERE (${v}::uuid IS NULL OR variant_id = ${v}::uuid) AND (${l}::uuid IS NULL OR location_id = ${l}::uuid)
    ), keys AS (
      SELECT variant_id, location_id FROM lv UNION SELECT variant_id, location_id FROM mv
      UNION SELECT variant_id, location_id FROM res
    )
    SELECT k.variant_id::text, k.location_id::text, va.sku, loc.code AS location,
           coalesce(lv.on_hand, 0)::int AS on_hand, coalesce(lv.reserved, 0)::int AS reserved,
           coalesce(lv.damaged, 0)::int AS damaged, coalesce(lv.quarantine, 0)::int AS quarantine,
           coalesce(mv.on_hand, 0)::int AS m_on_hand, coalesce(mv.reserved, 0)::int AS m_reserved,
           coalesce(mv.damaged, 0)::int AS m_damaged, coalesce(mv.quarantine, 0)::int AS m_quarantine,
           coalesce(res.reserved, 0)::int AS open_reserved
    FROM keys k
    JOIN variants va ON va.id = k.variant_id
    JOIN locations loc ON loc.id = k.location_id
    LEFT JOIN lv ON lv.variant_id = k.variant_id AND lv.location_id = k.location_id
    LEFT JOIN mv ON mv.variant_id = k.variant_id AND mv.location_id = k.location_id
    LEFT JOIN res ON res.variant_id = k.variant_id AND res.location_id = k.location_id
    ORDER BY va.sku, loc.code`;
}

function differencesOf(row: Row): StockDifference[] {
  const base = {
    sku: row.sku,
    location: row.location,
    variantId: row.variant_id,
    locationId: row.location_id,
  };
  const out: StockDifference[] = [];
  for (const bucket of STOCK_BUCKETS) {
    const level = row[bucket];
    const expected = row[`m_${bucket}`];
    if (level !== expected)
      out.push({ ...base, check: 'movements', bucket, level, expected, difference: level - expected });
  }
  if (row.reserved !== row.open_reserved)
    out.push({
      ...base,
      check: 'reservation',
      bucket: 'reserved',
      level: row.reserved,
      expected: row.open_reserved,
      difference: row.reserved - row.open_reserved,
    });
  return out;
}

/** Checks every stock level against its movements and every reservation against the open order lines. */
export async function verifyStock(tx: Tx = db): Promise<StockVerification> {
  const rows = await stockFacts(tx);
  return { levels: rows.length, differences: rows.flatMap(differencesOf) };
}

/**
 * Verifies, then repairs each (variant, location) that disagrees, in its own transaction with the
 * level locked, only by appending audited correction movements (reason "correction"), never by
 * overwriting a level (docs/decisions/020-backup-restore.md):
 * - a bucket that differs from its movements' sum gets a movement recording the unexplained
 *   difference (type count_correction, or reserve/release for reserved); the level keeps its value,
 *   which is what the shop has been selling from — a cycle count settles the shelf if it disagrees;
 * - a reservation that differs from the open order lines is reserved or released through
 *   applyMovement, so the level and its movements change together.
 * Corrections carry no inventory value (value_delta 0) and post no journal entry.
 * Returns the differences found, each marked repaired or with the reason it could not be.
 */
export async function repairStock(options: { actor: Actor }): Promise<StockVerification> {
  const found = await verifyStock();
  const pairs = [...new Map(found.differences.map((d) => [`${d.variantId}|${d.locationId}`, d])).values()];
  for (const pair of pairs) {
    const mine = found.differences.filter(
      (d) => d.variantId === pair.variantId && d.locationId === pair.locationId,
    );
    try {
      await db.$transaction((tx) => repairPair(tx, pair, options.actor));
      for (const d of mine) d.repaired = true;
    } catch (error) {
      for (const d of mine) {
        d.repaired = false;
        d.error = toAppError(error).message;
      }
    }
  }
  return found;
}

async function repairPair(
  tx: Tx,
  pair: { variantId: string; locationId: string; sku: string; location: string },
  actor: Actor,
): Promise<void> {
  // Lock first, then re-read: the facts are those of this transaction, not of the earlier scan.
  const level = await lockLevel(tx, pair.variantId, pair.locationId);
  const [row] = await stockFacts(tx, pair);
  if (!row) return;
  const corrections = differencesOf(row);
  if (!corrections.length) return;
  const reason = (d: StockDifference) =>
    `correction: stock verify found ${d.bucket} ${d.level}, ` +
    `${d.check === 'movements' ? 'movements sum' : 'open order lines hold'} ${d.expected}`;
  for (const d of corrections.filter((c) => c.check === 'movements')) {
    await tx.stockMovement.create({
      data: {
        variantId: pair.variantId,
        locationId: pair.locationId,
        binId: level.binId,
        type: d.bucket === 'reserved' ? (d.difference > 0 ? 'reserve' : 'release') : 'count_correction',
        onHandDelta: d.bucket === 'on_hand' ? d.difference : 0,
        reservedDelta: d.bucket === 'reserved' ? d.difference : 0,
        damagedDelta: d.bucket === 'damaged' ? d.difference : 0,
        quarantineDelta: d.bucket === 'quarantine' ? d.difference : 0,
        reason: reason(d),
        referenceType: 'stock_verify',
        actorType: actor.type,
        actorId: actor.id,
      },
      select: { id: true },
    });
  }
  const reservation = corrections.find((c) => c.check === 'reservation');
  if (reservation) {
    const delta = -reservation.difference;
    await applyMovement(
      tx,
      level,
      { type: delta > 0 ? 'reserve' : 'release', reserved: delta, reason: reason(reservation), actor },
      { sku: pair.sku, location: pair.location },
    );
  }
  await audit(tx, {
    actor,
    action: 'inventory.corrected',
    entityType: 'variant',
    entityId: pair.variantId,
    before: {
      location: pair.location,
      level: {
        on_hand: row.on_hand,
        reserved: row.reserved,
        damaged: row.damaged,
        quarantine: row.quarantine,
      },
      movements: {
        on_hand: row.m_on_hand,
        reserved: row.m_reserved,
        damaged: row.m_damaged,
        quarantine: row.m_quarantine,
      },
      open_reserved: row.open_reserved,
    },
    after: {
      corrections: corrections.map(({ check, bucket, level, expected }) => ({
        check,
        bucket,
        level,
        expected,
      })),
    },
  });
}
