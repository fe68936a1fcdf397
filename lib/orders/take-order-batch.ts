import 'server-only';
import { fieldIssues, toAppError, type FieldIssue } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { createOrders } from '@/lib/orders/create-order';
import { failsTheBatch } from '@/lib/orders/take-order';
import { ZCreateOrderInput } from '@/lib/orders/schemas';

export type BatchResult = {
  index: number;
  status: 201 | 409 | 422;
  id?: string;
  number?: number;
  error?: { code: string; message: string; details?: unknown };
};

/**
 * Takes up to BATCH_MAX_ORDERS (lib/orders/batch-schemas.ts) orders in, each all or nothing on its own,
 * with the single intake's rules (createOrders: the same fraud screen, reservation, postings and audit
 * as createOrder; one read for the batch and one take_orders call per TAKE_ORDERS_MAX orders, decision
 * 050). Every order is validated first; the valid ones are then taken in the order given, so two orders
 * of one batch competing for the last unit resolve by position. A duplicate channel + external id (in
 * the database or earlier in the batch) is 409 DUPLICATE_ORDER, not enough stock 409 OUT_OF_STOCK, a
 * bad order 422 naming its fields. Answers one result per order, by index.
 */
export async function takeOrderBatch(options: { orders: unknown[]; actor: Actor }): Promise<BatchResult[]> {
  const results = new Array<BatchResult>(options.orders.length);
  const valid: { index: number; input: ReturnType<typeof ZCreateOrderInput.parse> }[] = [];
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

  const taken = await createOrders({ inputs: valid.map((v) => v.input), actor: options.actor });
  taken.forEach((t, i) => {
    const { index } = valid[i];
    results[index] = t.order
      ? { index, status: 201, id: t.order.id, number: t.order.number }
      : refusalOf(index, t.error);
  });
  return results;
}

/** An order's refusal (409, 422) as its result; anything else is the batch's failure, not one order's answer. */
function refusalOf(index: number, error: unknown): BatchResult {
  // The database gone, a budget run out, a bug: thrown as the single intake would.
  if (failsTheBatch(error)) throw error;
  const e = toAppError(error);
  const status = e.status === 409 ? 409 : 422;
  return { index, status, error: { code: e.code, message: e.message, details: e.details } };
}

function validationOf(issues: FieldIssue[]) {
  const names = [...new Set(issues.map((i) => i.field))].join(', ');
  return { code: 'VALIDATION_FAILED', message: `Invalid ${names}`, details: issues };
}
