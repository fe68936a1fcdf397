import { describe, expect, it } from 'vitest';
import {
  attemptOutcome,
  DEFAULT_RETRY_SCHEDULE,
  parseRetryAfter,
  parseRetrySchedule,
} from '@/lib/webhooks/rules';
import { subscribes } from '@/lib/events/rules';

describe('webhook retry rules', () => {
  const schedule = [...DEFAULT_RETRY_SCHEDULE];

  it('uses Svix’s schedule by default and reads WEBHOOK_RETRY_SCHEDULE', () => {
    expect(parseRetrySchedule(undefined)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(parseRetrySchedule('1, 2,3')).toEqual([1, 2, 3]);
    expect(() => parseRetrySchedule('1,x')).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    expect(() => parseRetrySchedule('-1')).toThrow();
  });

  it('succeeds on 2xx, ends on 410, retries others after schedule[attempt-1] ± 10 %', () => {
    expect(attemptOutcome({ attempt: 1, status: 204, retryAfterS: null, schedule })).toEqual({
      kind: 'succeeded',
    });
    expect(attemptOutcome({ attempt: 1, status: 410, retryAfterS: null, schedule })).toEqual({
      kind: 'gone',
    });
    // 2nd attempt failed: 300 s × (0.9 + 0.2 × random): random 0 → 270 000 ms, 1 → 330 000 ms.
    expect(attemptOutcome({ attempt: 2, status: 500, retryAfterS: null, schedule, random: 0 })).toEqual({
      kind: 'retry',
      delayMs: 270_000,
    });
    expect(attemptOutcome({ attempt: 2, status: null, retryAfterS: null, schedule, random: 1 })).toEqual({
      kind: 'retry',
      delayMs: 330_000,
    });
    // 7 delays: the 8th attempt is the last; its failure is final.
    expect(attemptOutcome({ attempt: 7, status: 500, retryAfterS: null, schedule, random: 0.5 })).toEqual({
      kind: 'retry',
      delayMs: 36_000_000,
    });
    expect(attemptOutcome({ attempt: 8, status: 500, retryAfterS: null, schedule })).toEqual({
      kind: 'failed',
    });
  });

  it('waits for a longer Retry-After, never a shorter one', () => {
    // 1st attempt: 5 s × 1.0 = 5 000 ms scheduled; Retry-After 60 s → 60 000 ms; 2 s → stays 5 000.
    expect(attemptOutcome({ attempt: 1, status: 429, retryAfterS: 60, schedule, random: 0.5 })).toEqual({
      kind: 'retry',
      delayMs: 60_000,
    });
    expect(attemptOutcome({ attempt: 1, status: 429, retryAfterS: 2, schedule, random: 0.5 })).toEqual({
      kind: 'retry',
      delayMs: 5_000,
    });
  });

  it('reads Retry-After as seconds or an HTTP date, capped at a day', () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('999999', now)).toBe(86_400);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('matches subscriptions by type or *', () => {
    expect(subscribes(['*'], 'order.created')).toBe(true);
    expect(subscribes(['order.created'], 'order.created')).toBe(true);
    expect(subscribes(['order.created'], 'order.held')).toBe(false);
  });
});
