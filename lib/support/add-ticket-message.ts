import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { enqueueNotification } from '@/lib/notify/enqueue';
import {
  assertRenderable,
  renderPlaceholders,
  statusAfterMessage,
  statusTimestamps,
  type MessageKind,
  type TicketStatus,
} from '@/lib/support/rules';
import {
  agentName,
  lockTicket,
  placeholderValues,
  ticketDetail,
  type TicketDetail,
} from '@/lib/support/queries';
import { ZAddMessageInput } from '@/lib/support/schemas';
import { recordKpiFacts, ticketClockFacts } from '@/lib/kpi/facts';
import { scheduleTicketSurvey } from '@/lib/feedback/schedule-survey';

export type AddTicketMessageOptions = {
  ticketId: string;
  kind: MessageKind;
  body: string;
  /** for a reply: the status to send it with ("send and set pending"); default keeps the status */
  status?: TicketStatus;
  actor: Actor;
  now?: Date;
};

/**
 * Adds a message to a ticket's thread, in one transaction with its effects:
 * - customer: reopens a pending or solved ticket;
 * - reply: placeholders filled from the ticket's records (an unknown or unfillable one is a 422 and
 *   nothing is written), the first reply stops the first-response clock, the customer is emailed
 *   (outbox, `ticket_reply`), and the status may move as the agent chose;
 * - note: staff only; changes nothing else.
 * A closed ticket refuses customer messages and replies (rules.ts statusAfterMessage).
 */
export async function addTicketMessage(options: AddTicketMessageOptions, tx?: Tx): Promise<TicketDetail> {
  const input = ZAddMessageInput.parse({ body: options.body, kind: options.kind, status: options.status });
  const now = options.now ?? new Date();
  const run = async (t: Tx): Promise<TicketDetail> => {
    const ticket = await lockTicket(t, options.ticketId);
    const status = statusAfterMessage(ticket.status, input.kind, input.status);

    const agent = await agentName(options.actor, t);
    let body = input.body;
    if (input.kind === 'reply')
      body = assertRenderable(renderPlaceholders(body, await placeholderValues(ticket.id, agent, t)));

    const customer = await t.customer.findUniqueOrThrow({
      where: { id: ticket.customer_id },
      select: { id: true, email: true, firstName: true, lastName: true },
    });
    const customerName = `${customer.firstName} ${customer.lastName}`.trim();
    const author =
      input.kind === 'customer'
        ? { authorType: 'customer', authorId: customer.id, authorLabel: customerName || customer.email }
        : {
            authorType: options.actor.type,
            authorId: options.actor.id,
            authorLabel: options.actor.type === 'user' ? agent : options.actor.label,
          };
    const message = await t.ticketMessage.create({
      data: { ticketId: ticket.id, kind: input.kind, body, ...author, createdAt: now },
      select: { id: true },
    });

    const firstResponse = input.kind === 'reply' && !ticket.first_responded_at;
    const timestamps = status !== ticket.status ? statusTimestamps(status, now) : {};
    await t.ticket.update({
      where: { id: ticket.id },
      data: {
        status,
        ...(input.kind !== 'note' ? { lastMessageAt: now } : {}),
        ...(firstResponse ? { firstRespondedAt: now } : {}),
        ...timestamps,
        updatedAt: now,
      },
    });
    // KPI: a first reply or a solve (or a reopen taking a solve back), in this transaction.
    const before = { firstRespondedAt: ticket.first_responded_at, solvedAt: ticket.solved_at };
    await recordKpiFacts(
      t,
      ticketClockFacts(ticket.created_at, before, {
        firstRespondedAt: firstResponse ? now : before.firstRespondedAt,
        solvedAt: timestamps.solvedAt !== undefined ? timestamps.solvedAt : before.solvedAt,
      }),
    );

    if (status === 'solved' && ticket.status !== 'solved')
      await scheduleTicketSurvey(t, { id: ticket.id, customerId: ticket.customer_id }, now);
    if (input.kind === 'reply') {
      await enqueueNotification(
        {
          template: 'ticket_reply',
          to: customer.email,
          ticketId: ticket.id,
          orderId: ticket.order_id ?? undefined,
          dedupeKey: `ticket_reply:${message.id}`,
          data: {
            customer_name: customer.firstName || customerName,
            ticket_number: ticket.number,
            subject: ticket.subject,
            body,
            agent_name: agent,
          },
        },
        t,
      );
    }
    const action = {
      customer: 'ticket.customer_message_added',
      reply: 'ticket.replied',
      note: 'ticket.note_added',
    }[input.kind];
    await audit(t, {
      actor: options.actor,
      action,
      entityType: 'ticket',
      entityId: ticket.id,
      before: status !== ticket.status ? { status: ticket.status } : undefined,
      after: {
        message_id: message.id,
        kind: input.kind,
        status,
        ...(firstResponse ? { first_responded_at: now } : {}),
      },
    });
    const dto = (await ticketDetail(ticket.id, { now }, t))!;
    if (input.kind === 'reply')
      await recordEvent(t, { type: 'ticket.replied', resourceId: ticket.id, data: dto, occurredAt: now });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run);
}
