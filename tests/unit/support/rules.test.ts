import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import {
  addSlaMinutes,
  assertRenderable,
  isoWeekday,
  moveBetween,
  nextTicketStatus,
  normalizeTags,
  renderPlaceholders,
  slaDueTimes,
  slaState,
  statusAfterMessage,
  statusChoices,
  TICKET_STATUSES,
  TICKET_TRANSITIONS,
  trackingUrl,
  type SlaCalendar,
  type TicketStatus,
} from '@/lib/support/rules';

const NY_OFFICE: SlaCalendar = {
  mode: 'business',
  timeZone: 'America/New_York',
  days: [1, 2, 3, 4, 5],
  opensAt: 9 * 60,
  closesAt: 17 * 60,
};
const ALWAYS: SlaCalendar = { mode: 'always' };
const at = (iso: string) => new Date(iso);

describe('ticket transitions', () => {
  // The table, written out: [move, allowed from, to].
  const expected: [keyof typeof TICKET_TRANSITIONS, TicketStatus[], TicketStatus][] = [
    ['pend', ['open'], 'pending'],
    ['solve', ['open', 'pending'], 'solved'],
    ['reopen', ['pending', 'solved'], 'open'],
    ['close', ['solved'], 'closed'],
  ];
  for (const [move, from, to] of expected) {
    for (const status of TICKET_STATUSES) {
      it(`${move} from ${status}: ${from.includes(status) ? `→ ${to}` : 'INVALID_STATE'}`, () => {
        if (from.includes(status)) expect(nextTicketStatus(status, move)).toBe(to);
        else
          expect(() => nextTicketStatus(status, move)).toThrowError(
            expect.objectContaining({ code: 'INVALID_STATE' }),
          );
      });
    }
  }

  it('finds the move between two statuses, and none out of closed', () => {
    expect(moveBetween('open', 'solved')).toBe('solve');
    expect(moveBetween('solved', 'open')).toBe('reopen');
    expect(moveBetween('open', 'closed')).toBeNull();
    expect(statusChoices('closed')).toEqual(['closed']);
    expect(statusChoices('open')).toEqual(['open', 'pending', 'solved']);
    expect(statusChoices('solved')).toEqual(['solved', 'open', 'closed']);
  });
});

describe('what a message does to the status', () => {
  it('a customer message reopens a pending or solved ticket and keeps an open one open', () => {
    expect(statusAfterMessage('open', 'customer')).toBe('open');
    expect(statusAfterMessage('pending', 'customer')).toBe('open');
    expect(statusAfterMessage('solved', 'customer')).toBe('open');
  });

  it('a customer message or an agent reply to a closed ticket is refused; an internal note is not', () => {
    for (const kind of ['customer', 'reply'] as const) {
      try {
        statusAfterMessage('closed', kind);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('INVALID_STATE');
        expect((error as AppError).status).toBe(409);
      }
    }
    expect(statusAfterMessage('closed', 'note')).toBe('closed');
  });

  it('an agent reply keeps the status or applies the chosen one through the transition table', () => {
    expect(statusAfterMessage('open', 'reply')).toBe('open');
    expect(statusAfterMessage('open', 'reply', 'pending')).toBe('pending');
    expect(statusAfterMessage('pending', 'reply', 'solved')).toBe('solved');
    expect(() => statusAfterMessage('open', 'reply', 'closed')).toThrowError(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(statusAfterMessage('pending', 'note', 'solved')).toBe('pending'); // a note never moves the status
  });
});

describe('SLA due times, business hours (America/New_York, Mon–Fri 09:00–17:00)', () => {
  it('knows the weekdays of the dates used below', () => {
    expect(isoWeekday('2026-11-27')).toBe(5); // Friday
    expect(isoWeekday('2026-11-28')).toBe(6); // Saturday
    expect(isoWeekday('2026-11-30')).toBe(1); // Monday
  });

  it('carries a first response over the weekend: Fri 16:00 + 4 h → Mon 12:00', () => {
    // Fri 2026-11-27 16:00 EST (UTC−5) = 21:00Z. 240 min: 60 on Friday (16:00–17:00), none on
    // Saturday/Sunday, 180 on Monday from 09:00 → Mon 2026-11-30 12:00 EST = 17:00Z.
    expect(addSlaMinutes(at('2026-11-27T21:00:00Z'), 240, NY_OFFICE).toISOString()).toBe(
      '2026-11-30T17:00:00.000Z',
    );
  });

  it('carries a resolution over the weekend and several days: Fri 16:00 + 24 business hours → Wed 16:00', () => {
    // 1,440 min: Fri 60 (1,380 left), Mon 480 (900 left), Tue 480 (420 left), Wed 09:00 + 420 min = 16:00 EST
    // → Wed 2026-12-02 16:00 EST = 21:00Z.
    const due = slaDueTimes(
      at('2026-11-27T21:00:00Z'),
      { firstResponseMinutes: 240, resolutionMinutes: 1440 },
      NY_OFFICE,
    );
    expect(due.firstResponseDueAt.toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(due.resolutionDueAt.toISOString()).toBe('2026-12-02T21:00:00.000Z');
  });

  it('starts the clock of a weekend or early-morning ticket at the next opening', () => {
    // Sat 2026-11-28 10:00 EST + 60 min → Mon 09:00 + 60 = Mon 10:00 EST = 15:00Z.
    expect(addSlaMinutes(at('2026-11-28T15:00:00Z'), 60, NY_OFFICE).toISOString()).toBe(
      '2026-11-30T15:00:00.000Z',
    );
    // Tue 2026-12-01 07:30 EST + 30 min → 09:00 + 30 = 09:30 EST = 14:30Z.
    expect(addSlaMinutes(at('2026-12-01T12:30:00Z'), 30, NY_OFFICE).toISOString()).toBe(
      '2026-12-01T14:30:00.000Z',
    );
    // Fri 2026-11-27 18:00 EST (after closing) + 60 → Mon 10:00 EST = 15:00Z.
    expect(addSlaMinutes(at('2026-11-27T23:00:00Z'), 60, NY_OFFICE).toISOString()).toBe(
      '2026-11-30T15:00:00.000Z',
    );
  });

  it('a due time that lands exactly on closing stays on that day', () => {
    // Mon 2026-11-30 16:30 EST + 30 → 17:00 EST = 22:00Z (not Tuesday 09:00).
    expect(addSlaMinutes(at('2026-11-30T21:30:00Z'), 30, NY_OFFICE).toISOString()).toBe(
      '2026-11-30T22:00:00.000Z',
    );
  });

  it('keeps the local opening hours across the change to daylight saving time', () => {
    // Fri 2026-03-06 16:00 EST = 21:00Z + 120 min: 60 on Friday; clocks go forward Sun 2026-03-08;
    // Mon 2026-03-09 09:00 EDT (UTC−4) + 60 = 10:00 EDT = 14:00Z.
    expect(addSlaMinutes(at('2026-03-06T21:00:00Z'), 120, NY_OFFICE).toISOString()).toBe(
      '2026-03-09T14:00:00.000Z',
    );
  });

  it('honours other days and hours: a Saturday desk 10:00–14:00 in Berlin', () => {
    const saturdays: SlaCalendar = {
      mode: 'business',
      timeZone: 'Europe/Berlin',
      days: [6],
      opensAt: 600,
      closesAt: 840,
    };
    // Fri 2026-11-27 12:00Z → Sat 2026-11-28 10:00 CET (UTC+1) = 09:00Z; 300 min = 240 on Saturday
    // (10:00–14:00) + 60 on Sat 2026-12-05 from 10:00 → 11:00 CET = 10:00Z.
    expect(addSlaMinutes(at('2026-11-27T12:00:00Z'), 300, saturdays).toISOString()).toBe(
      '2026-12-05T10:00:00.000Z',
    );
  });

  it('refuses an empty calendar and a non-positive policy', () => {
    expect(() => addSlaMinutes(at('2026-11-27T12:00:00Z'), 60, { ...NY_OFFICE, days: [] })).toThrowError(
      AppError,
    );
    expect(() => addSlaMinutes(at('2026-11-27T12:00:00Z'), 0, NY_OFFICE)).toThrowError(AppError);
  });
});

describe('SLA due times, 24/7', () => {
  it('counts wall-clock minutes through the weekend', () => {
    // Fri 2026-11-27 21:00Z + 240 min = Sat 01:00Z; + 1,440 min = Sat 21:00Z.
    const due = slaDueTimes(
      at('2026-11-27T21:00:00Z'),
      { firstResponseMinutes: 240, resolutionMinutes: 1440 },
      ALWAYS,
    );
    expect(due.firstResponseDueAt.toISOString()).toBe('2026-11-28T01:00:00.000Z');
    expect(due.resolutionDueAt.toISOString()).toBe('2026-11-28T21:00:00.000Z');
  });
});

describe('SLA breach flags', () => {
  const times = {
    firstResponseDueAt: at('2026-11-30T17:00:00Z'),
    resolutionDueAt: at('2026-12-02T21:00:00Z'),
    firstRespondedAt: null,
    solvedAt: null,
  };

  it('a running clock is running, at risk in its last hour, breached after its due time', () => {
    expect(slaState(times, at('2026-11-30T15:59:00Z')).first_response).toBe('running'); // 61 min left
    expect(slaState(times, at('2026-11-30T16:00:00Z')).first_response).toBe('at_risk'); // 60 min left
    const late = slaState(times, at('2026-11-30T17:00:01Z'));
    expect(late.first_response).toBe('breached');
    expect(late.first_response_breached).toBe(true);
    expect(late.resolution_breached).toBe(false);
  });

  it('a stopped clock is met or breached for good', () => {
    const met = slaState(
      { ...times, firstRespondedAt: at('2026-11-30T16:59:00Z') },
      at('2026-12-10T00:00:00Z'),
    );
    expect(met.first_response).toBe('met');
    expect(met.resolution).toBe('breached'); // still unsolved on Dec 10
    const solvedLate = slaState(
      { ...times, firstRespondedAt: at('2026-11-30T18:00:00Z'), solvedAt: at('2026-12-02T20:00:00Z') },
      at('2026-12-10T00:00:00Z'),
    );
    expect(solvedLate).toMatchObject({ first_response: 'breached', resolution: 'met' });
    // solved without any reply (e.g. on the phone): the first-response clock stops at solving
    expect(
      slaState({ ...times, solvedAt: at('2026-11-30T10:00:00Z') }, at('2026-12-10T00:00:00Z')).first_response,
    ).toBe('met');
  });
});

describe('canned reply placeholders', () => {
  const values = { 'customer.first_name': 'Ana', 'order.number': '1042', 'tracking.url': null };

  it('fills known placeholders, spaces inside the braces allowed', () => {
    const r = renderPlaceholders(
      'Hi {{customer.first_name}}, order #{{ order.number }} is on its way.',
      values,
    );
    expect(r).toEqual({ text: 'Hi Ana, order #1042 is on its way.', unknown: [], missing: [] });
    expect(assertRenderable(r)).toBe('Hi Ana, order #1042 is on its way.');
  });

  it('names a known placeholder the ticket has no value for, and refuses to send it', () => {
    const r = renderPlaceholders('Track it here: {{tracking.url}}', values);
    expect(r.missing).toEqual(['tracking.url']);
    expect(r.text).toBe('Track it here: {{tracking.url}}');
    expect(() => assertRenderable(r)).toThrowError(/No value for \{\{tracking.url\}\}/);
  });

  it('names an unknown placeholder and refuses to send it (422 on the body)', () => {
    const r = renderPlaceholders('Hi {{customer.firstname}} {{customer.first_name}}', values);
    expect(r.unknown).toEqual(['customer.firstname']);
    try {
      assertRenderable(r);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('VALIDATION_FAILED');
      expect((error as AppError).details).toEqual([
        expect.objectContaining({
          field: 'body',
          message: expect.stringContaining('{{customer.firstname}}'),
        }),
      ]);
    }
  });

  it('leaves text without placeholders alone', () => {
    expect(renderPlaceholders('Plain text, {single} braces.', {})).toEqual({
      text: 'Plain text, {single} braces.',
      unknown: [],
      missing: [],
    });
  });
});

describe('small helpers', () => {
  it('tracking links and tags', () => {
    expect(trackingUrl('UPS', '1Z 99')).toBe('https://www.ups.com/track?tracknum=1Z%2099');
    expect(trackingUrl('parcelway', 'PW123')).toBe('https://parcelsapp.com/en/tracking/PW123');
    expect(trackingUrl('ups', null)).toBeNull();
    expect(normalizeTags([' Damaged ', 'late delivery', 'damaged', ''])).toEqual([
      'damaged',
      'late-delivery',
    ]);
  });
});
