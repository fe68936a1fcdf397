import { z } from 'zod';
import { zCursor, zIntParam } from '@/lib/boundary';
import { DISPOSITIONS, RETURN_REASON_CODES, RETURN_STATUSES } from '@/lib/returns/rules';

/** A line's SKU, unit count and a record id as return and refund inputs take them. */
export const ZSku = z.string().trim().min(1, 'Enter a SKU').max(64);
export const ZQty = z
  .number({ error: 'Enter a whole number of units' })
  .int('Use a whole number')
  .positive('Must be at least 1')
  .max(10_000);
export const ZUuid = z.string().uuid('Not a valid id');

export const ZCreateReturnInput = z.object({
  order_id: ZUuid,
  /** the support ticket the request came from */
  ticket_id: ZUuid.optional(),
  resolution: z.enum(['refund', 'exchange']).default('refund'),
  note: z.string().trim().max(2000).optional(),
  lines: z
    .array(
      z.object({
        sku: ZSku,
        quantity: ZQty,
        reason: z.enum(RETURN_REASON_CODES, { error: `Use one of: ${RETURN_REASON_CODES.join(', ')}` }),
      }),
    )
    .min(1, 'Return at least one line')
    .max(500),
});
export type TCreateReturnInput = z.input<typeof ZCreateReturnInput>;

export const ZApproveReturnInput = z.object({
  /** shown to the customer in the approval email */
  message: z.string().trim().max(2000).optional(),
  /** buy a prepaid return label (cheapest service) and send its link with the approval */
  issue_label: z.boolean().default(false),
});
export type TApproveReturnInput = z.input<typeof ZApproveReturnInput>;

export const ZRejectReturnInput = z.object({
  message: z.string().trim().min(1, 'Tell the customer why').max(2000),
});
export type TRejectReturnInput = z.input<typeof ZRejectReturnInput>;

/** DESIGN shape: {"lines":[{"sku","quantity","condition"}]} — a condition inspects the units at once. */
export const ZReceiveReturnInput = z.object({
  lines: z
    .array(z.object({ sku: ZSku, quantity: ZQty, condition: z.enum(DISPOSITIONS).optional() }))
    .min(1, 'Receive at least one unit')
    .max(500),
});
export type TReceiveReturnInput = z.input<typeof ZReceiveReturnInput>;

export const ZInspectReturnInput = z.object({
  lines: z
    .array(
      z.object({
        sku: ZSku,
        quantity: ZQty,
        disposition: z.enum(DISPOSITIONS, { error: 'Choose restock, damaged or scrap' }),
      }),
    )
    .min(1, 'Inspect at least one unit')
    .max(500),
});
export type TInspectReturnInput = z.input<typeof ZInspectReturnInput>;

export const ZExchangeReturnInput = z.object({
  /** the replacement units; priced at each variant's current price */
  lines: z
    .array(z.object({ sku: ZSku, quantity: ZQty }))
    .min(1, 'Choose at least one replacement')
    .max(500),
});
export type TExchangeReturnInput = z.input<typeof ZExchangeReturnInput>;

export const ZReturnListQuery = z.object({
  status: z.enum(RETURN_STATUSES).optional(),
  order_id: ZUuid.optional(),
  ticket_id: ZUuid.optional(),
  q: z.string().trim().max(100).optional(),
  /** awaiting_receipt: approved returns whose parcel has not (wholly) come back (lib/returns/rules.ts) */
  stage: z.enum(['awaiting_receipt'], { error: 'Stage is awaiting_receipt' }).optional(),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 200 }).default(50),
});
export type TReturnListQuery = z.infer<typeof ZReturnListQuery>;
