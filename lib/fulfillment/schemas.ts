import { labelled } from '@/lib/form-errors';
import { z } from 'zod';
import { zTimestamp } from '@/lib/boundary';
import { DUTIES_TERMS } from '@/lib/shipping/customs';

export const TRACKING_STATUSES = ['in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;

export const ZBuyLabelInput = z
  .object({
    /** what goes in this parcel; default every unit still to ship */
    lines: z
      .array(
        z.object({
          sku: z.string().trim().min(1).max(64),
          quantity: z.number().int().positive().max(10_000),
        }),
      )
      .min(1)
      .max(500)
      .optional(),
    /** a package type code (its box and tare), or the outside dimensions of the parcel */
    package_type: z.string().trim().min(1).max(40).optional(),
    length_mm: z.number().int().positive().max(3_000).optional(),
    width_mm: z.number().int().positive().max(3_000).optional(),
    height_mm: z.number().int().positive().max(3_000).optional(),
    /** the weighed parcel, or its contents when a package type adds the box's tare, grams */
    weight_grams: z
      .number({ error: 'Weigh the parcel' })
      .int('Use whole grams')
      .positive('The weight must be more than zero')
      .max(70_000),
    /** a quote key such as 'parcelway:ground' to override the preselected service */
    service: z.string().trim().max(80).optional(),
    /** why the chosen service is slower than the one paid for (required then; decision 031) */
    downgrade_reason: z.string().trim().max(300, 'At most 300 characters').optional(),
    /** who pays import duties on a parcel leaving the shop's country; default the shop's setting (decision 040) */
    duties_terms: z.enum(DUTIES_TERMS, { error: 'Choose DDU or DDP' }).optional(),
  })
  .refine((v) => v.package_type || (v.length_mm && v.width_mm && v.height_mm), {
    path: ['package_type'],
    message: 'Choose a box or enter the parcel dimensions',
  });
export type TBuyLabelInput = z.input<typeof ZBuyLabelInput>;

export const ZTrackingEventInput = z.object({
  status: z.enum(TRACKING_STATUSES, { error: `Use one of: ${TRACKING_STATUSES.join(', ')}` }),
  description: z.string().trim().max(300).optional(),
  location: z.string().trim().max(120).optional(),
  occurred_at: zTimestamp().optional(),
});
export type TTrackingEventInput = z.input<typeof ZTrackingEventInput>;

/** One unit scanned at a pick stop: the SKU the screen matched the scan to (the server checks it again). */
export const ZPickUnitInput = z.object({
  sku: z.string().trim().min(1, 'Scan an item').max(64),
});
export type TPickUnitInput = z.input<typeof ZPickUnitInput>;

/** A stop whose remaining units cannot be picked. */
export const ZShortPickInput = z.object({
  sku: z.string().trim().min(1).max(64),
  reason: z.string().trim().min(3, 'Say why the units are short (at least 3 characters)').max(300),
  action: z.enum(['keep_reserved', 'backorder'], { error: 'Choose what happens to the missing units' }),
});
export type TShortPickInput = z.input<typeof ZShortPickInput>;

const ZSkuQuantity = z.object({
  sku: z.string().trim().min(1).max(64),
  quantity: z.number().int().min(0).max(10_000),
});

/**
 * Closing a parcel at the pack station: what is in it, what was verified by scan, the box and weight.
 * `override_reason` closes it with units unverified (managers only).
 */
export const ZPackOrderInput = z
  .object({
    lines: z
      .array(ZSkuQuantity.extend({ quantity: z.number().int().positive().max(10_000) }))
      .min(1, 'Nothing to pack')
      .max(500),
    verified: z.array(ZSkuQuantity).max(500),
    override_reason: z
      .string()
      .trim()
      .min(3, 'Give the reason for the override (at least 3 characters)')
      .max(300)
      .optional(),
    package_type: z.string().trim().min(1).max(40).optional(),
    length_mm: z.number().int().positive().max(3_000).optional(),
    width_mm: z.number().int().positive().max(3_000).optional(),
    height_mm: z.number().int().positive().max(3_000).optional(),
    weight_grams: labelled(
      z
        .number({ error: 'Weigh the parcel' })
        .int('Use whole grams')
        .positive('The weight must be more than zero')
        .max(70_000, 'A parcel weighs at most 70,000 g: split it into two parcels'),
      'Weight of the contents (g)',
    ),
    wave_id: z.string().uuid().optional(),
  })
  .refine((v) => v.package_type || (v.length_mm && v.width_mm && v.height_mm), {
    path: ['package_type'],
    message: 'Choose a box or enter the parcel dimensions',
  });
export type TPackOrderInput = z.input<typeof ZPackOrderInput>;

export const ZVoidLabelInput = z.object({
  reason: z.string().trim().min(3, 'Say why the label is voided (at least 3 characters)').max(300),
});
export type TVoidLabelInput = z.input<typeof ZVoidLabelInput>;
