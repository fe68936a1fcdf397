import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError, validationError } from '@/lib/errors';
import type { ShipmentQuotes } from '@/lib/shipping/quote-shipment';
import type { OrderPromise } from '@/lib/shipping/service-level-queries';
import { quoteForOrder } from '@/lib/fulfillment/order-quotes';
import type { Parcel } from '@/lib/shipping/rules';
import { buildParcel } from '@/lib/fulfillment/build-parcel';
import { ZBuyLabelInput, type TBuyLabelInput } from '@/lib/fulfillment/schemas';
import { isUuid } from '@/lib/boundary';

/**
 * "Get rates" at the pack station: the parcel as buyLabel will build it (a package type's box plus
 * its tare, or typed dimensions; the weighed grams) rated for the order's shipping address. Reads
 * only. The same checks and field names as buyLabel (package_type, weight_grams, length_mm …), so the
 * form shows the error beside the field before anything is bought.
 */
export async function quoteOrderShipment(
  options: { orderId: string; input: TBuyLabelInput },
  tx: Tx = db,
): Promise<ShipmentQuotes & { parcel: Parcel; currency: string | null; promise: OrderPromise }> {
  const parsed = ZBuyLabelInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  if (!isUuid(options.orderId)) throw new AppError('NOT_FOUND', 'That order does not exist.');
  const order = await tx.order.findUnique({
    where: { id: options.orderId },
    select: { number: true, status: true, shippingAddress: true },
  });
  if (!order) throw new AppError('NOT_FOUND', 'That order does not exist.');
  if (order.status !== 'open' && order.status !== 'partially_fulfilled') {
    throw new AppError(
      'INVALID_STATE',
      `Order #${order.number} is ${order.status.replace('_', ' ')}: only open orders can be shipped.`,
    );
  }

  const { parcel } = await buildParcel(input, tx);
  // The same rates and preselection buyLabel makes: against the service paid for and its promise.
  const quotes = await quoteForOrder(
    {
      orderId: options.orderId,
      toAddress: order.shippingAddress as { postal_code: string; country: string },
      parcel,
    },
    tx,
  );
  return { ...quotes, parcel, currency: quotes.quotes.find((q) => q.currency)?.currency ?? null };
}
