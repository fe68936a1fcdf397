import { sessionRoute } from '@/lib/server-route';
import { shipmentLabel } from '@/lib/fulfillment/queries';
import { renderLabel } from '@/lib/documents/label';

/** The 4×6 label PDF of a shipment, drawn from the stored shipment (a reprint is the same label). */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return sessionRoute('fulfillment:write', async () => {
    const input = await shipmentLabel(id);
    const pdf = await renderLabel(input);
    return new Response(Buffer.from(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="label-${input.shipment_number}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  })(request);
}
