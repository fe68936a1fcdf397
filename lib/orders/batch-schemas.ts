import { z } from 'zod';

/** Orders one batch may carry (POST /api/v1/orders/batch). */
export const BATCH_MAX_ORDERS = 1000;
/** The batch's body limit: 1,000 orders of a few lines each fit well within it. */
export const BATCH_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Each order is checked on its own (a bad one is its own 422 result), so the batch takes any items. */
export const ZBatchInput = z.object({
  orders: z
    .array(
      z
        .unknown()
        .describe(
          'An order of the single-order shape (the body of createOrder, POST /api/v1/orders); each ' +
            'is checked on its own',
        ),
    )
    .min(1, 'Send at least one order')
    .max(BATCH_MAX_ORDERS, `At most ${BATCH_MAX_ORDERS} orders per batch`),
});

export const ZBatchResponse = z.object({
  results: z.array(
    z.object({
      index: z.number().int(),
      status: z.union([z.literal(201), z.literal(409), z.literal(422)]),
      id: z.string().uuid().optional(),
      number: z.number().int().optional(),
      error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
    }),
  ),
});
