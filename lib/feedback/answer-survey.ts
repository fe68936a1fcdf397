import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { addTicketMessage } from '@/lib/support/add-ticket-message';
import { ZOrderAnswerInput, ZTicketAnswerInput } from './schemas';
import { TICKET_RATINGS } from './rules';
import { isSurveyToken } from './links';
import { answerFacts, recordFeedbackFacts } from './kpi-facts';
import { feedbackSettingsRow } from './schedule-survey';

/** The same answer for every link that cannot be answered: nobody can probe which surveys exist. */
export const SURVEY_NOT_FOUND = 'This survey link is not valid any more. Thank you all the same!';
const notFound = () => new AppError('NOT_FOUND', SURVEY_NOT_FOUND);

const customerActor = (customerId: string): Actor => ({
  type: 'system',
  id: null,
  label: `customer ${customerId} (survey link)`,
});

type LockedSurvey = {
  id: string;
  kind: 'order' | 'ticket';
  order_id: string | null;
  ticket_id: string | null;
  customer_id: string;
  channel: string;
  status: string;
  sent_at: Date | null;
  expires_at: Date | null;
};

/**
 * The customer's answer from the signed survey link (app/l/feedback/[id]), in one transaction. A
 * wrong token, an unknown survey, one already answered (a reused link, also when two submissions
 * race: the row lock orders them and the second finds it answered) or one past its expiry is a 404
 * and writes nothing. A bad field is a 422 naming it. For an order the answer may rate its items
 * (only lines of that order); for a ticket a "bad" rating reopens the ticket with the comment when
 * the shop's setting says so.
 */
export async function answerSurvey(
  options: { surveyId: string; token: string | null | undefined; input: unknown; now?: Date },
  tx?: Tx,
): Promise<{ answer_id: string; kind: 'order' | 'ticket' }> {
  if (!isSurveyToken(options.surveyId, options.token)) throw notFound();
  const now = options.now ?? new Date();
  const run = async (t: Tx) => {
    const [survey] = await t.$queryRaw<LockedSurvey[]>`
      SELECT id::text, kind::text AS kind, order_id::text, ticket_id::text, customer_id::text,
        channel, status::text AS status, sent_at, expires_at
      FROM feedback_surveys WHERE id = ${options.surveyId}::uuid FOR UPDATE`;
    if (!survey || survey.status !== 'sent' || !survey.expires_at || survey.expires_at <= now)
      throw notFound();

    let rating: number;
    let comment: string | null;
    let items: { orderLineId: string; sku: string; rating: number }[] = [];
    if (survey.kind === 'order') {
      const parsed = ZOrderAnswerInput.safeParse(options.input);
      if (!parsed.success) throw validationError(parsed.error);
      rating = parsed.data.rating;
      comment = parsed.data.comment ?? null;
      const wanted = Object.entries(parsed.data.items ?? {});
      if (wanted.length) {
        const lines = await t.orderLine.findMany({
          where: { orderId: survey.order_id!, id: { in: wanted.map(([id]) => id) } },
          select: { id: true, sku: true },
        });
        const sku = new Map(lines.map((l) => [l.id, l.sku]));
        for (const [id] of wanted)
          if (!sku.has(id))
            throw new AppError('VALIDATION_FAILED', `Invalid items.${id}`, [
              { field: `items.${id}`, message: 'Not an item of this order' },
            ]);
        items = wanted.map(([id, r]) => ({ orderLineId: id, sku: sku.get(id)!, rating: r }));
      }
    } else {
      const parsed = ZTicketAnswerInput.safeParse(options.input);
      if (!parsed.success) throw validationError(parsed.error);
      rating = TICKET_RATINGS[parsed.data.rating];
      comment = parsed.data.comment ?? null;
    }

    const answer = await t.feedbackAnswer.create({
      data: {
        kind: survey.kind,
        surveyId: survey.id,
        orderId: survey.order_id,
        ticketId: survey.ticket_id,
        customerId: survey.customer_id,
        channel: survey.channel,
        rating,
        comment,
        source: 'survey',
        answeredAt: now,
        items: items.length ? { createMany: { data: items } } : undefined,
      },
      select: { id: true },
    });
    await t.feedbackSurvey.update({ where: { id: survey.id }, data: { status: 'answered' } });
    await recordFeedbackFacts(
      t,
      answerFacts({
        kind: survey.kind,
        channel: survey.channel,
        rating,
        answeredAt: now,
        surveySentAt: survey.sent_at,
      }),
    );
    const actor = customerActor(survey.customer_id);
    await audit(t, {
      actor,
      action: 'feedback.answered',
      entityType: survey.kind === 'order' ? 'order' : 'ticket',
      entityId: (survey.order_id ?? survey.ticket_id)!,
      after: { answer_id: answer.id, rating, comment, items: items.length },
    });

    if (survey.kind === 'ticket' && rating === TICKET_RATINGS.bad) {
      const settings = await feedbackSettingsRow(t);
      const ticket = await t.ticket.findUniqueOrThrow({
        where: { id: survey.ticket_id! },
        select: { status: true },
      });
      if (settings.reopenOnBadRating && ticket.status !== 'closed' && ticket.status !== 'open')
        await addTicketMessage(
          {
            ticketId: survey.ticket_id!,
            kind: 'customer',
            body: `Rated our support: bad.${comment ? `\n\n${comment}` : ''}`,
            actor,
            now,
          },
          t,
        );
    }
    return { answer_id: answer.id, kind: survey.kind };
  };
  return tx ? run(tx) : db.$transaction(run);
}
