import { sessionRoute } from '@/lib/server-route';
import { AppError } from '@/lib/errors';
import { readListQuery } from '@/lib/orders/list-query';
import { orderList } from '@/lib/orders/queries';
import { orderCsvChunk } from '@/lib/orders/csv';
import { shopTimezone } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';

/** Rows fetched per query while streaming: one keyset page of the order list. */
const PAGE = 500;

/**
 * GET /orders/export?<the list's filters> → every order matching the filters (all pages, not only the
 * one on screen) as CSV, streamed a page of 500 at a time through orderList so a large export never
 * sits in memory. 401/403 JSON without a session or orders:read, 422 for a filter that is not valid.
 * Pages are read one after another, not in one snapshot: an order placed mid-export may or may not
 * be in it, as with paging through the list by hand.
 */
export const GET = sessionRoute('orders:read', async ({ request }) => {
  const { query, ignored } = readListQuery(new URL(request.url).searchParams);
  if (ignored.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid ${ignored.join(', ')}`,
      ignored.map((field) => ({ field, message: 'Not a valid filter value' })),
    );
  const timeZone = await shopTimezone();
  // The first page is read before answering, so a failure here is still a proper error response.
  let page = await orderList({ ...query, limit: PAGE }, timeZone);
  let first = true;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        controller.enqueue(encoder.encode(orderCsvChunk(page.data, timeZone, first)));
        first = false;
        if (!page.next_cursor) return controller.close();
        page = await orderList({ ...query, limit: PAGE, cursor: page.next_cursor }, timeZone);
      } catch (error) {
        // The headers are sent: failing the stream makes the download fail visibly instead of ending short.
        console.error('[route] GET /orders/export failed mid-stream', error);
        controller.error(new Error('export failed'));
      }
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="orders-${todayIn(timeZone)}.csv"`,
      'cache-control': 'no-store',
    },
  });
});
