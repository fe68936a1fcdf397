import { returnLabel } from '@/lib/returns/label-data';
import { isReturnLabelToken } from '@/lib/returns/label-link';
import { renderLabel } from '@/lib/documents/label';
import { toAppError } from '@/lib/errors';

/**
 * GET /l/return-label/{id}?t=<token> — the customer's prepaid return label from the approval email,
 * without signing in; the token proves the link came from us (lib/returns/label-link.ts). A wrong or
 * missing token answers 404, like a return that does not exist, so links cannot be probed.
 */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const notFound = () =>
    new Response(
      'This return label link is not valid. Please reply to our email and we will send a new one.',
      { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } },
    );
  if (!isReturnLabelToken(id, new URL(request.url).searchParams.get('t'))) return notFound();
  try {
    const input = await returnLabel(id);
    const pdf = await renderLabel(input);
    return new Response(Buffer.from(pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="return-label-${input.shipment_number}.pdf"`,
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'NOT_FOUND') return notFound();
    if (appError.code === 'INTERNAL') console.error('[route] GET /l/return-label failed', error);
    return new Response(
      appError.code === 'INTERNAL'
        ? 'The label could not be drawn right now. Please try again later.'
        : appError.message,
      { status: appError.status, headers: { 'content-type': 'text/plain; charset=utf-8' } },
    );
  }
}
