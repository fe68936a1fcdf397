import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError, type FieldIssue } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import type { StockMovementType } from '@/lib/generated/prisma/enums.ts';
import { mayCrossStockout, syncStockout } from '@/lib/kpi/stockouts';

export type LockedLevel = {
  id: string;
  variantId: string;
  locationId: string;
  binId: string | null;
  onHand: number;
  reserved: number;
  damaged: number;
  quarantine: number;
  backorderAllowed: boolean;
};

/**
 * Locks the stock level of a variant at a location (creating an empty one first), so that every
 * change to it in this transaction is serialised with concurrent ones. Callers that lock several
 * levels must do so in a fixed order (by variant id, then location id) to avoid deadlocks.
 */
export async function lockLevel(tx: Tx, variantId: string, locationId: string): Promise<LockedLevel> {
  const select = () => tx.$queryRaw<LockedLevel[]>`
    SELECT id::text, variant_id::text AS "variantId", location_id::text AS "locationId", bin_id::text AS "binId",
           on_hand AS "onHand", reserved, damaged, quarantine, backorder_allowed AS "backorderAllowed"
    FROM stock_levels WHERE variant_id = ${variantId}::uuid AND location_id = ${locationId}::uuid FOR UPDATE`;
  let rows = await select();
  if (!rows[0]) {
    // FOR SHARE: a concurrent change of the variant's allow_backorder commits first, so a new level
    // copies the current value.
    await tx.$executeRaw`
      INSERT INTO stock_levels (variant_id, location_id, backorder_allowed)
      SELECT v.id, ${locationId}::uuid, v.allow_backorder FROM variants v WHERE v.id = ${variantId}::uuid FOR SHARE
      ON CONFLICT (variant_id, location_id) DO NOTHING`;
    rows = await select();
  }
  if (!rows[0]) throw new AppError('NOT_FOUND', 'That variant or location does not exist.');
  return rows[0];
}

export type MovementInput = {
  type: StockMovementType;
  onHand?: number;
  reserved?: number;
  damaged?: number;
  quarantine?: number;
  /** change to inventory value, minor units */
  value?: number;
  reason?: string | null;
  reference?: { type: string; id: string } | null;
  actor: Actor;
};

/**
 * Applies one movement to a locked level: checks the result (a clear error instead of a CHECK
 * violation), updates the level and appends the movement row, in the caller's transaction.
 */
export async function applyMovement(
  tx: Tx,
  level: LockedLevel,
  m: MovementInput,
  label: { sku: string; location: string },
): Promise<LockedLevel> {
  const next = {
    ...level,
    onHand: level.onHand + (m.onHand ?? 0),
    reserved: level.reserved + (m.reserved ?? 0),
    damaged: level.damaged + (m.damaged ?? 0),
    quarantine: level.quarantine + (m.quarantine ?? 0),
  };
  const where = `${label.sku} at ${label.location}`;
  if (!level.backorderAllowed && next.onHand < 0) {
    throw new AppError('VALIDATION_FAILED', `Only ${level.onHand} of ${where} on hand`, [
      { field: 'quantity', message: `Only ${level.onHand} on hand` } satisfies FieldIssue,
    ]);
  }
  if (!level.backorderAllowed && next.reserved > next.onHand && (m.onHand ?? 0) < 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${level.reserved} of ${where} are reserved for orders; ` +
        `only ${Math.max(level.onHand - level.reserved, 0)} can be taken`,
      [
        {
          field: 'quantity',
          message:
            `Only ${Math.max(level.onHand - level.reserved, 0)} available (${level.onHand} ` +
            `on hand, ${level.reserved} reserved)`,
        },
      ],
    );
  }
  if (next.reserved < 0)
    throw new AppError(
      'INVALID_STATE',
      `Cannot release more of ${where} than is reserved (${level.reserved})`,
    );
  if (next.damaged < 0)
    throw new AppError('VALIDATION_FAILED', `Only ${level.damaged} damaged units of ${where}`, [
      { field: 'quantity', message: `Only ${level.damaged} damaged` },
    ]);
  if (next.quarantine < 0)
    throw new AppError('VALIDATION_FAILED', `Only ${level.quarantine} quarantined units of ${where}`, [
      { field: 'quantity', message: `Only ${level.quarantine} in quarantine` },
    ]);

  await tx.stockLevel.update({
    where: { id: level.id },
    data: {
      onHand: next.onHand,
      reserved: next.reserved,
      damaged: next.damaged,
      quarantine: next.quarantine,
    },
    select: { id: true },
  });
  const at = new Date();
  await tx.stockMovement.create({
    data: {
      createdAt: at,
      variantId: level.variantId,
      locationId: level.locationId,
      binId: level.binId,
      type: m.type,
      onHandDelta: m.onHand ?? 0,
      reservedDelta: m.reserved ?? 0,
      damagedDelta: m.damaged ?? 0,
      quarantineDelta: m.quarantine ?? 0,
      valueDelta: m.value ?? 0,
      reason: m.reason ?? null,
      referenceType: m.reference?.type ?? null,
      referenceId: m.reference?.id ?? null,
      actorType: m.actor.type,
      actorId: m.actor.id,
    },
    select: { id: true },
  });
  if (mayCrossStockout(level.onHand - level.reserved, next.onHand - next.reserved))
    await syncStockout(tx, level.variantId, at);
  return next;
}

export type ResolvedVariant = {
  id: string;
  sku: string;
  allowBackorder: boolean;
  price: number;
  currency: string;
  status: 'active' | 'archived';
};

/** Looks SKUs up; unknown ones are a 422 naming each offending field (e.g. lines.2.sku). */
export async function resolveSkus(
  tx: Tx,
  skus: { sku: string; field: string }[],
): Promise<Map<string, ResolvedVariant>> {
  const unique = [...new Set(skus.map((s) => s.sku))];
  const rows = await tx.variant.findMany({
    where: { sku: { in: unique } },
    select: { id: true, sku: true, allowBackorder: true, price: true, currency: true, status: true },
  });
  const bySku = new Map(rows.map((r) => [r.sku, r]));
  const missing = skus.filter((s) => !bySku.has(s.sku));
  if (missing.length) throw unknownSkus(missing);
  return bySku;
}

/** The 422 for SKUs that do not exist, naming each field. */
export function unknownSkus(missing: { sku: string; field: string }[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `Unknown SKU${missing.length > 1 ? 's' : ''}: ${[...new Set(missing.map((m) => m.sku))].join(', ')}`,
    missing.map((m) => ({ field: m.field, message: `Unknown SKU "${m.sku}"` })),
  );
}

export async function resolveLocation(
  tx: Tx,
  code: string,
  field: string,
): Promise<{ id: string; code: string; name: string }> {
  const location = await tx.location.findUnique({
    where: { code },
    select: { id: true, code: true, name: true, active: true },
  });
  if (!location || !location.active)
    throw new AppError('VALIDATION_FAILED', `Unknown location "${code}"`, [
      { field, message: `No active location with code "${code}"` },
    ]);
  return location;
}
