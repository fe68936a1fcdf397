import { sessionRoute } from '@/lib/server-route';
import { packingSlipFor } from '@/lib/fulfillment/pick-list-data';
import { renderPackingSlip } from '@/lib/documents/packing-slip';

/** The packing slip PDF of an order's next box: every open unit "in this box". */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return sessionRoute('fulfillment:write', async () => {
    const input = await packingSlipFor(id);
    const pdf = await renderPackingSlip(input);
    return new Response(Buffer.from(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="packing-slip-${input.order_number}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  })(request);
}
