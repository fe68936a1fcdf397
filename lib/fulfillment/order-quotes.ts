import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { quoteShipment, type QuotedService, type ShipmentQuotes } from '@/lib/shipping/quote-shipment';
import type { Parcel } from '@/lib/shipping/rules';
import { orderPromise, type OrderPromise } from '@/lib/shipping/service-level-queries';
import { LEVEL_LABEL, isDowngrade } from '@/lib/shipping/service-levels';

/**
 * Rates for an order's parcel against its promise (decision 031): the service paid for (its shipping
 * method's level) and the promised delivery date (ship-by + the level's business days). The
 * preselection is the cheapest service that is not slower than what was paid for and delivers by the
 * promise; if none does, the fastest. The ship page ("Get rates") and buyLabel use the same, so what
 * the screen suggests is what a label without an override buys.
 */
export async function quoteForOrder(
  options: { orderId: string; toAddress: { postal_code: string; country: string }; parcel: Parcel },
  tx: Tx,
): Promise<ShipmentQuotes & { promise: OrderPromise }> {
  const promise = await orderPromise(options.orderId, tx);
  const quotes = await quoteShipment(
    {
      toAddress: options.toAddress,
      packages: [options.parcel],
      promisedBy: promise.promised_by,
      eligible: (q) => !q.service_level || !isDowngrade(promise.service_level, q.service_level),
    },
    tx,
  );
  return { ...quotes, promise };
}

/** Whether buying `chosen` ships slower than paid for: then a reason is needed (422 on downgrade_reason). */
export function downgradeOf(chosen: QuotedService, promise: OrderPromise, reason: string | undefined) {
  if (!chosen.service_level || !isDowngrade(promise.service_level, chosen.service_level)) return null;
  if (!reason?.trim()) {
    const message =
      `${chosen.carrier_name} ${chosen.service_name} is slower than ` +
      `the ${LEVEL_LABEL[promise.service_level]} service the customer paid ` +
      `for: give a reason for the downgrade.`;
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'downgrade_reason', message }]);
  }
  return {
    paid_level: promise.service_level,
    chosen_level: chosen.service_level,
    chosen_service: `${chosen.carrier_name} ${chosen.service_name}`,
    reason: reason.trim(),
  };
}
