import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { createTicket } from '@/lib/support/create-ticket';
import { addTicketMessage } from '@/lib/support/add-ticket-message';
import { ORDER_RATING_LABELS } from './rules';
import { ZReplyToFeedbackInput } from './schemas';

/**
 * A staff reply to an answer turns it into a support ticket linked to the answer: the customer's
 * rating and comment open the thread (tagged `feedback`, with the order), the reply is sent from the
 * ticket (emailed through the outbox like every reply) and the ticket waits as pending. A second reply
 * goes to the same ticket. One transaction.
 */
export async function replyToFeedback(options: {
  input: unknown;
  actor: Actor;
}): Promise<{ ticket_id: string; ticket_number: number; created: boolean }> {
  const input = ZReplyToFeedbackInput.parse(options.input);
  return db.$transaction(async (tx) => {
    const [answer] = await tx.$queryRaw<
      {
        id: string;
        kind: 'order' | 'ticket';
        rating: number;
        comment: string | null;
        reply_ticket_id: string | null;
        email: string | null;
        name: string | null;
        order_number: number | null;
      }[]
    >`
      SELECT a.id::text, a.kind::text AS kind, a.rating, a.comment, a.reply_ticket_id::text, c.email,
             nullif(trim(c.first_name || ' ' || c.last_name), '') AS name, o.number AS order_number
      FROM feedback_answers a LEFT JOIN customers c ON c.id = a.customer_id
      LEFT JOIN tickets t ON t.id = a.ticket_id LEFT JOIN orders o ON o.id = coalesce(a.order_id, t.order_id)
      WHERE a.id = ${input.answer_id}::uuid FOR UPDATE OF a`;
    if (!answer) throw new AppError('NOT_FOUND', 'That answer does not exist.');
    if (!answer.email)
      throw new AppError('INVALID_STATE', 'This answer has no customer to reply to (an imported review).');
    let ticketId = answer.reply_ticket_id;
    let created = false;
    if (!ticketId) {
      const rated =
        answer.kind === 'order'
          ? `${answer.rating}/5 (${ORDER_RATING_LABELS[answer.rating]})`
          : answer.rating === 1
            ? 'good'
            : 'bad';
      const ticket = await createTicket(
        {
          input: {
            customer: { email: answer.email, name: answer.name ?? answer.email },
            subject:
              answer.order_number !== null
                ? `Your feedback on order #${answer.order_number}`
                : 'Your feedback on our support',
            body: `Rated ${rated}.${answer.comment ? `\n\n${answer.comment}` : ''}`,
            ...(answer.order_number !== null ? { order_number: answer.order_number } : {}),
            channel: 'email',
            tags: ['feedback'],
          },
          actor: options.actor,
        },
        tx,
      );
      ticketId = ticket.id;
      created = true;
      await tx.feedbackAnswer.update({ where: { id: answer.id }, data: { replyTicketId: ticketId } });
    }
    const detail = await addTicketMessage(
      { ticketId, kind: 'reply', body: input.body, status: 'pending', actor: options.actor },
      tx,
    );
    await audit(tx, {
      actor: options.actor,
      action: 'feedback.replied',
      entityType: 'feedback_answer',
      entityId: answer.id,
      after: { ticket_id: ticketId, ticket_number: detail.number, created },
    });
    return { ticket_id: ticketId, ticket_number: detail.number, created };
  });
}
