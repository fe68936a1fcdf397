import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';
import { isUuid } from '@/lib/boundary';

/**
 * The link in the approval email that lets the customer print their prepaid return label without an
 * account: `<app>/l/return-label/<return id>?t=<token>`, the token an HMAC-SHA256 of the return id
 * under AUTH_SECRET (128 bits, base64url). It opens only that return's label and cannot be guessed;
 * rotating AUTH_SECRET invalidates every link. The base is APP_URL, else NEXTAUTH_URL (the app's
 * public address), else http://localhost:$PORT.
 */
function token(returnId: string): string {
  return createHmac('sha256', env().AUTH_SECRET)
    .update(`return-label:${returnId.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 22);
}

export function publicBaseUrl(): string {
  return (
    process.env.APP_URL ||
    process.env.NEXTAUTH_URL ||
    `http://localhost:${process.env.PORT ?? 3000}`
  ).replace(/\/$/, '');
}

export function signedReturnLabelUrl(returnId: string): string {
  return `${publicBaseUrl()}/l/return-label/${returnId}?t=${token(returnId)}`;
}

/** Whether `candidate` is the token for this return (constant-time). */
export function isReturnLabelToken(returnId: string, candidate: string | null): boolean {
  if (!candidate || !isUuid(returnId)) return false;
  const expected = Buffer.from(token(returnId));
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
