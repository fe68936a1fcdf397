import { apiRoute } from '@/lib/api/handler';
import { rotateWebhookSecret } from '@/lib/webhooks/rotate-webhook-secret';

export const POST = apiRoute({ scope: 'webhooks:write' }, ({ actor, params }) =>
  rotateWebhookSecret({ id: String(params.id), actor }),
);
