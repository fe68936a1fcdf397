import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { env } from '@/lib/env';

/** A place in the event feed: after the event at (orderXid, position). */
export type FeedPosition = { xid: bigint; position: bigint };

const START: FeedPosition = { xid: 0n, position: 0n };

function mac(payload: string): Buffer {
  return createHmac('sha256', env().AUTH_SECRET).update(`events-cursor:${payload}`).digest().subarray(0, 16);
}

/** An opaque cursor: the position, base64url, and an HMAC so a client cannot forge or edit it. */
export function encodeCursor(at: FeedPosition): string {
  const payload = Buffer.from(`${at.xid}.${at.position}`).toString('base64url');
  return `${payload}.${mac(payload).toString('base64url')}`;
}

/** Reads a cursor from encodeCursor; anything else is a 422 naming `after`. Empty means the start. */
export function decodeCursor(cursor: string | undefined): FeedPosition {
  if (!cursor) return START;
  const invalid = () =>
    new AppError('VALIDATION_FAILED', 'Invalid after', [
      { field: 'after', message: 'must be a next_cursor from an earlier page of this feed' },
    ]);
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(payload, 'base64url').toString());
  if (!match) throw invalid();
  return { xid: BigInt(match[1]), position: BigInt(match[2]) };
}
