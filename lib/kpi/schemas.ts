import { z } from 'zod';
import { DATE_MAX, DATE_MIN } from '@/lib/boundary';

const DATE_WINDOW_HINT = `Must be a date as YYYY-MM-DD between ${DATE_MIN} and ${DATE_MAX}`;
import { addDays, daysInRange, isValidIsoDate } from '@/lib/dates';
import { MAX_RANGE_DAYS } from '@/lib/kpi/rules';
import { ZFeedbackKpis } from '@/lib/feedback/kpis';
import { ZPoint, zRateFigure } from '@/lib/kpi/figures';

import { CHANNELS as SALES_CHANNELS } from '@/lib/orders/schemas';
export { SALES_CHANNELS };

const isoDate = (field: string) =>
  z
    .string({ error: `${field} is required (YYYY-MM-DD)` })
    .refine(isValidIsoDate, { message: DATE_WINDOW_HINT });

/** The KPI range: both ends inclusive shop-timezone days, at most five years, optional channel. */
export const ZKpiQuery = z
  .object({
    from: isoDate('from'),
    to: isoDate('to'),
    channel: z
      .enum(SALES_CHANNELS, { error: `Unknown channel; one of ${SALES_CHANNELS.join(', ')}` })
      .optional(),
  })
  .superRefine((q, ctx) => {
    if (!isValidIsoDate(q.from) || !isValidIsoDate(q.to)) return;
    if (q.from > q.to)
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be on or before to' });
    else if (daysInRange(q.from, q.to) > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'The range may span at most five years' });
  });
export type TKpiQuery = z.infer<typeof ZKpiQuery>;

const ZSpark = z
  .array(ZPoint)
  .describe('One point per sparkline step (range.sparkline_step) from `from`, dated by its first day');
const ZRate = zRateFigure(ZSpark);
const ZReason = { reason: z.string().optional().describe('Present when the KPI has no data yet, with why') };

/** The KPI report of GET /api/v1/kpis (the dashboard cards show the same object). */
export const ZKpiReport = z.object({
  range: z.object({
    from: z.string(),
    to: z.string(),
    channel: z.string().nullable(),
    timezone: z.string(),
    days: z.number().int(),
    previous: z.object({ from: z.string(), to: z.string() }),
    sparkline_step_days: z
      .number()
      .int()
      .describe('1 for daily points; 30 for monthly points (calendar months, see sparkline_step)'),
    sparkline_step: z
      .enum(['day', 'month'])
      .describe(
        'A point per day for ranges up to 92 days, else per calendar month: the first point covers ' +
          "`from` to the end of its month, the last the start of `to`'s month to `to`",
      ),
  }),
  currency: z.string(),
  fulfillment_rate: ZRate.describe(
    'Orders placed in range, not cancelled, shipped complete ÷ orders placed in range, not cancelled',
  ),
  on_time_ship_rate: ZRate.describe(
    'Shipped complete by the promised ship-by ÷ shipped complete (by the day of the last shipment)',
  ),
  order_to_ship_hours: z
    .object({
      median: z.number().nullable(),
      p90: z.number().nullable(),
      count: z.number().int(),
      previous: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
      change: z.number().nullable(),
      sparkline: ZSpark,
    })
    .describe('Hours from placed to last shipment; percentiles from an hour histogram (upper bucket edge)'),
  orders: z.object({
    count: z.number().int(),
    cancelled: z.number().int(),
    previous: z.number().int(),
    change: z.number().nullable(),
    sparkline: ZSpark,
  }),
  net_sales: z.object({
    amount: z.number().int(),
    currency: z.string(),
    previous: z.number().int(),
    change: z.number().nullable(),
    sparkline: ZSpark,
  }),
  gross_margin: ZRate.extend({
    net_sales: z.number().int(),
    cogs: z.number().int(),
    currency: z.string(),
  }).describe('(net sales − COGS) ÷ net sales, from the ledger'),
  stockouts: z.object({
    count_now: z.number().int(),
    stockout_days: z.number(),
    lost_revenue: z.number().int(),
    currency: z.string(),
    previous: z.object({ stockout_days: z.number(), lost_revenue: z.number().int() }),
    change: z.number().nullable(),
    sparkline: ZSpark,
    note: z.string(),
  }),
  refunds: z
    .object({
      count: z.number().int(),
      amount: z.number().int(),
      currency: z.string(),
      rate: z.number().nullable().describe('amount ÷ gross_sales'),
      gross_sales: z.number().int().describe('Subtotal of the orders placed in range'),
      previous: z.number().int().describe('Amount refunded in the previous period'),
      change: z.number().int(),
      sparkline: ZSpark,
    })
    .describe(
      "Refunds issued in range (issue day, the order's channel): count and amount; rate = refunded ÷ gross sales",
    ),
  return_rate: ZRate.describe(
    "Units returned (day of the return's latest receipt) ÷ units shipped (shipment day)",
  ),
  support: z
    .object({
      first_response_median_hours: z.number().nullable(),
      first_response_count: z.number().int(),
      resolution_median_hours: z.number().nullable(),
      resolution_count: z.number().int(),
      previous: z.object({
        first_response_median_hours: z.number().nullable(),
        resolution_median_hours: z.number().nullable(),
      }),
      note: z.string(),
    })
    .describe(
      "Median hours from a ticket's arrival to its first reply (by reply day) and to its last solve " +
        '(by solve day); upper bucket edge',
    ),
  sla_breaches: z
    .object({
      count: z.number().int(),
      first_response: z.number().int(),
      resolution: z.number().int(),
      previous: z.number().int(),
      change: z.number().int(),
      breached_now: z.number().int().describe('Unsolved tickets breached now'),
    })
    .describe('SLA clocks breached with their due time in range (first response + resolution); all channels'),
  open_backlog: z
    .object({
      count: z.number().int(),
      open: z.number().int(),
      pending: z.number().int(),
      at_risk: z.number().int(),
    })
    .describe('Unsolved tickets now (open + pending)'),
  inventory_accuracy: z
    .object({
      value: z.number().nullable(),
      numerator: z.number().nullable().describe('Σ expected − Σ|variance|'),
      denominator: z.number().nullable().describe('Σ expected units'),
      abs_variance: z.number().int().nullable().describe('Σ |counted − expected| units'),
      counts: z.number().int().describe('Cycle counts completed in range'),
      note: z.string().optional(),
      ...ZReason,
    })
    .describe(
      '1 − Σ|variance| ÷ Σ expected over the lines of cycle counts completed in range (completion ' +
        'day); all channels; null with a reason when none',
    ),
  feedback: ZFeedbackKpis,
  charts: z.object({
    daily_by_channel: z
      .array(
        z.object({
          date: z.string(),
          channel: z.string(),
          orders: z.number().int(),
          net_sales: z.number().int(),
        }),
      )
      .describe(
        'Per sparkline step and channel: per day up to 92 days, per calendar month for longer ' +
          "ranges (range.sparkline_step), dated by the step's first day in range",
      ),
    funnel: z.array(
      z.object({ stage: z.enum(['placed', 'packed', 'shipped', 'delivered']), count: z.number().int() }),
    ),
    ship_time_distribution: z.array(
      z.object({
        label: z.string(),
        min_hours: z.number(),
        max_hours: z.number().nullable(),
        count: z.number().int(),
      }),
    ),
    top_stockouts: z.array(
      z.object({
        sku: z.string(),
        name: z.string(),
        stockout_days: z.number(),
        lost_revenue: z.number().int(),
        out_now: z.boolean(),
      }),
    ),
    returns_by_reason: z.array(z.object({ reason: z.string(), label: z.string(), units: z.number().int() })),
    refunds_over_time: z
      .array(z.object({ date: z.string(), count: z.number().int(), amount: z.number().int() }))
      .describe('One point per sparkline step (range.sparkline_step)'),
  }),
});

/**
 * The dashboard's URL (`?range=7d&channel=web`, or `range=custom&from=&to=`) read leniently, as a page
 * must: an invalid custom range or channel falls back to the last 30 days / all channels and says why.
 */
export function readDashboardParams(
  raw: Record<string, string | string[] | undefined>,
  today: string,
): { range: string; query: TKpiQuery; error: string | null } {
  const one = (k: string) => (Array.isArray(raw[k]) ? raw[k][0] : raw[k])?.trim() || undefined;
  const presets: Record<string, number> = { today: 1, '7d': 7, '30d': 30, '90d': 90, '365d': 365 };
  let range = one('range') ?? (one('from') || one('to') ? 'custom' : '30d');
  const channel = one('channel');
  const preset = (n: number) => ({ from: addDays(today, -(n - 1)), to: today });
  let dates =
    range === 'custom' ? { from: one('from') ?? '', to: one('to') ?? '' } : preset(presets[range] ?? 30);
  if (range !== 'custom' && !(range in presets)) range = '30d';
  const parsed = ZKpiQuery.safeParse({ ...dates, channel });
  if (parsed.success) return { range, query: parsed.data, error: null };
  const issues = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'range')}: ${i.message}`).join('; ');
  dates = preset(30);
  const channelOk = ZKpiQuery.safeParse({ ...dates, channel }).success;
  return {
    range: '30d',
    query: { ...dates, channel: channelOk ? (channel as TKpiQuery['channel']) : undefined },
    error: `Showing the last 30 days instead (${issues}).`,
  };
}
