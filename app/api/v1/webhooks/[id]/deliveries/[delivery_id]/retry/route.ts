import { apiRoute } from '@/lib/api/handler';
import { retryDelivery } from '@/lib/webhooks/retry-delivery';

export const POST = apiRoute({ scope: 'webhooks:write' }, ({ actor, params }) =>
  retryDelivery({ webhookId: String(params.id), deliveryId: String(params.delivery_id), actor }),
);
