import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { ROLE_PERMISSIONS } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/actor';
import {
  renderPlaceholders,
  SLA_AT_RISK_MINUTES,
  slaState,
  type RenderedReply,
  trackingUrl,
  type PlaceholderName,
  type SlaCalendar,
  type SlaPolicyMinutes,
  type TicketPriority,
  type TicketStatus,
} from '@/lib/support/rules';
import type { TicketSortValue, TTicketListQuery } from '@/lib/support/schemas';
import {
  customerReturns,
  customerRefunds,
  type ReturnSummary,
  type RefundSummary,
} from '@/lib/support/returns-sidebar';
import { isUuid, zInt, zTimestamp } from '@/lib/boundary';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { keysetSql } from '@/lib/list/keyset-sql';
import { isSortColumn, readSort, sortSpec, type ListSort } from '@/lib/list/sort';

// ─── SLA settings ───────────────────────────────────────────────────────────────────────────────

export type SlaSettingsDto = {
  business_hours_only: boolean;
  business_days: number[];
  opens_at: string;
  closes_at: string;
  timezone: string;
  policies: Record<TicketPriority, { first_response_minutes: number; resolution_minutes: number }>;
};

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** The calendar the SLA clocks run on: 24/7, or the desk's business hours in the shop's time zone. */
export async function slaCalendar(tx: Tx = db): Promise<SlaCalendar> {
  const [row] = await tx.$queryRaw<
    {
      business_hours_only: boolean;
      business_days: number[];
      opens_at_minute: number;
      closes_at_minute: number;
      timezone: string | null;
    }[]
  >`
    SELECT s.business_hours_only, s.business_days, s.opens_at_minute, s.closes_at_minute, (SELECT
      timezone FROM shop_settings WHERE id = 1) AS timezone
    FROM support_settings s WHERE s.id = 1`;
  if (!row || !row.business_hours_only) return { mode: 'always' };
  return {
    mode: 'business',
    timeZone: row.timezone ?? 'UTC',
    days: row.business_days,
    opensAt: row.opens_at_minute,
    closesAt: row.closes_at_minute,
  };
}

export async function slaPolicy(priority: TicketPriority, tx: Tx = db): Promise<SlaPolicyMinutes> {
  const row = await tx.slaPolicy.findUnique({
    where: { priority },
    select: { firstResponseMinutes: true, resolutionMinutes: true },
  });
  if (!row)
    throw new AppError(
      'INVALID_STATE',
      `There is no SLA policy for ${priority} tickets; set one in Support → SLA settings.`,
    );
  return row;
}

export async function slaSettings(tx: Tx = db): Promise<SlaSettingsDto> {
  const [settings, policies, shop] = await allOn(tx, [
    () => tx.supportSettings.findUnique({ where: { id: 1 } }),
    () => tx.slaPolicy.findMany(),
    () => tx.shopSettings.findUnique({ where: { id: 1 }, select: { timezone: true } }),
  ]);
  const byPriority = Object.fromEntries(
    policies.map((p) => [
      p.priority,
      { first_response_minutes: p.firstResponseMinutes, resolution_minutes: p.resolutionMinutes },
    ]),
  );
  return {
    business_hours_only: settings?.businessHoursOnly ?? false,
    business_days: settings?.businessDays ?? [1, 2, 3, 4, 5],
    opens_at: hhmm(settings?.opensAtMinute ?? 540),
    closes_at: hhmm(settings?.closesAtMinute ?? 1020),
    timezone: shop?.timezone ?? 'UTC',
    policies: byPriority as SlaSettingsDto['policies'],
  };
}

// ─── Tickets ────────────────────────────────────────────────────────────────────────────────────

export type SlaDto = ReturnType<typeof slaState> & {
  first_response_due_at: string;
  resolution_due_at: string;
  next_due_at: string | null;
};

export type TicketRow = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: string;
  tags: string[];
  customer: { id: string; name: string; email: string };
  order: { id: string; number: number } | null;
  assignee: { id: string; name: string } | null;
  created_at: string;
  last_message_at: string;
  first_responded_at: string | null;
  solved_at: string | null;
  closed_at: string | null;
  sla: SlaDto;
};

type RawRow = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: string;
  tags: string[];
  customer_id: string;
  first_name: string;
  last_name: string;
  email: string;
  order_id: string | null;
  order_number: number | null;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: Date;
  last_message_at: Date;
  first_response_due_at: Date;
  resolution_due_at: Date;
  first_responded_at: Date | null;
  solved_at: Date | null;
  closed_at: Date | null;
  /** the inbox's sort keys (PRIORITY_RANK, NEXT_DUE) */
  priority_rank: number;
  next_due: Date | null;
};

function slaDto(
  r: Pick<RawRow, 'first_response_due_at' | 'resolution_due_at' | 'first_responded_at' | 'solved_at'>,
  now: Date,
): SlaDto {
  const state = slaState(
    {
      firstResponseDueAt: r.first_response_due_at,
      resolutionDueAt: r.resolution_due_at,
      firstRespondedAt: r.first_responded_at,
      solvedAt: r.solved_at,
    },
    now,
  );
  const running = [
    r.first_responded_at || r.solved_at ? null : r.first_response_due_at,
    r.solved_at ? null : r.resolution_due_at,
  ].filter((d): d is Date => !!d);
  const next = running.length ? new Date(Math.min(...running.map((d) => d.getTime()))) : null;
  return {
    ...state,
    first_response_due_at: r.first_response_due_at.toISOString(),
    resolution_due_at: r.resolution_due_at.toISOString(),
    next_due_at: next?.toISOString() ?? null,
  };
}

function rowDto(r: RawRow, now: Date): TicketRow {
  return {
    id: r.id,
    number: r.number,
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    channel: r.channel,
    tags: r.tags,
    customer: { id: r.customer_id, name: `${r.first_name} ${r.last_name}`.trim(), email: r.email },
    order: r.order_id && r.order_number !== null ? { id: r.order_id, number: r.order_number } : null,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    created_at: r.created_at.toISOString(),
    last_message_at: r.last_message_at.toISOString(),
    first_responded_at: r.first_responded_at?.toISOString() ?? null,
    solved_at: r.solved_at?.toISOString() ?? null,
    closed_at: r.closed_at?.toISOString() ?? null,
    sla: slaDto(r, now),
  };
}

const PRIORITY_RANK = Prisma.sql`CASE t.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN
  'normal' THEN 2 ELSE 3 END`;
const NEXT_DUE = Prisma.sql`CASE WHEN t.solved_at IS NOT NULL THEN NULL WHEN t.first_responded_at IS
  NULL THEN LEAST(t.first_response_due_at, t.resolution_due_at) ELSE t.resolution_due_at END`;

const SELECT_ROW = Prisma.sql`
  SELECT t.id::text, t.number, t.subject, t.status::text AS status, t.priority::text AS priority,
    t.channel::text AS channel, t.tags,
         c.id::text AS customer_id, c.first_name, c.last_name, c.email, o.id::text AS order_id,
           o.number AS order_number,
         u.id::text AS assignee_id, u.name AS assignee_name, t.return_id::text AS return_id,
           t.created_at, t.last_message_at,
         t.first_response_due_at, t.resolution_due_at, t.first_responded_at, t.solved_at, t.closed_at,
         ${PRIORITY_RANK} AS priority_rank, ${NEXT_DUE} AS next_due
  FROM tickets t
  JOIN customers c ON c.id = t.customer_id
  LEFT JOIN orders o ON o.id = t.order_id
  LEFT JOIN users u ON u.id = t.assignee_id`;

/** SQL twins of slaState (lib/support/rules.ts): keep them saying the same thing. */
function breachedSql(now: Date) {
  return Prisma.sql`(COALESCE(t.first_responded_at, t.solved_at, ${now}) > t.first_response_due_at
    OR COALESCE(t.solved_at, ${now}) > t.resolution_due_at)`;
}
function atRiskSql(now: Date) {
  const soon = new Date(now.getTime() + SLA_AT_RISK_MINUTES * 60_000);
  return Prisma.sql`(NOT ${breachedSql(now)} AND (
    (t.first_responded_at IS NULL AND t.solved_at IS NULL AND t.first_response_due_at BETWEEN ${now} AND ${soon})
    OR (t.solved_at IS NULL AND t.resolution_due_at BETWEEN ${now} AND ${soon})))`;
}
const ACTIVE = Prisma.sql`t.status IN ('open', 'pending')`;

function like(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The inbox's header sort (`sort`/`dir` in the URL, decision 054). By default the SLA due time (`due`:
 * the next running clock's due time), soonest first; or priority (urgent first, the due time breaking
 * ties), the ticket's creation (`created`) or its last message, either way. A solved ticket has no
 * clock running and comes last by due time either way. The ticket number breaks every tie.
 */
export const INBOX_SORT = sortSpec(['created', 'priority', 'due', 'last_message'], {
  id: 'due',
  desc: false,
});
export type InboxSort = ListSort<(typeof INBOX_SORT.columns)[number]>;

/** What GET /api/v1/tickets' one-value `sort` (TICKET_SORTS, its contract) means in the inbox's sort. */
const API_SORT: Record<TicketSortValue, InboxSort> = {
  due: { id: 'due', desc: false },
  priority: { id: 'priority', desc: false },
  updated: { id: 'last_message', desc: true },
  newest: { id: 'created', desc: true },
  oldest: { id: 'created', desc: false },
};

/** The one value of the inbox's Sort select for a sort: `created_desc`. */
export function inboxSortValue(sort: InboxSort): string {
  return `${sort.id}_${sort.desc ? 'desc' : 'asc'}`;
}

/**
 * The inbox page's sort, read leniently: `sort=<column>&dir=asc|desc` (the headers), or one value —
 * the Sort select's `created_desc`, or the API's `updated`, `newest`, `oldest` (older links). `oneValue`
 * says the URL used the one-value form, for the page to send it on to the sort/dir form. Anything else
 * is dropped (named in `ignored`) for the default.
 */
export function readInboxSort(raw: Record<string, string | string[] | undefined>): {
  sort: InboxSort;
  oneValue: boolean;
  ignored: ('sort' | 'dir')[];
} {
  const value = (Array.isArray(raw.sort) ? raw.sort[0] : raw.sort)?.trim() ?? '';
  const split = /^(.+)_(asc|desc)$/.exec(value);
  if (split && isSortColumn(INBOX_SORT, split[1]))
    return { sort: { id: split[1], desc: split[2] === 'desc' }, oneValue: true, ignored: [] };
  if (!isSortColumn(INBOX_SORT, value) && Object.hasOwn(API_SORT, value))
    return { sort: API_SORT[value as TicketSortValue], oneValue: true, ignored: [] };
  return { ...readSort(raw, INBOX_SORT), oneValue: false };
}

type CursorValue = string | number | null;

// The inbox's cursor: the sort it belongs to (so that it is never read as a position in another
// order), the last row's keys for that sort, and its number.
const ZInboxCursor = z.tuple([
  z.enum(INBOX_SORT.columns),
  z.boolean(),
  z.array(z.union([zTimestamp(), zInt({ min: 0, max: 3 }), z.null()])).max(2),
  zInt({ min: 1 }),
]);

/** The sort's keys before the ticket number, the SQL of a cursor's values for them, and a row's. */
function inboxKeys(sort: InboxSort) {
  // No clock running: the latest possible due time ascending, the earliest descending (last either way).
  const never = Prisma.raw(sort.desc ? "'-infinity'::timestamptz" : "'infinity'::timestamptz");
  const due = Prisma.sql`coalesce(${NEXT_DUE}, ${never})`;
  const at = (v: CursorValue) => (v === null ? never : Prisma.sql`${String(v)}::timestamptz`);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    created: {
      keys: [Prisma.sql`t.created_at`],
      values: (v: readonly CursorValue[]) => [at(v[0])],
      of: (r: RawRow): CursorValue[] => [iso(r.created_at)],
    },
    last_message: {
      keys: [Prisma.sql`t.last_message_at`],
      values: (v: readonly CursorValue[]) => [at(v[0])],
      of: (r: RawRow): CursorValue[] => [iso(r.last_message_at)],
    },
    due: {
      keys: [due],
      values: (v: readonly CursorValue[]) => [at(v[0])],
      of: (r: RawRow): CursorValue[] => [iso(r.next_due)],
    },
    priority: {
      keys: [PRIORITY_RANK, due],
      values: (v: readonly CursorValue[]) => [Prisma.sql`${Number(v[0])}::int`, at(v[1])],
      of: (r: RawRow): CursorValue[] => [r.priority_rank, iso(r.next_due)],
    },
  }[sort.id];
}

/**
 * The inbox: a view (open, mine, unassigned, pending, SLA at risk, breached, all) narrowed by filters,
 * sorted on the server (`options.sort`, else the API's one-value `query.sort`), a page at a time.
 * `viewerId` is whose "mine" it is (null for API keys). Keyset-paged on the sort's keys and the ticket
 * number (decision 054); a cursor of another sort is a 422 naming `cursor`.
 */
export async function ticketList(
  query: TTicketListQuery,
  viewerId: string | null,
  options: { now?: Date; sort?: InboxSort } = {},
  tx: Tx = db,
): Promise<{ data: TicketRow[]; next_cursor: string | null; total: number }> {
  const now = options.now ?? new Date();
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  switch (query.view) {
    case 'mine':
      if (!viewerId)
        throw new AppError('VALIDATION_FAILED', 'The "mine" view needs a signed-in user', [
          { field: 'view', message: 'Use assignee=<user id> with an API key' },
        ]);
      where.push(ACTIVE, Prisma.sql`t.assignee_id = ${viewerId}::uuid`);
      break;
    case 'unassigned':
      where.push(ACTIVE, Prisma.sql`t.assignee_id IS NULL`);
      break;
    case 'open':
      where.push(Prisma.sql`t.status = 'open'`);
      break;
    case 'pending':
      where.push(Prisma.sql`t.status = 'pending'`);
      break;
    case 'at_risk':
      where.push(ACTIVE, atRiskSql(now));
      break;
    case 'breached':
      where.push(ACTIVE, breachedSql(now));
      break;
    case 'all':
      break;
  }
  if (query.status) where.push(Prisma.sql`t.status = ${query.status}::ticket_status`);
  if (query.priority) where.push(Prisma.sql`t.priority = ${query.priority}::ticket_priority`);
  if (query.channel) where.push(Prisma.sql`t.channel = ${query.channel}::ticket_channel`);
  if (query.assignee === 'none') where.push(Prisma.sql`t.assignee_id IS NULL`);
  else if (query.assignee) where.push(Prisma.sql`t.assignee_id = ${query.assignee}::uuid`);
  if (query.tag) where.push(Prisma.sql`${query.tag.toLowerCase()} = ANY(t.tags)`);
  if (query.q) {
    const q = query.q.replace(/^#/, '');
    if (/^\d+$/.test(q) && Number(q) < 2_147_483_647)
      where.push(Prisma.sql`(t.number = ${Number(q)} OR o.number = ${Number(q)})`);
    else if (q.includes('@')) where.push(Prisma.sql`c.email = ${q.toLowerCase()}`);
    else {
      const contains = `%${like(q)}%`;
      const prefix = `${like(q)}%`;
      where.push(
        Prisma.sql`(t.subject ILIKE ${contains} OR c.first_name ILIKE ${prefix} OR c.last_name ILIKE
          ${prefix} OR (c.first_name || ' ' || c.last_name) ILIKE ${prefix})`,
      );
    }
  }
  const sort = options.sort ?? API_SORT[query.sort];
  const spec = inboxKeys(sort);
  let after: Prisma.Sql[] | undefined;
  if (query.cursor) {
    const [id, desc, values, number] = decodeCursor(query.cursor, ZInboxCursor);
    if (id !== sort.id || desc !== sort.desc || values.length !== spec.keys.length)
      throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [
        { field: 'cursor', message: 'This cursor belongs to another sort order; start from the first page' },
      ]);
    after = [...spec.values(values), Prisma.sql`${number}::int`];
  }
  const keyset = keysetSql(sort.desc, [...spec.keys, Prisma.sql`t.number`], after);
  const condition = Prisma.join(where, ' AND ');
  const [rows, [count]] = await allOn(tx, [
    () =>
      tx.$queryRaw<RawRow[]>`${SELECT_ROW} WHERE ${condition} AND ${keyset.after ?? Prisma.sql`TRUE`}
      ORDER BY ${keyset.orderBy} LIMIT ${query.limit + 1}`,
    () => tx.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM tickets t JOIN customers c ON c.id = t.customer_id LEFT JOIN orders
      o ON o.id = t.order_id WHERE ${condition}`,
  ]);
  const page = rows.slice(0, query.limit);
  const last = rows.length > query.limit ? page[page.length - 1] : undefined;
  const next = last ? encodeCursor([sort.id, sort.desc, spec.of(last), last.number]) : null;
  return { data: page.map((r) => rowDto(r, now)), next_cursor: next, total: Number(count.n) };
}

/**
 * For the dashboard (decision 014): SLA clocks that were breached with their due time in [from, to)
 * — a clock breaches at its due time when it has not stopped by then (the same condition as
 * breachedSql, per clock) — and the backlog now: unsolved tickets, those at risk and breached.
 * Index probes on first_response_due_at, resolution_due_at and (status, …).
 */
export async function supportKpiCounts(periods: { from: Date; to: Date }[], now: Date, tx: Tx = db) {
  const breaches = await allOn(
    tx,
    periods.map(({ from, to }) => async () => {
      const [row] = await tx.$queryRaw<{ first_response: number; resolution: number }[]>`
      SELECT (SELECT count(*)::int FROM tickets t WHERE t.first_response_due_at >= ${from} AND
        t.first_response_due_at < ${to}
                AND COALESCE(t.first_responded_at, t.solved_at, ${now}) > t.first_response_due_at) AS first_response,
             (SELECT count(*)::int FROM tickets t WHERE t.resolution_due_at >= ${from} AND t.resolution_due_at < ${to}
                AND COALESCE(t.solved_at, ${now}) > t.resolution_due_at) AS resolution`;
      return row;
    }),
  );
  const [backlog] = await tx.$queryRaw<
    { open: number; pending: number; at_risk: number; breached: number }[]
  >`
    SELECT count(*) FILTER (WHERE t.status = 'open')::int AS open, count(*) FILTER (WHERE t.status =
      'pending')::int AS pending,
           count(*) FILTER (WHERE ${atRiskSql(now)})::int AS at_risk, count(*) FILTER (WHERE
             ${breachedSql(now)})::int AS breached
    FROM tickets t WHERE ${ACTIVE}`;
  return { breaches, backlog };
}

/** How many active tickets each inbox view holds, for the view tabs. */
export async function ticketViewCounts(
  viewerId: string,
  options: { now?: Date } = {},
  tx: Tx = db,
): Promise<Record<'open' | 'mine' | 'unassigned' | 'pending' | 'at_risk' | 'breached', number>> {
  const now = options.now ?? new Date();
  const [row] = await tx.$queryRaw<Record<string, bigint>[]>`
    SELECT count(*) FILTER (WHERE t.status = 'open') AS open,
           count(*) FILTER (WHERE ${ACTIVE} AND t.assignee_id = ${viewerId}::uuid) AS mine,
           count(*) FILTER (WHERE ${ACTIVE} AND t.assignee_id IS NULL) AS unassigned,
           count(*) FILTER (WHERE t.status = 'pending') AS pending,
           count(*) FILTER (WHERE ${ACTIVE} AND ${atRiskSql(now)}) AS at_risk,
           count(*) FILTER (WHERE ${ACTIVE} AND ${breachedSql(now)}) AS breached
    FROM tickets t WHERE t.status IN ('open', 'pending')`;
  return {
    open: Number(row.open),
    mine: Number(row.mine),
    unassigned: Number(row.unassigned),
    pending: Number(row.pending),
    at_risk: Number(row.at_risk),
    breached: Number(row.breached),
  };
}

export type TicketMessageDto = {
  id: string;
  kind: 'customer' | 'reply' | 'note';
  body: string;
  author: { type: string; label: string };
  created_at: string;
};
export type TicketDetail = TicketRow & { return_id: string | null; messages: TicketMessageDto[] };

export async function ticketDetail(
  id: string,
  options: { now?: Date } = {},
  tx: Tx = db,
): Promise<TicketDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.$queryRaw<
    (RawRow & { return_id: string | null })[]
  >`${SELECT_ROW} WHERE t.id = ${id}::uuid`;
  if (!row) return null;
  const messages = await tx.ticketMessage.findMany({
    where: { ticketId: id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { id: true, kind: true, body: true, authorType: true, authorLabel: true, createdAt: true },
  });
  return {
    ...rowDto(row, options.now ?? new Date()),
    return_id: row.return_id,
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      author: { type: m.authorType, label: m.authorLabel },
      created_at: m.createdAt.toISOString(),
    })),
  };
}

/** A ticket's tags (the return form preselects its reason from them); [] for an unknown ticket. */
export async function ticketTags(id: string, tx: Tx = db): Promise<string[]> {
  if (!isUuid(id)) return [];
  const row = await tx.ticket.findUnique({ where: { id }, select: { tags: true } });
  return row?.tags ?? [];
}

/** Locks the ticket row: every change to a ticket is serialised per ticket. */
export async function lockTicket(tx: Tx, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'That ticket does not exist.');
  const [row] = await tx.$queryRaw<
    {
      id: string;
      number: number;
      subject: string;
      status: TicketStatus;
      priority: TicketPriority;
      customer_id: string;
      order_id: string | null;
      assignee_id: string | null;
      tags: string[];
      created_at: Date;
      first_responded_at: Date | null;
      solved_at: Date | null;
    }[]
  >`
    SELECT id::text, number, subject, status::text AS status, priority::text AS priority,
      customer_id::text, order_id::text, assignee_id::text, tags,
           created_at, first_responded_at, solved_at
    FROM tickets WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw new AppError('NOT_FOUND', 'That ticket does not exist.');
  return row;
}

// ─── The ticket sidebar ─────────────────────────────────────────────────────────────────────────

export type TicketSidebar = {
  customer: {
    id: string;
    name: string;
    email: string;
    phone: string | null;
    tags: string[];
    since: string;
    order_count: number;
  };
  orders: {
    id: string;
    number: number;
    placed_at: string;
    status: string;
    payment_status: string;
    total: number;
    currency: string;
  }[];
  shipments: {
    id: string;
    number: number;
    order_id: string;
    order_number: number;
    carrier: string | null;
    service: string | null;
    tracking_number: string | null;
    tracking_url: string | null;
    status: string;
    shipped_at: string;
  }[];
  returns: ReturnSummary[];
  refunds: RefundSummary[];
  past_tickets: { id: string; number: number; subject: string; status: TicketStatus; created_at: string }[];
};

/** Everything the agent needs beside the thread: the customer's orders, parcels, returns, refunds and other tickets. */
export async function ticketSidebar(
  ticket: { id: string; customer: { id: string } },
  tx: Tx = db,
): Promise<TicketSidebar> {
  const customerId = ticket.customer.id;
  const [customer, orderCount, orders, shipments, pastTickets, returns, refunds] = await allOn(tx, [
    () =>
      tx.customer.findUniqueOrThrow({
        where: { id: customerId },
        select: {
          id: true,
          firstName: true,
          lastName: true,
          email: true,
          phone: true,
          tags: true,
          createdAt: true,
        },
      }),
    () => tx.order.count({ where: { customerId } }),
    () =>
      tx.order.findMany({
        where: { customerId },
        orderBy: { placedAt: 'desc' },
        take: 10,
        select: {
          id: true,
          number: true,
          placedAt: true,
          status: true,
          paymentStatus: true,
          total: true,
          currency: true,
        },
      }),
    () =>
      tx.shipment.findMany({
        where: { order: { customerId } },
        orderBy: { shippedAt: 'desc' },
        take: 10,
        select: {
          id: true,
          number: true,
          orderId: true,
          carrier: true,
          service: true,
          trackingNumber: true,
          status: true,
          shippedAt: true,
          order: { select: { number: true } },
        },
      }),
    () =>
      tx.ticket.findMany({
        where: { customerId, id: { not: ticket.id } },
        orderBy: { createdAt: 'desc' },
        take: 10,
        select: { id: true, number: true, subject: true, status: true, createdAt: true },
      }),
    () => customerReturns(customerId, tx),
    () => customerRefunds(customerId, tx),
  ]);
  return {
    customer: {
      id: customer.id,
      name: `${customer.firstName} ${customer.lastName}`.trim(),
      email: customer.email,
      phone: customer.phone,
      tags: customer.tags,
      since: customer.createdAt.toISOString(),
      order_count: orderCount,
    },
    orders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      placed_at: o.placedAt.toISOString(),
      status: o.status,
      payment_status: o.paymentStatus,
      total: o.total,
      currency: o.currency,
    })),
    shipments: shipments.map((s) => ({
      id: s.id,
      number: s.number,
      order_id: s.orderId,
      order_number: s.order.number,
      carrier: s.carrier,
      service: s.service,
      tracking_number: s.trackingNumber,
      tracking_url: trackingUrl(s.carrier, s.trackingNumber),
      status: s.status,
      shipped_at: s.shippedAt.toISOString(),
    })),
    returns,
    refunds,
    past_tickets: pastTickets.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      created_at: t.createdAt.toISOString(),
    })),
  };
}

// ─── Placeholders, canned replies, agents ───────────────────────────────────────────────────────

/**
 * The values a reply's placeholders are filled with on this ticket: the customer, the ticket's
 * linked order (only the linked one: a reply never guesses which order the customer means) and that
 * order's latest shipment. A value the ticket does not have is null (reported as missing).
 */
export async function placeholderValues(
  ticketId: string,
  agentName: string,
  tx: Tx = db,
): Promise<Record<PlaceholderName, string | null>> {
  const ticket = await tx.ticket.findUnique({
    where: { id: ticketId },
    select: {
      number: true,
      subject: true,
      customer: { select: { firstName: true, lastName: true, email: true } },
      order: {
        select: {
          number: true,
          status: true,
          total: true,
          currency: true,
          shipments: {
            orderBy: { shippedAt: 'desc' },
            take: 1,
            select: { carrier: true, trackingNumber: true },
          },
        },
      },
    },
  });
  if (!ticket) throw new AppError('NOT_FOUND', 'That ticket does not exist.');
  const shop = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { shopName: true } });
  const shipment = ticket.order?.shipments[0] ?? null;
  return {
    'customer.first_name': ticket.customer.firstName || null,
    'customer.last_name': ticket.customer.lastName || null,
    'customer.name': `${ticket.customer.firstName} ${ticket.customer.lastName}`.trim() || null,
    'customer.email': ticket.customer.email,
    'order.number': ticket.order ? String(ticket.order.number) : null,
    'order.status': ticket.order ? ticket.order.status.replace(/_/g, ' ') : null,
    'order.total': ticket.order ? formatMoney(ticket.order.total, ticket.order.currency) : null,
    'tracking.carrier': shipment?.carrier ?? null,
    'tracking.number': shipment?.trackingNumber ?? null,
    'tracking.url': shipment ? trackingUrl(shipment.carrier, shipment.trackingNumber) : null,
    'ticket.number': String(ticket.number),
    'ticket.subject': ticket.subject,
    'agent.name': agentName || null,
    'shop.name': shop?.shopName ?? null,
  };
}

/** The name a customer sees on a reply: the user's name, or the desk's for an API key or the system. */
export async function agentName(actor: Actor, tx: Tx = db): Promise<string> {
  if (actor.type !== 'user') return 'Customer support';
  const user = await tx.user.findUnique({ where: { id: actor.id }, select: { name: true } });
  return user?.name || 'Customer support';
}

/** A reply as the customer would get it: placeholders filled, unknown and unfillable ones listed. */
export async function previewReply(
  options: { ticketId: string; body: string; actor: Actor },
  tx: Tx = db,
): Promise<RenderedReply> {
  if (!isUuid(options.ticketId)) throw new AppError('NOT_FOUND', 'That ticket does not exist.');
  return renderPlaceholders(
    options.body,
    await placeholderValues(options.ticketId, await agentName(options.actor, tx), tx),
  );
}

export type CannedReplyDto = { id: string; name: string; body: string; updated_at: string };

export async function cannedReplies(tx: Tx = db): Promise<CannedReplyDto[]> {
  const rows = await tx.cannedReply.findMany({
    orderBy: { name: 'asc' },
    select: { id: true, name: true, body: true, updatedAt: true },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, body: r.body, updated_at: r.updatedAt.toISOString() }));
}

/** Active users whose role handles tickets: who a ticket can be assigned to. */
export async function supportAgents(tx: Tx = db): Promise<{ id: string; name: string; email: string }[]> {
  const roles = (Object.keys(ROLE_PERMISSIONS) as (keyof typeof ROLE_PERMISSIONS)[]).filter((r) =>
    ROLE_PERMISSIONS[r].includes('support:tickets'),
  );
  return tx.user.findMany({
    where: { active: true, role: { in: roles } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, email: true },
  });
}

export type TicketActivityDto = {
  id: string;
  action: string;
  label: string;
  actor: string;
  at: string;
  href: string | null;
};

/**
 * The ticket's timeline beside the thread: its own changes (status, assignee, …) and every step of
 * the returns and refunds started from it. Looked up by entity id, so each part is an index probe.
 */
export async function ticketActivity(ticketId: string, tx: Tx = db): Promise<TicketActivityDto[]> {
  const [returns, refunds] = await allOn(tx, [
    () => tx.return.findMany({ where: { ticketId }, select: { id: true } }),
    () => tx.refund.findMany({ where: { ticketId }, select: { id: true } }),
  ]);
  const rows = await tx.auditLog.findMany({
    where: {
      OR: [
        { entityType: 'ticket', entityId: ticketId },
        ...(returns.length ? [{ entityType: 'return', entityId: { in: returns.map((r) => r.id) } }] : []),
        ...(refunds.length ? [{ entityType: 'refund', entityId: { in: refunds.map((r) => r.id) } }] : []),
      ],
    },
    orderBy: { id: 'asc' },
    take: 200,
    select: {
      id: true,
      action: true,
      entityType: true,
      entityId: true,
      actorLabel: true,
      after: true,
      createdAt: true,
    },
  });
  return rows.map((r) => {
    const after = (r.after ?? {}) as { number?: unknown };
    const [entity, verb] = r.action.split('.');
    const number = typeof after.number === 'number' && entity !== 'ticket' ? ` #${after.number}` : '';
    return {
      id: String(r.id),
      action: r.action,
      label:
        `${entity[0].toUpperCase()}${entity.slice(1)}${number} ${(verb ?? '').replace(/_/g, ' ')}`.trim(),
      actor: r.actorLabel,
      at: r.createdAt.toISOString(),
      href: r.entityType === 'return' ? `/returns/${r.entityId}` : null,
    };
  });
}
