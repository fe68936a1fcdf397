'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { packInputFromForm } from '@/lib/fulfillment/queue-schemas';
import { quoteOrderShipment } from '@/lib/fulfillment/quote-order-shipment';
import { boughtLabelSummary, buyLabel } from '@/lib/fulfillment/buy-label';
import { addTrackingEvent } from '@/lib/fulfillment/add-tracking-event';
import type { TTrackingEventInput } from '@/lib/fulfillment/schemas';
import type { PackLabel } from '@/lib/fulfillment/buy-pack-label';
import { formText } from '@/lib/form-data';
import { isDowngrade } from '@/lib/shipping/service-levels';

const field = (formData: FormData, name: string) => formText(formData, name);
const shipPath = (id: string) => `/fulfillment/orders/${encodeURIComponent(id)}`;

export type RateOption = {
  key: string;
  carrier: string;
  service: string;
  available: boolean;
  price: number | null;
  currency: string | null;
  delivery_date: string | null;
  meets_promise: boolean | null;
  /** slower than the service the customer paid for: buying it needs a reason */
  downgrade: boolean;
  reason: string | null;
};
export type RatesData = {
  quotes: RateOption[];
  preselected: string | null;
  ship_date: string;
  billable_note: string;
  /** the service paid for and the delivery date promised (decision 031) */
  paid: { level: string; label: string; method: string | null; mapped: boolean; promised_by: string | null };
};

/** "Get rates": the order's parcel rated by every active service, the preselected one marked. */
export const getRatesAction = action<RatesData>({ permission: 'fulfillment:write' }, async ({ formData }) => {
  const { service: _service, ...input } = packInputFromForm(formData);
  const result = await quoteOrderShipment({ orderId: field(formData, 'orderId'), input });
  const quotes = result.quotes.map((q) => ({
    key: q.key,
    carrier: q.carrier_name,
    service: q.service_name,
    available: q.available,
    price: q.price,
    currency: q.currency,
    delivery_date: q.delivery_date,
    meets_promise: q.meets_promise,
    downgrade: !!q.service_level && isDowngrade(result.promise.service_level, q.service_level),
    reason: q.unavailable?.message ?? null,
  }));
  const p = result.parcel;
  const available = quotes.filter((q) => q.available).length;
  return {
    message: `${available} of ${quotes.length} services can take this parcel.`,
    data: {
      quotes,
      preselected: result.preselected,
      ship_date: result.ship_date,
      billable_note: `${p.length_mm} × ${p.width_mm} × ${p.height_mm} mm, ${p.weight_grams} g`,
      paid: {
        level: result.promise.service_level,
        label: result.promise.service_label,
        method: result.promise.shipping_method,
        mapped: result.promise.mapped,
        promised_by: result.promise.promised_by,
      },
    },
  };
});

/** A label bought from the ship screen: the shipment as the pack station's label has it, and its customs form. */
export type LabelData = Omit<PackLabel, 'pack_id' | 'order_id' | 'order_number' | 'already_bought'> & {
  /** CN22 / CN23 when the parcel leaves the shop's country: it prints with the label */
  customs_form: string | null;
};

/**
 * "Buy label" with the chosen service. buyLabel locks the order row, so a second tap (or a second
 * tablet) finds nothing left to ship and gets INVALID_STATE instead of a second label.
 */
export const buyLabelAction = action<LabelData>(
  { permission: 'fulfillment:write' },
  async ({ actor, formData }) => {
    const orderId = field(formData, 'orderId');
    const label = await buyLabel({ orderId, input: packInputFromForm(formData), actor });
    revalidatePath(shipPath(orderId));
    revalidatePath('/fulfillment');
    return {
      message: `Label bought: ${label.carrier} ${label.service}, tracking ${label.tracking_number}.`,
      data: { ...boughtLabelSummary(label), customs_form: label.customs_form },
    };
  },
);

/** A tracking event typed by staff (a carrier's phone call, a scan the feed missed). */
export const addTrackingEventAction = action(
  { permission: 'fulfillment:write' },
  async ({ actor, formData }) => {
    const description = field(formData, 'description').trim();
    const result = await addTrackingEvent({
      shipmentId: field(formData, 'shipmentId'),
      input: {
        status: field(formData, 'status') as TTrackingEventInput['status'],
        description: description || undefined,
      },
      actor,
    });
    const orderId = field(formData, 'orderId');
    if (orderId) revalidatePath(shipPath(orderId));
    revalidatePath('/fulfillment/exceptions');
    return { message: `Shipment #${result.shipment_number} is now ${result.status.replace(/_/g, ' ')}.` };
  },
);
