import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

/**
 * A return or refund started from a ticket must name a ticket that exists and is about the same
 * customer as the order (a mistyped id would otherwise file one customer's refund on another's ticket).
 */
export async function checkTicketLink(
  tx: Tx,
  input: { ticketId: string | null | undefined; orderId: string; field?: string },
): Promise<void> {
  if (!input.ticketId) return;
  const field = input.field ?? 'ticket_id';
  const [row] = await tx.$queryRaw<{ same_customer: boolean }[]>`
    SELECT t.customer_id = o.customer_id AS same_customer
    FROM tickets t, orders o WHERE t.id = ${input.ticketId}::uuid AND o.id = ${input.orderId}::uuid`;
  if (!row)
    throw new AppError('VALIDATION_FAILED', 'That ticket does not exist', [
      { field, message: 'No ticket with this id' },
    ]);
  if (!row.same_customer)
    throw new AppError('VALIDATION_FAILED', 'That ticket is about another customer', [
      { field, message: "The ticket's customer is not the order's customer" },
    ]);
}
