import { z } from 'zod';
import { zCursor, zIntParam } from '@/lib/boundary';
import { ZMinorUnits } from '@/lib/inventory/schemas';
import { ZQty, ZSku, ZUuid } from '@/lib/returns/schemas';

const ZMoney = ZMinorUnits.min(0, 'Cannot be negative').max(100_000_000);

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

export const ZRefundListQuery = z.object({
  status: z.enum(['pending_approval', 'issued', 'declined']).optional(),
  order_id: ZUuid.optional(),
  return_id: ZUuid.optional(),
  ticket_id: ZUuid.optional(),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 200 }).default(50),
});
export type TRefundListQuery = z.infer<typeof ZRefundListQuery>;

/** A refund as the API answers it and the pages read it (OpenAPI `Refund`; RefundDto is its type). */
export const ZRefund = z.object({
  id: z.uuid(),
  number: z.number().int(),
  order_id: z.uuid(),
  order_number: z.number().int(),
  return_id: z.uuid().nullable(),
  ticket_id: z.uuid().nullable(),
  kind: z.enum(['return', 'goodwill', 'exchange']),
  status: z.enum(['pending_approval', 'issued', 'declined']),
  currency: z.string(),
  amount: z.number().int().describe('goods + tax + shipping − restocking fee'),
  goods_amount: z.number().int(),
  tax_amount: z.number().int(),
  shipping_amount: z.number().int(),
  restocking_fee: z.number().int(),
  reason: z.string().nullable(),
  lines: z.array(
    z.object({
      return_line_id: z.uuid(),
      order_line_id: z.uuid(),
      sku: z.string(),
      quantity: z.number().int(),
      goods: z.number().int(),
      tax: z.number().int(),
      fee: z.number().int(),
    }),
  ),
  requested_by: z.string(),
  decided_by: z.string().nullable(),
  issued_at: z.string().nullable(),
  created_at: z.string(),
});
