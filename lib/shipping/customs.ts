import { z } from 'zod';

/**
 * Customs declarations for parcels leaving the shop's country (issue 15 item 13, decision 040).
 * Pure rules, shared by buying the label (the check before any carrier call), the ship page and the
 * documents printed with the label.
 */

/** UPU forms: CN22 for a parcel worth up to SDR 300, CN23 above it (with a commercial invoice). */
export const CUSTOMS_FORMS = ['CN22', 'CN23'] as const;
export type CustomsForm = (typeof CUSTOMS_FORMS)[number];

/** Delivered Duty Unpaid (the recipient pays import duties and taxes) or Delivered Duty Paid (the shop does). */
export const DUTIES_TERMS = ['DDU', 'DDP'] as const;
export type DutiesTerms = (typeof DUTIES_TERMS)[number];
export const DUTIES_TERMS_LABEL: Record<DutiesTerms, string> = {
  DDU: 'DDU — the recipient pays import duties and taxes',
  DDP: 'DDP — the shop pays import duties and taxes',
};

/**
 * An HS code as typed ("6109.10.00", "6109 10") is kept as its digits: 6 (the international part) to
 * 10 (national subheadings).
 */
export const ZHsCode = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s.]/g, ''))
  .pipe(z.string().regex(/^\d{6,10}$/, 'Use the 6 to 10 digits of the HS code, e.g. 6109.10'));

/** ISO 3166-1 alpha-2, upper-cased ("pt" → "PT"). */
export const ZCountryOfOrigin = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use the two-letter country code, e.g. PT');

/** A parcel needs a customs declaration when it leaves the ship-from country. */
export function needsCustoms(fromCountry: string | null | undefined, toCountry: string | null | undefined) {
  if (!fromCountry || !toCountry) return false;
  return fromCountry.trim().toUpperCase() !== toCountry.trim().toUpperCase();
}

/** CN22 up to and including the limit (the shop's SDR 300 equivalent), CN23 above it. */
export function customsFormFor(valueInShopCurrency: number, cn22Limit: number): CustomsForm {
  return valueInShopCurrency <= cn22Limit ? 'CN22' : 'CN23';
}

/** A CN23 parcel also carries a commercial invoice: the goods are sold, and above SDR 300 customs asks for it. */
export function needsCommercialInvoice(form: CustomsForm): boolean {
  return form === 'CN23';
}

/** One line of a declaration: what is in the parcel, as the order sold it. */
export type CustomsItem = {
  sku: string;
  /** product name and variant title, as the order line has it */
  name: string;
  quantity: number;
  /** value of the units in the parcel, minor units of the order currency */
  value: number;
  hs_code: string | null;
  country_of_origin: string | null;
  /** the variant's weight per unit, grams; null when the catalog has none */
  unit_weight_grams: number | null;
};

/**
 * The value of `quantity` units of an order line: what the customer paid for them, the line's
 * discount spread over its units. value = floor((unit_price × line_quantity − discount) × quantity /
 * line_quantity); e.g. 3 × 19.99 with 6.00 off, 2 in the parcel: floor((5997 − 600) × 2 / 3) = 3598.
 */
export function lineCustomsValue(
  line: { unitPrice: number; quantity: number; discountAmount: number },
  quantity: number,
): number {
  if (line.quantity <= 0) return 0;
  return Math.floor(((line.unitPrice * line.quantity - line.discountAmount) * quantity) / line.quantity);
}

export type MissingCustomsField = {
  sku: string;
  name: string;
  field: 'hs_code' | 'country_of_origin';
  /** the field as the product form labels it */
  label: 'HS code' | 'Country of origin';
};

/** Every line without an HS code or a country of origin, in the parcel's order. */
export function missingCustomsData(items: readonly CustomsItem[]): MissingCustomsField[] {
  return items.flatMap((i) => [
    ...(i.hs_code
      ? []
      : [{ sku: i.sku, name: i.name, field: 'hs_code' as const, label: 'HS code' as const }]),
    ...(i.country_of_origin
      ? []
      : [
          {
            sku: i.sku,
            name: i.name,
            field: 'country_of_origin' as const,
            label: 'Country of origin' as const,
          },
        ]),
  ]);
}

/** "SKU TEE-M (Tee — M) has no HS code": names the variant and the field as the product form does. */
export function missingCustomsMessage(m: MissingCustomsField): string {
  const what = m.field === 'hs_code' ? 'HS code' : 'country of origin';
  return `SKU ${m.sku} (${m.name}) has no ${what}: add it on the product page`;
}

/**
 * Totals of a declaration. Net weight = Σ unit weight × quantity where the catalog has a weight;
 * when a line has none, the parcel's weight stands in (the declared net weight never exceeds gross).
 */
export function customsTotals(items: readonly CustomsItem[], parcelWeightGrams: number) {
  const value = items.reduce((sum, i) => sum + i.value, 0);
  const allWeighed = items.every((i) => i.unit_weight_grams !== null);
  const net = items.reduce((sum, i) => sum + (i.unit_weight_grams ?? 0) * i.quantity, 0);
  return {
    value,
    quantity: items.reduce((sum, i) => sum + i.quantity, 0),
    net_weight_grams: allWeighed ? Math.min(net, parcelWeightGrams) : parcelWeightGrams,
    gross_weight_grams: parcelWeightGrams,
  };
}

/**
 * An order's value in the shop currency, to compare with the CN22 limit: the order's booked rate
 * (shop currency per unit of the order's), rounded half up; the order's own value when it is in
 * the shop currency (fxRate null).
 */
export function valueInShopCurrency(value: number, fxRate: number | null): number {
  return fxRate === null ? value : Math.round(value * fxRate);
}
