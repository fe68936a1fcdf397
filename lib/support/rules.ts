import { stateMachine } from '@/lib/state-machine';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { AppError } from '@/lib/errors';
import { addDays } from '@/lib/dates';

/**
 * The support desk's pure rules: ticket status transitions, what a message does to a status, SLA due
 * times (24/7 or business hours in the shop's time zone), breach flags, and canned-reply placeholders.
 * Imported by the use cases and by the UI. See docs/decisions/013-support-desk.md.
 */

export const TICKET_STATUSES = ['open', 'pending', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_CHANNELS = ['email', 'chat', 'phone', 'social', 'web'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const MESSAGE_KINDS = ['customer', 'reply', 'note'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * The only moves a ticket's status can make. `open → pending → solved → closed`, with the way back
 * from pending and solved (a customer writes again, or an agent reopens). Closed is final.
 */
export const TICKET_TRANSITIONS = {
  /** waiting on the customer */
  pend: { from: ['open'], to: 'pending' },
  solve: { from: ['open', 'pending'], to: 'solved' },
  reopen: { from: ['pending', 'solved'], to: 'open' },
  close: { from: ['solved'], to: 'closed' },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;
export type TicketMove = keyof typeof TICKET_TRANSITIONS;

const ticketMachine = stateMachine<TicketStatus, typeof TICKET_TRANSITIONS>(TICKET_TRANSITIONS, {
  noun: 'a ticket',
});
export const canMoveTicket = ticketMachine.can;
/** The status after `move`, or INVALID_STATE naming the statuses it is allowed from. */
export const nextTicketStatus = ticketMachine.next;

/** The move that takes a ticket from one status to another, or null when there is none. */
export function moveBetween(from: TicketStatus, to: TicketStatus): TicketMove | null {
  const move = (Object.keys(TICKET_TRANSITIONS) as TicketMove[]).find(
    (m) => TICKET_TRANSITIONS[m].to === to && canMoveTicket(from, m),
  );
  return move ?? null;
}

/** The statuses a person may pick next on the ticket page (the current one first). */
export function statusChoices(status: TicketStatus): TicketStatus[] {
  return [status, ...TICKET_STATUSES.filter((s) => s !== status && moveBetween(status, s))];
}

/**
 * What a new message does to the ticket's status. The rule for closed tickets: a closed ticket is a
 * finished record — a customer message or an agent reply is refused (409 INVALID_STATE; the customer's
 * new message belongs in a new ticket, which the API client opens with POST /api/v1/tickets), while
 * an internal note is still allowed (it changes nothing the customer sees). A customer writing on a
 * pending or solved ticket reopens it. An agent reply keeps the status, or applies the status the
 * agent chose to send it with ("send and set pending/solved").
 */
export function statusAfterMessage(
  status: TicketStatus,
  kind: MessageKind,
  requested?: TicketStatus,
): TicketStatus {
  if (status === 'closed' && kind !== 'note') {
    throw new AppError(
      'INVALID_STATE',
      kind === 'customer'
        ? 'This ticket is closed; a new message from the customer must open a new ticket (POST /api/v1/tickets).'
        : 'This ticket is closed and cannot be replied to. Open a new ticket for the customer instead.',
      { status, follow_up: 'POST /api/v1/tickets' },
    );
  }
  if (kind === 'customer') return status === 'open' ? 'open' : nextTicketStatus(status, 'reopen');
  if (kind === 'note' || !requested || requested === status) return status;
  const move = moveBetween(status, requested);
  if (!move)
    throw new AppError('INVALID_STATE', `A ticket that is ${status} cannot be set to ${requested}.`, {
      status,
      requested,
    });
  return requested;
}

/** solved_at / closed_at as a new status requires (the database CHECKs hold the same rule). */
export function statusTimestamps(
  status: TicketStatus,
  now: Date,
): { solvedAt?: Date | null; closedAt?: Date | null } {
  if (status === 'solved') return { solvedAt: now, closedAt: null };
  if (status === 'closed') return { closedAt: now };
  return { solvedAt: null, closedAt: null };
}

// ─── SLA ────────────────────────────────────────────────────────────────────────────────────────

/** How the SLA clock runs: round the clock, or only in the desk's business hours (shop time zone). */
export type SlaCalendar =
  | { mode: 'always' }
  | {
      mode: 'business';
      timeZone: string;
      /** ISO weekdays: 1 = Monday … 7 = Sunday */
      days: readonly number[];
      /** minutes after local midnight, opensAt < closesAt <= 1440 */
      opensAt: number;
      closesAt: number;
    };

export type SlaPolicyMinutes = { firstResponseMinutes: number; resolutionMinutes: number };

const MINUTE = 60_000;

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The instant a local wall-clock minute of a calendar day happens in a time zone (1440 = next midnight). */
function localInstant(isoDate: string, minute: number, timeZone: string): Date {
  if (minute >= 1440) return fromZonedTime(`${addDays(isoDate, 1)}T00:00:00`, timeZone);
  const hh = String(Math.floor(minute / 60)).padStart(2, '0');
  const mm = String(minute % 60).padStart(2, '0');
  return fromZonedTime(`${isoDate}T${hh}:${mm}:00`, timeZone);
}

/**
 * `start` plus `minutes` of SLA time. 24/7: plain wall-clock minutes. Business hours: only minutes
 * inside a business day's window count; the clock of a ticket arriving outside the window starts at
 * the next opening. Each day's window is placed with the time zone's offset of that day, so a DST
 * change moves the UTC instants but never the local opening hours.
 * Example (America/New_York, Mon–Fri 09:00–17:00): Friday 16:00 + 240 min = 60 min on Friday
 * (16:00–17:00), nothing on the weekend, 180 min on Monday from 09:00 → Monday 12:00.
 */
export function addSlaMinutes(start: Date, minutes: number, calendar: SlaCalendar): Date {
  if (!Number.isInteger(minutes) || minutes <= 0)
    throw new AppError('VALIDATION_FAILED', 'SLA minutes must be a positive whole number', [
      { field: 'minutes', message: 'Must be at least 1' },
    ]);
  if (calendar.mode === 'always') return new Date(start.getTime() + minutes * MINUTE);
  const { timeZone, days, opensAt, closesAt } = calendar;
  if (!days.length || opensAt >= closesAt)
    throw new AppError(
      'INVALID_STATE',
      'The support business hours are empty; set days and hours in Support → SLA settings.',
    );
  let remaining = minutes;
  let day = formatInTimeZone(start, timeZone, 'yyyy-MM-dd');
  // Two years of calendar days at most: ends the loop for a calendar with (almost) no open time.
  for (let i = 0; i < 366 * 2; i++) {
    if (days.includes(isoWeekday(day))) {
      const open = localInstant(day, opensAt, timeZone);
      const close = localInstant(day, closesAt, timeZone);
      const from = open.getTime() > start.getTime() ? open : start;
      const available = (close.getTime() - from.getTime()) / MINUTE;
      if (available > 0) {
        if (remaining <= available) return new Date(from.getTime() + remaining * MINUTE);
        remaining -= available;
      }
    }
    day = addDays(day, 1);
  }
  throw new AppError(
    'INVALID_STATE',
    'The SLA is longer than two years of business hours; shorten the policy.',
  );
}

/** A ticket's two due times from its priority's policy, counted from when it arrived. */
export function slaDueTimes(createdAt: Date, policy: SlaPolicyMinutes, calendar: SlaCalendar) {
  return {
    firstResponseDueAt: addSlaMinutes(createdAt, policy.firstResponseMinutes, calendar),
    resolutionDueAt: addSlaMinutes(createdAt, policy.resolutionMinutes, calendar),
  };
}

/** A running clock due within this many minutes counts as "at risk". */
export const SLA_AT_RISK_MINUTES = 60;

export type SlaClock = 'met' | 'breached' | 'at_risk' | 'running';

export type SlaTimes = {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  solvedAt: Date | null;
};

/**
 * The state of each SLA clock at `now`. The first-response clock stops at the first public reply
 * (or when the ticket is solved without one); the resolution clock stops when it is solved.
 * A stopped clock is met or breached for good; a running one is breached once its due time has passed
 * and at risk within SLA_AT_RISK_MINUTES of it.
 */
export function slaState(t: SlaTimes, now: Date) {
  const clock = (due: Date, stoppedAt: Date | null): SlaClock => {
    if (stoppedAt) return stoppedAt.getTime() > due.getTime() ? 'breached' : 'met';
    if (now.getTime() > due.getTime()) return 'breached';
    return due.getTime() - now.getTime() <= SLA_AT_RISK_MINUTES * MINUTE ? 'at_risk' : 'running';
  };
  const firstResponse = clock(t.firstResponseDueAt, t.firstRespondedAt ?? t.solvedAt);
  const resolution = clock(t.resolutionDueAt, t.solvedAt);
  return {
    first_response: firstResponse,
    resolution,
    first_response_breached: firstResponse === 'breached',
    resolution_breached: resolution === 'breached',
  };
}

// ─── Canned replies ─────────────────────────────────────────────────────────────────────────────

/** Every placeholder a canned reply (or any reply) may use, and where its value comes from. */
export const PLACEHOLDERS = {
  'customer.first_name': "The customer's first name",
  'customer.last_name': "The customer's last name",
  'customer.name': "The customer's full name",
  'customer.email': "The customer's email address",
  'order.number': 'The linked order number (or the customer’s latest order)',
  'order.status': 'The linked order’s status',
  'order.total': 'The linked order’s total, formatted',
  'tracking.carrier': 'The carrier of the order’s latest shipment',
  'tracking.number': 'The tracking number of the order’s latest shipment',
  'tracking.url': 'A link to track the order’s latest shipment',
  'ticket.number': 'This ticket’s number',
  'ticket.subject': 'This ticket’s subject',
  'agent.name': 'Your name',
  'shop.name': 'The shop’s name',
} as const;
export type PlaceholderName = keyof typeof PLACEHOLDERS;

const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type RenderedReply = {
  text: string;
  /** placeholders that do not exist (a typo, or one we do not offer) */
  unknown: string[];
  /** known placeholders this ticket has no value for (no linked order, nothing shipped yet) */
  missing: PlaceholderName[];
};

/**
 * Fills `{{placeholder}}`s from `values`. Unknown or unfilled placeholders are left in the text and
 * listed, so the caller can refuse to send (`assertRenderable`) and the preview can name them.
 */
export function renderPlaceholders(
  template: string,
  values: Partial<Record<PlaceholderName, string | null>>,
): RenderedReply {
  const unknown = new Set<string>();
  const missing = new Set<PlaceholderName>();
  const text = template.replace(PLACEHOLDER_PATTERN, (whole, rawName: string) => {
    const name = rawName.trim();
    if (!(name in PLACEHOLDERS)) {
      unknown.add(name);
      return whole;
    }
    const value = values[name as PlaceholderName];
    if (value === null || value === undefined || value === '') {
      missing.add(name as PlaceholderName);
      return whole;
    }
    return value;
  });
  return { text, unknown: [...unknown], missing: [...missing] };
}

/** Refuses a reply that still has placeholders it cannot fill, naming them (422 on `field`). */
export function assertRenderable(rendered: RenderedReply, field = 'body'): string {
  if (rendered.unknown.length) {
    const names = rendered.unknown.map((n) => `{{${n}}}`).join(', ');
    throw new AppError('VALIDATION_FAILED', `Unknown placeholder ${names}`, [
      {
        field,
        message: `Unknown placeholder ${names}. Use one of: ${Object.keys(PLACEHOLDERS)
          .map((n) => `{{${n}}}`)
          .join(', ')}`,
      },
    ]);
  }
  if (rendered.missing.length) {
    const names = rendered.missing.map((n) => `{{${n}}}`).join(', ');
    throw new AppError('VALIDATION_FAILED', `No value for ${names} on this ticket`, [
      {
        field,
        message:
          `This ticket has no value for ${names} ` +
          `(${rendered.missing.map((n) => PLACEHOLDERS[n].toLowerCase()).join('; ')}). ` +
          `Link an order or write the text yourself.`,
      },
    ]);
  }
  return rendered.text;
}

/** Tags as stored: trimmed, lower-case, spaces to dashes, unique, sorted. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter(Boolean))].sort();
}

export { trackingUrl } from '@/lib/shipping/rules';
