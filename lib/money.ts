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
  const major = `${amount < 0 ? '-' : ''}${digits === 0 ? Math.abs(amount) : minorToDecimalString(Math.abs(amount), digits)}`;
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
