import { z } from 'zod';
import { RETURN_STATUSES } from '@/lib/returns/rules';
import { ZRefund } from '@/lib/refunds/schemas';

/**
 * A return as the API answers it and the pages read it: the OpenAPI document's `Return` and
 * `ReturnRow`, and the types of lib/returns/queries.ts (one shape, written once).
 */
export const ZReturnLine = z.object({
  id: z.uuid(),
  order_line_id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  unit_price: z.number().int(),
  quantity: z.number().int(),
  reason: z.string(),
  quantity_received: z.number().int(),
  quantity_restocked: z.number().int(),
  quantity_damaged: z.number().int(),
  quantity_scrapped: z.number().int(),
  /** received, no disposition yet */
  quantity_uninspected: z.number().int(),
  quantity_refunded: z.number().int(),
});

export const ZReturn = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(RETURN_STATUSES),
  resolution: z.enum(['refund', 'exchange']),
  order_id: z.uuid(),
  order_number: z.number().int(),
  order_payment_status: z.string(),
  amount_paid: z.number().int(),
  ticket_id: z.uuid().nullable(),
  customer: z.object({ email: z.string(), name: z.string() }),
  currency: z.string(),
  note: z.string().nullable(),
  customer_message: z.string().nullable(),
  label: z
    .object({
      carrier: z.string(),
      service: z.string().nullable(),
      tracking_number: z.string(),
      cost: z.number().int(),
    })
    .nullable(),
  exchange_order: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  created_by: z.string(),
  created_at: z.string(),
  approved_at: z.string().nullable(),
  received_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  lines: z.array(ZReturnLine),
  refunds: z.array(ZRefund),
});

/** A row of the return list. */
export const ZReturnRow = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: z.enum(RETURN_STATUSES),
  resolution: z.string(),
  order_id: z.uuid(),
  order_number: z.number().int(),
  customer: z.string(),
  email: z.string(),
  units: z.number().int(),
  units_received: z.number().int(),
  ticket_id: z.uuid().nullable(),
  created_at: z.string(),
});
