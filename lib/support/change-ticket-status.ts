import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import {
  moveBetween,
  nextTicketStatus,
  statusTimestamps,
  TICKET_STATUSES,
  type TicketStatus,
} from '@/lib/support/rules';
import { lockTicket } from '@/lib/support/queries';
import { recordKpiFacts, ticketClockFacts } from '@/lib/kpi/facts';
import { scheduleTicketSurvey } from '@/lib/feedback/schedule-survey';

/**
 * Moves a ticket to another status through the transition table (pending, solved, reopened, closed).
 * Solving records solved_at (the resolution time); reopening clears it, so the resolution time is
 * always that of the last solve; closing records closed_at.
 */
export async function changeTicketStatus(
  options: { ticketId: string; status: TicketStatus; actor: Actor; now?: Date },
  tx?: Tx,
) {
  if (!(TICKET_STATUSES as readonly string[]).includes(options.status)) {
    throw new AppError('VALIDATION_FAILED', 'Unknown status', [
      { field: 'status', message: `Use one of: ${TICKET_STATUSES.join(', ')}` },
    ]);
  }
  const now = options.now ?? new Date();
  const run = async (t: Tx) => {
    const ticket = await lockTicket(t, options.ticketId);
    if (ticket.status === options.status)
      return { id: ticket.id, number: ticket.number, status: ticket.status, changed: false };
    const move = moveBetween(ticket.status, options.status);
    if (!move)
      throw new AppError(
        'INVALID_STATE',
        `A ticket that is ${ticket.status} cannot be set to ${options.status}.`,
        { status: ticket.status, requested: options.status },
      );
    const status = nextTicketStatus(ticket.status, move);
    const timestamps = statusTimestamps(status, now);
    await t.ticket.update({ where: { id: ticket.id }, data: { status, ...timestamps, updatedAt: now } });
    // KPI: a solve adds to the resolution histogram; a reopen takes the last solve back.
    const before = { firstRespondedAt: ticket.first_responded_at, solvedAt: ticket.solved_at };
    await recordKpiFacts(
      t,
      ticketClockFacts(ticket.created_at, before, {
        ...before,
        solvedAt: timestamps.solvedAt !== undefined ? timestamps.solvedAt : before.solvedAt,
      }),
    );
    if (status === 'solved')
      await scheduleTicketSurvey(t, { id: ticket.id, customerId: ticket.customer_id }, now);
    await audit(t, {
      actor: options.actor,
      action: `ticket.${{ pend: 'pending', solve: 'solved', reopen: 'reopened', close: 'closed' }[move]}`,
      entityType: 'ticket',
      entityId: ticket.id,
      before: { status: ticket.status },
      after: { status },
    });
    return { id: ticket.id, number: ticket.number, status, changed: true };
  };
  return tx ? run(tx) : db.$transaction(run);
}
