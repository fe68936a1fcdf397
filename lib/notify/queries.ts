import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { mailConfig } from './mailer';
import { CUSTOMER_TEMPLATES } from './rules';
import { isUuid } from '@/lib/boundary';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { sortSpec, type ListSort } from '@/lib/list/sort';

export const ZOutboxQuery = z.object({
  status: z.enum(['pending', 'sent', 'failed']).optional().catch(undefined),
  to: z.string().trim().max(200).optional().catch(undefined),
  before: z.coerce.date().optional().catch(undefined),
});
export type TOutboxQuery = z.infer<typeof ZOutboxQuery>;

export type OutboxRowDto = {
  id: string;
  template: string;
  to: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  order_id: string | null;
  return_id: string | null;
  ticket_id: string | null;
};

const PAGE = 50;

/**
 * The outbox's header sort: by time queued (also the keyset), newest first by default; oldest first,
 * `before` is the last time shown and the next page starts after it.
 */
export const OUTBOX_SORT = sortSpec(['queued'], { id: 'queued', desc: true });

/** The outbox, newest first unless sorted otherwise, for Settings → Outbox. */
export async function outboxList(
  query: TOutboxQuery,
  sort: ListSort<(typeof OUTBOX_SORT.columns)[number]> = OUTBOX_SORT.default,
) {
  const dir = sort.desc ? 'desc' : 'asc';
  const rows = await db.outboxMessage.findMany({
    where: {
      ...(query.status ? { status: query.status } : {}),
      ...(query.to
        ? { toAddress: { startsWith: query.to.toLowerCase(), mode: 'insensitive' as const } }
        : {}),
      ...(query.before ? { createdAt: sort.desc ? { lt: query.before } : { gt: query.before } } : {}),
    },
    orderBy: [{ createdAt: dir }, { id: dir }],
    take: PAGE + 1,
    select: {
      id: true,
      template: true,
      toAddress: true,
      subject: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      orderId: true,
      returnId: true,
      ticketId: true,
    },
  });
  const page = rows.slice(0, PAGE);
  const counts = await db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
  const config = mailConfig();
  return {
    rows: page.map(toDto),
    next_before: rows.length > PAGE ? page[page.length - 1].createdAt.toISOString() : null,
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<
      Record<OutboxRowDto['status'], number>
    >,
    /** Where mail goes (host only: the URL's credentials are never shown), or null when kept in the app. */
    smtp_host: config?.host ?? null,
  };
}

/** One message in full, as the customer gets (or got) it. */
export async function outboxMessage(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  const row = await db.outboxMessage.findUnique({ where: { id } });
  if (!row) return null;
  return {
    ...toDto(row),
    text_body: row.textBody,
    html_body: row.htmlBody,
    smtp_message_id: row.smtpMessageId,
  };
}

/** Messages about one order, for its timeline. */
export async function notificationsForOrder(orderId: string) {
  const rows = await db.outboxMessage.findMany({ where: { orderId }, orderBy: { createdAt: 'asc' } });
  return rows.map(toDto);
}

function toDto(row: {
  id: string;
  template: string;
  toAddress: string;
  subject: string;
  status: OutboxRowDto['status'];
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  orderId: string | null;
  returnId: string | null;
  ticketId: string | null;
}): OutboxRowDto {
  return {
    id: row.id,
    template: row.template,
    to: row.toAddress,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.nextAttemptAt.toISOString(),
    last_error: row.lastError,
    sent_at: row.sentAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    order_id: row.orderId,
    return_id: row.returnId,
    ticket_id: row.ticketId,
  };
}

/** A customer email as sent, for the ticket and order timelines. */
export type CustomerEmailDto = {
  id: string;
  template: string;
  to: string;
  subject: string;
  text_body: string;
  status: OutboxRowDto['status'];
  sent_at: string | null;
  created_at: string;
};

/**
 * Every customer email about a ticket (sent from it: replies, return and refund emails) or an order
 * (its own, and its returns' and refunds'), oldest first, with the text exactly as it was sent. Whoever
 * may read the ticket or the order may read these (decision 032); the Outbox stays admin-only.
 */
export async function customerEmails(about: { ticketId?: string; orderId?: string }) {
  const or: Prisma.OutboxMessageWhereInput[] = [];
  if (about.ticketId && isUuid(about.ticketId)) or.push({ ticketId: about.ticketId });
  if (about.orderId && isUuid(about.orderId)) {
    const returns = await db.return.findMany({ where: { orderId: about.orderId }, select: { id: true } });
    or.push({ orderId: about.orderId });
    if (returns.length) or.push({ returnId: { in: returns.map((r) => r.id) } });
  }
  if (!or.length) return [];
  const rows = await db.outboxMessage.findMany({
    where: { OR: or, template: { in: [...CUSTOMER_TEMPLATES] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 200,
    select: {
      id: true,
      template: true,
      toAddress: true,
      subject: true,
      textBody: true,
      status: true,
      sentAt: true,
      createdAt: true,
    },
  });
  return rows.map((r): CustomerEmailDto => ({
    id: r.id,
    template: r.template,
    to: r.toAddress,
    subject: r.subject,
    text_body: r.textBody,
    status: r.status,
    sent_at: r.sentAt?.toISOString() ?? null,
    created_at: r.createdAt.toISOString(),
  }));
}
