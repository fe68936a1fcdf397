import { AppError, type FieldIssue } from '@/lib/errors';
import { parseMoney, toDecimalString } from '@/lib/money';
import { orderTotals } from '@/lib/orders/rules';
import type { TCreateOrderInput } from '@/lib/orders/schemas';
import { formText } from '@/lib/form-data';

/**
 * The manual order form (phone and email orders) as a person fills it in: text in every field,
 * amounts as decimals in the shop currency. Shared by the form (live totals) and its server action
 * (the authoritative parse), so both read "12.30" the same way. Pure: no database, safe in client
 * components. Field errors use the names of ZCreateOrderInput (`shipping_address.postal_code`,
 * `lines.2.sku`) with line numbers counted as the form shows them, blank rows included.
 */
export type ManualLineText = { sku: string; quantity: string; unit_price: string };
export type ManualOrderText = {
  customer: { email: string; name: string; phone: string };
  shipping_address: {
    name: string;
    line1: string;
    line2: string;
    city: string;
    region: string;
    postal_code: string;
    country: string;
  };
  shipping_method: string;
  note: string;
  lines: ManualLineText[];
  shipping_amount: string;
  tax_amount: string;
  discount_amount: string;
};

export const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country'] as const;

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

export function isBlankLine(line: ManualLineText): boolean {
  return line.sku.trim() === '' && line.quantity.trim() === '' && line.unit_price.trim() === '';
}

/** A whole number typed by a person; NaN (→ zod's "Enter a whole number of units") otherwise. */
export function parseQuantity(text: string): number {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** An amount typed by a person: blank is `blank`; otherwise exact minor units, or why it cannot be read. */
export function parseAmount(
  text: string,
  currency: string,
  blank: number | null,
): { ok: true; value: number } | { ok: false; error: string } {
  if (text.trim() === '')
    return blank === null ? { ok: false, error: 'Enter an amount' } : { ok: true, value: blank };
  const value = parseMoney(text, currency);
  if (value === null) return { ok: false, error: `Enter an amount like ${toDecimalString(1250, currency)}` };
  return { ok: true, value };
}

/**
 * Turns the form into a createOrder input (channel 'manual'). Blank line rows are skipped; `rowOf[i]`
 * is the form row of input line i, for putting errors back beside the right row. Amounts that cannot
 * be read are issues here; everything else is left to ZCreateOrderInput.
 */
export function buildManualOrder(
  text: ManualOrderText,
  currency: string,
): { input: TCreateOrderInput; issues: FieldIssue[]; rowOf: number[] } {
  const issues: FieldIssue[] = [];
  const rowOf: number[] = [];
  const lines: TCreateOrderInput['lines'] = [];
  text.lines.forEach((line, row) => {
    if (isBlankLine(line)) return;
    const price = parseAmount(line.unit_price, currency, null);
    if (!price.ok)
      issues.push({
        field: `lines.${row}.unit_price`,
        message: line.unit_price.trim() ? price.error : 'Enter the unit price',
      });
    rowOf.push(row);
    lines.push({
      sku: line.sku.trim(),
      quantity: parseQuantity(line.quantity),
      unit_price: price.ok ? price.value : 0,
    });
  });
  const amounts = {} as Record<'shipping_amount' | 'tax_amount' | 'discount_amount', number>;
  for (const key of ['shipping_amount', 'tax_amount', 'discount_amount'] as const) {
    const parsed = parseAmount(text[key], currency, 0);
    if (!parsed.ok) issues.push({ field: key, message: parsed.error });
    amounts[key] = parsed.ok ? parsed.value : 0;
  }
  const a = text.shipping_address;
  const input: TCreateOrderInput = {
    channel: 'manual',
    currency,
    customer: {
      email: text.customer.email.trim(),
      name: text.customer.name.trim(),
      phone: optional(text.customer.phone),
    },
    shipping_address: {
      name: a.name.trim(),
      line1: a.line1.trim(),
      line2: optional(a.line2),
      city: a.city.trim(),
      region: optional(a.region),
      postal_code: a.postal_code.trim(),
      country: a.country.trim() || 'US',
    },
    shipping_method: optional(text.shipping_method),
    note: optional(text.note),
    lines,
    ...amounts,
  };
  return { input, issues, rowOf };
}

/** `lines.3.sku` of the input → `lines.<form row>.sku`; other fields unchanged. */
export function toFormField(field: string, rowOf: number[]): string {
  const match = /^lines\.(\d+)(\..*)?$/.exec(field);
  if (!match) return field;
  const row = rowOf[Number(match[1])];
  return row === undefined ? field : `lines.${row}${match[2] ?? ''}`;
}

/**
 * Re-keys an error from validation or createOrder for the form: field issues get form row numbers,
 * and OUT_OF_STOCK's per-SKU details ({ sku, requested, available }) become an issue on the quantity
 * of every row with that SKU, so the form shows "Only 3 available" beside the line.
 */
export function formError(error: AppError, input: TCreateOrderInput, rowOf: number[]): AppError {
  if (error.code === 'OUT_OF_STOCK' && Array.isArray(error.details)) {
    const short = error.details as { sku: string; requested: number; available: number; location?: string }[];
    const issues: FieldIssue[] = [];
    input.lines.forEach((line, i) => {
      const s = short.find((d) => d.sku === line.sku);
      if (s)
        issues.push({
          field: `lines.${rowOf[i]}.quantity`,
          message: `Only ${s.available} available${s.location ? ` at ${s.location}` : ''} (${s.requested} ordered)`,
        });
    });
    return new AppError(
      'OUT_OF_STOCK',
      `${error.message}. Lower the quantities or remove those lines.`,
      issues,
    );
  }
  if (Array.isArray(error.details)) {
    const details = (error.details as FieldIssue[]).map((d) =>
      d && typeof d.field === 'string' ? { ...d, field: toFormField(d.field, rowOf) } : d,
    );
    return new AppError(error.code, error.message, details);
  }
  return error;
}

/**
 * The totals the form shows as a person types, from the lines and amounts it can read so far
 * (orderTotals, the rule createOrder uses). Lines it cannot read yet count as zero; `complete` says
 * whether every non-blank line and amount was readable.
 */
export function liveTotals(
  text: Pick<ManualOrderText, 'lines' | 'shipping_amount' | 'tax_amount' | 'discount_amount'>,
  currency: string,
) {
  let complete = true;
  const lines = text.lines
    .filter((l) => !isBlankLine(l))
    .map((l) => {
      const quantity = parseQuantity(l.quantity);
      const price = parseAmount(l.unit_price, currency, null);
      if (Number.isNaN(quantity) || !price.ok) complete = false;
      return { quantity: Number.isNaN(quantity) ? 0 : quantity, unitPrice: price.ok ? price.value : 0 };
    });
  const amount = (t: string) => {
    const p = parseAmount(t, currency, 0);
    if (!p.ok) complete = false;
    return p.ok ? p.value : 0;
  };
  const discount = amount(text.discount_amount);
  const shipping = amount(text.shipping_amount);
  const tax = amount(text.tax_amount);
  let totals: { subtotal: number; total: number };
  try {
    totals = orderTotals(lines, { discount, shipping, tax });
  } catch {
    // Amounts past what an order can hold: nothing sensible to show until the person fixes them.
    return { subtotal: 0, discount, shipping, tax, total: 0, complete: false };
  }
  return { subtotal: totals.subtotal, discount, shipping, tax, total: totals.total, complete };
}

/** Reads the form's fields (the names the NewOrderForm gives its inputs) from FormData. */
export function manualOrderFromForm(form: FormData): ManualOrderText {
  const get = (name: string) => formText(form, name);
  const skus = form.getAll('lines.sku').map(String);
  const quantities = form.getAll('lines.quantity').map(String);
  const prices = form.getAll('lines.unit_price').map(String);
  return {
    customer: { email: get('customer.email'), name: get('customer.name'), phone: get('customer.phone') },
    shipping_address: Object.fromEntries(
      ADDRESS_FIELDS.map((f) => [f, get(`shipping_address.${f}`)]),
    ) as ManualOrderText['shipping_address'],
    shipping_method: get('shipping_method'),
    note: get('note'),
    lines: skus
      .slice(0, 200)
      .map((sku, i) => ({ sku, quantity: quantities[i] ?? '', unit_price: prices[i] ?? '' })),
    shipping_amount: get('shipping_amount'),
    tax_amount: get('tax_amount'),
    discount_amount: get('discount_amount'),
  };
}
