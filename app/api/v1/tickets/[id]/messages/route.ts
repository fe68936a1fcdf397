import { apiRoute } from '@/lib/api/handler';
import { addTicketMessage } from '@/lib/support/add-ticket-message';
import { ZAddMessageInput } from '@/lib/support/schemas';

export const POST = apiRoute(
  { scope: 'support:tickets', body: ZAddMessageInput, idempotent: {} },
  ({ body, actor, params, tx }) =>
    addTicketMessage(
      { ticketId: String(params.id), kind: body.kind, body: body.body, status: body.status, actor },
      tx,
    ),
);
