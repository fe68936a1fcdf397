/**
 * Delivery rules for the outbox, pure so they can be tested without a mail server.
 *
 * A failed send is retried with exponential backoff: the n-th failure waits
 * min(BASE × 2^(n−1), MAX_DELAY) — 30 s, 1 min, 2 min, 4 min, … capped at 1 h — and after
 * MAX_ATTEMPTS sends the message is marked failed (an admin can send it again). Delivery is
 * at-least-once: a worker that dies between the SMTP reply and the status update leaves the
 * message claimed until its lock expires, and it is sent again.
 */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_DELAY_MS = 60 * 60_000;
export const MAX_ATTEMPTS = 8;
/** How long a worker holds a claimed message before another may take it. */
export const CLAIM_LOCK_MS = 2 * 60_000;

/** The wait after the `attempts`-th failed send (attempts ≥ 1). */
export function retryDelayMs(attempts: number, baseMs = RETRY_BASE_MS): number {
  if (!Number.isInteger(attempts) || attempts < 1)
    throw new RangeError('attempts must be a positive integer');
  return Math.min(baseMs * 2 ** (attempts - 1), RETRY_MAX_DELAY_MS);
}

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What happens to a message whose `attempts`-th send just failed at `now`. */
export function afterFailure(attempts: number, now: Date, baseMs = RETRY_BASE_MS): AfterFailure {
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, baseMs)) };
}

/**
 * The templates that go to the customer: what support and the order page show as "Emails sent"
 * (issue 15 item 7). Supplier orders, webhook and automation alerts go to staff or suppliers.
 */
export const CUSTOMER_TEMPLATES = [
  'order_shipped',
  'return_approved',
  'return_rejected',
  'return_received',
  'refund_issued',
  'exchange_created',
  'ticket_reply',
  'feedback_order_survey',
  'feedback_ticket_survey',
] as const;
