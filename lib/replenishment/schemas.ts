import { z } from 'zod';

const sku = z.string().trim().min(1).max(100);
const location = z.string().trim().min(1).max(50);

/** GET /api/v1/replenishment */
export const ZReplenishmentQuery = z.object({
  location: location.optional(),
  supplier_id: z.uuid().optional(),
});
export type TReplenishmentQuery = z.infer<typeof ZReplenishmentQuery>;

/** POST /api/v1/replenishment/purchase-orders: drafts for the location's suggestions (all, or these SKUs). */
export const ZCreateReplenishmentPosInput = z.object({
  location,
  skus: z.array(sku).min(1).max(10_000).optional(),
});
export type TCreateReplenishmentPosInput = z.input<typeof ZCreateReplenishmentPosInput>;

/** POST /api/v1/replenishment/runs takes no fields. */
export const ZStartRunInput = z.object({}).strict();

export const ZAccuracy = z.object({
  mase: z.number().nullable(),
  wape: z.number().nullable(),
  bias: z.number().nullable(),
});

export const ZReplenishmentRun = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  trigger: z.enum(['schedule', 'screen', 'cli', 'api', 'seed']),
  requested_by: z.string(),
  as_of: z.string().nullable(),
  sku_count: z.number().int(),
  accuracy: ZAccuracy.nullable(),
  seasonal_naive: ZAccuracy.nullable(),
  error: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
});

export const ZReplenishmentRow = z.object({
  sku: z.string(),
  name: z.string(),
  location: z.string(),
  supplier_id: z.uuid().nullable(),
  supplier: z.string().nullable(),
  demand_class: z.enum(['smooth', 'erratic', 'intermittent', 'lumpy', 'none']),
  abc_class: z.enum(['A', 'B', 'C']),
  service_level: z.number(),
  z: z.number(),
  method: z.enum(['seasonal_naive', 'moving_average', 'holt_winters', 'croston_sba', 'tsb']),
  forecast_daily: z.number(),
  forecast_lead_time: z.number(),
  forecast_review: z.number(),
  lead_time_days: z.number().int(),
  lead_time_stddev_days: z.number(),
  review_period_days: z.number().int(),
  demand_stddev: z.number(),
  safety_stock: z.number(),
  reorder_point: z.number(),
  order_up_to: z.number(),
  manual_reorder_point: z.number().int(),
  on_hand: z.number().int(),
  on_order: z.number().int(),
  reserved: z.number().int(),
  position: z.number().int(),
  on_draft: z.number().int(),
  suggested_quantity: z.number().int(),
  pack_size: z.number().int(),
  moq: z.number().int(),
  censored_days: z.number().int(),
  accuracy: ZAccuracy.nullable(),
  seasonal_naive: ZAccuracy.nullable(),
  explanation: z.string(),
});
