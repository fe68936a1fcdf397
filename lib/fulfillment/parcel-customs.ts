import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import {
  customsFormFor,
  lineCustomsValue,
  missingCustomsData,
  missingCustomsMessage,
  needsCustoms,
  valueInShopCurrency,
  type CustomsForm,
  type CustomsItem,
  type DutiesTerms,
  type MissingCustomsField,
} from '@/lib/shipping/customs';

export type ParcelCustoms = {
  /** false for a parcel that stays in the ship-from country: no declaration, nothing else applies */
  international: boolean;
  from_country: string | null;
  to_country: string | null;
  form: CustomsForm | null;
  /** the shop's default unless overridden for this parcel */
  duties_terms: DutiesTerms;
  shop_duties_terms: DutiesTerms;
  currency: string;
  /** the parcel's value in the order currency (minor units) and in the shop's, compared with the limit */
  value: number;
  value_in_shop_currency: number;
  cn22_limit: number;
  shop_currency: string;
  items: CustomsItem[];
  missing: MissingCustomsField[];
};

/** What an order line gives a customs declaration: its value and the variant's customs data. */
export const CUSTOMS_LINE_SELECT = {
  sku: true,
  name: true,
  quantity: true,
  unitPrice: true,
  discountAmount: true,
  variant: { select: { hsCode: true, countryOfOrigin: true, weightGrams: true } },
} satisfies Prisma.OrderLineSelect;

const country = (address: unknown) => {
  const c = (address as { country?: unknown } | null)?.country;
  return typeof c === 'string' && c.trim() ? c.trim().toUpperCase() : null;
};

/**
 * The customs facts of a parcel of an order (decision 040): whether it leaves the ship-from country
 * (the order's location, else the shop's fulfilling location — the address its label prints), the
 * form its value in the shop currency calls for, the duties terms, and the lines' customs data with
 * what is missing. A read: the ship page shows it, buyLabel refuses on it before any carrier call.
 */
export async function parcelCustoms(
  options: { orderId: string; lines: { sku: string; quantity: number }[]; dutiesTerms?: DutiesTerms },
  tx: Tx = db,
): Promise<ParcelCustoms> {
  const [order, settings] = await allOn(tx, [
    () =>
      tx.order.findUniqueOrThrow({
        where: { id: options.orderId },
        select: {
          currency: true,
          fxRate: true,
          shippingAddress: true,
          location: { select: { address: true } },
          lines: {
            select: CUSTOMS_LINE_SELECT,
            orderBy: { id: 'asc' },
          },
        },
      }),
    () =>
      tx.shopSettings.findUniqueOrThrow({
        where: { id: 1 },
        select: {
          currency: true,
          dutiesTerms: true,
          customsCn22Limit: true,
          fulfillingLocation: { select: { address: true } },
        },
      }),
  ]);
  const from = country(order.location?.address ?? settings.fulfillingLocation?.address ?? null);
  const to = country(order.shippingAddress);
  const bySku = new Map(order.lines.map((l) => [l.sku, l]));
  const items: CustomsItem[] = options.lines.flatMap((l) => {
    const line = bySku.get(l.sku);
    if (!line) return [];
    return [
      {
        sku: line.sku,
        name: line.name,
        quantity: l.quantity,
        value: lineCustomsValue(line, l.quantity),
        hs_code: line.variant.hsCode,
        country_of_origin: line.variant.countryOfOrigin,
        unit_weight_grams: line.variant.weightGrams,
      },
    ];
  });
  const value = items.reduce((s, i) => s + i.value, 0);
  const shopValue = valueInShopCurrency(value, order.fxRate === null ? null : Number(order.fxRate));
  const international = needsCustoms(from, to);
  const shopTerms = settings.dutiesTerms as DutiesTerms;
  return {
    international,
    from_country: from,
    to_country: to,
    form: international ? customsFormFor(shopValue, settings.customsCn22Limit) : null,
    duties_terms: options.dutiesTerms ?? shopTerms,
    shop_duties_terms: shopTerms,
    currency: order.currency,
    value,
    value_in_shop_currency: shopValue,
    cn22_limit: settings.customsCn22Limit,
    shop_currency: settings.currency,
    items,
    missing: international ? missingCustomsData(items) : [],
  };
}

/**
 * Refuses a parcel leaving the country whose variants lack customs data: a 422 naming each variant
 * (SKU and name) and the field (`hs_code`, `country_of_origin`), before any carrier is asked.
 */
export function assertCustomsComplete(customs: ParcelCustoms): void {
  if (!customs.missing.length) return;
  const issues = customs.missing.map((m) => ({ field: m.field, message: missingCustomsMessage(m) }));
  throw new AppError(
    'VALIDATION_FAILED',
    `No label: the customs declaration needs data. ${issues.map((i) => i.message).join('; ')}.`,
    issues,
  );
}
