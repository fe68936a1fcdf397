import { z } from 'zod';
import { zCursor, zIntParam } from '@/lib/boundary';
import { ZMinorUnits } from '@/lib/inventory/schemas';
import { DISPOSITIONS, RETURN_REASON_CODES, RETURN_STATUSES } from '@/lib/returns/rules';

const ZSku = z.string().trim().min(1, 'Enter a SKU').max(64);
const ZQty = z
  .number({ error: 'Enter a whole number of units' })
  .int('Use a whole number')
  .positive('Must be at least 1')
  .max(10_000);
const ZUuid = z.string().uuid('Not a valid id');
const ZMoney = ZMinorUnits.min(0, 'Cannot be negative').max(100_000_000);

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

export const ZRefundReturnInput = z.object({
  /** units to refund; default every received unit not refunded yet */
  lines: z
    .array(z.object({ sku: ZSku, quantity: ZQty }))
    .min(1)
    .max(500)
    .optional(),
  /** shipping to give back, at most the order's shipping not refunded yet */
  shipping_amount: ZMoney.default(0),
  waive_restocking_fee: z.boolean().default(false),
  /** a smaller total than the lines come to (a partial refund); components are scaled to it */
  amount: ZMinorUnits.positive('Must be more than zero').max(100_000_000).optional(),
  reason: z.string().trim().max(500).optional(),
  ticket_id: ZUuid.optional(),
});
export type TRefundReturnInput = z.input<typeof ZRefundReturnInput>;

export const ZGoodwillRefundInput = z.object({
  order_id: ZUuid,
  amount: ZMinorUnits.positive('Must be more than zero').max(100_000_000),
  reason: z.string().trim().min(1, 'Give the reason for a refund without a return').max(500),
  ticket_id: ZUuid.optional(),
});
export type TGoodwillRefundInput = z.input<typeof ZGoodwillRefundInput>;

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
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 200 }).default(50),
});
export type TReturnListQuery = z.infer<typeof ZReturnListQuery>;

export const ZRefundListQuery = z.object({
  status: z.enum(['pending_approval', 'issued', 'declined']).optional(),
  order_id: ZUuid.optional(),
  return_id: ZUuid.optional(),
  ticket_id: ZUuid.optional(),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 200 }).default(50),
});
export type TRefundListQuery = z.infer<typeof ZRefundListQuery>;
