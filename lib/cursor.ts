import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';
import { CURSOR_MAX_LENGTH, CURSOR_MESSAGE } from '@/lib/boundary';

/**
 * Signed opaque page cursors (decision 019): a list's keyset position as JSON, with an HMAC-SHA256
 * (AUTH_SECRET) over it, so a client can only hand back a cursor this server made. decodeCursor checks
 * the signature and then the value's shape before any query sees it: a forged, truncated or
 * overflowing cursor is a 422 naming `cursor`, never a cast error in PostgreSQL.
 */

function cursorMac(payload: string): Buffer {
  return createHmac('sha256', env().AUTH_SECRET).update(`cursor:${payload}`).digest().subarray(0, 16);
}

/** An opaque page cursor: the JSON of `value`, signed, base64url. Only this server can make one. */
export function encodeCursor(value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${cursorMac(payload).toString('base64url')}`;
}

/**
 * The next page's cursor of a keyset list read with `limit + 1` rows: the key of the page's last row
 * when the extra row came back (there is more), else null.
 */
export function nextCursor<T>(rows: readonly T[], limit: number, key: (last: T) => unknown): string | null {
  return rows.length > limit ? encodeCursor(key(rows[limit - 1])) : null;
}

function cursorError(field: string): AppError {
  return new AppError('VALIDATION_FAILED', `Invalid ${field}`, [{ field, message: CURSOR_MESSAGE }]);
}

/**
 * The value of a cursor made by encodeCursor, checked: its signature first, then its shape against
 * `schema` (so a number in it is within the range the query casts it to). Else 422 naming `field`.
 */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>, field = 'cursor'): T {
  if (typeof cursor !== 'string' || cursor.length > CURSOR_MAX_LENGTH) throw cursorError(field);
  const [payload, mac, extra] = cursor.split('.');
  if (!payload || !mac || extra !== undefined) throw cursorError(field);
  const given = Buffer.from(mac, 'base64url');
  const expected = cursorMac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw cursorError(field);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw cursorError(field);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw cursorError(field);
  return parsed.data;
}
