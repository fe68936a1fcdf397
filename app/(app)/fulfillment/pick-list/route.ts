import { sessionRoute } from '@/lib/server-route';
import { pickListFor, readPickListQuery } from '@/lib/fulfillment/pick-list-data';
import { renderPickList } from '@/lib/documents/pick-list';

/** The pick list PDF of one order or a wave: `?orders=<id>,<id>` or the queue form's repeated `?orders=<id>`. */
export const GET = sessionRoute('fulfillment:write', async ({ request }) => {
  const input = await pickListFor(readPickListQuery(new URL(request.url).searchParams));
  const pdf = await renderPickList(input);
  const name =
    input.orders.length === 1
      ? `pick-list-${input.orders[0].order_number}.pdf`
      : `pick-list-${input.orders.length}-orders.pdf`;
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${name}"`,
      'cache-control': 'private, no-store',
    },
  });
});
