/**
 * Money is an integer number of minor units plus an ISO 4217 currency code. Never a float.
 * Formatting and parsing happen only at the edges, here.
 */
export type Money = { amount: number; currency: string };

import { isoCurrencyDigits } from '@/lib/boundary';

/**
 * Minor-unit digits of a currency from the ISO 4217 list (USD 2, JPY 0, KWD 3; lib/boundary.ts).
 * A code outside the list (stored before currencies were checked) falls back to the platform's ICU data.
 */
export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  const iso = isoCurrencyDigits(code);
  if (iso !== null) return iso;
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** 1234, 'USD' → '$12.34' */
export function formatMoney(amount: number, currency: string, locale = 'en-US'): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`amount must be an integer of minor units, got ${amount}`);
  const digits = currencyDigits(currency);
  // Exact: Intl formats a decimal string without passing through a float (Intl.NumberFormat v3).
  const magnitude = digits === 0 ? String(Math.abs(amount)) : minorToDecimalString(Math.abs(amount), digits);
  const major = `${amount < 0 ? '-' : ''}${magnitude}`;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(major as `${number}`);
}

/**
 * 1234, 'USD' → '12.34'; -5 → '-0.05'; 1500, 'JPY' → '1500'. A plain decimal in major units, no
 * symbol or grouping: what spreadsheets read from a CSV.
 */
export function toDecimalString(amount: number, currency: string): string {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`amount must be an integer of minor units, got ${amount}`);
  const digits = currencyDigits(currency);
  return `${amount < 0 ? '-' : ''}${digits === 0 ? Math.abs(amount) : minorToDecimalString(Math.abs(amount), digits)}`;
}

/**
 * A money field as a person typed it, in major units of `currency` ("12.50"; "1250" in JPY; "1.250"
 * in KWD): blank → undefined, a non-negative amount → its minor units, anything else (text, a
 * negative amount, more decimals than the currency has) → null. The form and the server action that
 * read the same field both call this, so they agree on what is an amount.
 */
export function parseAmountInput(input: string, currency: string): number | null | undefined {
  if (!input.trim()) return undefined;
  const amount = parseMoney(input, currency);
  return amount === null || amount < 0 ? null : amount;
}

/** An amount to show in "Enter an amount like …" hints, in the currency's own digits: 12.50, 1250, 1.250. */
export function amountExample(currency: string): string {
  return toDecimalString(1250 * 10 ** Math.max(currencyDigits(currency) - 2, 0), currency);
}

/** round(a·b / c) with halves rounded away from zero, exact for any safe integers (BigInt inside). */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  if (c === 0) throw new RangeError('division by zero');
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c);
  const negative = num < 0n !== den < 0n && num !== 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (2n * n + d) / (2n * d);
  return Number(negative ? -q : q);
}

/**
 * The part b/c of an amount a, rounded half away from zero: mulDivRoundHalfUp, except that a share
 * of nothing (c = 0) is 0 rather than an error. share(100, 1, 3) → 33; share(200, 1, 3) → 67.
 */
export function share(a: number, b: number, c: number): number {
  return c === 0 ? 0 : mulDivRoundHalfUp(a, b, c);
}

function minorToDecimalString(abs: number, digits: number): string {
  const s = String(abs).padStart(digits + 1, '0');
  return `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
}

/**
 * Parses a decimal amount typed by a person ("12.3", "1,234.50", "-0.05") into minor units, exactly.
 * Returns null for anything that is not a plain amount or has more decimals than the currency allows.
 */
export function parseMoney(input: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const cleaned = input.trim().replace(/,/g, '');
  const match = /^(-)?(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole + fraction.padEnd(digits, '0'));
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

/**
 * Splits an amount into parts proportional to weights, in minor units, so that the parts add up to
 * the amount exactly (largest-remainder method; ties go to the earlier part).
 * allocate(100, [1, 1, 1]) → [34, 33, 33]
 */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (total <= 0) throw new RangeError('weights must add up to more than zero');
  const raw = weights.map((w) => (amount * w) / total);
  const parts = raw.map((r) => Math.floor(r));
  let rest = amount - parts.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k].i] += 1;
  return parts;
}
