import { apiRoute } from '@/lib/api/handler';
import { productDetails, productList } from '@/lib/catalog/queries';
import { createProduct } from '@/lib/catalog/create-product';
import { ZProductApiListQuery, ZProductInput } from '@/lib/catalog/schemas';

/** Products with their variants, cursor-paginated (docs/decisions/006-catalog-permissions.md for the scopes). */
export const GET = apiRoute({ scope: 'inventory:read', query: ZProductApiListQuery }, async ({ query }) => {
  const page = await productList(query);
  return { data: await productDetails(page.data.map((p) => p.id)), next_cursor: page.next_cursor };
});

export const POST = apiRoute(
  { scope: 'inventory:adjust', body: ZProductInput, idempotent: {} },
  ({ body, actor, tx }) => createProduct({ input: body, actor }, tx),
);
