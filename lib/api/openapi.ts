import { z } from 'zod';
import { ZKpiQuery, ZKpiReport } from '@/lib/kpi/schemas';
import { ZUpdateSettingsInput } from '@/lib/settings/schemas';
import { ZAdjustmentInput, ZInventoryQuery, ZReceiptInput, ZTransferInput } from '@/lib/inventory/schemas';
import { ZAsOfQuery } from '@/lib/ledger/schemas';
import { ZCreateOrderInput, ZOrderListQuery, ZRecordShipmentInput } from '@/lib/orders/schemas';
import { ZBuyLabelInput, ZTrackingEventInput } from '@/lib/fulfillment/schemas';
import { ZProductApiListQuery, ZProductInput, ZProductUpdateInput } from '@/lib/catalog/schemas';
import {
  ZApproveReturnInput,
  ZCreateReturnInput,
  ZExchangeReturnInput,
  ZGoodwillRefundInput,
  ZInspectReturnInput,
  ZReceiveReturnInput,
  ZRefundListQuery,
  ZRefundReturnInput,
  ZRejectReturnInput,
  ZReturnListQuery,
} from '@/lib/returns/schemas';
import { ZAddMessageInput, ZCreateTicketInput, ZTicketListQuery } from '@/lib/support/schemas';
import {
  ZCreateCycleCountInput,
  ZCreatedCycleCount,
  ZCycleCountListQuery,
  ZCycleCountRow,
} from '@/lib/inventory/cycle-counts/schemas';
import { ZApiKeyApi } from '@/lib/auth/api-key-schemas';
import {
  ZCreatePurchaseOrderInput,
  ZCreateSupplierInput,
  ZPurchaseOrderListQuery,
  ZPurchaseOrderReasonInput,
  ZReceivePurchaseOrderInput,
  ZSupplierListQuery,
  ZUpdatePurchaseOrderInput,
  ZUpdateSupplierInput,
} from '@/lib/purchasing/schemas';
import { PURCHASE_ORDER_STATUSES } from '@/lib/purchasing/rules';
import { ZEventsQuery } from '@/lib/events/schemas';
import { EVENT_TYPES } from '@/lib/events/rules';
import { ZCreateWebhookInput, ZDeliveriesQuery, ZUpdateWebhookInput } from '@/lib/webhooks/schemas';
import type { Permission } from '@/lib/auth/permissions';

/**
 * The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the handlers parse
 * with. Each route handler added under app/api/v1 adds its entry here (tests/integration/openapi.test.ts
 * checks that every route file is described).
 */
type Operation = {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** null: any valid API key */
  scope: Permission | null;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  /** success status, default 200 */
  status?: number;
};

const ZError = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

const ZLocation = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['warehouse', 'store']),
  active: z.boolean(),
});
const ZSettings = z.object({
  shop_name: z.string(),
  currency: z.string().length(3),
  timezone: z.string(),
  inventory_costing: z.enum(['fifo', 'average']),
  support_refund_limit: z.number().int(),
  count_approval_limit: z.number().int(),
  fraud_review_threshold: z.number().int(),
  fulfilling_location: z.string().nullable(),
});

const ZLevel = z.object({
  sku: z.string(),
  location: z.string(),
  bin: z.string().nullable(),
  on_hand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  damaged: z.number().int(),
  quarantine: z.number().int(),
  on_order: z.number().int().describe('open units on sent and partially received purchase orders'),
  on_order_expected_at: z.string().nullable().describe('earliest expected date of those POs'),
});
const ZReceipt = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  location: z.string(),
  kind: z.enum(['purchase', 'opening']),
  reference: z.string().nullable(),
  total_cost: z.number().int(),
  recost: z.number().int(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), unit_cost: z.number().int() })),
});
const ZSupplier = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  currency: z.string(),
  payment_terms: z.string().nullable(),
  lead_time_days: z.number().int(),
  lead_time_stddev_days: z.number(),
  review_period_days: z.number().int(),
  minimum_order_value: z.number().int(),
  over_receipt_tolerance_pct: z.number().int(),
  active: z.boolean(),
  products: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      supplier_sku: z.string().nullable(),
      unit_cost: z.number().int(),
      pack_size: z.number().int(),
      moq: z.number().int(),
      lead_time_days: z.number().int().nullable(),
      preferred: z.boolean(),
    }),
  ),
  open_purchase_orders: z.number().int(),
  created_at: z.string(),
});
const ZPurchaseOrder = z.object({
  id: z.uuid(),
  number: z.number().int(),
  label: z.string().describe('PO-1001: what the PDF, its barcode and the screens show'),
  status: z.enum(PURCHASE_ORDER_STATUSES),
  supplier_id: z.uuid(),
  supplier: z.object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    over_receipt_tolerance_pct: z.number().int(),
  }),
  location: z.string(),
  currency: z.string(),
  expected_at: z.string().nullable(),
  notes: z.string().nullable(),
  revision: z.number().int(),
  lines: z.array(
    z.object({
      sku: z.string(),
      name: z.string(),
      barcode: z.string().nullable(),
      supplier_sku: z.string().nullable(),
      quantity: z.number().int().describe('ordered'),
      received: z.number().int(),
      cancelled: z.number().int(),
      open: z.number().int(),
      unit_cost: z.number().int(),
      line_total: z.number().int(),
    }),
  ),
  total: z.number().int().describe('Σ (ordered − cancelled) × unit cost, minor units'),
  received_value: z.number().int(),
  created_by: z.string(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
});
const ZAdjustment = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  location: z.string(),
  sku: z.string(),
  delta: z.number().int(),
  reason: z.string(),
  value: z.number().int().describe('inventory value written off (positive) or added (negative)'),
  level: z.object({
    on_hand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    damaged: z.number().int(),
    quarantine: z.number().int(),
  }),
});
const ZTransfer = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  from: z.string(),
  to: z.string(),
  lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
});
const ZTrialBalance = z.object({
  as_of: z.string(),
  accounts: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      type: z.string(),
      debit: z.number().int(),
      credit: z.number().int(),
    }),
  ),
  total_debit: z.number().int(),
  total_credit: z.number().int(),
});
const ZValuation = z.object({
  as_of: z.string(),
  method: z.enum(['fifo', 'average']),
  currency: z.string(),
  lines: z.array(
    z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), value: z.number().int() }),
  ),
  total_value: z.number().int(),
});

const ZVariant = z.object({
  id: z.string().uuid(),
  sku: z.string(),
  barcode: z.string().nullable(),
  title: z.string(),
  price: z.number().int(),
  currency: z.string().length(3),
  weight_grams: z.number().int().nullable(),
  length_mm: z.number().int().nullable(),
  width_mm: z.number().int().nullable(),
  height_mm: z.number().int().nullable(),
  reorder_point: z.number().int(),
  safety_stock: z.number().int(),
  lead_time_days: z.number().int(),
  allow_backorder: z.boolean(),
  status: z.enum(['active', 'archived']),
  on_hand: z.number().int().describe('summed over all locations'),
  available: z.number().int().describe('on hand − reserved, summed over all locations'),
});
const ZProduct = z.object({
  id: z.string().uuid(),
  name: z.string(),
  description: z.string().nullable(),
  vendor: z.string().nullable(),
  product_type: z.string().nullable(),
  status: z.enum(['active', 'archived']),
  created_at: z.string(),
  updated_at: z.string(),
  variants: z.array(ZVariant),
});

const ZOrder = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  channel: z.string(),
  external_id: z.string().nullable(),
  status: z.string(),
  payment_status: z.string(),
  currency: z.string(),
  customer: z.object({ id: z.string(), email: z.string(), name: z.string() }),
  subtotal: z.number().int(),
  discount_amount: z.number().int(),
  shipping_amount: z.number().int(),
  tax_amount: z.number().int(),
  total: z.number().int(),
  amount_paid: z.number().int(),
  shipping_address: z.record(z.string(), z.string()),
  billing_address: z.record(z.string(), z.string()).nullable(),
  shipping_method: z.string().nullable(),
  placed_at: z.string(),
  promised_ship_by: z.string().nullable(),
  hold_reason: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  cancel_reason: z.string().nullable(),
  note: z.string().nullable(),
  location: z.string().nullable(),
  risk: z.object({
    score: z.number().int(),
    level: z.enum(['low', 'medium', 'high']),
    reasons: z.array(z.object({ code: z.string(), label: z.string(), points: z.number().int() })),
  }),
  lines: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      name: z.string(),
      quantity: z.number().int(),
      unit_price: z.number().int(),
      discount_amount: z.number().int(),
      tax_amount: z.number().int(),
      quantity_reserved: z.number().int(),
      quantity_fulfilled: z.number().int(),
      quantity_returned: z.number().int(),
      quantity_cancelled: z.number().int(),
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      method: z.string(),
      status: z.string(),
      amount: z.number().int(),
      fee_amount: z.number().int(),
      avs_result: z.string().nullable(),
      cvv_result: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
});
const ZOrderRow = z.object({
  id: z.string(),
  number: z.number().int(),
  channel: z.string(),
  status: z.string(),
  payment_status: z.string(),
  customer: z.string(),
  email: z.string(),
  total: z.number().int(),
  currency: z.string(),
  items: z.number().int(),
  risk_level: z.string(),
  risk_score: z.number().int(),
  placed_at: z.string(),
});

const ZRefund = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  order_id: z.string(),
  order_number: z.number().int(),
  return_id: z.string().nullable(),
  ticket_id: z.string().nullable(),
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
const ZReturn = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  status: z.enum([
    'requested',
    'approved',
    'rejected',
    'partially_received',
    'received',
    'inspected',
    'refunded',
    'exchanged',
    'closed',
  ]),
  resolution: z.enum(['refund', 'exchange']),
  order_id: z.string(),
  order_number: z.number().int(),
  order_payment_status: z.string(),
  amount_paid: z.number().int(),
  ticket_id: z.string().nullable(),
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
  exchange_order: z.object({ id: z.string(), number: z.number().int() }).nullable(),
  created_by: z.string(),
  created_at: z.string(),
  approved_at: z.string().nullable(),
  received_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      order_line_id: z.string(),
      sku: z.string(),
      name: z.string(),
      unit_price: z.number().int(),
      quantity: z.number().int(),
      reason: z.string(),
      quantity_received: z.number().int(),
      quantity_restocked: z.number().int(),
      quantity_damaged: z.number().int(),
      quantity_scrapped: z.number().int(),
      quantity_uninspected: z.number().int(),
      quantity_refunded: z.number().int(),
    }),
  ),
  refunds: z.array(ZRefund),
});
const ZReturnRow = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.string(),
  resolution: z.string(),
  order_id: z.string(),
  order_number: z.number().int(),
  customer: z.string(),
  email: z.string(),
  units: z.number().int(),
  units_received: z.number().int(),
  ticket_id: z.string().nullable(),
  created_at: z.string(),
});
const ZSlaClock = z.enum(['met', 'breached', 'at_risk', 'running']);
const ZTicketRow = z.object({
  id: z.string().uuid(),
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(['open', 'pending', 'solved', 'closed']),
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  channel: z.enum(['email', 'chat', 'phone', 'social', 'web']),
  tags: z.array(z.string()),
  customer: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  order: z.object({ id: z.string(), number: z.number().int() }).nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  created_at: z.string(),
  last_message_at: z.string(),
  first_responded_at: z.string().nullable(),
  solved_at: z.string().nullable(),
  closed_at: z.string().nullable(),
  sla: z.object({
    first_response: ZSlaClock,
    resolution: ZSlaClock,
    first_response_breached: z.boolean(),
    resolution_breached: z.boolean(),
    first_response_due_at: z.string(),
    resolution_due_at: z.string(),
    next_due_at: z.string().nullable().describe('the earliest due time of a clock still running'),
  }),
});
const ZTicket = ZTicketRow.extend({
  return_id: z.string().nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['customer', 'reply', 'note']),
      body: z.string(),
      author: z.object({ type: z.string(), label: z.string() }),
      created_at: z.string(),
    }),
  ),
});

export const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/returns',
    summary:
      'Request a return of shipped units (per line at most shipped − already on returns; reason per line). Accepts Idempotency-Key.',
    scope: 'returns:request',
    body: ZCreateReturnInput,
    response: ZReturn,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/returns',
    summary: 'List returns (status, order_id, ticket_id, q) with cursor pagination',
    scope: 'orders:read',
    query: ZReturnListQuery,
    response: z.object({ data: z.array(ZReturnRow), next_cursor: z.string().nullable() }),
  },
  {
    method: 'get',
    path: '/api/v1/returns/{id}',
    summary: 'One return with its lines, dispositions and refunds',
    scope: 'orders:read',
    response: ZReturn,
  },
  {
    method: 'post',
    path: '/api/v1/returns/{id}/approve',
    summary:
      'Approve a requested return (optional message; issue_label buys a prepaid return label); the customer is emailed. Body optional.',
    scope: 'returns:request',
    body: ZApproveReturnInput,
    response: ZReturn,
  },
  {
    method: 'post',
    path: '/api/v1/returns/{id}/reject',
    summary: 'Reject a requested return with a message to the customer',
    scope: 'returns:request',
    body: ZRejectReturnInput,
    response: ZReturn,
  },
  {
    method: 'post',
    path: '/api/v1/returns/{id}/receive',
    summary:
      'Receive units (never more than approved; partial receipts). A condition (restock/damaged/scrap) inspects them at once. Accepts Idempotency-Key.',
    scope: 'returns:receive',
    body: ZReceiveReturnInput,
    response: ZReturn,
  },
  {
    method: 'post',
    path: '/api/v1/returns/{id}/inspect',
    summary:
      'Give received units a disposition: restock (sellable, Dr Inventory / Cr COGS at shipped cost), damaged (unsellable), scrap (Dr Shrinkage / Cr COGS). Accepts Idempotency-Key.',
    scope: 'returns:receive',
    body: ZInspectReturnInput,
    response: ZReturn,
  },
  {
    method: 'post',
    path: '/api/v1/returns/{id}/refund',
    summary:
      'Refund received units (restocking fee by reason, shipping refund, optional smaller amount); at most paid − refunded; above the support limit without refunds:approve it waits (status pending_approval). Accepts Idempotency-Key.',
    scope: 'refunds:issue',
    body: ZRefundReturnInput,
    response: ZRefund,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/returns/{id}/exchange',
    summary:
      'Exchange received units for a replacement order (stock reserved); the credit pays it and the difference is charged or refunded. Accepts Idempotency-Key.',
    scope: 'returns:request',
    body: ZExchangeReturnInput,
    response: ZReturn.extend({
      settlement: z.object({
        credit: z.number().int(),
        replacement_total: z.number().int(),
        applied: z.number().int(),
        difference: z.number().int(),
        charged: z.number().int(),
        refunded: z.number().int(),
      }),
    }),
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/refunds',
    summary: 'List refunds (status, order_id, return_id, ticket_id) with cursor pagination',
    scope: 'orders:read',
    query: ZRefundListQuery,
    response: z.object({ data: z.array(ZRefund), next_cursor: z.string().nullable() }),
  },
  {
    method: 'post',
    path: '/api/v1/refunds',
    summary:
      'A goodwill refund without a return, with a reason; same caps and approval as every refund. Accepts Idempotency-Key.',
    scope: 'refunds:issue',
    body: ZGoodwillRefundInput,
    response: ZRefund,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/refunds/{id}/approve',
    summary: 'Approve (issue) a refund waiting above the support limit',
    scope: 'refunds:approve',
    response: ZRefund,
  },
  {
    method: 'post',
    path: '/api/v1/refunds/{id}/decline',
    summary: 'Decline a refund waiting above the support limit (its units are released)',
    scope: 'refunds:approve',
    response: ZRefund,
  },
  {
    method: 'post',
    path: '/api/v1/orders',
    summary:
      'Take an order in: reserves stock, screens for fraud, posts the sale. Accepts Idempotency-Key; 409 OUT_OF_STOCK / DUPLICATE_ORDER.',
    scope: 'orders:create',
    body: ZCreateOrderInput,
    response: ZOrder,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/orders',
    summary:
      'List orders with filters (status, payment_status, channel, risk, from, to, q) and cursor pagination',
    scope: 'orders:read',
    query: ZOrderListQuery,
    response: z.object({ data: z.array(ZOrderRow), next_cursor: z.string().nullable() }),
  },
  {
    method: 'get',
    path: '/api/v1/orders/{id}',
    summary: 'One order with lines, payments and risk',
    scope: 'orders:read',
    response: ZOrder,
  },
  {
    method: 'post',
    path: '/api/v1/orders/{id}/shipments',
    summary:
      'Record a fulfillment made elsewhere (3PL, dropship): consumes reserved stock, posts COGS, moves the order to partially fulfilled/fulfilled. Accepts Idempotency-Key.',
    scope: 'fulfillment:write',
    body: ZRecordShipmentInput,
    response: z.object({
      id: z.string(),
      number: z.number().int(),
      order_id: z.string(),
      status: z.string(),
      cogs: z.number().int(),
      carrier: z.string().nullable(),
      tracking_number: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    }),
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/orders/{id}/labels',
    summary:
      'Buy a label for a packed parcel: rate shopping (preselected cheapest meeting the promise, or `service` override), shipment with COGS, shipping expense, tracking "label created". Accepts Idempotency-Key.',
    scope: 'fulfillment:write',
    body: ZBuyLabelInput,
    response: z.object({
      id: z.string(),
      number: z.number().int(),
      order_id: z.string(),
      status: z.string(),
      cogs: z.number().int(),
      tracking_number: z.string(),
      service_key: z.string(),
      carrier: z.string(),
      service: z.string(),
      label_cost: z.number().int(),
      billable_weight_grams: z.number().int().nullable(),
      delivery_date: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    }),
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/shipments/{id}/events',
    summary:
      'Record a tracking event; delivered on every parcel makes the order delivered. Accepts Idempotency-Key.',
    scope: 'fulfillment:write',
    body: ZTrackingEventInput,
    response: z.object({
      shipment_id: z.string(),
      shipment_number: z.number().int(),
      status: z.string(),
      order_status: z.string(),
    }),
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/orders/{id}/cancel',
    summary:
      'Cancel an order nothing of which has shipped: releases stock, reverses the sale, returns captured money. Body optional: {"reason"}',
    scope: 'orders:cancel',
    response: ZOrder,
    status: 200,
  },
  {
    method: 'get',
    path: '/api/v1/products',
    summary:
      'List products with their variants: search (name, SKU, barcode), status, product type, sort; cursor pagination',
    scope: 'inventory:read',
    query: ZProductApiListQuery,
    response: z.object({ data: z.array(ZProduct), next_cursor: z.string().nullable() }),
  },
  {
    method: 'post',
    path: '/api/v1/products',
    summary:
      'Create a product with its variants (SKU unique; barcode unique when set; 409 names the field). Accepts Idempotency-Key.',
    scope: 'inventory:adjust',
    body: ZProductInput,
    response: ZProduct,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/products/{id}',
    summary: 'One product with its variants and stock totals',
    scope: 'inventory:read',
    response: ZProduct,
  },
  {
    method: 'patch',
    path: '/api/v1/products/{id}',
    summary: 'Edit a product: fields, variants by SKU (a new SKU adds a variant), status (archive/unarchive)',
    scope: 'inventory:adjust',
    body: ZProductUpdateInput,
    response: ZProduct,
  },
  {
    method: 'get',
    path: '/api/v1/inventory',
    summary: 'Stock levels per SKU and location (cursor pagination)',
    scope: 'inventory:read',
    query: ZInventoryQuery,
    response: z.object({ data: z.array(ZLevel), next_cursor: z.string().nullable() }),
  },
  {
    method: 'post',
    path: '/api/v1/inventory/receipts',
    summary:
      'Receive stock (creates cost layers; Dr Inventory / Cr Accounts payable). Accepts Idempotency-Key.',
    scope: 'inventory:adjust',
    body: ZReceiptInput,
    response: ZReceipt,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/inventory/adjustments',
    summary: 'Adjust stock with a reason (shrinkage posted at cost). Accepts Idempotency-Key.',
    scope: 'inventory:adjust',
    body: ZAdjustmentInput,
    response: ZAdjustment,
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/cycle-counts',
    summary:
      'Create a draft count sheet for a location, optionally limited to bins and/or SKUs (one line per stock level in scope). Counting, review and completion happen in the app (blind counts). Accepts Idempotency-Key.',
    scope: 'inventory:adjust',
    body: ZCreateCycleCountInput,
    response: ZCreatedCycleCount,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/cycle-counts',
    summary:
      'List cycle counts (status; completed_from/completed_to shop days) with cursor pagination; completed ones carry expected, abs_variance and accuracy',
    scope: 'inventory:read',
    query: ZCycleCountListQuery,
    response: z.object({ data: z.array(ZCycleCountRow), next_cursor: z.string().nullable() }),
  },
  {
    method: 'post',
    path: '/api/v1/suppliers',
    summary:
      'Create a supplier with its catalog (SKU ↔ supplier SKU, unit cost in minor units, pack size, MOQ); currency defaults to the shop’s. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZCreateSupplierInput,
    response: ZSupplier,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/suppliers',
    summary: 'List suppliers by name with their catalogs (cursor pagination)',
    scope: 'purchasing:read',
    query: ZSupplierListQuery,
    response: z.object({ data: z.array(ZSupplier), next_cursor: z.string().nullable() }),
  },
  {
    method: 'get',
    path: '/api/v1/suppliers/{id}',
    summary: 'One supplier with its catalog',
    scope: 'purchasing:read',
    response: ZSupplier,
  },
  {
    method: 'patch',
    path: '/api/v1/suppliers/{id}',
    summary: 'Update a supplier; `products`, when given, replaces its catalog',
    scope: 'purchasing:write',
    body: ZUpdateSupplierInput,
    response: ZSupplier,
  },
  {
    method: 'post',
    path: '/api/v1/purchase-orders',
    summary:
      'Create a draft purchase order; a line without unit_cost takes the supplier’s catalog cost. A supplier whose currency is not the shop’s is refused (422 naming `currency`) until exchange rates exist. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZCreatePurchaseOrderInput,
    response: ZPurchaseOrder,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/purchase-orders',
    summary: 'List purchase orders, newest first (status, supplier_id; cursor pagination)',
    scope: 'purchasing:read',
    query: ZPurchaseOrderListQuery,
    response: z.object({ data: z.array(ZPurchaseOrder), next_cursor: z.string().nullable() }),
  },
  {
    method: 'get',
    path: '/api/v1/purchase-orders/{id}',
    summary: 'One purchase order with its lines and timeline (created, sent, revised, received, …)',
    scope: 'purchasing:read',
    response: ZPurchaseOrder.extend({
      timeline: z.array(
        z.object({
          id: z.uuid(),
          kind: z.string(),
          message: z.string(),
          data: z.unknown(),
          actor: z.string(),
          at: z.string(),
        }),
      ),
    }),
  },
  {
    method: 'patch',
    path: '/api/v1/purchase-orders/{id}',
    summary:
      'Edit a draft or sent PO (expected_at, notes, the whole list of lines; a line never below what arrived). After sending, each edit is a revision on the timeline.',
    scope: 'purchasing:write',
    body: ZUpdatePurchaseOrderInput,
    response: ZPurchaseOrder,
  },
  {
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/send',
    summary:
      'Send a draft PO: its PDF is emailed to the supplier through the outbox (as an attachment); its open quantity now counts as on order. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    response: ZPurchaseOrder,
  },
  {
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/cancel',
    summary: 'Cancel a draft or sent PO (optional reason). Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZPurchaseOrderReasonInput,
    response: ZPurchaseOrder,
  },
  {
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/close',
    summary:
      'Close a sent, partially received or received PO: the open rest of each line is cancelled and stops counting as on order. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZPurchaseOrderReasonInput,
    response: ZPurchaseOrder,
  },
  {
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/receipts',
    summary:
      'Receive units against a sent PO: cost layers at the PO unit cost, Dr Inventory / Cr Goods received not invoiced, status partially_received or received. More than open + the supplier’s tolerance is refused naming lines.i.quantity. `charges` (landed cost) is not supported yet and is refused with 422. Accepts Idempotency-Key.',
    scope: 'purchasing:receive',
    body: ZReceivePurchaseOrderInput,
    response: z.object({ receipt: ZReceipt, purchase_order: ZPurchaseOrder }),
    status: 201,
  },
  {
    method: 'post',
    path: '/api/v1/inventory/transfers',
    summary: 'Transfer stock between locations. Accepts Idempotency-Key.',
    scope: 'inventory:adjust',
    body: ZTransferInput,
    response: ZTransfer,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/ledger/trial-balance',
    summary: 'Trial balance as of a date (end of that day in the shop time zone)',
    scope: 'ledger:read',
    query: ZAsOfQuery,
    response: ZTrialBalance,
  },
  {
    method: 'get',
    path: '/api/v1/kpis',
    summary:
      'The dashboard KPIs (docs/design.md) over shop-timezone days [from, to] (at most five years) and an optional channel, each with its parts, the previous equal period, the change and a sparkline; KPIs without data yet are null with a reason',
    scope: 'reports:read',
    query: ZKpiQuery,
    response: ZKpiReport,
  },
  {
    method: 'get',
    path: '/api/v1/reports/inventory-valuation',
    summary: 'Inventory valuation per SKU as of a date; the total equals the inventory account',
    scope: 'reports:read',
    query: ZAsOfQuery,
    response: ZValuation,
  },
  {
    method: 'get',
    path: '/api/v1/locations',
    summary: 'List stock locations',
    scope: 'inventory:read',
    response: z.object({ data: z.array(ZLocation) }),
  },
  {
    method: 'post',
    path: '/api/v1/tickets',
    summary:
      'Open a ticket from a contact form or an email bridge: the customer is found by email (case-insensitive) or created; order_number must be theirs; SLA due times set from the priority. Accepts Idempotency-Key.',
    scope: 'support:tickets',
    body: ZCreateTicketInput,
    response: ZTicket,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/tickets',
    summary:
      'List tickets: view (open, unassigned, pending, at_risk, breached, all), status, priority, channel, assignee (id or "none"), tag, q; sort; cursor pagination',
    scope: 'support:tickets',
    query: ZTicketListQuery,
    response: z.object({
      data: z.array(ZTicketRow),
      next_cursor: z.string().nullable(),
      total: z.number().int(),
    }),
  },
  {
    method: 'get',
    path: '/api/v1/tickets/{id}',
    summary: 'One ticket with its thread (internal notes included) and SLA state',
    scope: 'support:tickets',
    response: ZTicket,
  },
  {
    method: 'post',
    path: '/api/v1/tickets/{id}/messages',
    summary:
      'Add a message: kind "customer" (default; reopens a pending or solved ticket), "reply" (emailed to the customer; placeholders filled, unknown ones 422) or "note". A closed ticket refuses customer messages and replies with 409 INVALID_STATE: open a new ticket. Accepts Idempotency-Key.',
    scope: 'support:tickets',
    body: ZAddMessageInput,
    response: ZTicket,
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/api-keys',
    summary:
      'List API keys, newest first: name, prefix, scopes, last use, revocation (never the key or its hash)',
    scope: 'settings:write',
    response: z.object({ data: z.array(ZApiKeyApi) }),
  },
  {
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    summary:
      'Revoke an API key for good: its next request is answered 401. Audited. An already revoked key is 409 INVALID_STATE.',
    scope: 'settings:write',
    response: ZApiKeyApi,
  },
  {
    method: 'get',
    path: '/api/v1/settings',
    summary: 'Read the shop settings',
    scope: null,
    response: ZSettings,
  },
  {
    method: 'patch',
    path: '/api/v1/settings',
    summary: 'Change shop settings',
    scope: 'settings:write',
    body: ZUpdateSettingsInput,
    response: ZSettings,
  },
];

const ZEvent = z.object({
  id: z.string().uuid(),
  type: z.enum(EVENT_TYPES),
  resource_id: z.string(),
  sequence: z.number().int(),
  occurred_at: z.string(),
  data: z.unknown(),
});

const ZWebhook = z.object({
  id: z.string().uuid(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable(),
  disabled_at: z.string().nullable(),
  failing_since: z.string().nullable(),
  previous_secret_expires_at: z.string().nullable(),
  created_at: z.string(),
});

const ZDelivery = z.object({
  id: z.string().uuid(),
  event_id: z.string().uuid(),
  event_type: z.string(),
  resource_id: z.string(),
  sequence: z.number().int(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  completed_at: z.string().nullable(),
  created_at: z.string(),
  attempt_log: z.array(
    z.object({
      attempted_at: z.string(),
      request_headers: z.record(z.string(), z.string()),
      request_body: z.string(),
      response_status: z.number().int().nullable(),
      response_body: z.string().nullable(),
      duration_ms: z.number().int(),
      error: z.string().nullable(),
    }),
  ),
});

const EVENT_AND_WEBHOOK_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/api/v1/events',
    summary:
      "The domain event feed, replayable from an opaque cursor: every event exactly once, each resource's events in sequence order (`after` = a next_cursor; `types` comma-separated)",
    scope: 'events:read',
    query: ZEventsQuery,
    response: z.object({ data: z.array(ZEvent), next_cursor: z.string() }),
  },
  {
    method: 'post',
    path: '/api/v1/webhooks',
    summary:
      'Subscribe a public http(s) URL to event types (or ["*"]); answers the whsec_ signing secret once',
    scope: 'webhooks:write',
    body: ZCreateWebhookInput,
    response: ZWebhook.extend({ secret: z.string() }),
    status: 201,
  },
  {
    method: 'get',
    path: '/api/v1/webhooks',
    summary: 'List webhook subscriptions',
    scope: 'webhooks:write',
    response: z.object({ data: z.array(ZWebhook) }),
  },
  {
    method: 'get',
    path: '/api/v1/webhooks/{id}',
    summary: 'One webhook subscription',
    scope: 'webhooks:write',
    response: ZWebhook,
  },
  {
    method: 'patch',
    path: '/api/v1/webhooks/{id}',
    summary: "Change a subscription's url, events or description; enabled: true re-enables a disabled one",
    scope: 'webhooks:write',
    body: ZUpdateWebhookInput,
    response: ZWebhook,
  },
  {
    method: 'delete',
    path: '/api/v1/webhooks/{id}',
    summary: 'Delete a subscription and its delivery log (204)',
    scope: 'webhooks:write',
    response: z.null(),
    status: 204,
  },
  {
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    summary:
      "Recent deliveries, latest first, with each attempt's request, response status, body excerpt and duration",
    scope: 'webhooks:write',
    query: ZDeliveriesQuery,
    response: z.object({ data: z.array(ZDelivery) }),
  },
  {
    method: 'post',
    path: '/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry',
    summary: 'Send a pending or failed delivery again now, with a fresh retry schedule',
    scope: 'webhooks:write',
    response: z.object({ id: z.string().uuid(), status: z.literal('pending') }),
  },
  {
    method: 'post',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    summary: 'A new signing secret (answered once); the old one also signs for 24 hours',
    scope: 'webhooks:write',
    response: z.object({ id: z.string().uuid(), secret: z.string(), previous_secret_expires_at: z.string() }),
  },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

function queryParameters(schema: z.ZodType) {
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: s,
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: jsonSchema(ZError, 'output') } },
  });
  for (const op of [...OPERATIONS, ...EVENT_AND_WEBHOOK_OPERATIONS]) {
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      summary: op.summary,
      description: op.scope
        ? `Requires an API key with the \`${op.scope}\` scope (or \`*\`).`
        : 'Any valid API key.',
      security: [{ apiKey: [] }],
      ...(op.query || pathParameters(op.path).length
        ? { parameters: [...pathParameters(op.path), ...(op.query ? queryParameters(op.query) : [])] }
        : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [op.status ?? 200]: {
          description: op.status === 201 ? 'Created' : op.status === 204 ? 'No content' : 'OK',
          ...(op.status === 204
            ? {}
            : { content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } }),
        },
        ...(op.query ? { 422: errorResponse('Invalid query parameters, listed in details') } : {}),
        ...(op.status === 201
          ? { 409: errorResponse('Idempotency-Key reused with a different body, or a conflicting state') }
          : {}),
        ...(op.body
          ? {
              400: errorResponse('Malformed JSON'),
              413: errorResponse('Body too large'),
              422: errorResponse('Invalid fields, listed in details'),
            }
          : {}),
        ...(pathParameters(op.path).length ? { 404: errorResponse('No such record') } : {}),
        401: errorResponse('Missing, invalid or revoked API key'),
        403: errorResponse('The key lacks the scope'),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Backroom API',
      version: '1',
      description: 'Money is integer minor units beside a currency; field names are snake_case.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from Settings → API keys' },
      },
    },
    paths,
  };
}
