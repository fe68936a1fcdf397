import { z } from 'zod';
import { ZKpiQuery, ZKpiReport } from '@/lib/kpi/schemas';
import { ZUpdateSettingsInput } from '@/lib/settings/schemas';
import { ZAdjustmentInput, ZInventoryQuery, ZReceiptInput, ZTransferInput } from '@/lib/inventory/schemas';
import { ZAsOfQuery, ZManualEntryApiInput } from '@/lib/ledger/schemas';
import { ZTaxFilingInput } from '@/lib/ledger/tax-rules';
import {
  ZFxRatesQuery,
  ZRecordPayoutInput,
  ZRevaluationInput,
  ZSaveFxRatesInput,
} from '@/lib/ledger/fx-schemas';
import {
  PL_SECTIONS,
  ZBalanceSheetQuery,
  ZProfitAndLossQuery,
  ZStatementRangeQuery,
} from '@/lib/ledger/statements';
import { ZBankStatementInput, ZPayoutImportInput } from '@/lib/ledger/payout-report';
import { ZCloseFiscalYearInput } from '@/lib/ledger/close-schemas';
import {
  CHANNELS,
  ZCancelOrderInput,
  ZRecordPaymentInput,
  ZCreateOrderInput,
  ZOrderListQuery,
  ZRecordShipmentInput,
  ZOrderRow,
  ZPaymentStatus,
} from '@/lib/orders/schemas';
import { ZBatchInput, ZBatchResponse } from '@/lib/orders/batch-schemas';
import {
  ZAvailability,
  ZAvailabilityQuery,
  ZChannelSettings,
  ZChannelSettingsInput,
  ZOrderImport,
  ZOrderImportQuery,
  ZOrderImportStarted,
} from '@/lib/channels/schemas';
import { ZBuyLabelInput, ZTrackingEventInput } from '@/lib/fulfillment/schemas';
import { CUSTOMS_FORMS, DUTIES_TERMS } from '@/lib/shipping/customs';
import {
  PRODUCT_STATUSES,
  ZProductApiListQuery,
  ZProductInput,
  ZProductUpdateInput,
} from '@/lib/catalog/schemas';
import { MESSAGE_KINDS, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '@/lib/support/rules';
import { LANDED_CHARGE_KINDS } from '@/lib/purchasing/landed-cost-rules';
import { FEEDBACK_KINDS } from '@/lib/feedback/rules';
import {
  ZApproveReturnInput,
  ZCreateReturnInput,
  ZExchangeReturnInput,
  ZInspectReturnInput,
  ZReceiveReturnInput,
  ZRejectReturnInput,
  ZReturnListQuery,
} from '@/lib/returns/schemas';
import { ZGoodwillRefundInput, ZRefund, ZRefundListQuery, ZRefundReturnInput } from '@/lib/refunds/schemas';
import { ZReturn, ZReturnRow } from '@/lib/returns/api-schemas';
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
import { AGING_BUCKETS, SUPPLIER_BILL_STATUSES } from '@/lib/purchasing/bill-rules';
import {
  ZApAgingQuery,
  ZBillListQuery,
  ZBillReasonInput,
  ZChargesInput,
  ZCreateBillInput,
  ZPayBillInput,
} from '@/lib/purchasing/bill-schemas';
import { ZEventsQuery } from '@/lib/events/schemas';
import { EVENT_TYPES } from '@/lib/events/rules';
import { ZCreateWebhookInput, ZDeliveriesQuery, ZUpdateWebhookInput } from '@/lib/webhooks/schemas';
import { ZFeedbackListQuery, ZImportFeedbackInput } from '@/lib/feedback/schemas';
import {
  ZAction,
  ZCreateRuleInput,
  ZDryRunInput,
  ZRunsQuery,
  ZUpdateRuleInput,
} from '@/lib/automation/schemas';
import {
  ZCreateReplenishmentPosInput,
  ZReplenishmentQuery,
  ZReplenishmentRow,
  ZReplenishmentRun,
  ZStartRunInput,
} from '@/lib/replenishment/schemas';
import type { Permission } from '@/lib/auth/permissions';
import { ERROR_STATUS, type ErrorCode } from '@/lib/errors';
import { SERVICE_LEVELS } from '@/lib/shipping/service-levels';

/**
 * The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the handlers parse
 * with (docs/decisions/024-openapi-generation.md). OPERATIONS is the one place a route is described:
 * each route handler added under app/api/v1 adds its entry here, and the document derives the rest
 * from it — the error responses a route can give (from its body, query, path id and idempotency), the
 * Idempotency-Key header, `format: uuid` path ids, and `$ref`s to the named schemas below.
 * tests/integration/api/openapi.test.ts checks every route file is described with the options its
 * handler uses; tests/setup/api-contract.ts validates every response the tests receive against it.
 */
export type Operation = {
  /** camelCase, unique: the name clients generate methods from */
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** null: any valid API key */
  scope: Permission | null;
  body?: z.ZodType;
  /** the body may be left out entirely (read as {}) */
  bodyOptional?: boolean;
  query?: z.ZodType;
  response: z.ZodType;
  /** success status, default 200 */
  status?: number;
  /** honours the Idempotency-Key header (lib/idempotency.ts) */
  idempotent?: boolean;
  /** a body that is not JSON, read by the handler itself (an order import's CSV) */
  rawBody?: { contentType: string; description: string };
};

/** Named schemas: each becomes `components.schemas.<id>` and is referenced by `$ref` where used. */
const outputSchemas = z.registry<{ id: string }>();
const inputSchemas = z.registry<{ id: string }>();
function named<T extends z.ZodType>(id: string, schema: T, registry = outputSchemas): T {
  registry.add(schema, { id });
  return schema;
}

/** A list response: one page of rows and the cursor of the next (null on the last page). */
const page = (row: z.ZodType) => z.object({ data: z.array(row), next_cursor: z.string().nullable() });

const ZFieldIssue = named(
  'FieldIssue',
  z.object({
    field: z.string().describe('the field in error, dotted: `lines.0.sku`; `(body)` for the whole body'),
    message: z.string(),
  }),
);
// The error bodies, referenced by every entry of components.responses.
named(
  'Error',
  z.object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  }),
);
named(
  'ValidationError',
  z.object({
    error: z.object({
      code: z.literal('VALIDATION_FAILED'),
      message: z.string(),
      details: z.array(ZFieldIssue),
    }),
  }),
);

named('ApiKey', ZApiKeyApi);
const ZLocation = named(
  'Location',
  z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(['warehouse', 'store']),
    active: z.boolean(),
  }),
);
const ZSettings = named(
  'Settings',
  z.object({
    shop_name: z.string(),
    currency: z.string().length(3),
    timezone: z.string(),
    inventory_costing: z.enum(['fifo', 'average']),
    support_refund_limit: z.number().int(),
    count_approval_limit: z.number().int(),
    fraud_review_threshold: z.number().int(),
    fulfilling_location: z.string().nullable(),
    lock_date: z
      .string()
      .nullable()
      .describe(
        'Nothing dated on or before it posts (409 PERIOD_LOCKED) except by an admin user; API keys are held',
      ),
    lock_date_all: z.string().nullable().describe('Nothing dated on or before it posts, by anyone'),
    ship_unpaid_orders: z
      .boolean()
      .describe('Ship on invoice: orders not paid in full go to the queue instead of the payment-due hold'),
    fiscal_year_start_month: z.number().int().describe('The month (1–12) the fiscal year starts in'),
    duties_terms: z
      .enum(['DDU', 'DDP'])
      .describe("who pays import duties on parcels leaving the shop's country (default for each label)"),
    customs_cn22_limit: z
      .number()
      .int()
      .describe(
        'parcels worth up to this (minor units) get a CN22, above it a CN23 and a commercial invoice',
      ),
  }),
);

const ZLevel = named(
  'StockLevel',
  z.object({
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
  }),
);
const ZReceipt = named(
  'Receipt',
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    location: z.string(),
    kind: z.enum(['purchase', 'opening']),
    reference: z.string().nullable(),
    total_cost: z.number().int(),
    recost: z.number().int(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int(), unit_cost: z.number().int() })),
  }),
);
const ZAdjustment = named(
  'Adjustment',
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    location: z.string(),
    sku: z.string(),
    delta: z.number().int(),
    reason: z.string(),
    value: z.number().int().describe('inventory value written off (positive) or added (negative)'),
    level: ZLevel.pick({ on_hand: true, reserved: true, available: true, damaged: true, quarantine: true }),
  }),
);
const ZTransfer = named(
  'Transfer',
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    from: z.string(),
    to: z.string(),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
  }),
);
const ZStatementLine = z.object({
  code: z.string(),
  name: z.string(),
  amount: z.number().int().describe('Minor units, positive when the account has its normal balance'),
});
const ZProfitAndLoss = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  sections: z.array(
    z.object({
      type: z.enum(PL_SECTIONS),
      accounts: z.array(ZStatementLine),
      total: z.number().int(),
    }),
  ),
  gross_profit: z.number().int().describe('revenue − contra_revenue − cogs'),
  net_income: z
    .number()
    .int()
    .describe('revenue − contra_revenue − cogs − operating_expense + other_income − other_expense'),
});
const ZProfitAndLossApi = ZProfitAndLoss.extend({
  columns: z
    .array(
      ZProfitAndLoss.extend({
        label: z
          .string()
          .describe(
            "The column's heading: 'Nov 2026', or a quarter counted from the fiscal year's start: " +
              "'Q1 2026' (calendar year), 'Q1 FY2027' (fiscal year ending in 2027), with its days when partial",
          ),
      }),
    )
    .optional()
    .describe('With ?columns=month|quarter: one P&L per month or fiscal quarter; they add up to the range'),
  comparison: ZProfitAndLoss.optional().describe(
    'With ?compare=previous_period|previous_year: the P&L of the equal period before or a year earlier',
  ),
});
const ZBsSide = z.object({ accounts: z.array(ZStatementLine), total: z.number().int() });
const ZBalanceSheet = z.object({
  currency: z.string(),
  as_of: z.string(),
  fiscal_year_start: z
    .string()
    .describe('First day of the fiscal year (calendar year unless settings.fiscal_year_start_month)'),
  assets: ZBsSide,
  liabilities: ZBsSide,
  equity: ZBsSide.describe('total includes retained_earnings and current_year_earnings'),
  retained_earnings: z.number().int().describe('Net income of earlier fiscal years (no closing entry)'),
  current_year_earnings: z.number().int().describe('Net income from fiscal_year_start to as_of'),
  difference: z.number().int().describe('assets − liabilities − equity; 0 for a balanced ledger'),
});

const ZJournalEntry = named(
  'JournalEntry',
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    posted_at: z.string(),
    memo: z.string(),
    source_type: z.string(),
    source_id: z.string().nullable(),
    actor: z.string(),
    reverses_entry_id: z.string().nullable(),
    reverses_number: z.number().int().nullable(),
    reversed_by_number: z.number().int().nullable(),
    lines: z.array(
      z.object({
        account_code: z.string(),
        account_name: z.string(),
        debit: z.number().int(),
        credit: z.number().int(),
        memo: z.string().nullable(),
        txn: z
          .object({ currency: z.string().length(3), debit: z.number().int(), credit: z.number().int() })
          .nullable()
          .describe("The line's own amount when in another currency than the shop's (debit/credit are base)"),
      }),
    ),
  }),
);

const ZTaxFigures = z.object({
  taxable: z.number().int(),
  tax_collected: z.number().int(),
  tax_refunded: z.number().int(),
  input_tax: z.number().int(),
  net: z.number().int().describe('tax_collected − tax_refunded − input_tax'),
});
const ZSalesTaxLine = ZTaxFigures.extend({
  jurisdiction: z
    .string()
    .nullable()
    .describe('null: what the tax accounts moved without a tax line (a manual entry, an older order)'),
  rate: z.string().nullable().describe('a decimal fraction ("0.2" = 20 %); null when not recorded'),
});
const ZSalesTaxReport = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  lines: z.array(ZSalesTaxLine),
  total: ZTaxFigures,
  tax_account_movement: z
    .number()
    .int()
    .describe('(credits − debits of 2100) − (debits − credits of 1300) over the range; equals total.net'),
  filing: z
    .object({ id: z.uuid(), filed_at: z.string(), entry_number: z.number().int().nullable() })
    .nullable()
    .describe('the filing of exactly this range, if filed'),
});
const ZTaxFiling = named(
  'TaxFiling',
  z.object({
    id: z.uuid(),
    from: z.string(),
    to: z.string(),
    already: z.boolean().describe('filed before: the first filing, nothing new was posted'),
    filed_at: z.string(),
    filed_by: z.string(),
    entry_number: z.number().int().nullable().describe('the settlement entry; null when no tax moved'),
    report: z.object({ currency: z.string(), lines: z.array(ZSalesTaxLine), total: ZTaxFigures }),
  }),
);

const ZFxRatesSaved = z.object({
  saved: z.number().int(),
  currencies: z.array(z.string()),
  from: z.string(),
  to: z.string(),
});
const ZPayoutImportLine = z.object({
  row: z.number().int(),
  kind: z.enum(['charge', 'refund', 'fee', 'adjustment', 'payout', 'other']),
  type: z.string(),
  date: z.string(),
  reference: z.string().nullable(),
  order_number: z.number().int().nullable(),
  description: z.string(),
  amount: z.number().int(),
  fee: z.number().int(),
  net: z.number().int(),
  status: z.enum(['matched', 'unmatched']),
  match: z
    .object({ kind: z.enum(['payment', 'refund']), id: z.string(), order_number: z.number().int() })
    .nullable(),
  expected: z.number().int().describe('What the line moved in clearing (1010) when booked'),
  note: z.string().nullable(),
});
const ZPayoutPreview = z.object({
  format: z.enum(['stripe', 'shopify']),
  sha256: z.string(),
  reference: z.string(),
  currency: z.string(),
  paid_on: z.string(),
  net: z.number().int().describe('What the processor paid out'),
  expected: z.number().int().describe('Σ expected of the matched lines'),
  residual: z.number().int().describe('net − expected, posted to 1090 Processor clearing differences'),
  matched: z.number().int(),
  unmatched: z.number().int(),
  lines: z.array(ZPayoutImportLine),
  already_imported: z.object({ id: z.string(), reference: z.string() }).nullable(),
  locked_through: z.string().nullable(),
  fx: z
    .object({
      base: z.string(),
      rate: z.string().describe('Rate to the shop currency of paid_on or the last day before it'),
      rate_date: z.string(),
      bank_amount: z.number().int().describe('The net in the shop currency, what reaches the bank'),
    })
    .nullable()
    .describe('A payout report in another currency than the shop (decision 047); null otherwise'),
});
const ZPayoutImportResult = ZPayoutPreview.extend({
  id: z.string(),
  already: z.boolean().describe('true: imported before, nothing posted this time'),
  payout_entry_number: z.number().int().nullable(),
  residual_entry_number: z.number().int().nullable(),
});
const ZPayoutImportRow = z.object({
  id: z.string(),
  format: z.string(),
  reference: z.string(),
  currency: z.string(),
  paid_on: z.string(),
  net: z.number().int(),
  expected: z.number().int(),
  residual: z.number().int(),
  matched: z.number().int(),
  unmatched: z.number().int(),
  imported_by: z.string(),
  imported_at: z.string(),
});
const ZClearingDifferences = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  imports: z.array(ZPayoutImportRow),
  total_residual: z.number().int(),
  account_balance: z.number().int().describe('Balance of 1090 (debit − credit) at the end of to'),
});
const ZBankStatementPreview = z.object({
  currency: z.string(),
  lines: z.array(
    z.object({
      row: z.number().int(),
      date: z.string(),
      description: z.string(),
      amount: z.number().int().describe('Money in positive, money out negative'),
      status: z.enum(['matched', 'unmatched', 'not_a_deposit']),
      payout: z
        .object({
          reference: z.string(),
          paid_on: z.string(),
          source: z.string(),
          /** the day a confirmed bank statement showed it (decision 047), else null */
          bank_confirmed_on: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  matched: z.number().int(),
  unmatched: z.number().int(),
});
const ZFiscalYearClose = z.object({
  fiscal_year: z.number().int(),
  year_start: z.string(),
  year_end: z.string(),
  net_income: z.number().int(),
  entry_number: z.number().int().nullable(),
});
const ZFiscalYearCloseResult = ZFiscalYearClose.extend({
  already: z.boolean(),
  lock_date_all: z.string(),
});
const ZPayout = z.object({
  id: z.uuid(),
  reference: z.string(),
  source: z.string(),
  currency: z.string(),
  amount: z.number().int(),
  bank_amount: z.number().int(),
  carrying_amount: z.number().int(),
  fx_difference: z.number().int(),
  date: z.string(),
  entry_number: z.number().int(),
});
const ZRevaluation = z.object({
  period: z.string(),
  already: z.boolean(),
  entry_number: z.number().int().nullable(),
  reversal_entry_number: z.number().int().nullable(),
  lines: z.array(
    z.object({
      account: z.string(),
      currency: z.string(),
      balance: z.number().int(),
      carrying: z.number().int(),
      rate: z.string(),
      revalued: z.number().int(),
      difference: z.number().int(),
    }),
  ),
  total: z.number().int(),
});
const ZFxRateList = z.object({
  rates: z.array(
    z.object({
      date: z.string(),
      currency: z.string().length(3),
      rate: z.string().describe('Units of the shop currency per 1 unit of currency (decimal string)'),
      source: z.enum(['manual', 'api', 'ecb']),
    }),
  ),
});

const ZTrialBalance = named(
  'TrialBalance',
  z.object({
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
  }),
);
const ZValuation = named(
  'InventoryValuation',
  z.object({
    as_of: z.string(),
    method: z.enum(['fifo', 'average']),
    currency: z.string(),
    lines: z.array(
      z.object({ sku: z.string(), name: z.string(), quantity: z.number().int(), value: z.number().int() }),
    ),
    total_value: z.number().int(),
  }),
);

const ZVariant = named(
  'Variant',
  z.object({
    id: z.uuid(),
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
    dropship: z.boolean().describe('fulfilled by dropship_supplier_id, never from our stock'),
    dropship_supplier_id: z.uuid().nullable(),
    hs_code: z.string().nullable().describe('Harmonized System code, 6–10 digits, for customs declarations'),
    country_of_origin: z.string().length(2).nullable().describe('ISO 3166-1 alpha-2, for customs'),
    status: z.enum(PRODUCT_STATUSES),
    on_hand: z.number().int().describe('summed over all locations'),
    available: z.number().int().describe('on hand − reserved, summed over all locations'),
  }),
);
const ZProduct = named(
  'Product',
  z.object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    vendor: z.string().nullable(),
    product_type: z.string().nullable(),
    status: z.enum(PRODUCT_STATUSES),
    created_at: z.string(),
    updated_at: z.string(),
    variants: z.array(ZVariant),
  }),
);

const ZOrder = named(
  'Order',
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    channel: z.string(),
    external_id: z.string().nullable(),
    status: z
      .string()
      .describe(
        'An unpaid or partially paid order waits on_hold with hold_reason "Payment due" (decision 031)',
      ),
    payment_status: ZPaymentStatus,
    currency: z.string(),
    customer: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
    subtotal: z.number().int(),
    discount_amount: z.number().int(),
    shipping_amount: z.number().int(),
    tax_amount: z.number().int(),
    tax_lines: z
      .array(
        z.object({
          jurisdiction: z.string(),
          rate: z.string().nullable().describe('a decimal fraction ("0.2" = 20 %); null when not given'),
          taxable: z.number().int(),
          tax: z.number().int(),
        }),
      )
      .describe('The tax by jurisdiction and rate; one line when the order came with one tax amount'),
    total: z.number().int(),
    fx_rate: z
      .string()
      .nullable()
      .describe(
        'An order in another currency: the rate it was booked at (shop currency per unit, the ' +
          "placed day's or the last before); null in the shop's currency",
      ),
    base_total: z.number().int().describe("The total in the shop's currency, minor units"),
    amount_paid: z.number().int(),
    shipping_address: z.record(z.string(), z.string()),
    billing_address: z.record(z.string(), z.string()).nullable(),
    shipping_method: z.string().nullable(),
    placed_at: z.string(),
    promised_ship_by: z.string().nullable(),
    hold_reason: z.string().nullable(),
    tags: z.array(z.string()).optional(),
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
        id: z.uuid(),
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
        id: z.uuid(),
        method: z.string(),
        status: z.string(),
        amount: z.number().int(),
        fee_amount: z.number().int(),
        avs_result: z.string().nullable(),
        cvv_result: z.string().nullable(),
        created_at: z.string(),
      }),
    ),
  }),
);
named('OrderRow', ZOrderRow);

named('Refund', ZRefund);
named('Return', ZReturn);
named('ReturnRow', ZReturnRow);
const ZSlaClock = named('SlaClock', z.enum(['met', 'breached', 'at_risk', 'running']));
const ZTicketRow = named(
  'TicketRow',
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    subject: z.string(),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(TICKET_PRIORITIES),
    channel: z.enum(TICKET_CHANNELS),
    tags: z.array(z.string()),
    customer: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    order: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
    assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
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
  }),
);
const ZSupplier = named(
  'Supplier',
  z.object({
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
  }),
);
const ZPurchaseOrder = named(
  'PurchaseOrder',
  z.object({
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
        billed: z.number().int().describe('units taken by supplier bills (not rejected)'),
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
    dropship: z
      .object({
        order_id: z.uuid(),
        order_number: z.number().int(),
        ship_to: z.record(z.string(), z.unknown()),
      })
      .nullable()
      .describe('a dropship PO: the customer order it ships and the address it ships to'),
  }),
);

const ZLandedChargeResult = named(
  'LandedCharge',
  z.object({
    id: z.uuid(),
    kind: z.enum(LANDED_CHARGE_KINDS),
    allocation: z.enum(['value', 'quantity', 'weight', 'volume']),
    currency: z.string(),
    amount: z.number().int().describe('minor units of the PO currency'),
    base_amount: z.number().int().describe('in the shop currency, at the charge day rate'),
    to_inventory: z.number().int().describe('share of units still on hand: added to their cost layers'),
    to_cogs: z.number().int().describe('share of units already shipped'),
    allocations: z.array(
      z.object({
        sku: z.string(),
        amount: z.number().int(),
        to_inventory: z.number().int(),
        to_cogs: z.number().int(),
      }),
    ),
  }),
);
const ZSupplierBill = named(
  'SupplierBill',
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    label: z.string().describe('BILL-7'),
    status: z.enum(SUPPLIER_BILL_STATUSES),
    purchase_order: z.object({ id: z.uuid(), label: z.string() }),
    supplier: z.object({ id: z.uuid(), name: z.string() }),
    supplier_reference: z.string(),
    bill_date: z.string(),
    due_date: z.string(),
    currency: z.string(),
    subtotal: z.number().int(),
    input_tax: z.number().int(),
    total: z.number().int(),
    fx_rate: z.string().nullable(),
    base_total: z.number().int().nullable().describe('the payable in the shop currency, once posted'),
    grni_value: z.number().int().nullable(),
    variance: z.number().int().nullable().describe('purchase price variance posted to 5400'),
    match_issues: z.array(z.string()).describe('three-way match findings; empty within tolerance'),
    lines: z.array(
      z.object({
        sku: z.string(),
        quantity: z.number().int(),
        unit_cost: z.number().int(),
        amount: z.number().int(),
        ordered: z.number().int(),
        received: z.number().int(),
        previously_billed: z.number().int(),
        grni_value: z.number().int().nullable(),
      }),
    ),
    approved_by: z.string().nullable(),
    approved_at: z.string().nullable(),
    paid_on: z.string().nullable(),
    payment_base: z.number().int().nullable(),
    realized_fx: z.number().int().nullable(),
    amount_paid: z.number().int(),
    open_amount: z.number().int(),
    carrying_paid: z.number().int(),
    open_carrying: z.number().int(),
    payments: z.array(
      z.object({
        paid_on: z.string(),
        amount: z.number().int(),
        fx_rate: z.string().nullable(),
        bank_amount: z.number().int(),
        carrying: z.number().int(),
        realized_fx: z.number().int(),
      }),
    ),
    created_by: z.string(),
    created_at: z.string(),
  }),
);
const ZAgingBuckets = z.object(
  Object.fromEntries(AGING_BUCKETS.map((b) => [b, z.number().int()])) as Record<
    (typeof AGING_BUCKETS)[number],
    z.ZodNumber
  >,
);
const ZApAging = named(
  'ApAging',
  z.object({
    as_of: z.string(),
    currency: z.string(),
    suppliers: z.array(
      z.object({
        supplier: z.object({ id: z.uuid(), name: z.string() }),
        buckets: ZAgingBuckets,
        total: z.number().int(),
        bills: z.array(
          z.object({
            id: z.uuid(),
            label: z.string(),
            due_date: z.string(),
            days_past_due: z.number().int(),
            amount: z.number().int(),
          }),
        ),
      }),
    ),
    totals: ZAgingBuckets.extend({ total: z.number().int() }),
  }),
);

const ZFeedbackAnswer = named(
  'FeedbackAnswer',
  z.object({
    id: z.uuid(),
    kind: z.enum(FEEDBACK_KINDS),
    rating: z
      .union([z.number().int().min(1).max(5), z.enum(['good', 'bad'])])
      .describe('1–5 for a delivery survey or an imported review; "good" or "bad" for a support survey'),
    comment: z.string().nullable(),
    themes: z.array(z.string()).describe('theme slugs the answer is tagged with'),
    order_id: z
      .uuid()
      .optional()
      .describe("the order rated (a support answer: the ticket's order, when it has one)"),
    ticket_id: z.uuid().optional().describe('the ticket rated (support answers only)'),
    skus: z.array(z.string()).describe("the SKUs of the answer's order"),
    answered_at: z.string(),
  }),
);

const ZEvent = named(
  'Event',
  z.object({
    id: z.string().uuid(),
    type: z.enum(EVENT_TYPES),
    resource_id: z.string(),
    sequence: z.number().int(),
    occurred_at: z.string(),
    data: z.unknown(),
  }),
);

const ZWebhook = named(
  'Webhook',
  z.object({
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
  }),
);

const ZDelivery = named(
  'WebhookDelivery',
  z.object({
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
  }),
);

const ZTicket = named(
  'Ticket',
  ZTicketRow.extend({
    return_id: z.uuid().nullable(),
    messages: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(MESSAGE_KINDS),
        body: z.string(),
        author: z.object({ type: z.string(), label: z.string() }),
        created_at: z.string(),
      }),
    ),
  }),
);

const ZActionResult = z.object({
  type: z.string(),
  status: z.enum(['done', 'nothing', 'failed']),
  detail: z.string(),
});

const ZAutomationRule = named(
  'AutomationRule',
  z.object({
    id: z.uuid(),
    name: z.string(),
    event: z.enum(EVENT_TYPES),
    conditions: z.record(z.string(), z.unknown()),
    actions: z.array(ZAction),
    enabled: z.boolean(),
    enabled_at: z.string().nullable(),
    template: z.string().nullable(),
    created_by: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    runs: z.object({
      total: z.number().int(),
      matched: z.number().int(),
      failed: z.number().int(),
      last_run_at: z.string().nullable(),
    }),
  }),
);

const ZAutomationRun = named(
  'AutomationRun',
  z.object({
    id: z.uuid(),
    event_id: z.uuid(),
    event_type: z.string(),
    resource_id: z.string(),
    depth: z.number().int(),
    status: z.enum(['pending', 'succeeded', 'failed', 'skipped']),
    matched: z.boolean().nullable(),
    results: z.array(ZActionResult),
    error: z.string().nullable(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
  }),
);

const ZDryRunResult = named(
  'AutomationDryRun',
  z.object({
    evaluated: z.number().int(),
    matched: z.array(
      z.object({
        event_id: z.uuid(),
        event_type: z.string(),
        resource_id: z.string(),
        occurred_at: z.string(),
        depth: z.number().int(),
        actions: z.array(ZActionResult),
      }),
    ),
  }),
);

/** What a shipment recorded or bought answers with first: which shipment, of which order, and its COGS. */
const ZShipmentHead = z.object({
  id: z.uuid(),
  number: z.number().int(),
  order_id: z.uuid(),
  status: z.string(),
  cogs: z.number().int(),
});

export const OPERATIONS: readonly Operation[] = [
  {
    operationId: 'createReturn',
    method: 'post',
    path: '/api/v1/returns',
    idempotent: true,
    summary:
      'Request a return of shipped units (per line at most shipped − already on returns; reason per line).',
    scope: 'returns:request',
    body: ZCreateReturnInput,
    response: ZReturn,
    status: 201,
  },
  {
    operationId: 'listReturns',
    method: 'get',
    path: '/api/v1/returns',
    summary: 'List returns (status, order_id, ticket_id, q) with cursor pagination',
    scope: 'orders:read',
    query: ZReturnListQuery,
    response: page(ZReturnRow),
  },
  {
    operationId: 'getReturn',
    method: 'get',
    path: '/api/v1/returns/{id}',
    summary: 'One return with its lines, dispositions and refunds',
    scope: 'orders:read',
    response: ZReturn,
  },
  {
    operationId: 'approveReturn',
    method: 'post',
    path: '/api/v1/returns/{id}/approve',
    idempotent: true,
    bodyOptional: true,
    summary:
      'Approve a requested return (optional message; issue_label buys a prepaid return label); the ' +
      'customer is emailed.',
    scope: 'returns:request',
    body: ZApproveReturnInput,
    response: ZReturn,
  },
  {
    operationId: 'rejectReturn',
    method: 'post',
    path: '/api/v1/returns/{id}/reject',
    idempotent: true,
    summary: 'Reject a requested return with a message to the customer',
    scope: 'returns:request',
    body: ZRejectReturnInput,
    response: ZReturn,
  },
  {
    operationId: 'receiveReturn',
    method: 'post',
    path: '/api/v1/returns/{id}/receive',
    idempotent: true,
    summary:
      'Receive units (never more than approved; partial receipts). A condition ' +
      '(restock/damaged/scrap) inspects them at once.',
    scope: 'returns:receive',
    body: ZReceiveReturnInput,
    response: ZReturn,
  },
  {
    operationId: 'inspectReturn',
    method: 'post',
    path: '/api/v1/returns/{id}/inspect',
    idempotent: true,
    summary:
      'Give received units a disposition: restock (sellable, Dr Inventory / Cr COGS at shipped ' +
      'cost), damaged (unsellable), scrap (Dr Shrinkage / Cr COGS).',
    scope: 'returns:receive',
    body: ZInspectReturnInput,
    response: ZReturn,
  },
  {
    operationId: 'refundReturn',
    method: 'post',
    path: '/api/v1/returns/{id}/refund',
    idempotent: true,
    bodyOptional: true,
    summary:
      'Refund received units (restocking fee by reason, shipping refund, optional smaller amount); ' +
      'at most paid − refunded; above the support limit without ' +
      'refunds:approve it waits (status pending_approval).',
    scope: 'refunds:issue',
    body: ZRefundReturnInput,
    response: ZRefund,
    status: 201,
  },
  {
    operationId: 'exchangeReturn',
    method: 'post',
    path: '/api/v1/returns/{id}/exchange',
    idempotent: true,
    summary:
      'Exchange received units for a replacement order (stock reserved); the credit pays it and the ' +
      'difference is charged or refunded.',
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
    operationId: 'listRefunds',
    method: 'get',
    path: '/api/v1/refunds',
    summary: 'List refunds (status, order_id, return_id, ticket_id) with cursor pagination',
    scope: 'orders:read',
    query: ZRefundListQuery,
    response: page(ZRefund),
  },
  {
    operationId: 'createGoodwillRefund',
    method: 'post',
    path: '/api/v1/refunds',
    idempotent: true,
    summary: 'A goodwill refund without a return, with a reason; same caps and approval as every refund.',
    scope: 'refunds:issue',
    body: ZGoodwillRefundInput,
    response: ZRefund,
    status: 201,
  },
  {
    operationId: 'approveRefund',
    method: 'post',
    path: '/api/v1/refunds/{id}/approve',
    idempotent: true,
    summary: 'Approve (issue) a refund waiting above the support limit',
    scope: 'refunds:approve',
    response: ZRefund,
  },
  {
    operationId: 'declineRefund',
    method: 'post',
    path: '/api/v1/refunds/{id}/decline',
    idempotent: true,
    summary: 'Decline a refund waiting above the support limit (its units are released)',
    scope: 'refunds:approve',
    response: ZRefund,
  },
  {
    operationId: 'createOrder',
    method: 'post',
    path: '/api/v1/orders',
    idempotent: true,
    summary:
      'Take an order in: reserves stock, screens for fraud, posts the sale; 409 OUT_OF_STOCK / DUPLICATE_ORDER.',
    scope: 'orders:create',
    body: ZCreateOrderInput,
    response: ZOrder,
    status: 201,
  },
  {
    operationId: 'createOrderBatch',
    method: 'post',
    path: '/api/v1/orders/batch',
    summary:
      'Take up to 1,000 orders in one request, each all or nothing on its own and idempotent by ' +
      'channel + external_id: one result per order (201 with its id, 409 ' +
      'DUPLICATE_ORDER / OUT_OF_STOCK, 422 naming the fields). Body limit 8 MiB.',
    scope: 'orders:create',
    body: ZBatchInput,
    response: ZBatchResponse,
  },
  {
    operationId: 'importOrders',
    method: 'post',
    path: '/api/v1/imports/orders',
    summary:
      "Import orders from a Shopify or WooCommerce export or Backroom's CSV (the body, text/csv, at " +
      'most 256 MiB): history records them as they were (no stock, no ' +
      'postings, no fulfillment), live takes them in through the batch intake. ' +
      'Runs in the background; poll getImport.',
    scope: 'orders:import',
    query: ZOrderImportQuery,
    rawBody: {
      contentType: 'text/csv',
      description:
        'The export file, UTF-8. Columns by name (any case, any order); unknown columns are ignored.',
    },
    response: ZOrderImportStarted,
    status: 202,
  },
  {
    operationId: 'getImport',
    method: 'get',
    path: '/api/v1/imports/{id}',
    summary:
      'An order import: status, progress (rows, processed, percent, rate, seconds left), counts ' +
      '(created, skipped, failed), totals and errors by row and column',
    scope: 'orders:import',
    response: ZOrderImport,
  },
  {
    operationId: 'getChannel',
    method: 'get',
    path: '/api/v1/channels/{channel}',
    summary:
      "A channel's listing settings: buffer units, percent of available to list, the most to list, feeding locations",
    scope: 'inventory:read',
    response: ZChannelSettings,
  },
  {
    operationId: 'updateChannel',
    method: 'put',
    path: '/api/v1/channels/{channel}',
    summary: "Set a channel's listing settings (locations by code; empty: every active location)",
    scope: 'channels:write',
    body: ZChannelSettingsInput,
    response: ZChannelSettings,
  },
  {
    operationId: 'getChannelAvailability',
    method: 'get',
    path: '/api/v1/channels/{channel}/availability',
    summary:
      'Available to sell per SKU on a channel: listed = min(max, ⌊(available − buffer) × percent ÷ ' +
      '100⌋), never below 0; pages of 100 by SKU',
    scope: 'inventory:read',
    query: ZAvailabilityQuery,
    response: ZAvailability,
  },
  {
    operationId: 'listOrders',
    method: 'get',
    path: '/api/v1/orders',
    summary:
      'List orders with filters (status, payment_status, channel, risk, from, to, q) and cursor pagination',
    scope: 'orders:read',
    query: ZOrderListQuery,
    response: page(ZOrderRow),
  },
  {
    operationId: 'getOrder',
    method: 'get',
    path: '/api/v1/orders/{id}',
    summary: 'One order with lines, payments and risk',
    scope: 'orders:read',
    response: ZOrder,
  },
  {
    operationId: 'recordShipment',
    method: 'post',
    path: '/api/v1/orders/{id}/shipments',
    idempotent: true,
    summary:
      'Record a fulfillment made elsewhere (3PL, dropship): consumes reserved stock, posts COGS, ' +
      'moves the order to partially fulfilled/fulfilled.',
    scope: 'fulfillment:write',
    body: ZRecordShipmentInput,
    response: ZShipmentHead.extend({
      carrier: z.string().nullable(),
      tracking_number: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    }),
    status: 201,
  },
  {
    operationId: 'buyLabel',
    method: 'post',
    path: '/api/v1/orders/{id}/labels',
    idempotent: true,
    summary:
      'Buy a label for a packed parcel: rate shopping against the service paid for (the shipping ' +
      "method's service level, decision 031) and its promised delivery date — " +
      'preselected: the cheapest service not slower than paid for that ' +
      'delivers by the promise — or a `service` override; an override slower ' +
      'than paid for needs `downgrade_reason` (422 on it otherwise; audited on ' +
      "the order's timeline). Shipment with COGS, shipping expense, tracking " +
      '"label created". A parcel leaving the shop\'s country gets a customs form (CN22 up to the ' +
      "shop's limit, CN23 above) and duties terms (`duties_terms`, default the shop's); a variant " +
      'without an HS code or country of origin is a 422 naming the variant and the field ' +
      '(`hs_code`, `country_of_origin`), before any rate is asked (decision 040).',
    scope: 'fulfillment:write',
    body: ZBuyLabelInput,
    response: ZShipmentHead.extend({
      tracking_number: z.string(),
      service_key: z.string(),
      carrier: z.string(),
      service: z.string(),
      label_cost: z.number().int(),
      billable_weight_grams: z.number().int().nullable(),
      delivery_date: z.string().nullable(),
      lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
      service_level: z
        .enum(SERVICE_LEVELS)
        .nullable()
        .describe("the label's service level, by its transit days"),
      paid_service_level: z.enum(SERVICE_LEVELS).describe("the service level of the order's shipping method"),
      promised_by: z
        .string()
        .nullable()
        .describe("the latest delivery day promised: ship-by + the level's business days"),
      meets_promise: z.boolean().nullable(),
      customs_form: z
        .enum(CUSTOMS_FORMS)
        .nullable()
        .describe("CN22 or CN23 for a parcel leaving the shop's country, printed with the label; else null"),
      duties_terms: z.enum(DUTIES_TERMS).nullable().describe('DDU or DDP for a parcel leaving the country'),
    }),
    status: 201,
  },
  {
    operationId: 'recordTrackingEvent',
    method: 'post',
    path: '/api/v1/shipments/{id}/events',
    idempotent: true,
    summary: 'Record a tracking event; delivered on every parcel makes the order delivered.',
    scope: 'fulfillment:write',
    body: ZTrackingEventInput,
    response: z.object({
      shipment_id: z.uuid(),
      shipment_number: z.number().int(),
      status: z.string(),
      order_status: z.string(),
    }),
    status: 201,
  },
  {
    operationId: 'cancelOrder',
    method: 'post',
    path: '/api/v1/orders/{id}/cancel',
    idempotent: true,
    bodyOptional: true,
    summary:
      'Cancel an order nothing of which has shipped: releases stock, reverses the sale, returns ' +
      'captured money. The body (a reason) is optional.',
    scope: 'orders:cancel',
    body: ZCancelOrderInput,
    response: ZOrder,
    status: 200,
  },
  {
    operationId: 'recordOrderPayment',
    method: 'post',
    path: '/api/v1/orders/{id}/payments',
    idempotent: true,
    summary:
      'Record a payment received after intake (captured, or an authorization). Updates amount_paid ' +
      'and payment_status; an order in the payment-due hold that is now paid ' +
      'or authorized in full is released to the fulfillment queue. More than ' +
      'is owed is a 422 on amount.',
    scope: 'orders:write',
    body: ZRecordPaymentInput,
    response: ZOrder,
    status: 201,
  },
  {
    operationId: 'listProducts',
    method: 'get',
    path: '/api/v1/products',
    summary:
      'List products with their variants: search (name, SKU, barcode), status, product type, sort; cursor pagination',
    scope: 'inventory:read',
    query: ZProductApiListQuery,
    response: page(ZProduct),
  },
  {
    operationId: 'createProduct',
    method: 'post',
    path: '/api/v1/products',
    idempotent: true,
    summary: 'Create a product with its variants (SKU unique; barcode unique when set; 409 names the field).',
    scope: 'inventory:adjust',
    body: ZProductInput,
    response: ZProduct,
    status: 201,
  },
  {
    operationId: 'getProduct',
    method: 'get',
    path: '/api/v1/products/{id}',
    summary: 'One product with its variants and stock totals',
    scope: 'inventory:read',
    response: ZProduct,
  },
  {
    operationId: 'updateProduct',
    method: 'patch',
    path: '/api/v1/products/{id}',
    summary: 'Edit a product: fields, variants by SKU (a new SKU adds a variant), status (archive/unarchive)',
    scope: 'inventory:adjust',
    body: ZProductUpdateInput,
    response: ZProduct,
  },
  {
    operationId: 'listStockLevels',
    method: 'get',
    path: '/api/v1/inventory',
    summary: 'Stock levels per SKU and location (cursor pagination)',
    scope: 'inventory:read',
    query: ZInventoryQuery,
    response: page(ZLevel),
  },
  {
    operationId: 'createReceipt',
    method: 'post',
    path: '/api/v1/inventory/receipts',
    idempotent: true,
    summary: 'Receive stock (creates cost layers; Dr Inventory / Cr Accounts payable).',
    scope: 'inventory:adjust',
    body: ZReceiptInput,
    response: ZReceipt,
    status: 201,
  },
  {
    operationId: 'createAdjustment',
    method: 'post',
    path: '/api/v1/inventory/adjustments',
    idempotent: true,
    summary: 'Adjust stock with a reason (shrinkage posted at cost).',
    scope: 'inventory:adjust',
    body: ZAdjustmentInput,
    response: ZAdjustment,
    status: 201,
  },
  {
    operationId: 'createCycleCount',
    method: 'post',
    path: '/api/v1/cycle-counts',
    idempotent: true,
    summary:
      'Create a draft count sheet for a location, optionally limited to bins and/or SKUs (one line ' +
      'per stock level in scope). Counting, review and completion happen in ' +
      'the app (blind counts).',
    scope: 'inventory:adjust',
    body: ZCreateCycleCountInput,
    response: ZCreatedCycleCount,
    status: 201,
  },
  {
    operationId: 'listCycleCounts',
    method: 'get',
    path: '/api/v1/cycle-counts',
    summary:
      'List cycle counts (status; completed_from/completed_to shop days) with cursor pagination; ' +
      'completed ones carry expected, abs_variance and accuracy',
    scope: 'inventory:read',
    query: ZCycleCountListQuery,
    response: page(ZCycleCountRow),
  },
  {
    operationId: 'createTransfer',
    method: 'post',
    path: '/api/v1/inventory/transfers',
    idempotent: true,
    summary: 'Transfer stock between locations.',
    scope: 'inventory:adjust',
    body: ZTransferInput,
    response: ZTransfer,
    status: 201,
  },
  {
    operationId: 'getTrialBalance',
    method: 'get',
    path: '/api/v1/ledger/trial-balance',
    summary: 'Trial balance as of a date (end of that day in the shop time zone)',
    scope: 'ledger:read',
    query: ZAsOfQuery,
    response: ZTrialBalance,
  },
  {
    operationId: 'getKpis',
    method: 'get',
    path: '/api/v1/kpis',
    summary:
      'The dashboard KPIs (docs/design.md) over shop-timezone days [from, to] (at most five years) ' +
      'and an optional channel, each with its parts, the previous equal ' +
      'period, the change and a sparkline; KPIs without data yet are null with ' +
      'a reason',
    scope: 'reports:read',
    query: ZKpiQuery,
    response: ZKpiReport,
  },
  {
    operationId: 'getProfitAndLoss',
    method: 'get',
    path: '/api/v1/reports/profit-and-loss',
    summary:
      'Profit and loss over shop-timezone days [from, to] (at most five years), in the shop ' +
      'currency: every section with its accounts, gross profit and net income; optional columns ' +
      'per month or quarter and a comparison period',
    scope: 'ledger:read',
    query: ZProfitAndLossQuery,
    response: ZProfitAndLossApi,
  },
  {
    operationId: 'getBalanceSheet',
    method: 'get',
    path: '/api/v1/reports/balance-sheet',
    summary:
      'Balance sheet at the end of as_of (default today): assets, liabilities, equity with retained ' +
      'and current-year earnings derived from the P&L accounts; assets = ' +
      'liabilities + equity',
    scope: 'ledger:read',
    query: ZBalanceSheetQuery,
    response: ZBalanceSheet,
  },
  {
    operationId: 'getSalesTaxReport',
    method: 'get',
    path: '/api/v1/reports/sales-tax',
    summary:
      'Sales tax over shop-timezone days [from, to] by jurisdiction and rate: taxable sales, tax collected, ' +
      'refunded, input tax and net payable; the total equals the movement of 2100 and 1300',
    scope: 'ledger:read',
    query: ZProfitAndLossQuery,
    response: ZSalesTaxReport,
  },
  {
    operationId: 'fileSalesTaxPeriod',
    method: 'post',
    path: '/api/v1/ledger/tax-filings',
    idempotent: true,
    summary:
      'Files a sales-tax period that has ended: posts the settlement entry (Dr 2100 / Cr 1300 / Cr or Dr ' +
      '2110) and locks tax in it (409 PERIOD_LOCKED for a later tax posting dated in it); filing the same ' +
      'period again answers the first',
    scope: 'ledger:write',
    body: ZTaxFilingInput,
    response: ZTaxFiling,
  },
  {
    operationId: 'listTaxFilings',
    method: 'get',
    path: '/api/v1/ledger/tax-filings',
    summary: 'Every filed sales-tax period, newest first',
    scope: 'ledger:read',
    response: z.object({ filings: z.array(ZTaxFiling) }),
  },
  {
    operationId: 'saveFxRates',
    method: 'post',
    path: '/api/v1/fx-rates',
    idempotent: true,
    summary:
      'Store exchange rates: rate = units of the shop currency per 1 unit of currency, a decimal ' +
      'string (e.g. "1.0842"); a (currency, date) already held is replaced; ' +
      "the rate for a day is that day's or the last before",
    scope: 'ledger:write',
    body: ZSaveFxRatesInput,
    response: ZFxRatesSaved,
  },
  {
    operationId: 'listFxRates',
    method: 'get',
    path: '/api/v1/fx-rates',
    summary: 'Stored exchange rates, newest first (at most 1,000), by currency and date range',
    scope: 'ledger:read',
    query: ZFxRatesQuery,
    response: ZFxRateList,
  },
  {
    operationId: 'createJournalEntry',
    method: 'post',
    path: '/api/v1/ledger/journal-entries',
    idempotent: true,
    summary:
      'Post a manual journal entry dated `date` (shop time zone, not after today): lines of account ' +
      'code and debit or credit in minor units; unbalanced → 422 naming lines; ' +
      'on or before a lock date → 409 PERIOD_LOCKED',
    scope: 'ledger:write',
    body: ZManualEntryApiInput,
    response: ZJournalEntry,
    status: 201,
  },
  {
    operationId: 'recordPayout',
    method: 'post',
    path: '/api/v1/ledger/payouts',
    idempotent: true,
    summary:
      'Record a payout of the processor balance into the bank: Dr Bank bank_amount / Cr Processor ' +
      'clearing at the carrying amount of `amount` (in `currency`); the ' +
      'difference is realized exchange gain/loss (7100), never in the shop ' +
      'currency; bank_amount defaults to amount at the rate of `date`',
    scope: 'ledger:write',
    body: ZRecordPayoutInput,
    response: ZPayout,
    status: 201,
  },
  {
    operationId: 'previewPayoutImport',
    method: 'post',
    path: '/api/v1/ledger/payout-imports/preview',
    summary:
      'Read a Stripe balance-transactions or Shopify Payments payout CSV (columns by name) and match each ' +
      'line to captures, refunds and fees; writes nothing',
    scope: 'ledger:write',
    body: ZPayoutImportInput,
    response: ZPayoutPreview,
  },
  {
    operationId: 'importPayout',
    method: 'post',
    path: '/api/v1/ledger/payout-imports',
    idempotent: true,
    summary:
      'Import a payout report: records the payout (Dr Bank / Cr Processor clearing for the net) and moves ' +
      'the residual (net − matched) to 1090 Processor clearing differences; a report in another currency ' +
      'converts at the rate of its payout date or the last before (fx; realized FX against the clearing ' +
      'carrying amount; no rate → 422 naming the currency and row); the same file or payout again posts ' +
      'nothing (already: true); on or before a lock date → 409 PERIOD_LOCKED',
    scope: 'ledger:write',
    body: ZPayoutImportInput,
    response: ZPayoutImportResult,
    status: 201,
  },
  {
    operationId: 'listPayoutImports',
    method: 'get',
    path: '/api/v1/ledger/payout-imports',
    summary: 'Imported payout reports, newest first (at most 100)',
    scope: 'ledger:read',
    response: z.object({ imports: z.array(ZPayoutImportRow) }),
  },
  {
    operationId: 'previewBankStatement',
    method: 'post',
    path: '/api/v1/ledger/bank-statements/preview',
    summary:
      'Read a bank statement CSV (one amount column or separate in/out columns; dates ISO, day- or ' +
      'month-first, date_format when ambiguous) and match deposits to recorded payouts; writes nothing',
    scope: 'ledger:read',
    body: ZBankStatementInput,
    response: ZBankStatementPreview,
  },
  {
    operationId: 'closeFiscalYear',
    method: 'post',
    path: '/api/v1/ledger/year-end-closes',
    idempotent: true,
    summary:
      'Year-end close of the fiscal year ending in fiscal_year: zeroes its revenue and expense accounts ' +
      "into 3200 Retained earnings, then sets lock_date_all to the year's last day; once per year (a " +
      'repeat answers already: true); statements read the same before and after',
    scope: 'ledger:write',
    body: ZCloseFiscalYearInput,
    response: ZFiscalYearCloseResult,
  },
  {
    operationId: 'listFiscalYearCloses',
    method: 'get',
    path: '/api/v1/ledger/year-end-closes',
    summary: 'The closed fiscal years, latest first',
    scope: 'ledger:read',
    response: z.object({ closes: z.array(ZFiscalYearClose) }),
  },
  {
    operationId: 'getClearingDifferences',
    method: 'get',
    path: '/api/v1/reports/clearing-differences',
    summary:
      'Payout imports of [from, to] whose net differed from the books (their residuals) and the balance ' +
      'of 1090 Processor clearing differences',
    scope: 'ledger:read',
    query: ZStatementRangeQuery,
    response: ZClearingDifferences,
  },
  {
    operationId: 'revalueForeignBalances',
    method: 'post',
    path: '/api/v1/ledger/fx-revaluations',
    idempotent: true,
    summary:
      'Month-end revaluation of open foreign-currency balances at the closing rate (7200 Unrealized ' +
      "exchange gain/loss), reversed on the next month's first day; once per " +
      'month (a repeat answers the first with already: true)',
    scope: 'ledger:write',
    body: ZRevaluationInput,
    response: ZRevaluation,
  },
  {
    operationId: 'getInventoryValuation',
    method: 'get',
    path: '/api/v1/reports/inventory-valuation',
    summary: 'Inventory valuation per SKU as of a date; the total equals the inventory account',
    scope: 'reports:read',
    query: ZAsOfQuery,
    response: ZValuation,
  },
  {
    operationId: 'listLocations',
    method: 'get',
    path: '/api/v1/locations',
    summary: 'List stock locations',
    scope: 'inventory:read',
    response: z.object({ data: z.array(ZLocation) }),
  },
  {
    operationId: 'createTicket',
    method: 'post',
    path: '/api/v1/tickets',
    idempotent: true,
    summary:
      'Open a ticket from a contact form or an email bridge: the customer is found by email ' +
      '(case-insensitive) or created; order_number must be theirs; SLA due ' +
      'times set from the priority.',
    scope: 'support:tickets',
    body: ZCreateTicketInput,
    response: ZTicket,
    status: 201,
  },
  {
    operationId: 'listTickets',
    method: 'get',
    path: '/api/v1/tickets',
    summary:
      'List tickets: view (open, unassigned, pending, at_risk, breached, all), status, priority, ' +
      'channel, assignee (id or "none"), tag, q; sort; cursor pagination',
    scope: 'support:tickets',
    query: ZTicketListQuery,
    response: z.object({
      data: z.array(ZTicketRow),
      next_cursor: z.string().nullable(),
      total: z.number().int(),
    }),
  },
  {
    operationId: 'getTicket',
    method: 'get',
    path: '/api/v1/tickets/{id}',
    summary: 'One ticket with its thread (internal notes included) and SLA state',
    scope: 'support:tickets',
    response: ZTicket,
  },
  {
    operationId: 'addTicketMessage',
    method: 'post',
    path: '/api/v1/tickets/{id}/messages',
    idempotent: true,
    summary:
      'Add a message: kind "customer" (default; reopens a pending or solved ticket), "reply" ' +
      '(emailed to the customer; placeholders filled, unknown ones 422) or ' +
      '"note". A closed ticket refuses customer messages and replies with 409 ' +
      'INVALID_STATE: open a new ticket.',
    scope: 'support:tickets',
    body: ZAddMessageInput,
    response: ZTicket,
    status: 201,
  },
  {
    operationId: 'listApiKeys',
    method: 'get',
    path: '/api/v1/api-keys',
    summary:
      'List API keys, newest first: name, prefix, scopes, last use, revocation (never the key or its hash)',
    scope: 'settings:write',
    response: z.object({ data: z.array(ZApiKeyApi) }),
  },
  {
    operationId: 'revokeApiKey',
    method: 'delete',
    path: '/api/v1/api-keys/{id}',
    summary:
      'Revoke an API key for good: its next request is answered 401. Audited. An already revoked ' +
      'key is 409 INVALID_STATE.',
    scope: 'settings:write',
    response: ZApiKeyApi,
  },
  {
    operationId: 'createSupplier',
    idempotent: true,
    method: 'post',
    path: '/api/v1/suppliers',
    summary:
      'Create a supplier with its catalog (SKU ↔ supplier SKU, unit cost in minor units, pack size, ' +
      'MOQ); currency defaults to the shop’s. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZCreateSupplierInput,
    response: ZSupplier,
    status: 201,
  },
  {
    operationId: 'listSuppliers',
    method: 'get',
    path: '/api/v1/suppliers',
    summary: 'List suppliers by name with their catalogs (cursor pagination)',
    scope: 'purchasing:read',
    query: ZSupplierListQuery,
    response: page(ZSupplier),
  },
  {
    operationId: 'getSupplier',
    method: 'get',
    path: '/api/v1/suppliers/{id}',
    summary: 'One supplier with its catalog',
    scope: 'purchasing:read',
    response: ZSupplier,
  },
  {
    operationId: 'updateSupplier',
    method: 'patch',
    path: '/api/v1/suppliers/{id}',
    summary: 'Update a supplier; `products`, when given, replaces its catalog',
    scope: 'purchasing:write',
    body: ZUpdateSupplierInput,
    response: ZSupplier,
  },
  {
    operationId: 'createPurchaseOrder',
    idempotent: true,
    method: 'post',
    path: '/api/v1/purchase-orders',
    summary:
      'Create a draft purchase order in the supplier’s currency; a line without unit_cost takes the ' +
      'supplier’s catalog cost. Receipts and bills of a foreign-currency PO ' +
      'convert at their day’s rate. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZCreatePurchaseOrderInput,
    response: ZPurchaseOrder,
    status: 201,
  },
  {
    operationId: 'listPurchaseOrders',
    method: 'get',
    path: '/api/v1/purchase-orders',
    summary: 'List purchase orders, newest first (status, supplier_id; cursor pagination)',
    scope: 'purchasing:read',
    query: ZPurchaseOrderListQuery,
    response: page(ZPurchaseOrder),
  },
  {
    operationId: 'getPurchaseOrder',
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
    operationId: 'updatePurchaseOrder',
    method: 'patch',
    path: '/api/v1/purchase-orders/{id}',
    summary:
      'Edit a draft or sent PO (expected_at, notes, the whole list of lines; a line never below ' +
      'what arrived). After sending, each edit is a revision on the timeline.',
    scope: 'purchasing:write',
    body: ZUpdatePurchaseOrderInput,
    response: ZPurchaseOrder,
  },
  {
    operationId: 'sendPurchaseOrder',
    idempotent: true,
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/send',
    summary:
      'Send a draft PO: its PDF is emailed to the supplier through the outbox (as an attachment); ' +
      'its open quantity now counts as on order. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    response: ZPurchaseOrder,
  },
  {
    operationId: 'cancelPurchaseOrder',
    idempotent: true,
    bodyOptional: true,
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/cancel',
    summary: 'Cancel a draft or sent PO (optional reason). Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZPurchaseOrderReasonInput,
    response: ZPurchaseOrder,
  },
  {
    operationId: 'closePurchaseOrder',
    idempotent: true,
    bodyOptional: true,
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/close',
    summary:
      'Close a sent, partially received or received PO: the open rest of each line is cancelled and ' +
      'stops counting as on order. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZPurchaseOrderReasonInput,
    response: ZPurchaseOrder,
  },
  {
    operationId: 'receivePurchaseOrder',
    idempotent: true,
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/receipts',
    summary:
      'Receive units against a sent PO: cost layers at the PO unit cost (converted at the receipt ' +
      'day’s rate for a foreign-currency PO; no rate → 422), Dr Inventory / Cr ' +
      'Goods received not invoiced, status partially_received or received. ' +
      'More than open + the supplier’s tolerance is refused naming ' +
      'lines.i.quantity. `charges` (freight, duty, insurance, other) are ' +
      'allocated over the receipt by value, quantity, weight or volume (Cr ' +
      'Accounts payable). Accepts Idempotency-Key.',
    scope: 'purchasing:receive',
    body: ZReceivePurchaseOrderInput,
    response: z.object({
      receipt: ZReceipt.extend({ charges: z.array(ZLandedChargeResult) }),
      purchase_order: ZPurchaseOrder,
    }),
    status: 201,
  },
  {
    operationId: 'listReplenishment',
    method: 'get',
    path: '/api/v1/replenishment',
    summary:
      'The latest completed replenishment run: per SKU × location its demand class, forecast method ' +
      '(chosen by backtest), daily forecast, lead time, safety stock, reorder ' +
      'point, order-up-to level, live on hand / on order / reserved / ' +
      'position, the suggested quantity (pack size, MOQ) and the backtest ' +
      'accuracy (MASE, WAPE, bias) beside seasonal naive’s; an explanation ' +
      'line of the arithmetic',
    scope: 'purchasing:read',
    query: ZReplenishmentQuery,
    response: z.object({ data: z.array(ZReplenishmentRow) }),
  },
  {
    operationId: 'createReplenishmentPurchaseOrders',
    idempotent: true,
    method: 'post',
    path: '/api/v1/replenishment/purchase-orders',
    summary:
      'Turn the suggestions of a location (all, or `skus`) into draft POs, one per supplier. What ' +
      'open POs and drafts already cover is never drafted again: a second call ' +
      'creates nothing. A supplier the purchasing rules cannot order from yet ' +
      '(another currency) is listed in `skipped` with the reason. Accepts ' +
      'Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZCreateReplenishmentPosInput,
    response: z.object({
      purchase_orders: z.array(ZPurchaseOrder),
      skipped: z.array(z.object({ supplier_id: z.uuid(), supplier: z.string(), reason: z.string() })),
    }),
    status: 201,
  },
  {
    operationId: 'startReplenishmentRun',
    bodyOptional: true,
    method: 'post',
    path: '/api/v1/replenishment/runs',
    summary:
      'Queue a replenishment run (forecasts and suggestions); poll getReplenishmentRun until ' +
      '`completed`. Nightly runs start on their own.',
    scope: 'purchasing:write',
    body: ZStartRunInput,
    response: z.object({ id: z.uuid(), status: z.literal('queued') }),
    status: 202,
  },
  {
    operationId: 'getReplenishmentRun',
    method: 'get',
    path: '/api/v1/replenishment/runs/{id}',
    summary:
      'A replenishment run: status (queued, running, completed, failed), SKUs planned, overall ' +
      'accuracy beside seasonal naive’s',
    scope: 'purchasing:read',
    response: ZReplenishmentRun,
  },
  {
    operationId: 'listEvents',
    method: 'get',
    path: '/api/v1/events',
    summary:
      'The domain event feed, replayable from an opaque cursor: every event exactly once, each ' +
      "resource's events in sequence order (`after` = a next_cursor; `types` " +
      'comma-separated)',
    scope: 'events:read',
    query: ZEventsQuery,
    response: z.object({ data: z.array(ZEvent), next_cursor: z.string() }),
  },
  {
    operationId: 'createWebhook',
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
    operationId: 'listWebhooks',
    method: 'get',
    path: '/api/v1/webhooks',
    summary: 'List webhook subscriptions',
    scope: 'webhooks:write',
    response: z.object({ data: z.array(ZWebhook) }),
  },
  {
    operationId: 'getWebhook',
    method: 'get',
    path: '/api/v1/webhooks/{id}',
    summary: 'One webhook subscription',
    scope: 'webhooks:write',
    response: ZWebhook,
  },
  {
    operationId: 'updateWebhook',
    method: 'patch',
    path: '/api/v1/webhooks/{id}',
    summary: "Change a subscription's url, events or description; enabled: true re-enables a disabled one",
    scope: 'webhooks:write',
    body: ZUpdateWebhookInput,
    response: ZWebhook,
  },
  {
    operationId: 'deleteWebhook',
    method: 'delete',
    path: '/api/v1/webhooks/{id}',
    summary: 'Delete a subscription and its delivery log (204)',
    scope: 'webhooks:write',
    response: z.null(),
    status: 204,
  },
  {
    operationId: 'listWebhookDeliveries',
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    summary:
      "Recent deliveries, latest first, with each attempt's request, response status, body excerpt and duration",
    scope: 'webhooks:write',
    query: ZDeliveriesQuery,
    response: z.object({ data: z.array(ZDelivery) }),
  },
  {
    operationId: 'retryWebhookDelivery',
    method: 'post',
    path: '/api/v1/webhooks/{id}/deliveries/{delivery_id}/retry',
    summary: 'Send a pending or failed delivery again now, with a fresh retry schedule',
    scope: 'webhooks:write',
    response: z.object({ id: z.string().uuid(), status: z.literal('pending') }),
  },
  {
    operationId: 'rotateWebhookSecret',
    method: 'post',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    summary: 'A new signing secret (answered once); the old one also signs for 24 hours',
    scope: 'webhooks:write',
    response: z.object({ id: z.string().uuid(), secret: z.string(), previous_secret_expires_at: z.string() }),
  },
  {
    operationId: 'listFeedback',
    method: 'get',
    path: '/api/v1/feedback',
    summary:
      'Customer feedback answers, newest first: rating (1–5 or good/bad), sku, theme, from/to ' +
      '(answer days), kind, channel; cursor pages',
    scope: 'feedback:read',
    query: ZFeedbackListQuery,
    response: page(ZFeedbackAnswer),
  },
  {
    operationId: 'importFeedback',
    method: 'post',
    path: '/api/v1/feedback',
    idempotent: true,
    summary:
      'Record an answer gathered elsewhere (a marketplace review) for an order named by order_id or ' +
      'by the channel and external_order_id; one per order: the same answer ' +
      'again returns the first, a different one is a 409.',
    scope: 'feedback:write',
    body: ZImportFeedbackInput,
    response: ZFeedbackAnswer,
    status: 201,
  },
  {
    operationId: 'createAutomationRule',
    method: 'post',
    path: '/api/v1/automation-rules',
    summary:
      'Save an automation rule: when `event` → if `conditions` (JSON Logic: {"and"|"or": [{"<op>": ' +
      '[{"var": field}, value]}…]}) → then `actions`. Unknown fields, ' +
      'operators or actions are refused (422 naming them). Saved disabled ' +
      'unless enabled: true.',
    scope: 'automation:write',
    body: ZCreateRuleInput,
    response: ZAutomationRule,
    status: 201,
  },
  {
    operationId: 'listAutomationRules',
    method: 'get',
    path: '/api/v1/automation-rules',
    summary: 'List automation rules with their run counts',
    scope: 'automation:read',
    response: z.object({ data: z.array(ZAutomationRule) }),
  },
  {
    operationId: 'getAutomationRule',
    method: 'get',
    path: '/api/v1/automation-rules/{id}',
    summary: 'One automation rule',
    scope: 'automation:read',
    response: ZAutomationRule,
  },
  {
    operationId: 'updateAutomationRule',
    method: 'patch',
    path: '/api/v1/automation-rules/{id}',
    summary:
      'Change a rule (given fields replace stored ones; checked as a whole). enabled: true runs it ' +
      'on events from now on.',
    scope: 'automation:write',
    body: ZUpdateRuleInput,
    response: ZAutomationRule,
  },
  {
    operationId: 'deleteAutomationRule',
    method: 'delete',
    path: '/api/v1/automation-rules/{id}',
    summary: 'Delete a rule and its run log (204)',
    scope: 'automation:write',
    response: z.null(),
    status: 204,
  },
  {
    operationId: 'dryRunAutomationRule',
    method: 'post',
    path: '/api/v1/automation-rules/{id}/dry-run',
    summary:
      'Which of the last `limit` (default 50) events of the rule’s type would match, and what each ' +
      'action would do; writes nothing',
    scope: 'automation:write',
    body: ZDryRunInput,
    bodyOptional: true,
    response: ZDryRunResult,
  },
  {
    operationId: 'listAutomationRuns',
    method: 'get',
    path: '/api/v1/automation-rules/{id}/runs',
    summary: 'The rule’s runs, latest first: event, matched, each action’s result',
    scope: 'automation:read',
    query: ZRunsQuery,
    response: z.object({ data: z.array(ZAutomationRun) }),
  },
  {
    operationId: 'getSettings',
    method: 'get',
    path: '/api/v1/settings',
    summary: 'Read the shop settings',
    scope: null,
    response: ZSettings,
  },
  {
    operationId: 'updateSettings',
    method: 'patch',
    path: '/api/v1/settings',
    summary: 'Change shop settings',
    scope: 'settings:write',
    body: ZUpdateSettingsInput,
    response: ZSettings,
  },
  // ─── Supplier bills and landed cost (decision 034) ───
  {
    operationId: 'addPurchaseOrderCharges',
    idempotent: true,
    method: 'post',
    path: '/api/v1/purchase-orders/{id}/charges',
    summary:
      'Late landed-cost charges against a PO, allocated over all its receipts by value, quantity, ' +
      'weight or volume (largest remainder: the parts sum to the charge). The ' +
      'share of units still on hand raises their cost layers; the share ' +
      'already shipped goes to COGS. Cr Accounts payable. Accepts ' +
      'Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZChargesInput,
    response: z.object({ charges: z.array(ZLandedChargeResult), purchase_order: ZPurchaseOrder }),
    status: 201,
  },
  {
    operationId: 'createBill',
    idempotent: true,
    method: 'post',
    path: '/api/v1/bills',
    summary:
      'Enter a supplier bill against a PO: per line the billed quantity and unit cost (PO ' +
      'currency), optional input_tax. Three-way match per line (ordered, ' +
      'received, billed) against the supplier’s bill_tolerance_pct: within it ' +
      'the bill posts (Dr GRNI at received cost, Dr 1300 input tax, PPV 5400 ' +
      'for the difference, Cr AP at the billed total, at the bill date’s ' +
      'rate); beyond it the bill is awaiting_approval. Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZCreateBillInput,
    response: ZSupplierBill,
    status: 201,
  },
  {
    operationId: 'listBills',
    method: 'get',
    path: '/api/v1/bills',
    summary: 'Supplier bills, newest first (status, supplier_id, purchase_order_id)',
    scope: 'purchasing:read',
    query: ZBillListQuery,
    response: z.object({ data: z.array(ZSupplierBill) }),
  },
  {
    operationId: 'getBill',
    method: 'get',
    path: '/api/v1/bills/{id}',
    summary: 'One supplier bill with its three-way match per line',
    scope: 'purchasing:read',
    response: ZSupplierBill,
  },
  {
    operationId: 'approveBill',
    idempotent: true,
    bodyOptional: true,
    method: 'post',
    path: '/api/v1/bills/{id}/approve',
    summary:
      'A manager approves a bill outside the match tolerance: it posts as billed (optional reason). ' +
      'Accepts Idempotency-Key.',
    scope: 'purchasing:approve',
    body: ZBillReasonInput,
    response: ZSupplierBill,
  },
  {
    operationId: 'rejectBill',
    idempotent: true,
    bodyOptional: true,
    method: 'post',
    path: '/api/v1/bills/{id}/reject',
    summary:
      'A manager rejects a waiting bill; nothing was posted and its billed units are given back. ' +
      'Accepts Idempotency-Key.',
    scope: 'purchasing:approve',
    body: ZBillReasonInput,
    response: ZSupplierBill,
  },
  {
    operationId: 'payBill',
    idempotent: true,
    bodyOptional: true,
    method: 'post',
    path: '/api/v1/bills/{id}/pay',
    summary:
      'Pay a posted or partially paid bill on paid_on (default today), all that is open or `amount` of it ' +
      '(then partially_paid): Dr AP at the carrying amount of the part paid / Cr Bank at the day’s rate, ' +
      'the difference to 7100 Realized exchange gain/loss (none in the shop currency). Accepts Idempotency-Key.',
    scope: 'purchasing:write',
    body: ZPayBillInput,
    response: ZSupplierBill,
  },
  {
    operationId: 'getApAging',
    method: 'get',
    path: '/api/v1/reports/ap-aging',
    summary:
      'Accounts payable aging: posted unpaid bills by supplier in the shop currency, by days past ' +
      'due (current, 1–30, 31–60, 61–90, > 90) on as_of',
    scope: 'purchasing:read',
    query: ZApAgingQuery,
    response: ZApAging,
  },
];

const pascal = (s: string) => s[0].toUpperCase() + s.slice(1);
const ref = (id: string) => `#/components/schemas/${id}`;

/** The id a schema is known by in a registry, registering it under `fallback` when it has none. */
function idOf(schema: z.ZodType, registry: typeof outputSchemas, fallback: string): string {
  const id = registry.get(schema)?.id ?? fallback;
  if (!registry.has(schema)) registry.add(schema, { id });
  return id;
}

/** Each route's error responses, by status: shared `components.responses` entries. */
const ERROR_RESPONSES = {
  400: { name: 'BadRequest', description: 'Malformed JSON or an empty body' },
  401: {
    name: 'Unauthenticated',
    description: 'Missing, invalid or revoked API key',
    headers: { 'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } } },
  },
  403: { name: 'Forbidden', description: 'The key lacks the scope' },
  404: { name: 'NotFound', description: 'No such record' },
  405: {
    name: 'MethodNotAllowed',
    description: 'The path exists but not with this method',
    headers: { Allow: { description: 'The methods the path accepts', schema: { type: 'string' } } },
  },
  409: {
    name: 'Conflict',
    description:
      'A conflicting state (INVALID_STATE, OUT_OF_STOCK, DUPLICATE_ORDER, CONFLICT), or an ' +
      'Idempotency-Key reused with a different body',
  },
  413: { name: 'PayloadTooLarge', description: 'Body too large' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not sent as application/json' },
  422: {
    name: 'ValidationFailed',
    description: 'Invalid fields, each named in details',
    schema: 'ValidationError',
  },
  429: {
    name: 'RateLimited',
    description: 'Too many requests; retry after the given seconds',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  },
  503: {
    name: 'Unavailable',
    description: 'The database is unreachable or the request ran out of its time budget; retry',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  },
} satisfies Record<
  number,
  { name: string; description: string; schema?: string; headers?: Record<string, unknown> }
>;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** Every status an operation can answer with besides its success, derived from what it accepts. */
export function errorStatuses(op: Operation): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>([401, 403, 405, 429, 503]);
  if (op.body || op.rawBody) for (const s of [400, 413, 415, 422] as const) statuses.add(s);
  if (op.query) statuses.add(422);
  if (op.idempotent) statuses.add(400); // a malformed Idempotency-Key
  // a path id, or a record a write names in its body (order_id, sku, location), may not exist
  if (op.path.includes('{')) statuses.add(404).add(422);
  if (op.method !== 'get') statuses.add(404).add(409).add(422);
  return [...statuses].sort((a, b) => a - b);
}

const pathIdParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The record id',
  schema: { type: 'string', format: 'uuid' },
};

/** `components.schemas` for one registry, converted in one pass so shared schemas become `$ref`s. */
function componentSchemas(registry: typeof outputSchemas, io: 'input' | 'output') {
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: ref,
    override: ({ jsonSchema: s }) => {
      // A `format` says what zod's long regex says (uuid, date, date-time): keep the format only.
      if (s.format && s.pattern) delete s.pattern;
      // JavaScript's safe-integer bounds carry no information about the field.
      if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
      if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
    },
  });
  // Components are not standalone documents: no `$schema`, and `$id` would rebase their `$ref`s.
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return schemas as Record<string, Record<string, unknown>>;
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  const queries: Record<string, string> = {};
  for (const op of OPERATIONS) {
    const name = pascal(op.operationId);
    // a 204 has no body to describe
    const response = op.status === 204 ? '' : idOf(op.response, outputSchemas, `${name}Response`);
    const body = op.body && idOf(op.body, inputSchemas, `${name}Body`);
    if (op.query) queries[op.operationId] = idOf(op.query, inputSchemas, `${name}Query`);
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      description: op.scope
        ? `Requires an API key with the \`${op.scope}\` scope (or \`*\`).`
        : 'Any valid API key.',
      security: [{ bearer: [] }],
      parameters: [
        ...(op.path.includes('{id}') ? [{ $ref: '#/components/parameters/Id' }] : []),
        // any other path parameter ({delivery_id}) is a uuid too
        ...[...op.path.matchAll(/\{(\w+)\}/g)]
          .map((m) => m[1])
          .filter((name) => name !== 'id')
          .map((name) =>
            name === 'channel'
              ? {
                  ...pathIdParameter,
                  name,
                  description: 'The sales channel',
                  schema: { type: 'string', enum: [...CHANNELS] },
                }
              : { ...pathIdParameter, name, description: `The ${name.replace(/_/g, ' ')}` },
          ),
        ...(op.idempotent ? [{ $ref: '#/components/parameters/IdempotencyKey' }] : []),
        // query parameters are filled in below, once the input schemas are converted
      ],
      ...(body
        ? {
            requestBody: {
              required: !op.bodyOptional,
              content: { 'application/json': { schema: { $ref: ref(body) } } },
            },
          }
        : op.rawBody
          ? {
              requestBody: {
                required: true,
                description: op.rawBody.description,
                content: { [op.rawBody.contentType]: { schema: { type: 'string' } } },
              },
            }
          : {}),
      responses: {
        [op.status ?? 200]: {
          description:
            op.status === 201
              ? 'Created'
              : op.status === 202
                ? 'Accepted'
                : op.status === 204
                  ? 'No content'
                  : 'OK',
          ...(op.idempotent
            ? { headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } } }
            : {}),
          ...(op.status === 204
            ? {}
            : { content: { 'application/json': { schema: { $ref: ref(response) } } } }),
        },
        ...Object.fromEntries(
          errorStatuses(op).map((s) => [s, { $ref: `#/components/responses/${ERROR_RESPONSES[s].name}` }]),
        ),
      },
    };
  }

  const input = componentSchemas(inputSchemas, 'input');
  const output = componentSchemas(outputSchemas, 'output');
  for (const id of Object.keys(input))
    if (id in output) throw new Error(`OpenAPI: schema ${id} is named both as input and as output`);
  // A query schema becomes one parameter per property, not a component.
  for (const op of OPERATIONS) {
    const id = queries[op.operationId];
    if (!id) continue;
    const { properties = {}, required = [] } = input[id] as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    const operation = paths[op.path][op.method] as { parameters: unknown[] };
    for (const [name, schema] of Object.entries(properties))
      operation.parameters.push({
        name,
        in: 'query',
        required: required.includes(name),
        ...(schema.description ? { description: schema.description } : {}),
        schema,
      });
  }
  for (const id of Object.values(queries)) delete input[id];
  for (const methods of Object.values(paths))
    for (const operation of Object.values(methods) as { parameters?: unknown[] }[])
      if (!operation.parameters?.length) delete operation.parameters;

  return {
    openapi: '3.1.0',
    info: {
      title: 'Backroom API',
      version: '1',
      description:
        'The back office of a small online shop. Money is integer minor units beside a currency; ' +
        'field names are snake_case. Errors are `{ "error": { "code", "message", ' +
        '"details"? } }`; a 422 names each field in `details`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key from Settings → API keys' },
      },
      parameters: {
        Id: pathIdParameter,
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            '1–200 printable ASCII characters (a bad one is a 400). Makes a retry safe: the same ' +
            'key with the same body answers the first response again (with ' +
            'Idempotent-Replayed: true); with a different body, 409.',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
        },
      },
      headers: {
        IdempotentReplayed: {
          description: '`true` when the response is the stored answer to an earlier request with this key',
          schema: { type: 'string', enum: ['true'] },
        },
      },
      responses: Object.fromEntries(
        Object.values(ERROR_RESPONSES).map((r) => [
          r.name,
          {
            description: r.description,
            ...('headers' in r ? { headers: r.headers } : {}),
            content: {
              'application/json': { schema: { $ref: ref('schema' in r ? r.schema : 'Error') } },
            },
          },
        ]),
      ),
      schemas: { ...input, ...output },
    },
    paths,
  };
}
