import type { z } from 'zod';
import { fieldIssues } from '@/lib/errors';
import { parseMoney } from '@/lib/money';
import {
  ZProductInput,
  ZProductUpdateInput,
  type TProductInput,
  type TProductUpdateInput,
} from '@/lib/catalog/schemas';
import { formText } from '@/lib/form-data';

/**
 * The product form's fields → the API-shaped input, checked with the same zod schema the server uses.
 * The browser runs it before submitting (errors appear at once, under each field) and the server
 * action runs it again (the browser is never trusted). Prices are typed as decimals ("12.99") and
 * read exactly in the shop currency.
 *
 * Field names: name, description, vendor, product_type, and variants.<n>.<field> with the API's
 * field names (variants.0.sku, variants.0.price, variants.0.allow_backorder, …).
 */
export type ProductFormResult<T> =
  { success: true; data: T } | { success: false; fieldErrors: Record<string, string> };

const COUNT_FIELDS = ['reorder_point', 'safety_stock', 'lead_time_days'] as const;
const MEASURE_FIELDS = ['weight_grams', 'length_mm', 'width_mm', 'height_mm'] as const;

/** '' → fallback; '12' → 12; anything else → NaN or a fraction, which the schema names as not whole. */
function wholeNumber<T>(value: string, empty: T): number | T {
  if (value === '') return empty;
  return /^[-+]?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
}

function readVariants(
  form: FormData,
  mode: 'create' | 'edit',
  currency: string,
  moneyErrors: Record<string, string>,
) {
  const rows = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    const m = /^variants\.(\d+)\.(\w+)$/.exec(key);
    if (!m || typeof value !== 'string') continue;
    const index = Number(m[1]);
    rows.set(index, { ...rows.get(index), [m[2]]: value.trim() });
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, r], i) => {
      let price: number | undefined;
      if (!r.price) moneyErrors[`variants.${i}.price`] = 'Enter a price';
      else {
        const parsed = parseMoney(r.price, currency);
        if (parsed === null) moneyErrors[`variants.${i}.price`] = `Enter a price like 12.99 (${currency})`;
        else price = parsed;
      }
      const variant: Record<string, unknown> = {
        sku: r.sku ?? '',
        barcode: r.barcode ? r.barcode : mode === 'edit' ? null : undefined,
        title: r.title ?? '',
        price: price ?? 0,
        allow_backorder: r.allow_backorder === 'on' || r.allow_backorder === 'true',
        // "Shipped by": a supplier's id makes it a dropship variant (decision 041); blank, our stock
        dropship: !!r.dropship_supplier_id,
        dropship_supplier_id: r.dropship_supplier_id || null,
      };
      for (const f of MEASURE_FIELDS) variant[f] = wholeNumber(r[f] ?? '', null);
      // Customs data: an empty field is no value (create) or cleared (edit).
      for (const f of ['hs_code', 'country_of_origin'] as const)
        variant[f] = r[f] ? r[f] : mode === 'edit' ? null : undefined;
      for (const f of COUNT_FIELDS) variant[f] = wholeNumber(r[f] ?? '', 0);
      if (mode === 'edit' && r.status) variant.status = r.status;
      return variant;
    });
}

function result<T>(
  parsed: z.ZodSafeParseResult<T>,
  moneyErrors: Record<string, string>,
): ProductFormResult<T> {
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success)
    for (const issue of fieldIssues(parsed.error)) fieldErrors[issue.field] ??= issue.message;
  Object.assign(fieldErrors, moneyErrors);
  return Object.keys(fieldErrors).length || !parsed.success
    ? { success: false, fieldErrors }
    : { success: true, data: parsed.data };
}

const text = (form: FormData, name: string) => formText(form, name).trim();

/** The product fields of either form: an emptied optional field is left out (create) or cleared (edit). */
function productFields(
  form: FormData,
  mode: 'create' | 'edit',
  currency: string,
  moneyErrors: Record<string, string>,
) {
  const blank = mode === 'create' ? undefined : null;
  return {
    name: text(form, 'name'),
    description: text(form, 'description') || blank,
    vendor: text(form, 'vendor') || blank,
    product_type: text(form, 'product_type') || blank,
    variants: readVariants(form, mode, currency, moneyErrors),
  };
}

export function productCreateFromForm(form: FormData, currency: string): ProductFormResult<TProductInput> {
  const moneyErrors: Record<string, string> = {};
  return result(ZProductInput.safeParse(productFields(form, 'create', currency, moneyErrors)), moneyErrors);
}

/** The edit form sends every field: an emptied optional field is cleared (null). */
export function productUpdateFromForm(
  form: FormData,
  currency: string,
): ProductFormResult<TProductUpdateInput> {
  const moneyErrors: Record<string, string> = {};
  return result(
    ZProductUpdateInput.safeParse(productFields(form, 'edit', currency, moneyErrors)),
    moneyErrors,
  );
}
