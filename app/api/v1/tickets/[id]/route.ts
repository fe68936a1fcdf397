import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { ticketDetail } from '@/lib/support/queries';

export const GET = apiRoute({ scope: 'support:tickets' }, async ({ params }) => {
  const ticket = await ticketDetail(String(params.id));
  if (!ticket) throw new AppError('NOT_FOUND', 'No ticket with that id.');
  return ticket;
});
