import 'server-only';
import { db } from '@/lib/db';
import { fieldIssues, toAppError, type FieldIssue } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { createOrder } from '@/lib/orders/create-order';
import type { TCreateOrderInput } from '@/lib/orders/schemas';
import { ZCreateOrderInput } from '@/lib/orders/schemas';

/**
 * Orders taken at once: each is one read and one atomic write (decision 016) on its own pooled
 * connection, so a few in flight keep the database busy without queueing on the pool.
 */
export const BATCH_CONCURRENCY = 4;

export type BatchResult = {
  index: number;
  status: 201 | 409 | 422;
  id?: string;
  number?: number;
  error?: { code: string; message: string; details?: unknown };
};

/**
 * Takes up to BATCH_MAX_ORDERS (lib/orders/batch-schemas.ts) orders in, each all or nothing on its own,
 * through the single intake
 * (createOrder: the same rules, fraud screen, reservation, postings and audit, one take_order per
 * order). Every order is validated first; the valid ones are then taken BATCH_CONCURRENCY at a time,
 * in the order given, so two orders of one batch competing for the last unit resolve by position
 * only as far as the concurrency allows. A duplicate channel + external id (in the database or
 * earlier in the batch) is 409 DUPLICATE_ORDER, not enough stock 409 OUT_OF_STOCK, a bad order 422
 * naming its fields. Answers one result per order, by index.
 */
export async function takeOrderBatch(options: {
  orders: unknown[];
  actor: Actor;
  concurrency?: number;
}): Promise<BatchResult[]> {
  const results = new Array<BatchResult>(options.orders.length);
  const valid: { index: number; input: TCreateOrderInput }[] = [];
  const seen = new Set<string>();
  options.orders.forEach((raw, index) => {
    const parsed = ZCreateOrderInput.safeParse(raw);
    if (!parsed.success) {
      const issues = fieldIssues(parsed.error);
      results[index] = { index, status: 422, error: validationOf(issues) };
      return;
    }
    const o = parsed.data;
    if (o.external_id) {
      const key = `${o.channel}\u0000${o.external_id}`;
      if (seen.has(key)) {
        results[index] = {
          index,
          status: 409,
          error: {
            code: 'DUPLICATE_ORDER',
            message: `Order ${o.channel}/${o.external_id} is given twice in this batch`,
          },
        };
        return;
      }
      seen.add(key);
    }
    valid.push({ index, input: o });
  });

  let next = 0;
  const worker = async () => {
    while (next < valid.length) {
      const { index, input } = valid[next++];
      results[index] = await takeOne(index, input, options.actor);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? BATCH_CONCURRENCY, valid.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  return results;
}

async function takeOne(index: number, input: TCreateOrderInput, actor: Actor): Promise<BatchResult> {
  try {
    // Parsed above: the same ZCreateOrderInput output createOrder would make of it.
    const order = await createOrder({ input, actor, parsed: true }, db);
    return { index, status: 201, id: order.id, number: order.number };
  } catch (error) {
    const e = toAppError(error);
    if (e.status === 409)
      return { index, status: 409, error: { code: e.code, message: e.message, details: e.details } };
    if (e.status === 422 || e.code === 'BAD_REQUEST')
      return { index, status: 422, error: { code: e.code, message: e.message, details: e.details } };
    // Anything else (the database gone, a bug) is the batch's failure, not one order's answer.
    throw error;
  }
}

function validationOf(issues: FieldIssue[]) {
  const names = [...new Set(issues.map((i) => i.field))].join(', ');
  return { code: 'VALIDATION_FAILED', message: `Invalid ${names}`, details: issues };
}
