import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { SettingsDto } from '@/lib/settings/schemas';

export async function shopSettings(tx: Tx = db): Promise<SettingsDto> {
  const row = await tx.shopSettings.findUnique({
    where: { id: 1 },
    select: {
      shopName: true,
      currency: true,
      timezone: true,
      inventoryCosting: true,
      supportRefundLimit: true,
      countApprovalLimit: true,
      fraudReviewThreshold: true,
      fulfillingLocation: { select: { code: true } },
      lockDate: true,
      lockDateAll: true,
      shipUnpaidOrders: true,
      fiscalYearStartMonth: true,
      dutiesTerms: true,
      customsCn22Limit: true,
    },
  });
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      'The shop has no settings yet. Run `npm run db:seed` or save the Settings form.',
    );
  return {
    shop_name: row.shopName,
    currency: row.currency,
    timezone: row.timezone,
    inventory_costing: row.inventoryCosting,
    support_refund_limit: row.supportRefundLimit,
    count_approval_limit: row.countApprovalLimit,
    fraud_review_threshold: row.fraudReviewThreshold,
    fulfilling_location: row.fulfillingLocation?.code ?? null,
    lock_date: row.lockDate?.toISOString().slice(0, 10) ?? null,
    lock_date_all: row.lockDateAll?.toISOString().slice(0, 10) ?? null,
    ship_unpaid_orders: row.shipUnpaidOrders,
    fiscal_year_start_month: row.fiscalYearStartMonth,
    duties_terms: row.dutiesTerms === 'DDP' ? 'DDP' : 'DDU',
    customs_cn22_limit: row.customsCn22Limit,
  };
}

/** The shop's time zone (UTC before the shop has settings). */
export async function shopTimezone(tx: Tx = db): Promise<string> {
  const row = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { timezone: true } });
  return row?.timezone ?? 'UTC';
}
