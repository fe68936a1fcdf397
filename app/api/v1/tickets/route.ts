import { apiRoute } from '@/lib/api/handler';
import { createTicket } from '@/lib/support/create-ticket';
import { ticketList } from '@/lib/support/queries';
import { ZCreateTicketInput, ZTicketListQuery } from '@/lib/support/schemas';

export const POST = apiRoute(
  { scope: 'support:tickets', body: ZCreateTicketInput, idempotent: {} },
  ({ body, actor, tx }) => createTicket({ input: body, actor }, tx),
);

export const GET = apiRoute({ scope: 'support:tickets', query: ZTicketListQuery }, ({ query }) =>
  ticketList(query, null),
);
