import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { roleHas } from '@/lib/auth/permissions';
import { normalizeTags, slaDueTimes } from '@/lib/support/rules';
import { lockTicket, slaCalendar, slaPolicy } from '@/lib/support/queries';
import { ZUpdateTicketInput, type TUpdateTicketInput } from '@/lib/support/schemas';

/**
 * Changes a ticket's priority, assignee or tags. A new priority re-derives both SLA due times from
 * when the ticket arrived (the clocks the customer has been waiting on do not restart). The assignee
 * must be an active user whose role handles tickets. A closed ticket is read-only.
 */
export async function updateTicket(
  options: { ticketId: string; input: TUpdateTicketInput; actor: Actor; now?: Date },
  tx?: Tx,
) {
  const input = ZUpdateTicketInput.parse(options.input);
  const now = options.now ?? new Date();
  const run = async (t: Tx) => {
    const ticket = await lockTicket(t, options.ticketId);
    if (ticket.status === 'closed')
      throw new AppError('INVALID_STATE', 'This ticket is closed and cannot be changed.', {
        status: ticket.status,
      });
    const data: {
      priority?: typeof ticket.priority;
      assigneeId?: string | null;
      tags?: string[];
      firstResponseDueAt?: Date;
      resolutionDueAt?: Date;
    } = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};

    if (input.priority && input.priority !== ticket.priority) {
      const due = slaDueTimes(ticket.created_at, await slaPolicy(input.priority, t), await slaCalendar(t));
      Object.assign(data, {
        priority: input.priority,
        firstResponseDueAt: due.firstResponseDueAt,
        resolutionDueAt: due.resolutionDueAt,
      });
      before.priority = ticket.priority;
      after.priority = input.priority;
      after.first_response_due_at = due.firstResponseDueAt;
      after.resolution_due_at = due.resolutionDueAt;
    }
    if (input.assignee_id !== undefined && input.assignee_id !== ticket.assignee_id) {
      if (input.assignee_id) {
        const user = await t.user.findUnique({
          where: { id: input.assignee_id },
          select: { active: true, role: true },
        });
        if (!user || !user.active || !roleHas(user.role, 'support:tickets')) {
          throw new AppError('VALIDATION_FAILED', 'That person cannot take tickets', [
            { field: 'assignee_id', message: 'Choose an active support agent, manager or admin' },
          ]);
        }
      }
      data.assigneeId = input.assignee_id;
      before.assignee_id = ticket.assignee_id;
      after.assignee_id = input.assignee_id;
    }
    if (input.tags !== undefined) {
      const tags = normalizeTags(input.tags);
      if (tags.join(',') !== [...ticket.tags].sort().join(',')) {
        data.tags = tags;
        before.tags = ticket.tags;
        after.tags = tags;
      }
    }
    if (!Object.keys(data).length) return { id: ticket.id, number: ticket.number, changed: false };
    await t.ticket.update({ where: { id: ticket.id }, data: { ...data, updatedAt: now } });
    await audit(t, {
      actor: options.actor,
      action: 'ticket.updated',
      entityType: 'ticket',
      entityId: ticket.id,
      before,
      after,
    });
    return { id: ticket.id, number: ticket.number, changed: true };
  };
  return tx ? run(tx) : db.$transaction(run);
}
