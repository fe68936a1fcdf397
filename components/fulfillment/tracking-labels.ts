/** Shipment and tracking statuses in words. */
export const TRACKING_LABEL: Record<string, string> = {
  label_created: 'Label created',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  exception: 'Exception',
  voided: 'Voided',
};
