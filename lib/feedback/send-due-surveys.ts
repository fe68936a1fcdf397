import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { OPEN_RETURN_STATUSES, OPEN_TICKET_STATUSES, sendAllowance } from './rules';
import { feedbackSettingsRow } from './schedule-survey';
import { signedSurveyUrl, signedUnsubscribeUrl } from './links';
import { recordFeedbackFacts, surveySentFacts } from './kpi-facts';

const SURVEY_ACTOR: Actor = { type: 'system', id: null, label: 'feedback surveys' };

export type SendSurveysResult = { sent: number; skipped: number; waiting: number };

type Due = {
  id: string;
  kind: 'order' | 'ticket';
  order_id: string | null;
  ticket_id: string | null;
  channel: string;
  customer_id: string;
  email: string;
  first_name: string;
  unsubscribed: boolean;
  order_number: number | null;
  ticket_number: number | null;
  subject: string | null;
  open_return: boolean;
  open_ticket: boolean;
};

/**
 * Sends the surveys that are due (run every five minutes by the feedback.send-surveys job), in one
 * transaction: claims up to the sending allowance — the shop's daily limit minus what went out in
 * the last 24 hours, at most `batch` — oldest due first, `FOR UPDATE SKIP LOCKED` so two runs never
 * take the same survey. For each: an unsubscribed customer, or an order with an open return or an
 * open ticket, is skipped for good (with the reason); the rest get the email through the outbox
 * (dedupe key per survey: never twice) and become `sent` with their expiry. What the limit holds
 * back waits for a later run.
 */
export async function sendDueSurveys(
  options: { now?: Date; batch?: number } = {},
): Promise<SendSurveysResult> {
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const settings = await feedbackSettingsRow(tx);
    const [{ n: sentRecently }] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM feedback_surveys WHERE sent_at > ${new Date(now.getTime() - 86_400_000)}`;
    const allowance = sendAllowance(settings.dailySendLimit, sentRecently, options.batch ?? 100);
    const [{ n: dueCount }] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM feedback_surveys WHERE status = 'scheduled' AND due_at <= ${now}`;
    if (allowance === 0) return { sent: 0, skipped: 0, waiting: dueCount };
    const openReturns = [...OPEN_RETURN_STATUSES];
    const openTickets = [...OPEN_TICKET_STATUSES];
    const due = await tx.$queryRaw<Due[]>`
      SELECT s.id::text, s.kind::text AS kind, s.order_id::text, s.ticket_id::text, s.channel, s.customer_id::text,
             c.email, c.first_name, c.feedback_unsubscribed_at IS NOT NULL AS unsubscribed,
             o.number AS order_number, t.number AS ticket_number, t.subject,
             EXISTS (SELECT 1 FROM returns r WHERE r.order_id = s.order_id AND r.status::text =
               ANY(${openReturns}::text[])) AS open_return,
             EXISTS (SELECT 1 FROM tickets x WHERE x.order_id = s.order_id AND x.status::text =
               ANY(${openTickets}::text[])) AS open_ticket
      FROM (SELECT * FROM feedback_surveys WHERE status = 'scheduled' AND due_at <= ${now}
            ORDER BY due_at, id LIMIT ${allowance} FOR UPDATE SKIP LOCKED) s
      JOIN customers c ON c.id = s.customer_id
      LEFT JOIN orders o ON o.id = s.order_id
      LEFT JOIN tickets t ON t.id = s.ticket_id
      ORDER BY s.due_at, s.id`;
    const result: SendSurveysResult = { sent: 0, skipped: 0, waiting: Math.max(0, dueCount - due.length) };
    const expiresAt = new Date(now.getTime() + settings.linkValidDays * 86_400_000);
    const expiresOn = expiresAt.toISOString().slice(0, 10);
    for (const s of due) {
      const skip = s.unsubscribed
        ? 'unsubscribed'
        : s.open_return
          ? 'open_return'
          : s.open_ticket
            ? 'open_ticket'
            : !s.email.includes('@')
              ? 'no_email'
              : null;
      if (skip) {
        await tx.feedbackSurvey.update({
          where: { id: s.id },
          data: { status: 'skipped', skipReason: skip },
        });
        await audit(tx, {
          actor: SURVEY_ACTOR,
          action: 'feedback_survey.skipped',
          entityType: s.kind === 'order' ? 'order' : 'ticket',
          entityId: (s.order_id ?? s.ticket_id)!,
          after: { survey_id: s.id, reason: skip },
        });
        result.skipped += 1;
        continue;
      }
      const unsubscribe_url = signedUnsubscribeUrl(s.customer_id);
      if (s.kind === 'order') {
        const items = await tx.orderLine.findMany({
          where: { orderId: s.order_id!, quantityFulfilled: { gt: 0 } },
          select: { name: true },
          orderBy: { id: 'asc' },
        });
        await enqueueNotification(
          {
            template: 'feedback_order_survey',
            to: s.email,
            orderId: s.order_id!,
            dedupeKey: `feedback-survey:${s.id}`,
            data: {
              customer_name: s.first_name || 'there',
              order_number: s.order_number!,
              items: items.map((i) => i.name),
              rating_urls: [1, 2, 3, 4, 5].map((r) => signedSurveyUrl(s.id, r)),
              unsubscribe_url,
              expires_on: expiresOn,
            },
          },
          tx,
        );
      } else {
        await enqueueNotification(
          {
            template: 'feedback_ticket_survey',
            to: s.email,
            ticketId: s.ticket_id!,
            dedupeKey: `feedback-survey:${s.id}`,
            data: {
              customer_name: s.first_name || 'there',
              ticket_number: s.ticket_number!,
              subject: s.subject ?? '',
              good_url: signedSurveyUrl(s.id, 'good'),
              bad_url: signedSurveyUrl(s.id, 'bad'),
              unsubscribe_url,
              expires_on: expiresOn,
            },
          },
          tx,
        );
      }
      await tx.feedbackSurvey.update({
        where: { id: s.id },
        data: { status: 'sent', sentAt: now, expiresAt },
      });
      await recordFeedbackFacts(tx, surveySentFacts(s.kind, s.channel, now));
      await audit(tx, {
        actor: SURVEY_ACTOR,
        action: 'feedback_survey.sent',
        entityType: s.kind === 'order' ? 'order' : 'ticket',
        entityId: (s.order_id ?? s.ticket_id)!,
        after: { survey_id: s.id, expires_at: expiresAt.toISOString() },
      });
      result.sent += 1;
    }
    return result;
  });
}
