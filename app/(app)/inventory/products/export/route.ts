import { sessionRoute } from '@/lib/server-route';
import { productList } from '@/lib/catalog/queries';
import { productListCsv } from '@/lib/catalog/csv';
import { parseProductListParams } from '@/lib/catalog/schemas';

/** Rows per query while streaming; the export follows the list's keyset cursor batch by batch. */
const BATCH = 500;

/**
 * The product list as CSV: the same filters and sort as the page (its search params), every
 * matching product rather than only the page on screen, streamed batch by batch.
 */
export const GET = sessionRoute('inventory:read', async ({ request }) => {
  const filter = {
    ...parseProductListParams(Object.fromEntries(new URL(request.url).searchParams)),
    page: undefined,
    limit: BATCH,
  };
  const first = await productList(filter);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        let page = first;
        controller.enqueue(encoder.encode(productListCsv(page.data, { first: true })));
        while (page.next_cursor) {
          page = await productList({ ...filter, cursor: page.next_cursor });
          controller.enqueue(encoder.encode(productListCsv(page.data, { first: false })));
        }
        controller.close();
      } catch (error) {
        console.error('[export] products CSV failed', error);
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="products-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
