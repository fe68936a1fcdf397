'use server';

import { z } from 'zod';
import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { recordDropshipShipment } from '@/lib/purchasing/record-dropship-shipment';

const ZDropshipShipmentForm = z.object({
  purchase_order_id: z.uuid(),
  carrier: z.string().trim().min(1, 'Enter the carrier').max(60),
  tracking_number: z.string().trim().min(1, 'Enter the tracking number').max(100),
});

/** The supplier's shipment of a dropship PO, from the PO screen: every open unit, with its tracking. */
export const recordDropshipShipmentAction = action(
  { permission: 'purchasing:write', schema: ZDropshipShipmentForm },
  async ({ input, actor }) => {
    const shipment = await recordDropshipShipment({
      purchaseOrderId: input.purchase_order_id,
      input: { carrier: input.carrier, tracking_number: input.tracking_number },
      actor,
    });
    revalidatePath(`/purchasing/${input.purchase_order_id}`);
    revalidatePath('/purchasing');
    revalidatePath(`/orders/${shipment.order_id}`);
    return {
      message:
        `Shipment #${shipment.number} recorded (${input.carrier} ${input.tracking_number}); the order is ` +
        `${shipment.status.replace('_', ' ')}.`,
    };
  },
);
