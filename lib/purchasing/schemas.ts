import { z } from 'zod';
import { zTimestamp } from '@/lib/boundary';
import { PURCHASE_ORDER_STATUSES } from './rules';
import { ZLandedCharge } from './bill-schemas';

const ZSku = z.string().trim().min(1, 'Enter a SKU').max(64);
const ZQuantity = z
  .number({ error: 'Enter a whole number of units' })
  .int('Use a whole number of units')
  .positive('Must be at least 1')
  .max(1_000_000);
const ZUnitCost = z
  .number({ error: 'Enter a cost in minor units (cents)' })
  .int('Use whole minor units (cents), e.g. 450 for 4.50')
  .min(0, 'A cost cannot be negative')
  .max(100_000_000);
const ZDays = z
  .number({ error: 'Enter a number of days' })
  .int('Use whole days')
  .min(0, 'Cannot be negative')
  .max(365);
const ZDate = z.iso.date({ error: 'Use a date like 2026-12-24' });

export const ZSupplierProductInput = z.object({
  sku: ZSku,
  supplier_sku: z.string().trim().max(64).optional(),
  unit_cost: ZUnitCost,
  pack_size: z.number().int('Use a whole number').min(1, 'At least 1').max(100_000).default(1),
  moq: z.number().int('Use a whole number').min(1, 'At least 1').max(1_000_000).default(1),
  lead_time_days: ZDays.optional(),
  /** make this supplier the variant's preferred supplier */
  preferred: z.boolean().optional(),
});

const supplierFields = {
  name: z.string().trim().min(1, 'Enter the supplier’s name').max(120),
  email: z.email({ error: 'Enter an email address like orders@supplier.com' }).max(200),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, 'Use a three-letter currency code, e.g. USD')
    .transform((c) => c.toUpperCase())
    .optional(),
  payment_terms: z.string().trim().max(120).optional(),
  lead_time_days: ZDays,
  lead_time_stddev_days: z
    .number({ error: 'Enter a number of days' })
    .min(0, 'Cannot be negative')
    .max(365)
    .default(0),
  review_period_days: z.number().int('Use whole days').min(1, 'At least 1 day').max(365).default(7),
  minimum_order_value: ZUnitCost.default(0),
  over_receipt_tolerance_pct: z.number().int('Use a whole percentage').min(0).max(100).default(0),
};

export const ZCreateSupplierInput = z
  .object({
    ...supplierFields,
    products: z.array(ZSupplierProductInput).max(5000).default([]),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.products.forEach((p, i) => {
      if (seen.has(p.sku.toUpperCase()))
        ctx.addIssue({ code: 'custom', path: ['products', i, 'sku'], message: `${p.sku} is listed twice` });
      seen.add(p.sku.toUpperCase());
    });
  });
export type TCreateSupplierInput = z.input<typeof ZCreateSupplierInput>;

/** Editing a supplier: the same fields; `products`, when given, replaces the catalog. */
export const ZUpdateSupplierInput = z.object({
  ...supplierFields,
  products: z.array(ZSupplierProductInput).max(5000).optional(),
});
export type TUpdateSupplierInput = z.input<typeof ZUpdateSupplierInput>;

const ZLines = z
  .array(z.object({ sku: ZSku, quantity: ZQuantity, unit_cost: ZUnitCost.optional() }))
  .min(1, 'Add at least one line')
  .max(500)
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((l, i) => {
      if (seen.has(l.sku.toUpperCase()))
        ctx.addIssue({ code: 'custom', path: [i, 'sku'], message: `${l.sku} is on the order twice` });
      seen.add(l.sku.toUpperCase());
    });
  });

export const ZCreatePurchaseOrderInput = z.object({
  supplier_id: z.uuid({ error: 'Choose a supplier' }),
  location: z.string().trim().min(1, 'Choose the location that receives the goods').max(40),
  expected_at: ZDate.optional(),
  notes: z.string().trim().max(2000).optional(),
  lines: ZLines,
});
export type TCreatePurchaseOrderInput = z.input<typeof ZCreatePurchaseOrderInput>;

/** Editing a draft or sent PO: what is given replaces what was there (lines: the whole list). */
export const ZUpdatePurchaseOrderInput = z.object({
  expected_at: ZDate.nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
  lines: ZLines.optional(),
});
export type TUpdatePurchaseOrderInput = z.input<typeof ZUpdatePurchaseOrderInput>;

export const ZReceivePurchaseOrderInput = z.object({
  lines: z
    .array(z.object({ sku: ZSku, quantity: ZQuantity }))
    .min(1, 'Receive at least one line')
    .max(500),
  /** Landed-cost charges allocated over this receipt's lines (decision 034). */
  charges: z.array(ZLandedCharge).max(50).optional(),
  /** the receipt's day (default today): its rate converts a foreign-currency PO */
  received_on: ZDate.optional(),
});
export type TReceivePurchaseOrderInput = z.input<typeof ZReceivePurchaseOrderInput>;

export const ZPurchaseOrderListQuery = z.object({
  status: z.enum(PURCHASE_ORDER_STATUSES).optional(),
  supplier_id: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TPurchaseOrderListQuery = z.infer<typeof ZPurchaseOrderListQuery>;

export const ZSupplierListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Optional body of cancel and close. */
export const ZPurchaseOrderReasonInput = z.object({ reason: z.string().trim().max(500).optional() });

/**
 * The supplier's shipment of a dropship PO (decision 041), from the PO screen: carrier and tracking
 * required (the customer is emailed them); without lines every open unit shipped.
 */
export const ZDropshipShipmentInput = z.object({
  carrier: z.string().trim().min(1, 'Enter the carrier').max(60),
  tracking_number: z.string().trim().min(1, 'Enter the tracking number').max(100),
  shipped_at: zTimestamp().optional(),
  lines: z
    .array(
      z.object({
        sku: z.string().trim().min(1, 'Enter a SKU').max(64),
        quantity: z.number().int('Use whole units').positive('Must be at least 1').max(10_000),
      }),
    )
    .min(1)
    .max(500)
    .optional(),
});
export type TDropshipShipmentInput = z.input<typeof ZDropshipShipmentInput>;
