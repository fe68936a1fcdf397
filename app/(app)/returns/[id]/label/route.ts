import { sessionRoute } from '@/lib/server-route';
import { returnLabel } from '@/lib/returns/label-data';
import { renderLabel } from '@/lib/documents/label';

/** The 4×6 prepaid return label PDF, drawn from what was stored when it was issued. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return sessionRoute(['returns:request', 'returns:receive'], async () => {
    const input = await returnLabel(id);
    const pdf = await renderLabel(input);
    return new Response(Buffer.from(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="return-label-${input.shipment_number}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  })(request);
}
