import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { normalizeTags, slaDueTimes } from '@/lib/support/rules';
import { slaCalendar, slaPolicy, ticketDetail, type TicketDetail } from '@/lib/support/queries';
import { ZCreateTicketInput, type TCreateTicketInput } from '@/lib/support/schemas';

function splitName(name: string) {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts[0] ?? name, lastName: parts.slice(1).join(' ') };
}

/**
 * Opens a ticket from a customer's first message (contact form, email bridge, or an agent typing a
 * call in): upserts the customer by email (stored lower-cased, so the match is case-insensitive;
 * an existing customer's name is kept), links the order when its number is one of this customer's,
 * sets the SLA due times from the priority's policy and the desk's calendar, writes the first message
 * and the audit row — one transaction.
 */
export async function createTicket(
  options: { input: TCreateTicketInput; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<TicketDetail> {
  const input = ZCreateTicketInput.parse(options.input);
  const now = options.now ?? new Date();
  const run = async (t: Tx): Promise<TicketDetail> => {
    const { firstName, lastName } = splitName(input.customer.name);
    const [customer] = await t.$queryRaw<{ id: string; first_name: string; last_name: string }[]>`
      INSERT INTO customers (email, first_name, last_name)
      VALUES (${input.customer.email}, ${firstName}, ${lastName})
      ON CONFLICT (email) DO UPDATE SET updated_at = now()
      RETURNING id::text, first_name, last_name`;

    let orderId: string | null = null;
    if (input.order_number !== undefined) {
      const order = await t.order.findUnique({
        where: { number: input.order_number },
        select: { id: true, customerId: true },
      });
      // An order of someone else is refused like a missing one: a contact form must not learn about it.
      if (!order || order.customerId !== customer.id) {
        throw new AppError(
          'VALIDATION_FAILED',
          `No order #${input.order_number} for ${input.customer.email}`,
          [{ field: 'order_number', message: `No order #${input.order_number} for this customer` }],
        );
      }
      orderId = order.id;
    }

    const due = slaDueTimes(now, await slaPolicy(input.priority, t), await slaCalendar(t));
    const ticket = await t.ticket.create({
      data: {
        subject: input.subject,
        customerId: customer.id,
        orderId,
        channel: input.channel,
        priority: input.priority,
        tags: normalizeTags(input.tags),
        firstResponseDueAt: due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
        lastMessageAt: now,
        createdAt: now,
        updatedAt: now,
      },
      select: { id: true, number: true },
    });
    const author = `${customer.first_name} ${customer.last_name}`.trim() || input.customer.email;
    await t.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        kind: 'customer',
        body: input.body,
        authorType: 'customer',
        authorId: customer.id,
        authorLabel: author,
        createdAt: now,
      },
    });
    await audit(t, {
      actor: options.actor,
      action: 'ticket.created',
      entityType: 'ticket',
      entityId: ticket.id,
      after: {
        number: ticket.number,
        subject: input.subject,
        channel: input.channel,
        priority: input.priority,
        customer_email: input.customer.email,
        order_id: orderId,
        first_response_due_at: due.firstResponseDueAt,
        resolution_due_at: due.resolutionDueAt,
      },
    });
    const dto = (await ticketDetail(ticket.id, { now }, t))!;
    await recordEvent(t, { type: 'ticket.created', resourceId: ticket.id, data: dto, occurredAt: now });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run);
}
