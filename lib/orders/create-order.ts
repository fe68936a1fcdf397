import 'server-only';
import { sequentialUuids } from '@/lib/ids';
import { db, rawOn, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { unknownSkus } from '@/lib/inventory/stock';
import { scoreOrder } from '@/lib/fraud/rules';
import { PAYMENT_DUE_HOLD_REASON, isPaymentDue, orderTotals, paymentStatusFor } from '@/lib/orders/rules';
import { captureEntry, saleEntry } from '@/lib/orders/posting';
import { prepareJournalLines } from '@/lib/ledger/post-entry';
import { convertEntry, convertMinor, formatRate, type Decimal } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { todayIn } from '@/lib/dates';
import { currencyDigits } from '@/lib/money';
import {
  failsTheBatch,
  takeOrder,
  takeOrders,
  TAKE_ORDERS_MAX,
  type IntakePlan,
} from '@/lib/orders/take-order';
import { createDropshipPurchaseOrders } from '@/lib/purchasing/create-dropship-purchase-orders';
import { orderLinePrices, type OrderDto } from '@/lib/orders/queries';
import { ZCreateOrderInput, type TCreateOrderInput } from '@/lib/orders/schemas';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { baseTaxes, orderTaxLines } from '@/lib/ledger/tax-rules';
import { replayOf, type IdempotencyRequest, type IdempotentResult } from '@/lib/idempotency';
import { confirmApiKey, type ApiKeyCheck, type ApiKeyFound } from '@/lib/auth/api-keys';

/**
 * The shop's average order value over 90 days, a heuristic input of the fraud score: cached per
 * process for 5 minutes, refreshed by one query at a time while the others keep the previous value
 * (at a million orders the query takes a while; sixteen concurrent intakes must not all run it).
 */
let averageCache: { at: number; value: number | null } | null = null;
let averageRefresh: Promise<number | null> | null = null;
async function averageOrderValue(): Promise<number | null> {
  if (averageCache && Date.now() - averageCache.at < 5 * 60_000) return averageCache.value;
  averageRefresh ??= (async () => {
    try {
      const [row] = await db.$queryRaw<{ avg: number | null; n: bigint }[]>`
        SELECT avg(total)::float8 AS avg, count(*) AS n FROM orders
        WHERE placed_at > now() - interval '90 days' AND status <> 'cancelled'`;
      averageCache = { at: Date.now(), value: Number(row.n) >= 20 && row.avg ? Math.round(row.avg) : null };
      return averageCache.value;
    } finally {
      averageRefresh = null;
    }
  })();
  if (!averageCache) return averageRefresh;
  // A stale value is served while one refresh runs; a failed refresh is retried by the next order.
  averageRefresh.catch((error) => console.error('[orders] could not refresh the average order value', error));
  return averageCache.value;
}

function splitName(name: string) {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts[0] ?? name, lastName: parts.slice(1).join(' ') };
}

/**
 * Takes an order in: validates it, upserts the customer, screens it for fraud, reserves stock for every
 * line at the fulfilling location (all or nothing: 409 OUT_OF_STOCK with per-SKU details), records the
 * payment, posts the sale (and capture and fee) to the ledger and audits it — atomically (takeOrder).
 * A second order with the same channel + external_id is 409 DUPLICATE_ORDER naming the first.
 */
export async function createOrder(
  options: {
    input: TCreateOrderInput;
    actor: Actor;
    /** the input is ZCreateOrderInput's output already (the batch parsed it): not parsed again */
    parsed?: boolean;
  },
  tx?: Tx,
): Promise<OrderDto> {
  const result = await takeOrderInput({ ...options, idempotency: null }, tx ?? db);
  return result.body as OrderDto;
}

/**
 * createOrder for `POST /api/v1/orders`: the Idempotency-Key is recorded in the order's own write
 * (lib/orders/take-order.ts), with runIdempotent's guarantees — a replay, also one racing the first
 * request, answers the first response and creates nothing; a failed request stores nothing. The input
 * is ZCreateOrderInput's output: apiRoute parsed the body with it, so it is not parsed a second time.
 * With `keyCheck` (an API key from apiRoute's cache) the read confirms the key unrevoked first.
 */
export async function createOrderIdempotent(options: {
  input: ParsedInput;
  actor: Actor;
  idempotency: IdempotencyRequest | null;
  keyCheck?: ApiKeyCheck | null;
}): Promise<IdempotentResult> {
  return takeOrderInput({ ...options, parsed: true }, db);
}

async function takeOrderInput(
  options: {
    input: TCreateOrderInput;
    actor: Actor;
    idempotency: IdempotencyRequest | null;
    parsed?: boolean;
    keyCheck?: ApiKeyCheck | null;
  },
  t: Tx,
): Promise<IdempotentResult> {
  const input = options.parsed ? (options.input as ParsedInput) : ZCreateOrderInput.parse(options.input);
  // Two round trips (decision 016): one read for what the rules need, one write (takeOrder) that is
  // atomic on its own, so no transaction is opened here when the caller has none.
  const placedAt = placedAtOf(input);
  const keyCheck = options.keyCheck ?? null;
  const [context] = await intakeContext(t, [{ input, placedAt }], options.idempotency, keyCheck?.id);
  // A revoked key is refused before anything is answered, a stored answer included.
  if (keyCheck) await confirmApiKey(keyCheck, context.key);
  if (context.stored) return replayOf(context.stored, options.idempotency!);
  const planned = await planIntake(
    { input, actor: options.actor, idempotency: options.idempotency, placedAt },
    context,
    t,
  );
  const taken = await writeIntake(planned, options.actor, t);
  return taken.replay ?? { status: options.idempotency?.status ?? 201, body: taken.order, replayed: false };
}

type ParsedInput = ReturnType<typeof ZCreateOrderInput.parse>;
type Planned = { plan: IntakePlan; dropship: boolean };

function placedAtOf(input: ParsedInput): Date {
  return input.placed_at ? new Date(input.placed_at) : new Date();
}

/** takeOrder, and for an order with a dropship line its supplier's PO in the same transaction. */
async function writeIntake({ plan, dropship }: Planned, actor: Actor, t: Tx) {
  // dropship: an order with a line its supplier ships also drafts that supplier's PO, in the same
  // transaction as the intake (the caller's, or one opened here), so no line waits without one.
  const write = async (w: Tx) => {
    const result = await takeOrder(w, plan);
    if (dropship && result.order) await createDropshipPurchaseOrders({ orderId: plan.order.id, actor }, w);
    return result;
  };
  return dropship && t === db ? await db.$transaction(write, { timeout: 30_000 }) : await write(t);
}

/** One order of createOrders: taken, or what createOrder would have thrown. */
export type CreateOrdersItem = { order: OrderDto; error?: never } | { error: unknown; order?: never };

/**
 * Orders of a batch (lib/orders/take-order-batch.ts), parsed: the same rules as createOrder, with one
 * read for all of them and their writes in take_orders calls of up to TAKE_ORDERS_MAX orders (each
 * order all or nothing on its own; decision 050); an order with a dropship line is taken alone, as
 * createOrder does. In the order given: the fraud screen counts the batch's earlier orders from the
 * same email or IP as orders before it. Answers per order the order taken or what createOrder would
 * have thrown.
 */
export async function createOrders(options: {
  inputs: ParsedInput[];
  actor: Actor;
}): Promise<CreateOrdersItem[]> {
  // Every order of the batch may have been refused by its schema: nothing to read or take.
  if (!options.inputs.length) return [];
  const orders = options.inputs.map((input) => ({ input, placedAt: placedAtOf(input) }));
  const contexts = await intakeContext(db, orders, null);
  const results = new Array<CreateOrdersItem>(orders.length);
  let run: { index: number; plan: IntakePlan }[] = [];
  const flush = async () => {
    const items = await takeOrders(run.map((r) => r.plan));
    // An order the batch cannot answer (a budget run out) fails it here, before the next run waits too.
    const failure = items.find((item) => item.error !== undefined && failsTheBatch(item.error));
    if (failure) throw failure.error;
    items.forEach((item, i) => {
      results[run[i].index] = item.taken ? { order: item.taken.order! } : { error: item.error };
    });
    run = [];
  };
  for (const [index, { input, placedAt }] of orders.entries()) {
    let planned: Planned;
    try {
      planned = await planIntake(
        { input, actor: options.actor, idempotency: null, placedAt },
        contexts[index],
        db,
      );
    } catch (error) {
      if (failsTheBatch(error)) throw error;
      results[index] = { error };
      continue;
    }
    if (!planned.dropship) {
      run.push({ index, plan: planned.plan });
      if (run.length >= TAKE_ORDERS_MAX) await flush();
      continue;
    }
    if (run.length) await flush();
    try {
      results[index] = { order: (await writeIntake(planned, options.actor, db)).order! };
    } catch (error) {
      if (failsTheBatch(error)) throw error;
      results[index] = { error };
    }
  }
  if (run.length) await flush();
  return results;
}

/** The plan of one intake (everything it writes) from its input and what the read found. */
async function planIntake(
  options: { input: ParsedInput; actor: Actor; idempotency: IdempotencyRequest | null; placedAt: Date },
  context: IntakeContext,
  t: Tx,
): Promise<Planned> {
  const { input, placedAt } = options;
  const { settings } = context;
  if (!settings?.fulfillingLocationId || !settings.locationCode)
    throw new AppError('INVALID_STATE', 'Set a fulfilling location in Settings before taking orders.');
  const location = { id: settings.fulfillingLocationId, code: settings.locationCode };
  // An order in another currency keeps its amounts and is booked at the placed day's rate (that
  // day's or the last before; none → 422 naming `currency` and the day), decision 035.
  const foreign = input.currency !== settings.currency;
  const fx: { rate: Decimal } | null = foreign
    ? await rateOn(
        {
          currency: input.currency,
          base: settings.currency,
          date: todayIn(settings.timezone, placedAt),
          field: 'currency',
        },
        t,
      )
    : null;
  const toBase = (amount: number) =>
    fx
      ? Number(
          convertMinor(
            BigInt(amount),
            fx.rate,
            currencyDigits(input.currency),
            currencyDigits(settings.currency),
          ),
        )
      : amount;
  const variants = new Map(context.variants.map((r) => [r.sku, r]));
  const missing = input.lines
    .map((l, i) => ({ sku: l.sku, field: `lines.${i}.sku` }))
    .filter((l) => !variants.has(l.sku));
  if (missing.length) throw unknownSkus(missing);
  const archived = input.lines.findIndex((l) => variants.get(l.sku)!.status !== 'active');
  if (archived >= 0)
    throw new AppError('VALIDATION_FAILED', `${input.lines[archived].sku} is archived`, [
      { field: `lines.${archived}.sku`, message: 'This SKU is archived and cannot be sold' },
    ]);

  const totals = orderTotals(
    input.lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unit_price })),
    { discount: input.discount_amount, shipping: input.shipping_amount, tax: input.tax_amount },
  );
  const risk = scoreOrder(
    {
      avsResult: input.payment?.avs_result,
      cvvResult: input.payment?.cvv_result,
      billingCountry: input.billing_address?.country,
      shippingCountry: input.shipping_address.country,
      total: totals.total,
      averageOrderValue: await averageOrderValue(),
      isFirstOrder: !context.hasPrevious,
      shippingMethod: input.shipping_method,
      ordersFromEmail24h: context.fromEmail,
      ordersFromIp24h: context.fromIp,
      email: input.customer.email,
    },
    settings.fraudReviewThreshold,
  );
  const captured = input.payment?.status === 'captured' ? input.payment.amount : 0;
  const authorized = input.payment?.status === 'authorized' ? input.payment.amount : 0;
  const fee = input.payment?.status === 'captured' ? (input.payment.fee ?? 0) : 0;
  const paymentStatus = paymentStatusFor({ captured, authorized, refunded: 0, total: totals.total });
  // Fraud review first; an order not paid (nor authorized) in full then waits in the payment-due hold,
  // out of the fulfillment queue, unless the shop ships on invoice (decision 031).
  const paymentDue = isPaymentDue(paymentStatus) && !settings.shipUnpaidOrders;
  const status = risk.level === 'high' ? 'pending_review' : paymentDue ? 'on_hold' : 'open';
  const holdReason = status === 'on_hold' ? PAYMENT_DUE_HOLD_REASON : null;
  const promisedShipBy = input.promised_ship_by ? new Date(input.promised_ship_by) : defaultShipBy(placedAt);

  // Time-ordered ids (decision 053): each lands at the right edge of its indexes, not on a random page.
  const [orderId, paymentId] = sequentialUuids(2);
  const at = new Date();
  // Line ids sort in the order the lines were given, so the order shows them as entered.
  const lineIds = sequentialUuids(input.lines.length);
  const lineRows = input.lines.map((l, i) => {
    const v = variants.get(l.sku)!;
    return {
      id: lineIds[i],
      orderId,
      variantId: v.id,
      sku: l.sku,
      name: v.name,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      discountAmount: totals.lineDiscounts[i],
      taxAmount: totals.lineTaxes[i],
    };
  });
  // The database assigns the order number; entry memos carry '{number}' until then.
  const ref = { id: orderId, number: '{number}' };
  const drafts = [
    saleEntry({
      ...ref,
      subtotal: totals.subtotal,
      discount: input.discount_amount,
      shipping: input.shipping_amount,
      tax: input.tax_amount,
      total: totals.total,
    }),
  ];
  if (captured > 0) drafts.push(captureEntry(ref, captured, fee));
  const entries = [];
  const entryIds = sequentialUuids(drafts.length);
  let saleTaxBase = 0;
  for (const [i, d] of drafts.entries()) {
    const lines = fx
      ? convertEntry(d.lines, { currency: input.currency, base: settings.currency, rate: fx.rate })
      : d.lines;
    if (d.source.type === 'order')
      saleTaxBase = lines
        .filter((l) => l.account === ACCOUNTS.salesTax)
        .reduce((s, l) => s + (l.credit ?? 0) - (l.debit ?? 0), 0);
    entries.push({
      id: entryIds[i],
      memo: d.memo,
      source: { type: d.source.type, id: orderId },
      lines: await prepareJournalLines(t, { lines }),
    });
  }
  // The order's tax lines (decision 042), beside the sale entry whose tax they detail: base taxes split
  // from that entry's sales-tax line, so they add up to it exactly.
  const taxLines = orderTaxLines({
    taxLines: input.tax_lines,
    tax: input.tax_amount,
    net: totals.subtotal - input.discount_amount + input.shipping_amount,
    country: input.shipping_address.country,
  });
  const taxBases = baseTaxes(
    saleTaxBase,
    taxLines.map((l) => l.tax),
  );
  const saleEntryId = entries[0].lines.length ? entries[0].id : null;
  const taxLineIds = sequentialUuids(taxLines.length);
  const taxLineRows = taxLines.map((l, i) => ({
    id: taxLineIds[i],
    entry_id: saleEntryId,
    order_id: orderId,
    jurisdiction: l.jurisdiction,
    rate: l.rate,
    currency: input.currency,
    taxable: l.taxable,
    tax: l.tax,
    base_taxable: toBase(l.taxable),
    base_tax: taxBases[i],
  }));
  const { firstName, lastName } = splitName(input.customer.name);
  const risky = { score: risk.score, level: risk.level, reasons: risk.reasons };

  // The answer, built from what is written rather than read back; the database adds number and customer.
  const response: Omit<OrderDto, 'number' | 'customer'> = {
    id: orderId,
    channel: input.channel,
    external_id: input.external_id ?? null,
    status,
    payment_status: paymentStatus,
    currency: input.currency,
    subtotal: totals.subtotal,
    discount_amount: input.discount_amount,
    shipping_amount: input.shipping_amount,
    tax_amount: input.tax_amount,
    tax_lines: taxLines,
    total: totals.total,
    fx_rate: fx ? formatRate(fx.rate) : null,
    base_total: toBase(totals.total),
    amount_paid: captured,
    shipping_address: input.shipping_address,
    billing_address: (input.billing_address as Record<string, string> | undefined) ?? null,
    shipping_method: input.shipping_method ?? null,
    placed_at: placedAt.toISOString(),
    promised_ship_by: promisedShipBy.toISOString(),
    hold_reason: holdReason,
    tags: [],
    cancelled_at: null,
    cancel_reason: null,
    note: input.note ?? null,
    location: location.code,
    risk: risky,
    lines: lineRows.map((l) => ({
      ...orderLinePrices(l),
      // every status intake writes (pending_review, open, on_hold) reserves
      quantity_reserved: l.quantity,
      quantity_fulfilled: 0,
      quantity_returned: 0,
      quantity_cancelled: 0,
    })),
    payments: input.payment
      ? [
          {
            id: paymentId,
            method: input.payment.method,
            status: input.payment.status,
            amount: input.payment.amount,
            fee_amount: fee,
            avs_result: input.payment.avs_result ?? null,
            cvv_result: input.payment.cvv_result ?? null,
            created_at: at.toISOString(),
          },
        ]
      : [],
  };

  const plan: IntakePlan = {
    at,
    actor: options.actor,
    customer: { email: input.customer.email, firstName, lastName, phone: input.customer.phone ?? null },
    order: {
      id: orderId,
      channel: input.channel,
      external_id: input.external_id ?? null,
      status,
      payment_status: paymentStatus,
      email: input.customer.email,
      currency: input.currency,
      subtotal: totals.subtotal,
      discount_amount: input.discount_amount,
      shipping_amount: input.shipping_amount,
      tax_amount: input.tax_amount,
      total: totals.total,
      shipping_address: input.shipping_address,
      billing_address: input.billing_address ?? null,
      shipping_method: input.shipping_method ?? null,
      promised_ship_by: promisedShipBy,
      placed_at: placedAt,
      note: input.note ?? null,
      location_id: location.id,
      risk_score: risk.score,
      risk_level: risk.level,
      risk_reasons: risk.reasons,
      customer_ip: input.customer_ip ?? null,
      amount_paid: captured,
      hold_reason: holdReason,
      fx_rate: fx ? formatRate(fx.rate) : null,
      base_total: fx ? toBase(totals.total) : null,
    },
    lines: lineRows.map((l) => ({
      id: l.id,
      order_id: orderId,
      variant_id: l.variantId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      discount_amount: l.discountAmount,
      tax_amount: l.taxAmount,
    })),
    // dropship: a line its supplier ships reserves none of our stock (decision 041).
    stock: input.lines
      .filter((l) => !variants.get(l.sku)!.dropship)
      .map((l) => ({
        variantId: variants.get(l.sku)!.id,
        sku: l.sku,
        locationId: location.id,
        locationCode: location.code,
        quantity: l.quantity,
      })),
    payment: input.payment
      ? {
          id: paymentId,
          order_id: orderId,
          method: input.payment.method,
          status: input.payment.status,
          amount: input.payment.amount,
          currency: input.currency,
          fee_amount: fee,
          avs_result: input.payment.avs_result ?? null,
          cvv_result: input.payment.cvv_result ?? null,
          created_at: at,
        }
      : null,
    entries,
    taxLines: taxLineRows,
    facts: [
      {
        at: placedAt,
        channel: input.channel,
        facts: { orders_placed: 1, gross_sales: toBase(totals.subtotal) },
      },
    ],
    audit: {
      action: 'order.created',
      after: { status, total: totals.total, risk: risky, channel: input.channel },
    },
    response,
    idempotency: options.idempotency,
  };
  return { plan, dropship: input.lines.some((l) => variants.get(l.sku)!.dropship) };
}

type IntakeContext = {
  settings: {
    currency: string;
    timezone: string;
    fraudReviewThreshold: number;
    fulfillingLocationId: string | null;
    locationCode: string | null;
    shipUnpaidOrders: boolean;
  } | null;
  /** dropship: fulfilled by its supplier (decision 041) */
  variants: { id: string; sku: string; status: string; name: string; dropship: boolean }[];
  fromEmail: number;
  fromIp: number;
  hasPrevious: boolean;
  /** the answer already stored under the request's Idempotency-Key */
  stored: { requestHash: string; status: number; response: unknown } | null;
  /** the API key to confirm (`keyCheckId`): whether it is unrevoked, and its last use; null if gone or not asked */
  key: ApiKeyFound;
};

const INTAKE_CONTEXT_SQL = `
    SELECT (SELECT json_build_object('currency', s.currency, 'timezone', s.timezone,
                                     'fraudReviewThreshold', s.fraud_review_threshold,
                                     'fulfillingLocationId', s.fulfilling_location_id, 'locationCode', l.code,
                                     'shipUnpaidOrders', s.ship_unpaid_orders)
              FROM shop_settings s LEFT JOIN locations l ON l.id = s.fulfilling_location_id WHERE s.id = 1) AS settings,
           (SELECT coalesce(json_agg(json_build_object('id', v.id, 'sku', v.sku, 'status', v.status,
             'dropship', v.dropship,
                     'name', p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END)), '[]')
              FROM variants v JOIN products p ON p.id = v.product_id
             WHERE v.sku = ANY (ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))) AS variants,
           (SELECT json_agg(json_build_object(
                     'fromEmail', (SELECT count(*) FROM orders
                                    WHERE email = q.email AND placed_at > q.since AND placed_at <= q.placed)::int,
                     'fromIp', (SELECT count(*) FROM orders WHERE q.ip IS NOT NULL AND customer_ip = q.ip
                                   AND placed_at > q.since AND placed_at <= q.placed)::int,
                     'hasPrevious', EXISTS (SELECT 1 FROM customers c JOIN orders o ON o.customer_id = c.id
                                             WHERE c.email = q.email)) ORDER BY q.n)
              FROM ROWS FROM (jsonb_to_recordset($2::jsonb)
                       AS (email text, ip text, since timestamptz, placed timestamptz))
                     WITH ORDINALITY AS q(email, ip, since, placed, n)) AS history,
           (SELECT json_build_object('requestHash', k.request_hash, 'status', k.status, 'response', k.response)
              FROM idempotency_keys k WHERE k.scope = $3::text AND k.key = $4::text AND k.status > 0) AS stored,
           (SELECT json_build_object('live', a.revoked_at IS NULL, 'lastUsedAt', a.last_used_at)
              FROM api_keys a WHERE a.id = $5::uuid) AS key`;

/**
 * What the intake rules read, in one statement for one order or a batch: the shop's settings, the
 * SKUs, and each order's fraud screen history (orders from the email and the IP in the 24 h before,
 * whether the customer ordered before), and an answer already stored under the request's
 * Idempotency-Key, and the request's API key when apiRoute took it from its cache (`keyCheckId`,
 * decision 056). In a batch an order's history also counts the batch's earlier orders, as if each had
 * been taken before the next was read.
 */
async function intakeContext(
  t: Tx,
  orders: { input: ParsedInput; placedAt: Date }[],
  idempotency: IdempotencyRequest | null,
  keyCheckId?: string,
): Promise<IntakeContext[]> {
  const day = 24 * 3600_000;
  const skus = [...new Set(orders.flatMap((o) => o.input.lines.map((l) => l.sku)))];
  // The lists go as JSON, not arrays: the planner sees no lengths in them, so the prepared statement's
  // generic plan costs what a custom one does and is kept after five runs (planning it was ~20 % of the
  // server's CPU per order; decision 051).
  const values = [
    JSON.stringify(skus),
    JSON.stringify(
      orders.map((o) => ({
        email: o.input.customer.email,
        ip: o.input.customer_ip ?? null,
        since: new Date(o.placedAt.getTime() - day),
        placed: o.placedAt,
      })),
    ),
    idempotency?.scope ?? null,
    idempotency?.key ?? null,
    keyCheckId ?? null,
  ];
  type Row = Omit<IntakeContext, 'fromEmail' | 'fromIp' | 'hasPrevious'> & {
    history: Pick<IntakeContext, 'fromEmail' | 'fromIp' | 'hasPrevious'>[];
  };
  const [row] = await rawOn<Row>(t, INTAKE_CONTEXT_SQL, values, 'intake_context');
  const { history, ...shared } = row;
  // json_agg over no orders is NULL.
  return (history ?? []).map((h, i) => {
    const { input, placedAt } = orders[i];
    const within = (o: { placedAt: Date }) =>
      o.placedAt.getTime() > placedAt.getTime() - day && o.placedAt.getTime() <= placedAt.getTime();
    const earlier = orders.slice(0, i);
    const sameEmail = earlier.filter((o) => o.input.customer.email === input.customer.email);
    const ip = input.customer_ip;
    return {
      ...shared,
      fromEmail: h.fromEmail + sameEmail.filter(within).length,
      fromIp: h.fromIp + (ip ? earlier.filter((o) => o.input.customer_ip === ip && within(o)).length : 0),
      hasPrevious: h.hasPrevious || sameEmail.length > 0,
    };
  });
}

/** Promise to ship within two days of the order unless the channel says otherwise. */
function defaultShipBy(placedAt: Date): Date {
  return new Date(placedAt.getTime() + 2 * 24 * 3600_000);
}
