import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { shopSettings } from '@/lib/settings/queries';
import { revalueToFifo } from '@/lib/inventory/revalue-to-fifo';
import type { SettingsDto, TUpdateSettingsInput } from '@/lib/settings/schemas';

const DEFAULTS = { shopName: 'My shop', currency: 'USD', timezone: 'UTC' };

/**
 * Updates the shop's settings (creating the row on a shop without one) and audits the change.
 * A change of costing method to FIFO revalues inventory in the same transaction.
 */
export async function updateSettings(options: {
  input: TUpdateSettingsInput;
  actor: Actor;
}): Promise<SettingsDto> {
  const { input, actor } = options;
  return db.$transaction(async (tx) => {
    // Lock the one settings row so two concurrent edits are applied one after the other.
    await tx.$executeRaw`SELECT 1 FROM shop_settings WHERE id = 1 FOR UPDATE`;
    const exists = (await tx.shopSettings.count({ where: { id: 1 } })) > 0;
    const before = exists ? await shopSettings(tx) : null;

    let fulfillingLocationId: string | undefined;
    if (input.fulfilling_location !== undefined) {
      const location = await tx.location.findUnique({
        where: { code: input.fulfilling_location },
        select: { id: true, active: true },
      });
      if (!location || !location.active) {
        throw new AppError('VALIDATION_FAILED', 'Invalid fulfilling_location', [
          {
            field: 'fulfilling_location',
            message: `No active location with code "${input.fulfilling_location}"`,
          },
        ]);
      }
      fulfillingLocationId = location.id;
    }
    const data = {
      shopName: input.shop_name,
      currency: input.currency,
      timezone: input.timezone,
      inventoryCosting: input.inventory_costing,
      supportRefundLimit: input.support_refund_limit,
      countApprovalLimit: input.count_approval_limit,
      fraudReviewThreshold: input.fraud_review_threshold,
      fulfillingLocationId,
      lockDate: dateOrNull(input.lock_date),
      lockDateAll: dateOrNull(input.lock_date_all),
      shipUnpaidOrders: input.ship_unpaid_orders,
      fiscalYearStartMonth: input.fiscal_year_start_month,
      dutiesTerms: input.duties_terms,
      customsCn22Limit: input.customs_cn22_limit,
    };
    if (before && input.inventory_costing === 'fifo' && before.inventory_costing !== 'fifo')
      await revalueToFifo(tx, actor);
    await tx.shopSettings.upsert({
      where: { id: 1 },
      update: data,
      create: { id: 1, ...DEFAULTS, ...stripUndefined(data) },
      select: { id: true },
    });
    const after = await shopSettings(tx);
    await audit(tx, {
      actor,
      action: 'settings.updated',
      entityType: 'shop_settings',
      entityId: '1',
      before,
      after,
    });
    return after;
  });
}

/** A lock date for the date column: undefined = unchanged, null = cleared. */
function dateOrNull(v: string | null | undefined): Date | null | undefined {
  return v === undefined ? undefined : v === null ? null : new Date(`${v}T00:00:00Z`);
}

function stripUndefined<T extends Record<string, unknown>>(o: T) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
