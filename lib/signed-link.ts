import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { isUuid } from '@/lib/boundary';

/**
 * The one signing of public links a customer opens without an account (the return label, feedback
 * surveys, the survey unsubscribe): the token is an HMAC-SHA256 of `<purpose>:<record id>` under
 * AUTH_SECRET, 128 bits as base64url. It opens only that record for that purpose and cannot be
 * guessed; rotating AUTH_SECRET invalidates every link. Whether a link may still be used (answered,
 * expired) is the record's business, checked by its use case.
 */
export function linkToken(purpose: string, id: string): string {
  return createHmac('sha256', env().AUTH_SECRET)
    .update(`${purpose}:${id.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Whether `candidate` is the token for this purpose and record id (constant-time; non-UUID ids never are). */
export function isLinkToken(purpose: string, id: string, candidate: string | null | undefined): boolean {
  if (!candidate || typeof candidate !== 'string' || !isUuid(id)) return false;
  const expected = Buffer.from(linkToken(purpose, id));
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The app's public address for links in emails: APP_URL, else NEXTAUTH_URL, else http://localhost:$PORT. */
export function publicBaseUrl(): string {
  return (
    process.env.APP_URL ||
    process.env.NEXTAUTH_URL ||
    `http://localhost:${process.env.PORT ?? 3000}`
  ).replace(/\/$/, '');
}
