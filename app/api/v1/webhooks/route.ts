import { apiRoute } from '@/lib/api/handler';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { webhookList } from '@/lib/webhooks/queries';
import { ZCreateWebhookInput } from '@/lib/webhooks/schemas';

export const POST = apiRoute(
  { scope: 'webhooks:write', body: ZCreateWebhookInput },
  async ({ body, actor }) => Response.json(await createWebhook({ input: body, actor }), { status: 201 }),
);

export const GET = apiRoute({ scope: 'webhooks:write' }, async () => ({ data: await webhookList() }));
