import { z } from 'zod';
import {
  checkLineTotals,
  fitsMinor,
  MINOR_MAX,
  zCurrency,
  zCursor,
  zDate,
  zIntParam,
  zTimestamp,
} from '@/lib/boundary';
import { ZMinorUnits } from '@/lib/inventory/schemas';
import { ZTaxLineInput } from '@/lib/ledger/tax-rules';
import type { SalesChannel } from '@/lib/generated/prisma/enums.ts';

export const CHANNELS = [
  'web',
  'shopify',
  'amazon',
  'ebay',
  'etsy',
  'woocommerce',
  'manual',
] as const satisfies readonly SalesChannel[];
/** A sales channel: the database's `sales_channel` enum. */
export type Channel = (typeof CHANNELS)[number];
export const ORDER_STATUSES = [
  'pending_review',
  'open',
  'on_hold',
  'partially_fulfilled',
  'fulfilled',
  'delivered',
  'cancelled',
] as const;
export const PAYMENT_STATUSES = [
  'unpaid',
  'partially_paid',
  'authorized',
  'paid',
  'partially_refunded',
  'refunded',
] as const;

export { ZAddress, type TAddress } from '@/lib/address';
import { ZAddress } from '@/lib/address';

const ZMoney = ZMinorUnits.min(0, 'Cannot be negative').max(100_000_000);

export const ZCreateOrderInput = z
  .object({
    channel: z.enum(CHANNELS, { error: `Use one of: ${CHANNELS.join(', ')}` }),
    external_id: z.string().trim().min(1).max(100).optional(),
    currency: zCurrency(),
    customer: z.object({
      email: z.string().trim().toLowerCase().email('Enter a valid email address').max(254),
      name: z.string().trim().min(1, 'Enter the customer name').max(120),
      phone: z.string().trim().max(40).optional(),
    }),
    shipping_address: ZAddress,
    billing_address: ZAddress.optional(),
    shipping_method: z.string().trim().max(60).optional(),
    lines: z
      .array(
        z.object({
          sku: z.string().trim().min(1, 'Enter a SKU').max(64),
          quantity: z
            .number({ error: 'Enter a whole number of units' })
            .int('Use a whole number')
            .positive('Must be at least 1')
            .max(10_000),
          unit_price: ZMoney,
        }),
      )
      .min(1, 'An order needs at least one line')
      .max(500),
    shipping_amount: ZMoney.default(0),
    /** one tax amount; with tax_lines it must equal their sum, without it it is their sum (decision 042) */
    tax_amount: ZMoney.optional(),
    /** the tax by jurisdiction and rate; without it one tax amount becomes one line (decision 042) */
    tax_lines: z.array(ZTaxLineInput).max(20, 'At most 20 tax lines').optional(),
    discount_amount: ZMoney.default(0),
    payment: z
      .object({
        method: z.string().trim().min(1).max(40),
        amount: ZMinorUnits.positive('Must be more than zero').max(100_000_000),
        status: z.enum(['authorized', 'captured']),
        fee: ZMoney.optional(),
        avs_result: z.string().trim().max(4).optional(),
        cvv_result: z.string().trim().max(4).optional(),
      })
      .optional(),
    customer_ip: z.string().trim().max(64).optional(),
    note: z.string().trim().max(2000).optional(),
    /** when the order was placed on its channel (imports); defaults to now */
    placed_at: zTimestamp().optional(),
    promised_ship_by: zTimestamp().optional(),
  })
  .superRefine((o, ctx) => {
    const taxOfLines = o.tax_lines?.reduce((s, l) => s + l.tax, 0);
    if (taxOfLines !== undefined && o.tax_amount !== undefined && taxOfLines !== o.tax_amount) {
      ctx.addIssue({
        code: 'custom',
        path: ['tax_lines'],
        message: `The tax lines add up to ${taxOfLines}, not the tax amount ${o.tax_amount}`,
      });
      return;
    }
    const tax = o.tax_amount ?? taxOfLines ?? 0;
    if (tax > 100_000_000) {
      ctx.addIssue({
        code: 'custom',
        path: ['tax_lines'],
        message: 'The tax lines add up to more than 100000000',
      });
      return;
    }
    // In bigint first: fields each within their limit can still add up past an int4 column.
    const lines = checkLineTotals(
      ctx,
      o.lines.map((l) => ({ quantity: l.quantity, unit: l.unit_price })),
      'unit_price',
    );
    if (lines === null) return;
    if (!fitsMinor(lines - BigInt(o.discount_amount) + BigInt(o.shipping_amount) + BigInt(tax))) {
      ctx.addIssue({
        code: 'custom',
        path: ['shipping_amount'],
        message: `The order total is above ${MINOR_MAX} minor units`,
      });
      return;
    }
    const subtotal = Number(lines);
    if (o.discount_amount > subtotal)
      ctx.addIssue({
        code: 'custom',
        path: ['discount_amount'],
        message: 'The discount is larger than the order subtotal',
      });
    const total = subtotal - o.discount_amount + o.shipping_amount + tax;
    if (o.payment && o.payment.amount > total)
      ctx.addIssue({
        code: 'custom',
        path: ['payment', 'amount'],
        message: `The payment (${o.payment.amount}) is larger than the order total (${total})`,
      });
  })
  .transform((o) => ({ ...o, tax_amount: o.tax_amount ?? o.tax_lines?.reduce((s, l) => s + l.tax, 0) ?? 0 }));
export type TCreateOrderInput = z.input<typeof ZCreateOrderInput>;

export const ZOrderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  payment_status: z.enum(PAYMENT_STATUSES).optional(),
  channel: z.enum(CHANNELS).optional(),
  risk: z.enum(['low', 'medium', 'high']).optional(),
  from: zDate().optional(),
  to: zDate().optional(),
  q: z.string().trim().max(100).optional(),
  /** shipping state (dashboard drill-downs): see SHIP_FILTERS */
  ship: z.enum(['complete', 'incomplete', 'late', 'on_time', 'past_due']).optional(),
  /** shop-timezone days the order's last shipment falls in */
  shipped_from: zDate().optional(),
  shipped_to: zDate().optional(),
  /** holds by kind: payment_due = on hold waiting for payment (the dashboard's "Payment due"), decision 031 */
  hold: z.enum(['payment_due']).optional(),
  sort: z.enum(['placed_desc', 'placed_asc', 'total_desc', 'total_asc']).default('placed_desc'),
  cursor: zCursor().optional(),
  limit: zIntParam({ min: 1, max: 200 }).default(50),
});
export type TOrderListQuery = z.infer<typeof ZOrderListQuery>;

export const ZReasonInput = z.object({ reason: z.string().trim().min(1, 'Give a reason').max(500) });

export const ZRecordShipmentInput = z.object({
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1, 'Enter a SKU').max(64),
        quantity: z
          .number({ error: 'Enter a whole number' })
          .int('Use a whole number')
          .positive('Must be at least 1')
          .max(10_000),
      }),
    )
    .min(1, 'Ship at least one line')
    .max(500),
  carrier: z.string().trim().max(60).optional(),
  service: z.string().trim().max(60).optional(),
  tracking_number: z.string().trim().max(100).optional(),
  shipped_at: zTimestamp().optional(),
});
export type TRecordShipmentInput = z.input<typeof ZRecordShipmentInput>;

/** POST /api/v1/orders/{id}/cancel: the body is optional; without a reason the API's default is used. */
export const ZCancelOrderInput = z.object({
  reason: z.string().trim().min(1).max(500).default('Cancelled through the API'),
});

/**
 * POST /api/v1/orders/{id}/payments and the order page's "Record a payment": money received later
 * (a bank transfer, an invoice paid, the rest of a part payment). Amount in minor units.
 */
export const ZRecordPaymentInput = z
  .object({
    amount: ZMinorUnits.positive('Enter an amount more than zero').max(100_000_000),
    method: z
      .string({ error: 'Enter how it was paid, e.g. bank_transfer' })
      .trim()
      .min(1, 'Enter how it was paid, e.g. bank_transfer')
      .max(40, 'At most 40 characters'),
    /** captured: the money is in; authorized: a card authorization still to capture */
    status: z.enum(['captured', 'authorized'], { error: 'Use captured or authorized' }).default('captured'),
    fee: ZMoney.optional(),
  })
  .strict();
export type TRecordPaymentInput = z.input<typeof ZRecordPaymentInput>;

/** An order's payment status as the API answers it (OpenAPI, Order and OrderRow). */
export const ZPaymentStatus = z
  .enum(PAYMENT_STATUSES)
  .describe(
    'Follows the money: unpaid, partially_paid (less than the total captured or authorized), ' +
      'authorized (the whole total authorized, not captured), paid, ' +
      'partially_refunded, refunded. `pending` was renamed `unpaid` (decision 031).',
  );

/** A row of the order list: the API's page and the orders table (OrderRow is its type). */
export const ZOrderRow = z.object({
  id: z.uuid(),
  number: z.number().int(),
  channel: z.string(),
  status: z.string(),
  payment_status: ZPaymentStatus,
  customer: z.string(),
  email: z.string(),
  total: z.number().int(),
  currency: z.string(),
  items: z.number().int(),
  risk_level: z.string(),
  risk_score: z.number().int(),
  placed_at: z.string(),
});
