import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { orderDetail } from '@/lib/orders/queries';

export const GET = apiRoute({ scope: 'orders:read' }, async ({ params }) => {
  const order = await orderDetail(String(params.id));
  if (!order) throw new AppError('NOT_FOUND', 'No order with that id.');
  return order;
});
