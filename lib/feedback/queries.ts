import 'server-only';
import { z } from 'zod';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { db, type Tx } from '@/lib/db';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { isUuid } from '@/lib/boundary';
import { ratingOut, suggestThemes, TICKET_RATINGS, type DeliveryDelays, type TicketRating } from './rules';
import type { TFeedbackListQuery } from './schemas';
import { isSurveyToken } from './links';

/** One answer as GET /api/v1/feedback shows it. */
export type FeedbackAnswerDto = {
  id: string;
  kind: 'order' | 'ticket';
  rating: number | TicketRating;
  comment: string | null;
  themes: string[];
  order_id?: string;
  ticket_id?: string;
  skus: string[];
  answered_at: string;
};

/** An inbox row: the answer with its customer, order, items, ticket and the suggested themes. */
export type FeedbackInboxRow = FeedbackAnswerDto & {
  channel: string;
  source: string;
  customer: { id: string; name: string; email: string } | null;
  order_number: number | null;
  ticket_number: number | null;
  items: { sku: string; name: string; quantity: number; rating: number | null }[];
  suggested_themes: string[];
  reply_ticket: { id: string; number: number } | null;
};

type Row = {
  id: string;
  kind: 'order' | 'ticket';
  rating: number;
  comment: string | null;
  channel: string;
  source: string;
  order_id: string | null;
  ticket_id: string | null;
  answered_at: Date;
  themes: string[];
  skus: string[];
  customer_id: string | null;
  customer_name: string | null;
  customer_email: string | null;
  order_number: number | null;
  ticket_number: number | null;
  reply_ticket_id: string | null;
  reply_ticket_number: number | null;
  items: { sku: string; name: string; quantity: number; rating: number | null }[] | null;
};

const SELECT = Prisma.sql`
  SELECT a.id::text, a.kind::text AS kind, a.rating, a.comment, a.channel, a.source,
    a.order_id::text, a.ticket_id::text, a.answered_at,
         coalesce((SELECT array_agg(th.slug ORDER BY th.slug) FROM feedback_answer_themes at JOIN
           feedback_themes th ON th.id = at.theme_id WHERE at.answer_id = a.id), '{}') AS themes,
         coalesce((SELECT array_agg(DISTINCT l.sku ORDER BY l.sku) FROM order_lines l WHERE
           l.order_id = coalesce(a.order_id, t.order_id)), '{}') AS skus,
         c.id::text AS customer_id, nullif(trim(c.first_name || ' ' || c.last_name), '') AS
           customer_name, c.email AS customer_email,
         o.number AS order_number, t.number AS ticket_number, a.reply_ticket_id::text, rt.number AS reply_ticket_number,
         (SELECT json_agg(json_build_object('sku', l.sku, 'name', l.name, 'quantity', l.quantity,
           'rating', i.rating) ORDER BY l.sku)
            FROM order_lines l LEFT JOIN feedback_answer_items i ON i.answer_id = a.id AND i.order_line_id = l.id
           WHERE l.order_id = coalesce(a.order_id, t.order_id)) AS items
  FROM feedback_answers a
  LEFT JOIN customers c ON c.id = a.customer_id
  LEFT JOIN tickets t ON t.id = a.ticket_id
  LEFT JOIN orders o ON o.id = coalesce(a.order_id, t.order_id)
  LEFT JOIN tickets rt ON rt.id = a.reply_ticket_id`;

function dto(r: Row): FeedbackAnswerDto {
  return {
    id: r.id,
    kind: r.kind,
    rating: ratingOut(r.kind, r.rating),
    comment: r.comment,
    themes: r.themes,
    ...(r.order_id ? { order_id: r.order_id } : {}),
    ...(r.ticket_id ? { ticket_id: r.ticket_id } : {}),
    skus: r.skus,
    answered_at: r.answered_at.toISOString(),
  };
}

export async function feedbackAnswerDto(id: string, tx: Tx = db): Promise<FeedbackAnswerDto | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.$queryRaw<Row[]>`${SELECT} WHERE a.id = ${id}::uuid`;
  return row ? dto(row) : null;
}

const ZCursorValue = z.tuple([z.string().datetime(), z.string().uuid()]);

/**
 * Answers newest first with the inbox's and the API's filters: rating (1–5 for orders, good/bad for
 * tickets), kind, channel, SKU (the order holds it), theme (tagged), answered from/to (shop-timezone
 * days, both included). Keyset pages on (answered_at, id), signed cursors.
 */
export async function feedbackList(
  query: TFeedbackListQuery,
  tx: Tx = db,
): Promise<{ data: FeedbackInboxRow[]; next_cursor: string | null }> {
  const [{ timezone }] = await tx.$queryRaw<
    { timezone: string }[]
  >`SELECT timezone FROM shop_settings WHERE id = 1`;
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.rating === 'good' || query.rating === 'bad')
    where.push(Prisma.sql`a.kind = 'ticket' AND a.rating = ${TICKET_RATINGS[query.rating]}`);
  else if (query.rating) where.push(Prisma.sql`a.kind = 'order' AND a.rating = ${Number(query.rating)}`);
  if (query.kind) where.push(Prisma.sql`a.kind = ${query.kind}::feedback_kind`);
  if (query.channel) where.push(Prisma.sql`a.channel = ${query.channel}`);
  if (query.sku)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = coalesce(a.order_id,
        t.order_id) AND l.sku = ${query.sku})`,
    );
  if (query.theme)
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM feedback_answer_themes at JOIN feedback_themes th ON th.id =
        at.theme_id WHERE at.answer_id = a.id AND th.slug = ${query.theme})`,
    );
  if (query.from) where.push(Prisma.sql`a.answered_at >= ${startOfDayIn(query.from, timezone)}`);
  if (query.to) where.push(Prisma.sql`a.answered_at <= ${endOfDayIn(query.to, timezone)}`);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, ZCursorValue);
    where.push(Prisma.sql`(a.answered_at, a.id) < (${new Date(at)}, ${id}::uuid)`);
  }
  const rows = await tx.$queryRaw<Row[]>`
    ${SELECT} WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY a.answered_at DESC, a.id DESC LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const themes = await themeKeywords(tx);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => ({
      ...dto(r),
      channel: r.channel,
      source: r.source,
      customer:
        r.customer_id && r.customer_email
          ? { id: r.customer_id, name: r.customer_name ?? r.customer_email, email: r.customer_email }
          : null,
      order_number: r.order_number,
      ticket_number: r.ticket_number,
      items: r.items ?? [],
      suggested_themes: suggestThemes(r.comment, themes).filter((s) => !r.themes.includes(s)),
      reply_ticket:
        r.reply_ticket_id && r.reply_ticket_number
          ? { id: r.reply_ticket_id, number: r.reply_ticket_number }
          : null,
    })),
    next_cursor:
      rows.length > query.limit && last ? encodeCursor([last.answered_at.toISOString(), last.id]) : null,
  };
}

async function themeKeywords(tx: Tx) {
  return tx.feedbackTheme.findMany({
    where: { archivedAt: null },
    select: { slug: true, keywords: true },
    orderBy: { slug: 'asc' },
  });
}

export type FeedbackThemeDto = {
  id: string;
  slug: string;
  label: string;
  keywords: string[];
  archived: boolean;
};

export async function feedbackThemes(tx: Tx = db): Promise<FeedbackThemeDto[]> {
  const rows = await tx.feedbackTheme.findMany({
    orderBy: [{ archivedAt: { sort: 'asc', nulls: 'first' } }, { label: 'asc' }],
  });
  return rows.map((t) => ({
    id: t.id,
    slug: t.slug,
    label: t.label,
    keywords: t.keywords,
    archived: !!t.archivedAt,
  }));
}

export type FeedbackSettingsDto = {
  delivery_delay_days: DeliveryDelays;
  ticket_surveys: boolean;
  reopen_on_bad_rating: boolean;
  daily_send_limit: number;
  link_valid_days: number;
};

export async function feedbackSettings(tx: Tx = db): Promise<FeedbackSettingsDto> {
  const s = await tx.feedbackSettings.findUniqueOrThrow({ where: { id: 1 } });
  return {
    delivery_delay_days: s.deliveryDelayDays as DeliveryDelays,
    ticket_surveys: s.ticketSurveys,
    reopen_on_bad_rating: s.reopenOnBadRating,
    daily_send_limit: s.dailySendLimit,
    link_valid_days: s.linkValidDays,
  };
}

/** What the public answer page shows: only this survey's own order or ticket, never anyone else's. */
export type SurveyForLink =
  | {
      kind: 'order';
      shop_name: string;
      first_name: string;
      order_number: number;
      items: { line_id: string; name: string; quantity: number }[];
    }
  | { kind: 'ticket'; shop_name: string; first_name: string; ticket_number: number; subject: string };

/**
 * The survey behind a signed link, or null when the link cannot be answered: a wrong token, an
 * unknown survey, one not sent, already answered (a reused link) or expired. The page answers 404
 * for every null alike.
 */
export async function surveyForLink(
  surveyId: string,
  token: string | null | undefined,
  now = new Date(),
  tx: Tx = db,
): Promise<SurveyForLink | null> {
  if (!isSurveyToken(surveyId, token)) return null;
  const survey = await tx.feedbackSurvey.findUnique({
    where: { id: surveyId },
    select: {
      kind: true,
      status: true,
      expiresAt: true,
      orderId: true,
      customer: { select: { firstName: true } },
      order: { select: { number: true } },
      ticket: { select: { number: true, subject: true } },
    },
  });
  if (!survey || survey.status !== 'sent' || !survey.expiresAt || survey.expiresAt <= now) return null;
  const shop = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { shopName: true } });
  const base = { shop_name: shop?.shopName ?? 'Backroom', first_name: survey.customer.firstName };
  if (survey.kind === 'order' && survey.order) {
    const lines = await tx.orderLine.findMany({
      where: { orderId: survey.orderId!, quantityFulfilled: { gt: 0 } },
      select: { id: true, name: true, quantityFulfilled: true },
      orderBy: { id: 'asc' },
    });
    return {
      kind: 'order',
      ...base,
      order_number: survey.order.number,
      items: lines.map((l) => ({ line_id: l.id, name: l.name, quantity: l.quantityFulfilled })),
    };
  }
  if (survey.kind === 'ticket' && survey.ticket)
    return { kind: 'ticket', ...base, ticket_number: survey.ticket.number, subject: survey.ticket.subject };
  return null;
}

/** Survey counts for the inbox header: scheduled, sent (waiting for an answer), answered, skipped. */
export async function surveyCounts(
  tx: Tx = db,
): Promise<Record<'scheduled' | 'sent' | 'answered' | 'skipped', number>> {
  const rows = await tx.$queryRaw<{ status: string; n: number }[]>`
    SELECT status::text, count(*)::int AS n FROM feedback_surveys GROUP BY status`;
  const out = { scheduled: 0, sent: 0, answered: 0, skipped: 0 };
  for (const r of rows) out[r.status as keyof typeof out] = r.n;
  return out;
}
