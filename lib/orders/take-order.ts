import 'server-only';
import { db, rawOn, sqlQuery, type Tx } from '@/lib/db';
import { AppError, toAppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { scrub } from '@/lib/audit';
import { mergeStockLines, type StockLine } from '@/lib/inventory/reservations';
import type { PreparedLine } from '@/lib/ledger/post-entry';
import { ledgerFactValues } from '@/lib/kpi/ledger-facts';
import { kpiFactRows, type KpiFactGroup } from '@/lib/kpi/facts';
import { orderDetail, type OrderDto } from '@/lib/orders/queries';
import { replayOf, type IdempotencyRequest, type IdempotentResult } from '@/lib/idempotency';

/** One journal entry of an intake, prepared (lib/ledger/post-entry.ts prepareJournalLines); memo may hold
 * '{number}'. */
export type IntakeEntry = {
  id: string;
  memo: string;
  source: { type: string; id: string };
  lines: PreparedLine[];
};

/** Everything an order intake writes, computed by createOrder with the rules of lib/ (decision 016). */
export type IntakePlan = {
  at: Date;
  actor: Actor;
  customer: { email: string; firstName: string; lastName: string; phone: string | null };
  /** orders columns (snake_case) except number and customer_id, which the database assigns */
  order: Record<string, unknown> & { id: string; channel: string; external_id: string | null };
  lines: Record<string, unknown>[];
  stock: StockLine[];
  payment: Record<string, unknown> | null;
  entries: IntakeEntry[];
  /** tax lines: the order's tax lines, tax_lines rows without kind and created_at (decision 042) */
  taxLines: Record<string, unknown>[];
  facts: KpiFactGroup[];
  audit: { action: string; after: Record<string, unknown> };
  /** the answer to the client, without `number` and `customer` (the database fills them in) */
  response: Record<string, unknown>;
  /** the request's Idempotency-Key, recorded in the same write (null without one) */
  idempotency: IdempotencyRequest | null;
};

/** The order as answered (the plan's response with its number and customer), or a replay of an earlier answer. */
export type TakeOrderResult =
  { order: OrderDto; replay?: never } | { replay: IdempotentResult; order?: never };

/** The payload of take_order (lib/orders/take-order.sql) for a plan. */
function payloadOf(plan: IntakePlan) {
  const stock = mergeStockLines(plan.stock);
  const facts = kpiFactRows([
    ...plan.facts,
    // Ledger facts of the entries, as postJournalEntry records them: an order-sourced entry is in the order's channel.
    ...plan.entries.map((e) => ({
      at: plan.at,
      channel: e.source.type === 'order' ? plan.order.channel : '',
      facts: ledgerFactValues(e.lines),
    })),
  ]);
  const actor = { actor_type: plan.actor.type, actor_id: plan.actor.id, actor_label: plan.actor.label };
  return {
    at: plan.at,
    order: plan.order,
    customer: {
      email: plan.customer.email,
      first_name: plan.customer.firstName,
      last_name: plan.customer.lastName,
      phone: plan.customer.phone,
    },
    lines: plan.lines,
    stock: stock.map((l) => ({
      variant_id: l.variantId,
      location_id: l.locationId,
      quantity: l.quantity,
      sku: l.sku,
      location_code: l.locationCode,
    })),
    actor: { type: plan.actor.type, id: plan.actor.id },
    payment: plan.payment,
    entries: plan.entries
      .filter((e) => e.lines.length)
      .map((e) => ({
        id: e.id,
        memo: e.memo,
        source_type: e.source.type,
        source_id: e.source.id,
        posted_at: plan.at,
        ...actor,
      })),
    journal_lines: plan.entries.flatMap((e) =>
      e.lines.map((l) => ({
        entry_id: e.id,
        account_id: l.accountId,
        debit: l.debit,
        credit: l.credit,
        memo: l.memo ?? null,
        txn_currency: l.txn?.currency ?? null,
        txn_debit: l.txn?.debit ?? null,
        txn_credit: l.txn?.credit ?? null,
      })),
    ),
    // tax lines: written by take_order beside the sale entry
    tax_lines: plan.taxLines,
    facts,
    audit: {
      ...actor,
      action: plan.audit.action,
      entity_type: 'order',
      entity_id: plan.order.id,
      before: null,
      after: scrub(plan.audit.after),
    },
    response: plan.response,
    idempotency: plan.idempotency && {
      scope: plan.idempotency.scope,
      key: plan.idempotency.key,
      request_hash: plan.idempotency.requestHash,
      status: plan.idempotency.status,
    },
  };
}

/** take_order's answer: the order, a replay, or a refusal that wrote nothing. */
type Answer = {
  order?: OrderDto;
  replay?: { status: number; response: unknown; request_hash: string };
  duplicate?: { id: string; number: number };
  out_of_stock?: { sku: string; location: string; requested: number; available: number }[];
};

/**
 * Writes an order intake in one statement (the database function take_order; its source, with the
 * reservation rule in words, is lib/orders/take-order.sql beside this file): duplicate check on channel +
 * external id, stock reserved for every line or none
 * (levels locked in a fixed order), customer upsert, order, lines, movements, stockout periods,
 * payment, journal entries, KPI facts, the audit row and the Idempotency-Key with the answer. In the
 * caller's transaction when there is one, else atomically on its own. A key already answered gives
 * that answer back (409 CONFLICT when it came with a different body); 409 DUPLICATE_ORDER and
 * OUT_OF_STOCK write nothing.
 */
export async function takeOrder(tx: Tx, plan: IntakePlan): Promise<TakeOrderResult> {
  const [row] = await rawOn<{ result: Answer }>(
    tx,
    'SELECT take_order($1::jsonb) AS result',
    [JSON.stringify(payloadOf(plan))],
    'take_order',
  );
  return resultOf(plan, row.result);
}

/** Orders per take_orders call: a call stays well within the statement budget (lib/db.ts). */
export const TAKE_ORDERS_MAX = 50;

/** One order of takeOrders: taken (or a replay), or the error its single intake would have thrown. */
export type TakeOrdersItem = { taken: TakeOrderResult; error?: never } | { error: unknown; taken?: never };

/**
 * Writes up to TAKE_ORDERS_MAX order intakes in one round trip (the database procedure take_orders,
 * lib/orders/take-orders.sql; decision 050): each order its own transaction, all or nothing, in the
 * order given. On the app's pool, never in a caller's transaction (the procedure commits). Answers one
 * item per plan: the order, or what takeOrder would have thrown — 409 DUPLICATE_ORDER and OUT_OF_STOCK
 * as AppErrors, an order the database refused as its SQLSTATE and message (read by toAppError).
 */
export async function takeOrders(plans: IntakePlan[]): Promise<TakeOrdersItem[]> {
  if (plans.length > TAKE_ORDERS_MAX) throw new Error(`takeOrders takes at most ${TAKE_ORDERS_MAX} orders`);
  if (!plans.length) return [];
  type Item = Answer & { error?: { code: string; message: string } };
  let answers: Item[];
  try {
    const [row] = await sqlQuery<{ answers: Item[] }>('CALL take_orders($1::jsonb, NULL)', [
      JSON.stringify(plans.map(payloadOf)),
    ]);
    answers = row.answers;
  } catch (error) {
    return await afterFailedCall(plans, error);
  }
  return answers.map((answer, i) => {
    if (answer.error)
      return {
        error: Object.assign(new Error(answer.error.message), {
          originalCode: answer.error.code,
          originalMessage: answer.error.message,
        }),
      };
    try {
      return { taken: resultOf(plans[i], answer) };
    } catch (error) {
      return { error };
    }
  });
}

/**
 * A take_orders call that failed as a whole (its statement budget ran out while an order waited on
 * locks, its connection was lost) has committed the orders before the one it was in. Each plan's
 * order id is new, so the orders found by id are the ones this call took; the rest are taken one by
 * one as the single intake takes them, so every order of the run still gets its own answer. When the
 * database cannot answer at all, the call's error stands (the batch is a 503, and a retry answers 409
 * for what was taken).
 */
async function afterFailedCall(plans: IntakePlan[], callError: unknown): Promise<TakeOrdersItem[]> {
  const ids = plans.map((p) => p.order.id);
  const found = await sqlQuery<{ id: string }>('SELECT id::text FROM orders WHERE id = ANY($1::uuid[])', [
    ids,
  ]).catch(() => {
    throw callError;
  });
  const taken = new Set(found.map((r) => r.id));
  const items: TakeOrdersItem[] = [];
  for (const plan of plans) {
    if (taken.has(plan.order.id)) {
      const order = await orderDetail(plan.order.id);
      items.push(order ? { taken: { order } } : { error: callError });
      continue;
    }
    try {
      items.push({ taken: await takeOrder(db, plan) });
    } catch (error) {
      // A budget that runs out again (a level another session holds) fails the batch now, rather
      // than each later order waiting out its own lock budget first.
      if (failsTheBatch(error)) throw error;
      items.push({ error });
    }
  }
  return items;
}

/**
 * Whether an order's error is the batch's failure rather than that order's answer: an order is
 * answered 409 (a duplicate, not enough stock, a state) or 422 (a bad value); anything else — a
 * database budget run out (503), the database gone, a bug — fails the whole request, as it would fail
 * a single intake, and the orders after it are not tried (a retry answers 409 for those taken).
 */
export function failsTheBatch(error: unknown): boolean {
  const e = toAppError(error);
  return !(e.status === 409 || e.status === 422 || e.code === 'BAD_REQUEST');
}

function resultOf(plan: IntakePlan, result: Answer): TakeOrderResult {
  if (result.replay) {
    return {
      replay: replayOf(
        {
          requestHash: result.replay.request_hash,
          status: result.replay.status,
          response: result.replay.response,
        },
        plan.idempotency!,
      ),
    };
  }
  if (result.duplicate) {
    const existing = result.duplicate;
    throw new AppError(
      'DUPLICATE_ORDER',
      `Order ${plan.order.channel}/${plan.order.external_id} already exists as #${existing.number}`,
      { order_id: existing.id, number: existing.number },
    );
  }
  if (result.out_of_stock) {
    const short = result.out_of_stock;
    throw new AppError('OUT_OF_STOCK', `Not enough stock for ${short.map((s) => s.sku).join(', ')}`, short);
  }
  return { order: result.order! };
}
