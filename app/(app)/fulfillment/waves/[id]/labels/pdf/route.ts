import { sessionRoute } from '@/lib/server-route';
import { waveLabels } from '@/lib/fulfillment/wave-queries';
import { renderLabelBatch } from '@/lib/documents/merge';

/** Every label bought for a wave's parcels (not voided), in tote order, as one PDF: one print job. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return sessionRoute('fulfillment:write', async () => {
    const { number, labels } = await waveLabels(id);
    const pdf = await renderLabelBatch(labels);
    return new Response(Buffer.from(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="labels-wave-${number}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  })(request);
}
