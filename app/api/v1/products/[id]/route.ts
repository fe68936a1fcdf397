import { apiRoute } from '@/lib/api/handler';
import { AppError } from '@/lib/errors';
import { productDetail } from '@/lib/catalog/queries';
import { updateProduct } from '@/lib/catalog/update-product';
import { ZProductUpdateInput } from '@/lib/catalog/schemas';

export const GET = apiRoute({ scope: 'inventory:read' }, async ({ params }) => {
  const product = await productDetail(String(params.id));
  if (!product) throw new AppError('NOT_FOUND', 'That product does not exist.');
  return product;
});

export const PATCH = apiRoute(
  { scope: 'inventory:adjust', body: ZProductUpdateInput },
  ({ params, body, actor }) => updateProduct({ productId: String(params.id), input: body, actor }),
);
