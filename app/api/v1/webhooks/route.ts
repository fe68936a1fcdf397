import { apiRoute } from '@/lib/api/handler';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { webhookList } from '@/lib/webhooks/queries';
import { ZCreateWebhookInput } from '@/lib/webhooks/schemas';

export const POST = apiRoute(
  { scope: 'webhooks:write', body: ZCreateWebhookInput, status: 201 },
  ({ body, actor }) => createWebhook({ input: body, actor }),
);

export const GET = apiRoute({ scope: 'webhooks:write' }, async () => ({ data: await webhookList() }));
