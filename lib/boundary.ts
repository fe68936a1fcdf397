/**
 * The input boundary: the one set of primitives every route handler, server action and import parses
 * untrusted input with (decision 019). Each refuses bad input with a 422 naming the field, before the
 * value can reach a loop, a PostgreSQL cast or a column:
 * - text without NUL or lone UTF-16 surrogates (PostgreSQL refuses both in `text`), trimmed;
 * - strict UUIDs (a 36-character non-UUID never reaches `::uuid`);
 * - calendar dates and timestamps within DATE_MIN…DATE_MAX, ranges with a maximum span;
 * - signed opaque cursors (HMAC with AUTH_SECRET) checked before use (lib/cursor.ts, server-only);
 * - minor-unit money within the int4 columns, with totals summed in bigint and checked before a write;
 * - ISO 4217 currencies from the ISO list (with their minor units);
 * - strict integers and booleans (no coercion of null, true, [] or "  42 ").
 * `unsafeTextField` is the net under the schemas: the wrappers (lib/api/handler.ts, lib/server-route.ts,
 * lib/server-action.ts formObject, the CSV import) refuse NUL and lone surrogates anywhere in the input.
 */
import { z } from 'zod';
import currencyCodes from 'currency-codes';
import { AppError } from '@/lib/errors';

// In the browser zod must not probe for eval (its fast path compiles parsers with `new Function`): the
// app's CSP forbids eval, and the caught probe is still reported as a CSP violation (decision 020).
// Every schema reaches the browser through this module, so the setting is made once, here.
if (typeof window !== 'undefined') z.config({ jitless: true });

// ---------------------------------------------------------------- text

/** A NUL, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const TEXT_MESSAGE = 'Contains a NUL character or a broken Unicode character';

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/**
 * The path (`lines.0.sku`, `q`) of the first string anywhere in `value` (keys included) holding a NUL
 * or a lone surrogate, or null. Depth-limited: JSON deeper than 64 levels is refused as well.
 */
export function unsafeTextField(value: unknown, path: string[] = [], depth = 0): string | null {
  if (depth > 64) return path.join('.') || '(body)';
  if (typeof value === 'string') return isSafeText(value) ? null : path.join('.') || '(body)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeTextField(value[i], [...path, String(i)], depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isSafeText(key)) return [...path, '(key)'].join('.');
      const found = unsafeTextField(item, [...path, key], depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}

/** Throws the 422 for the first unsafe string in `value`; `prefix` names where it came from. */
export function assertSafeText(value: unknown, prefix?: string): void {
  const field = unsafeTextField(value);
  if (field === null) return;
  const named = prefix && field === '(body)' ? prefix : field;
  throw new AppError('VALIDATION_FAILED', `Invalid ${named}`, [{ field: named, message: TEXT_MESSAGE }]);
}

/** Trimmed text without NUL or lone surrogates, `min`…`max` characters (default 1…1000). */
export function zText(options: { min?: number; max?: number; message?: string } = {}) {
  const { min = 1, max = 1000, message } = options;
  return z
    .string({ error: message ?? 'Enter text' })
    .refine(isSafeText, TEXT_MESSAGE)
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(min, message ?? (min === 1 ? 'Cannot be empty' : `At least ${min} characters`))
        .max(max, `At most ${max} characters`),
    );
}

// ---------------------------------------------------------------- ids

/** A UUID as PostgreSQL's `uuid` reads it: 8-4-4-4-12 hex digits (any version). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

export function zUuid(message = 'Must be an id (UUID)') {
  return z.string({ error: message }).regex(UUID_PATTERN, message);
}

// ---------------------------------------------------------------- dates

/** The dates the app accepts, inclusive: older or later is a typo or an attack, never a real order. */
export const DATE_MIN = '2000-01-01';
export const DATE_MAX = '2100-12-31';
const INSTANT_MIN = Date.parse(`${DATE_MIN}T00:00:00Z`);
const INSTANT_MAX = Date.parse(`${DATE_MAX}T23:59:59.999Z`);
export const DATE_WINDOW_MESSAGE = `Use a date between ${DATE_MIN} and ${DATE_MAX}`;

/** 'YYYY-MM-DD', a real calendar day, within DATE_MIN…DATE_MAX. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  if (value < DATE_MIN || value > DATE_MAX) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function zDate(message = `Use a date as YYYY-MM-DD between ${DATE_MIN} and ${DATE_MAX}`) {
  return z.string({ error: message }).trim().refine(isCalendarDate, message);
}

/** An ISO 8601 timestamp with an offset (`2026-11-24T09:30:00Z`) within the date window. */
export function isTimestampInWindow(value: string): boolean {
  const t = Date.parse(value);
  return !Number.isNaN(t) && t >= INSTANT_MIN && t <= INSTANT_MAX;
}

export function zTimestamp(message = 'Use an ISO 8601 timestamp with an offset, e.g. 2026-11-24T09:30:00Z') {
  return z.iso
    .datetime({ offset: true, error: message, abort: true })
    .refine(isTimestampInWindow, DATE_WINDOW_MESSAGE);
}

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both ends included (calendar dates). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * For a zod `superRefine` over an object with two calendar-date fields: `from` must not be after `to`,
 * and the range may span at most `maxDays` days (a range that drives work: a report, a KPI query).
 * Missing or invalid ends are left to their own field checks.
 */
export function checkDateRange(
  ctx: z.RefinementCtx,
  range: { from?: string; to?: string },
  options: { fromField?: string; toField?: string; maxDays: number },
): void {
  const { fromField = 'from', toField = 'to', maxDays } = options;
  if (!isCalendarDate(range.from) || !isCalendarDate(range.to)) return;
  if (range.from > range.to)
    ctx.addIssue({
      code: 'custom',
      path: [fromField],
      message: `${fromField} must be on or before ${toField}`,
    });
  else if (daysInclusive(range.from, range.to) > maxDays)
    ctx.addIssue({ code: 'custom', path: [toField], message: `The range may span at most ${maxDays} days` });
}

// ---------------------------------------------------------------- integers and booleans

/** A JSON integer within [min, max]; never coerced (null, true, [], "42" are refused). */
export function zInt(options: { min?: number; max?: number; message?: string } = {}) {
  const { min = -2_147_483_648, max = 2_147_483_647, message = 'Must be a whole number' } = options;
  return z
    .number({ error: message })
    .int(message)
    .min(min, min === 0 ? 'Cannot be negative' : `Must be at least ${min}`)
    .max(max, `Must be at most ${max}`);
}

/**
 * An integer from a query string or a form: a JSON integer, or a string of digits exactly
 * ("42", "-3"; not "  42 ", "4e1", "0x2a" or ""), within [min, max].
 */
export function zIntParam(options: { min?: number; max?: number; message?: string } = {}) {
  const { message = 'Must be a whole number' } = options;
  return z
    .union([z.number({ error: message }), z.string({ error: message }).regex(/^-?\d{1,15}$/, message)], {
      error: message,
    })
    .transform((v) => Number(v))
    .pipe(zInt(options));
}

/** A boolean: JSON true/false, or the strings "true"/"false" from a query string or form. */
export function zBoolParam(message = 'Use true or false') {
  return z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: message });
}

// ---------------------------------------------------------------- money and currencies

/** The largest amount in minor units a money column holds (PostgreSQL int4). */
export const MINOR_MAX = 2_147_483_647;

/** An amount in integer minor units within [min, max] (default 0…MINOR_MAX). */
export function zMinor(options: { min?: number; max?: number; message?: string } = {}) {
  const { min = 0, max = MINOR_MAX, message = 'Use an amount in whole minor units (cents)' } = options;
  return zInt({ min, max, message });
}

/**
 * The exact sum of minor-unit amounts (and `quantity × price` products), computed in bigint and
 * checked against `max` before anything is written. Over the limit: 422 naming `field`.
 */
export function sumMinor(parts: ReadonlyArray<number | bigint>, field: string, max = MINOR_MAX): number {
  let total = 0n;
  for (const part of parts) total += typeof part === 'bigint' ? part : BigInt(Math.trunc(part));
  return checkedMinor(total, field, max);
}

/** `quantity × unit` in bigint (for sumMinor), exact however large. */
export function productMinor(quantity: number, unit: number): bigint {
  return BigInt(Math.trunc(quantity)) * BigInt(Math.trunc(unit));
}

/** A bigint amount back to a number, or the 422 naming `field` when it is beyond ±max. */
export function checkedMinor(amount: bigint, field: string, max = MINOR_MAX): number {
  if (amount > BigInt(max) || amount < -BigInt(max)) {
    throw new AppError('VALIDATION_FAILED', `Invalid ${field}`, [
      { field, message: `The total is too large (at most ${max} minor units)` },
    ]);
  }
  return Number(amount);
}

/** Whether a bigint amount fits a money column (±MINOR_MAX). */
export function fitsMinor(amount: bigint, max = MINOR_MAX): boolean {
  return amount <= BigInt(max) && amount >= -BigInt(max);
}

/**
 * For a zod `superRefine` over lines of `quantity × unit` (an order's prices, a receipt's costs):
 * each line's value and their sum, in bigint, must fit a money column; the issue names the line's
 * unit field, or `lines`. Returns the sum (bigint), or null when it does not fit.
 */
export function checkLineTotals(
  ctx: z.RefinementCtx,
  lines: ReadonlyArray<{ quantity: number; unit: number }>,
  unitField: string,
): bigint | null {
  let sum = 0n;
  let ok = true;
  lines.forEach((line, i) => {
    const value = productMinor(line.quantity, line.unit);
    if (!fitsMinor(value)) {
      ok = false;
      ctx.addIssue({
        code: 'custom',
        path: ['lines', i, unitField],
        message: `quantity × ${unitField} is above ${MINOR_MAX} minor units`,
      });
    }
    sum += value;
  });
  if (ok && !fitsMinor(sum)) {
    ok = false;
    ctx.addIssue({
      code: 'custom',
      path: ['lines'],
      message: `The lines add up to more than ${MINOR_MAX} minor units`,
    });
  }
  return ok ? sum : null;
}

/** ISO 4217 codes that are not money a shop can sell in (testing, no currency, precious metals, funds). */
const NOT_SHOP_CURRENCIES = new Set([
  'XXX',
  'XTS',
  'XAU',
  'XAG',
  'XPD',
  'XPT',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XSU',
  'XUA',
]);

/** The ISO 4217 minor-unit digits of a currency (USD 2, JPY 0, KWD 3), or null when it is not one. */
export function isoCurrencyDigits(code: string): number | null {
  if (!/^[A-Z]{3}$/.test(code) || NOT_SHOP_CURRENCIES.has(code)) return null;
  const entry = currencyCodes.code(code);
  return entry && typeof entry.digits === 'number' ? entry.digits : null;
}

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && isoCurrencyDigits(code) !== null;
}

export function zCurrency(message = 'Use an ISO 4217 currency code such as USD or EUR') {
  return z.string({ error: message }).trim().toUpperCase().refine(isCurrency, message);
}

// ---------------------------------------------------------------- cursors (format only; lib/cursor.ts checks)

export const CURSOR_MAX_LENGTH = 512;
export const CURSOR_MESSAGE = 'Not a cursor from this API; use the next_cursor of a previous page';

/**
 * A page-cursor query parameter: the shape of a signed cursor (`payload.mac`, base64url). The
 * signature and the value are checked by decodeCursor (lib/cursor.ts) before the query uses it.
 */
export function zCursor() {
  return z
    .string()
    .max(CURSOR_MAX_LENGTH, CURSOR_MESSAGE)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, CURSOR_MESSAGE);
}
