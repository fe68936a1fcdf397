import { apiRoute } from '@/lib/api/handler';
import { deleteWebhook } from '@/lib/webhooks/delete-webhook';
import { webhookDetail } from '@/lib/webhooks/queries';
import { ZUpdateWebhookInput } from '@/lib/webhooks/schemas';
import { updateWebhook } from '@/lib/webhooks/update-webhook';

export const GET = apiRoute({ scope: 'webhooks:write' }, ({ params }) => webhookDetail(String(params.id)));

export const PATCH = apiRoute(
  { scope: 'webhooks:write', body: ZUpdateWebhookInput },
  ({ body, actor, params }) => updateWebhook({ id: String(params.id), input: body, actor }),
);

export const DELETE = apiRoute({ scope: 'webhooks:write', status: 204 }, ({ actor, params }) =>
  deleteWebhook({ id: String(params.id), actor }),
);
