import { sessionRoute } from '@/lib/server-route';
import { shopTimezone } from '@/lib/settings/queries';
import { bulkOrderDocument } from '@/lib/orders/bulk-documents';

/**
 * The order list's bulk documents as one PDF: `?kind=pick-list|packing-slips` with `orders=<id>,<id>`
 * (the selection) or `filter=<the list's query>` (all matching).
 */
export const GET = sessionRoute('fulfillment:write', async ({ request }) => {
  const { pdf, filename } = await bulkOrderDocument(new URL(request.url).searchParams, await shopTimezone());
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
});
