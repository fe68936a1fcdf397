import { sessionRoute } from '@/lib/server-route';
import { AppError } from '@/lib/errors';
import { purchaseOrderDetail } from '@/lib/purchasing/queries';
import { purchaseOrderPdf } from '@/lib/purchasing/send-purchase-order';

/** GET /purchasing/{id}/pdf → the PO as the supplier gets it. */
export const GET = sessionRoute('purchasing:read', async ({ request }) => {
  const id = new URL(request.url).pathname.split('/').at(-2) ?? '';
  const po = await purchaseOrderDetail(id);
  if (!po) throw new AppError('NOT_FOUND', 'No such purchase order.');
  const pdf = await purchaseOrderPdf(po);
  return new Response(Buffer.from(pdf), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${po.label}.pdf"`,
      'cache-control': 'no-store',
    },
  });
});
