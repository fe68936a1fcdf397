/**
 * Webhook delivery rules (decision 022): pure, shared by the worker, the API and the screens.
 */

/** Svix's schedule: the delays after the 1st, 2nd, … failed attempt (seconds). */
export const DEFAULT_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 36000] as const;

/** A failing endpoint is disabled once it has failed without a success for this long. */
export const DISABLE_AFTER_MS = 5 * 24 * 60 * 60 * 1000;

/** After a rotation the old secret signs too, for this long. */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export const TIMEOUT_MS = 15_000;

/** Retry-After is honoured up to this; a longer one is cut to it. */
export const MAX_RETRY_AFTER_S = 24 * 60 * 60;

/** Reads WEBHOOK_RETRY_SCHEDULE ("5,300,1800"); anything but positive numbers is refused. */
export function parseRetrySchedule(value: string | undefined): number[] {
  if (!value?.trim()) return [...DEFAULT_RETRY_SCHEDULE];
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (!parts.length || parts.some((n) => !Number.isFinite(n) || n < 0))
    throw new Error(`WEBHOOK_RETRY_SCHEDULE must be comma-separated seconds, got "${value}"`);
  return parts;
}

/** Retry-After as seconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Math.min(Number(value.trim()), MAX_RETRY_AFTER_S);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now.getTime()) / 1000)), MAX_RETRY_AFTER_S);
}

export type AttemptOutcome =
  { kind: 'succeeded' } | { kind: 'gone' } | { kind: 'retry'; delayMs: number } | { kind: 'failed' };

/**
 * What follows attempt number `attempt` (1 = the first): a 2xx succeeds; 410 Gone ends the delivery
 * and disables the subscription; anything else (another status, a timeout, a refused connection)
 * retries after schedule[attempt - 1] seconds ± 10 % jitter — or after Retry-After when the
 * receiver sent a longer one — until the schedule runs out, and then the delivery has failed.
 * Example: the 2nd attempt fails with the default schedule → retry after 300 s × (0.9 … 1.1).
 */
export function attemptOutcome(options: {
  attempt: number;
  status: number | null;
  retryAfterS: number | null;
  schedule: readonly number[];
  random?: number;
}): AttemptOutcome {
  const { attempt, status, schedule } = options;
  if (status !== null && status >= 200 && status < 300) return { kind: 'succeeded' };
  if (status === 410) return { kind: 'gone' };
  if (attempt > schedule.length) return { kind: 'failed' };
  const jitter = 0.9 + 0.2 * (options.random ?? Math.random());
  const scheduled = schedule[attempt - 1] * 1000 * jitter;
  const asked = (options.retryAfterS ?? 0) * 1000;
  return { kind: 'retry', delayMs: Math.round(Math.max(scheduled, asked)) };
}

/** The first 2 KB of a response body, as stored and shown. */
export function excerpt(body: string, max = 2048): string {
  return body.length > max ? `${body.slice(0, max)}…` : body;
}
