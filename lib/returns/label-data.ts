import 'server-only';
import { addressText } from '@/lib/fulfillment/document-address';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { LabelInput } from '@/lib/documents/label';
import { returnParcelGrams } from '@/lib/returns/issue-return-label';
import { isUuid } from '@/lib/boundary';

const str = addressText;

/** A return label's data: from the customer (the order's shipping address) to the shop's warehouse. */
export async function returnLabel(returnId: string, tx: Tx = db): Promise<LabelInput> {
  if (!isUuid(returnId)) throw new AppError('NOT_FOUND', 'That return does not exist.');
  const r = await tx.return.findUnique({
    where: { id: returnId },
    select: {
      id: true,
      number: true,
      labelCarrier: true,
      labelService: true,
      labelTrackingNumber: true,
      approvedAt: true,
      order: {
        select: { number: true, shippingAddress: true, location: { select: { code: true, address: true } } },
      },
    },
  });
  if (!r) throw new AppError('NOT_FOUND', 'That return does not exist.');
  if (!r.labelTrackingNumber)
    throw new AppError('INVALID_STATE', `No return label was issued for return #${r.number}.`);
  const settings = await tx.shopSettings.findUnique({
    where: { id: 1 },
    select: { shopName: true, timezone: true, fulfillingLocation: { select: { code: true, address: true } } },
  });
  const location = r.order.location ?? settings?.fulfillingLocation ?? null;
  const to = (location?.address ?? null) as Record<string, unknown> | null;
  if (!location || !to || !str(to.line1) || !str(to.city) || !str(to.postal_code) || !str(to.country)) {
    throw new AppError(
      'INVALID_STATE',
      `The warehouse address is missing: add an address to location ${location?.code ?? '(none)'} ` +
        `before printing return labels.`,
    );
  }
  const from = (r.order.shippingAddress ?? {}) as Record<string, unknown>;
  return {
    ship_from: {
      shop_name: str(from.name) ?? 'Customer',
      address: {
        line1: str(from.line1) ?? '',
        line2: str(from.line2),
        city: str(from.city) ?? '',
        region: str(from.region),
        postal_code: str(from.postal_code) ?? '',
        country: str(from.country) ?? '',
      },
      phone: str(from.phone),
    },
    ship_to: {
      name: `${settings?.shopName ?? 'Returns'} — Returns`,
      line1: str(to.line1)!,
      line2: str(to.line2),
      city: str(to.city)!,
      region: str(to.region),
      postal_code: str(to.postal_code)!,
      country: str(to.country)!,
    },
    carrier: r.labelCarrier ?? '',
    service: r.labelService ?? '',
    weight_grams: await returnParcelGrams(tx, r.id),
    tracking_number: r.labelTrackingNumber,
    order_number: r.order.number,
    shipment_number: `R${r.number}`,
    shipped_at: r.approvedAt?.toISOString() ?? null,
    time_zone: settings?.timezone ?? 'UTC',
    reference: `RETURN #${r.number}`,
  };
}
