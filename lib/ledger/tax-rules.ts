import { z } from 'zod';
import { ZMinorUnits } from '@/lib/inventory/schemas';
import { checkDateRange, zDate } from '@/lib/boundary';

/**
 * Sales tax rules (decision 042), pure: shared by intake, refunds, bills, the report and the screens.
 * A rate is a decimal fraction written as a string ("0.2" = 20 %, "0.0825" = 8.25 %), at most six
 * decimals, 0 to 1; never a float.
 */
export const RATE_PATTERN = /^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)$/;
export const RATE_MESSAGE = 'Use a decimal fraction as a string, e.g. "0.2" for 20 % (at most 6 decimals)';

export const zTaxRate = () => z.string({ error: RATE_MESSAGE }).trim().regex(RATE_PATTERN, RATE_MESSAGE);

/** "0.200000" → "0.2", "0.000" → "0": one spelling per rate, so a report groups equal rates together. */
export function normalRate(rate: string): string {
  if (!rate.includes('.')) return rate;
  return rate.replace(/0+$/, '').replace(/\.$/, '');
}

/** "0.2" → "20 %", "0.0825" → "8.25 %"; null → "rate not recorded". */
export function ratePercent(rate: string | null): string {
  if (rate === null) return 'rate not recorded';
  const [whole, fraction = ''] = normalRate(rate).split('.');
  const padded = fraction.padEnd(2, '0');
  const percent = BigInt(whole) * 100n + BigInt(padded.slice(0, 2));
  const rest = padded.slice(2);
  return `${percent}${rest ? `.${rest}` : ''} %`;
}

/** One tax line as an order (or the API) gives it: jurisdiction, rate, taxable amount and tax, minor units. */
export const ZTaxLineInput = z.object({
  jurisdiction: z
    .string({ error: 'Name the jurisdiction, e.g. GB or US-CA' })
    .trim()
    .min(1, 'Name the jurisdiction, e.g. GB or US-CA')
    .max(100),
  rate: zTaxRate().nullable().optional(),
  taxable: ZMinorUnits.min(0, 'Cannot be negative').max(100_000_000),
  tax: ZMinorUnits.min(0, 'Cannot be negative').max(100_000_000),
});
export type TTaxLineInput = z.infer<typeof ZTaxLineInput>;

export type TaxLine = { jurisdiction: string; rate: string | null; taxable: number; tax: number };

/** The jurisdiction of an order given one tax amount: its shipping country, else "default". */
export function defaultJurisdiction(country: string | null | undefined): string {
  const c = country?.trim().toUpperCase();
  return c ? c : 'default';
}

/**
 * An order's tax lines: the ones given, or — given one tax amount — one line for the whole tax in the
 * default jurisdiction, rate null (a rate derived from two rounded amounts would split one real rate
 * into many report lines: 200 on 999 is 0.2002), taxable the order's net (subtotal − discount +
 * shipping). No tax and no lines: no line.
 */
export function orderTaxLines(o: {
  taxLines?: TTaxLineInput[];
  tax: number;
  net: number;
  country?: string | null;
}): TaxLine[] {
  if (o.taxLines?.length)
    return o.taxLines.map((l) => ({
      jurisdiction: l.jurisdiction,
      rate: l.rate == null ? null : normalRate(l.rate),
      taxable: l.taxable,
      tax: l.tax,
    }));
  if (o.tax === 0) return [];
  return [
    { jurisdiction: defaultJurisdiction(o.country), rate: null, taxable: Math.max(o.net, 0), tax: o.tax },
  ];
}

/**
 * Splits `amount` into parts proportional to `weights` (non-negative integers) so the parts add up to
 * `amount` exactly: largest remainder, ties to the earlier part, in bigint (products of two minor-unit
 * amounts pass 2^53). All weights zero: everything on the first part.
 * largestRemainder(100, [1, 1, 1]) → [34, 33, 33]
 */
export function largestRemainder(amount: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (total === 0n) return weights.map((_, i) => (i === 0 ? amount : 0));
  const a = BigInt(amount);
  const parts = weights.map((w) => (a * BigInt(w)) / total);
  const rests = weights.map((w, i) => ({ i, rest: a * BigInt(w) - parts[i] * total }));
  let left = a - parts.reduce((s, p) => s + p, 0n);
  rests.sort((x, y) => (y.rest > x.rest ? 1 : y.rest < x.rest ? -1 : x.i - y.i));
  for (let k = 0; left > 0n; k++, left--) parts[rests[k % rests.length].i] += 1n;
  return parts.map(Number);
}

/** An order's tax line with what cancellations and refunds have already reversed of it. */
export type ReversibleTaxLine = TaxLine & { id: string; reversedTaxable: number; reversedTax: number };

export type TaxShare = {
  /** the order's tax line reversed; null for tax beyond what the lines still hold */
  parentId: string | null;
  jurisdiction: string;
  rate: string | null;
  taxable: number;
  tax: number;
};

/**
 * A refund's (or cancellation's) share of each of its order's tax lines, given the tax and taxable
 * amount it reverses: tax in proportion to what each line still holds (tax − reversed), taxable
 * likewise, each by largest remainder so the shares add up to the amounts exactly. Proportional to
 * what remains, a share never exceeds it (T ≤ ΣR ⇒ T·Rᵢ/ΣR ≤ Rᵢ, and the extra unit goes only to a
 * fractional part), so a line is never reversed below zero. Tax beyond what remains (an order taken
 * before tax lines, a goodwill refund) is one share in `fallback` with no parent.
 * WORKED EXAMPLE: lines GB 20 % (taxable 10,000, tax 2,000) and GB 5 % (taxable 2,000, tax 100); a
 * refund of tax 1,050 and taxable 6,000: tax 1,050 × 2,000 / 2,100 = 1,000 and 1,050 × 100 / 2,100 = 50;
 * taxable 6,000 × 10,000 / 12,000 = 5,000 and 1,000.
 */
export function reverseShares(
  lines: ReversibleTaxLine[],
  amount: { taxable: number; tax: number },
  fallback: string,
): TaxShare[] {
  const remainingTax = lines.map((l) => Math.max(l.tax - l.reversedTax, 0));
  const remainingTaxable = lines.map((l) => Math.max(l.taxable - l.reversedTaxable, 0));
  const heldTax = remainingTax.reduce((s, v) => s + v, 0);
  const heldTaxable = remainingTaxable.reduce((s, v) => s + v, 0);
  const tax = Math.min(amount.tax, heldTax);
  const taxable = Math.min(amount.taxable, heldTaxable);
  const taxParts = heldTax > 0 ? largestRemainder(tax, remainingTax) : lines.map(() => 0);
  const taxableParts = heldTaxable > 0 ? largestRemainder(taxable, remainingTaxable) : lines.map(() => 0);
  const shares: TaxShare[] = lines
    .map((l, i) => ({
      parentId: l.id,
      jurisdiction: l.jurisdiction,
      rate: l.rate,
      taxable: taxableParts[i],
      tax: taxParts[i],
    }))
    .filter((s) => s.tax > 0 || s.taxable > 0);
  if (amount.tax > tax)
    shares.push({
      parentId: null,
      jurisdiction: lines[0]?.jurisdiction ?? fallback,
      rate: null,
      taxable: shares.length ? 0 : Math.max(amount.taxable - taxable, 0),
      tax: amount.tax - tax,
    });
  return shares;
}

/**
 * The base (shop-currency) tax of each line of one entry: the entry's tax-account amount in base split
 * in proportion to the lines' own tax, so the lines add up to the account's line exactly (an entry in
 * the shop's currency: the same amounts).
 */
export function baseTaxes(baseTotal: number, taxes: number[]): number[] {
  return largestRemainder(baseTotal, taxes);
}

export type TaxFigures = {
  taxable: number;
  tax_collected: number;
  tax_refunded: number;
  input_tax: number;
  net: number;
};

/** net payable = collected − refunded − input tax (> 0 owed to the tax authority, < 0 to reclaim). */
export function netPayable(f: Omit<TaxFigures, 'net'>): number {
  return f.tax_collected - f.tax_refunded - f.input_tax;
}

/** POST /api/v1/ledger/tax-filings and the Sales tax screen's "File this period": shop-timezone days. */
export const ZTaxFilingInput = z
  .object({ from: zDate(), to: zDate() })
  .strict()
  .superRefine((q, ctx) => checkDateRange(ctx, q, { maxDays: 366 }));
export type TTaxFilingInput = z.input<typeof ZTaxFilingInput>;
