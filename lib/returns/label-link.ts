import 'server-only';
import { isLinkToken, linkToken, publicBaseUrl } from '@/lib/signed-link';

/**
 * The link in the approval email that lets the customer print their prepaid return label without an
 * account: `<app>/l/return-label/<return id>?t=<token>`, signed by lib/signed-link.ts (purpose
 * `return-label`). It opens only that return's label and cannot be guessed.
 */
export { publicBaseUrl };

export function signedReturnLabelUrl(returnId: string): string {
  return `${publicBaseUrl()}/l/return-label/${returnId}?t=${linkToken('return-label', returnId)}`;
}

/** Whether `candidate` is the token for this return (constant-time). */
export function isReturnLabelToken(returnId: string, candidate: string | null): boolean {
  return isLinkToken('return-label', returnId, candidate);
}
