import { z } from 'zod';
import { zTimestamp } from '@/lib/boundary';
import { isValidIsoDate } from '@/lib/dates';

/** A whole, positive number of millimetres or grams, with a cap that catches a unit mix-up. */
const positive = (what: string, max: number) =>
  z
    .number({ error: `Enter the ${what} as a whole number` })
    .int(`Use a whole number for the ${what}`)
    .positive(`The ${what} must be more than 0`)
    .max(max, `The ${what} must be at most ${max.toLocaleString('en-US')}`);

/** One parcel as the pack station measured it: outside dimensions in mm, weight in grams (box included). */
export const ZParcel = z.object({
  length_mm: positive('length (mm)', 3_000),
  width_mm: positive('width (mm)', 3_000),
  height_mm: positive('height (mm)', 3_000),
  weight_grams: positive('weight (grams)', 1_000_000),
});

const ZIsoDate = z.string().trim().refine(isValidIsoDate, 'Use a date like 2026-11-24');
/** A date, or an ISO timestamp (read as its calendar day in the shop's time zone). */
const ZDateOrTimestamp = z.union([ZIsoDate, zTimestamp()], {
  error: 'Use a date like 2026-11-24',
});

/**
 * What quoteShipment prices. The destination needs only its country and postal code (other address
 * fields are accepted and ignored), so an order's shipping_address can be passed as it is.
 */
export const ZQuoteShipmentInput = z.object({
  to_address: z.looseObject({
    postal_code: z.string({ error: 'Enter the postal code' }).trim().min(1, 'Enter the postal code').max(20),
    country: z
      .string({ error: 'Enter the country' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter country code such as US'),
  }),
  packages: z.array(ZParcel).min(1, 'Add at least one package').max(50, 'At most 50 packages per shipment'),
  /** the day the parcels are handed to the carrier; default today in the shop's time zone */
  ship_date: ZIsoDate.optional(),
  /** the latest delivery date promised to the customer; no promise → the cheapest is preselected */
  promised_by: ZDateOrTimestamp.optional().nullable(),
});
export type TQuoteShipmentInput = z.input<typeof ZQuoteShipmentInput>;
