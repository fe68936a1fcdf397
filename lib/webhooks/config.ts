import 'server-only';
import { parseRetrySchedule } from './rules';

/**
 * Webhook settings read from the environment at each use (so a test can change them):
 * WEBHOOK_RETRY_SCHEDULE (comma-separated seconds, default Svix's 5 s … 10 h) and
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=1 (lets subscriptions point at loopback/private addresses: tests and
 * on-premise receivers).
 */
export function retrySchedule(): number[] {
  return parseRetrySchedule(process.env.WEBHOOK_RETRY_SCHEDULE);
}

export function allowPrivateTargets(): boolean {
  return process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS === '1';
}
