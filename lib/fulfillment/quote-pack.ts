import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import { quoteOrderShipment } from '@/lib/fulfillment/quote-order-shipment';

export type PackChoice = {
  /** the service "Buy label" buys (the preselection), null when no service can take the parcel */
  key: string | null;
  carrier: string | null;
  service: string | null;
  price: number | null;
  currency: string | null;
  delivery_date: string | null;
  meets_promise: boolean | null;
  /** the service paid for and the delivery date promised */
  paid_label: string;
  promised_by: string | null;
};

/**
 * What the pack station shows before "Buy label" (decision 031): the service the closed parcel would
 * ship by, its arrival, and the promise it is measured against. Reads only.
 */
export async function quotePack(packId: string, tx: Tx = db): Promise<PackChoice> {
  if (!isUuid(packId)) throw new AppError('NOT_FOUND', 'That parcel does not exist.');
  const pack = await tx.orderPack.findUnique({
    where: { id: packId },
    select: {
      orderId: true,
      packageType: true,
      lengthMm: true,
      widthMm: true,
      heightMm: true,
      weightGrams: true,
    },
  });
  if (!pack) throw new AppError('NOT_FOUND', 'That parcel does not exist.');
  const quotes = await quoteOrderShipment(
    {
      orderId: pack.orderId,
      input: {
        ...(pack.packageType
          ? { package_type: pack.packageType }
          : { length_mm: pack.lengthMm!, width_mm: pack.widthMm!, height_mm: pack.heightMm! }),
        weight_grams: pack.weightGrams,
      },
    },
    tx,
  );
  const q = quotes.quotes.find((x) => x.key === quotes.preselected) ?? null;
  return {
    key: q?.key ?? null,
    carrier: q?.carrier_name ?? null,
    service: q?.service_name ?? null,
    price: q?.price ?? null,
    currency: q?.currency ?? null,
    delivery_date: q?.delivery_date ?? null,
    meets_promise: q?.meets_promise ?? null,
    paid_label: quotes.promise.service_label,
    promised_by: quotes.promise.promised_by,
  };
}
