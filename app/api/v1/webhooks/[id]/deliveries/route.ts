import { apiRoute } from '@/lib/api/handler';
import { deliveryList } from '@/lib/webhooks/queries';
import { ZDeliveriesQuery } from '@/lib/webhooks/schemas';

export const GET = apiRoute(
  { scope: 'webhooks:write', query: ZDeliveriesQuery },
  async ({ params, query }) => ({
    data: await deliveryList(String(params.id), query),
  }),
);
