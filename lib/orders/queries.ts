import 'server-only';
import { formatRate, parseRate } from '@/lib/ledger/fx';
import { normalRate } from '@/lib/ledger/tax-rules';
import { allOn, db, type Tx } from '@/lib/db';
import { auditTimeline } from '@/lib/audit-log/queries';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import type { TOrderListQuery, ZOrderRow } from '@/lib/orders/schemas';
import type { FraudReason } from '@/lib/fraud/rules';
import { PAYMENT_DUE_HOLD_REASON, RESERVING_STATUSES, openQuantity } from '@/lib/orders/rules';
import { isUuid, zInt, zUuid } from '@/lib/boundary';
import { z } from 'zod';
import { decodeCursor, encodeCursor } from '@/lib/cursor';
import { AppError } from '@/lib/errors';

const OPEN_STATUSES = new Set<string>(RESERVING_STATUSES);

export type OrderDto = {
  id: string;
  number: number;
  channel: string;
  external_id: string | null;
  status: string;
  payment_status: string;
  currency: string;
  customer: { id: string; email: string; name: string };
  subtotal: number;
  discount_amount: number;
  shipping_amount: number;
  tax_amount: number;
  /** The tax by jurisdiction and rate (decision 042); rate a decimal fraction string or null. */
  tax_lines: { jurisdiction: string; rate: string | null; taxable: number; tax: number }[];
  total: number;
  /** An order in another currency: the rate it was booked at (shop currency per unit), else null. */
  fx_rate: string | null;
  /** The total in the shop's currency (= total for an order in the shop's currency). */
  base_total: number;
  amount_paid: number;
  shipping_address: Record<string, string>;
  billing_address: Record<string, string> | null;
  shipping_method: string | null;
  placed_at: string;
  promised_ship_by: string | null;
  hold_reason: string | null;
  /** Labels staff or automation rules put on the order. */
  tags: string[];
  cancelled_at: string | null;
  cancel_reason: string | null;
  note: string | null;
  location: string | null;
  risk: { score: number; level: string; reasons: FraudReason[] };
  lines: {
    id: string;
    sku: string;
    name: string;
    quantity: number;
    unit_price: number;
    discount_amount: number;
    tax_amount: number;
    quantity_reserved: number;
    quantity_fulfilled: number;
    quantity_returned: number;
    quantity_cancelled: number;
  }[];
  payments: {
    id: string;
    method: string;
    status: string;
    amount: number;
    fee_amount: number;
    avs_result: string | null;
    cvv_result: string | null;
    created_at: string;
  }[];
};

/** An order line's identity and prices as the order's answer shows them (beside its quantities). */
export function orderLinePrices(l: {
  id: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: number;
  discountAmount: number;
  taxAmount: number;
}) {
  return {
    id: l.id,
    sku: l.sku,
    name: l.name,
    quantity: l.quantity,
    unit_price: l.unitPrice,
    discount_amount: l.discountAmount,
    tax_amount: l.taxAmount,
  };
}

export async function orderDetail(id: string, tx: Tx = db): Promise<OrderDto | null> {
  if (!isUuid(id)) return null;
  const o = await tx.order.findUnique({
    where: { id },
    include: {
      customer: { select: { id: true, email: true, firstName: true, lastName: true } },
      location: { select: { code: true } },
      lines: { orderBy: { id: 'asc' } },
      payments: { orderBy: { createdAt: 'asc' } },
    },
  });
  if (!o) return null;
  const reserving = OPEN_STATUSES.has(o.status);
  const taxLines = await orderTaxLineRows(o.id, tx);
  return {
    id: o.id,
    number: o.number,
    channel: o.channel,
    external_id: o.externalId,
    status: o.status,
    payment_status: o.paymentStatus,
    currency: o.currency,
    customer: {
      id: o.customer.id,
      email: o.customer.email,
      name: `${o.customer.firstName} ${o.customer.lastName}`.trim(),
    },
    subtotal: o.subtotal,
    discount_amount: o.discountAmount,
    shipping_amount: o.shippingAmount,
    tax_amount: o.taxAmount,
    tax_lines: taxLines,
    total: o.total,
    fx_rate: o.fxRate ? formatRate(parseRate(o.fxRate.toFixed(10))!) : null,
    base_total: o.baseTotal ?? o.total,
    amount_paid: o.amountPaid,
    shipping_address: o.shippingAddress as Record<string, string>,
    billing_address: (o.billingAddress as Record<string, string> | null) ?? null,
    shipping_method: o.shippingMethod,
    placed_at: o.placedAt.toISOString(),
    promised_ship_by: o.promisedShipBy?.toISOString() ?? null,
    hold_reason: o.holdReason,
    tags: o.tags,
    cancelled_at: o.cancelledAt?.toISOString() ?? null,
    cancel_reason: o.cancelReason,
    note: o.note,
    location: o.location?.code ?? null,
    risk: { score: o.riskScore, level: o.riskLevel, reasons: o.riskReasons as unknown as FraudReason[] },
    lines: o.lines.map((l) => ({
      ...orderLinePrices(l),
      quantity_reserved: reserving ? openQuantity(l) : 0,
      quantity_fulfilled: l.quantityFulfilled,
      quantity_returned: l.quantityReturned,
      quantity_cancelled: l.quantityCancelled,
    })),
    payments: o.payments.map((p) => ({
      id: p.id,
      method: p.method,
      status: p.status,
      amount: p.amount,
      fee_amount: p.feeAmount,
      avs_result: p.avsResult,
      cvv_result: p.cvvResult,
      created_at: p.createdAt.toISOString(),
    })),
  };
}

/** An order's tax lines (its sale's, decision 042) in the order they were given. */
export async function orderTaxLineRows(orderId: string, tx: Tx = db): Promise<OrderDto['tax_lines']> {
  const rows = await tx.taxLine.findMany({
    where: { orderId, kind: 'sale' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { jurisdiction: true, rate: true, taxable: true, tax: true },
  });
  return rows.map((r) => ({
    jurisdiction: r.jurisdiction,
    rate: r.rate === null ? null : normalRate(r.rate.toFixed(6)),
    taxable: Number(r.taxable),
    tax: Number(r.tax),
  }));
}

export type OrderRow = z.infer<typeof ZOrderRow>;

/** The order list's cursors: [total, id] or [placed_at, id], checked before the keyset casts. */
const ZOrderCursor = z.union([z.tuple([zInt(), zUuid()]), z.tuple([z.iso.datetime(), zUuid()])]);

/** The list's filters (everything but sort and cursor) as SQL conditions on `orders o`. */
function orderFilterSql(
  query: Omit<TOrderListQuery, 'limit' | 'cursor' | 'sort'>,
  timeZone: string,
): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (query.status) where.push(Prisma.sql`o.status = ${query.status}::order_status`);
  if (query.payment_status)
    where.push(Prisma.sql`o.payment_status = ${query.payment_status}::payment_status`);
  if (query.channel) where.push(Prisma.sql`o.channel = ${query.channel}::sales_channel`);
  if (query.risk) where.push(Prisma.sql`o.risk_level = ${query.risk}`);
  if (query.from) where.push(Prisma.sql`o.placed_at >= ${startOfDayIn(query.from, timeZone)}`);
  if (query.to) where.push(Prisma.sql`o.placed_at < ${endOfDayIn(query.to, timeZone)}`);
  // Shipping-state filters. The last shipment's time: the order is shipped complete as of it.
  const lastShip = Prisma.sql`(SELECT max(s.shipped_at) FROM shipments s WHERE s.order_id = o.id)`;
  if (query.ship === 'complete') where.push(Prisma.sql`o.status IN ('fulfilled', 'delivered')`);
  if (query.ship === 'incomplete')
    where.push(Prisma.sql`o.status NOT IN ('fulfilled', 'delivered', 'cancelled')`);
  if (query.ship === 'late')
    where.push(Prisma.sql`o.status IN ('fulfilled', 'delivered') AND ${lastShip} > o.promised_ship_by`);
  if (query.ship === 'on_time')
    where.push(
      Prisma.sql`o.status IN ('fulfilled', 'delivered') AND (o.promised_ship_by IS NULL OR
        ${lastShip} <= o.promised_ship_by)`,
    );
  if (query.ship === 'past_due')
    where.push(Prisma.sql`o.status IN ('open', 'partially_fulfilled') AND o.promised_ship_by < now()`);
  if (query.hold === 'payment_due')
    where.push(Prisma.sql`o.status = 'on_hold' AND o.hold_reason = ${PAYMENT_DUE_HOLD_REASON}`);
  if (query.shipped_from || query.shipped_to) {
    // Driven by the shipments' date index, then the last shipment must itself fall in the range.
    const a = query.shipped_from ? startOfDayIn(query.shipped_from, timeZone) : new Date(0);
    const b = query.shipped_to ? endOfDayIn(query.shipped_to, timeZone) : new Date('9999-01-01T00:00:00Z');
    where.push(
      Prisma.sql`o.id IN (SELECT s.order_id FROM shipments s WHERE s.shipped_at >= ${a} AND
        s.shipped_at < ${b}) AND ${lastShip} >= ${a} AND ${lastShip} < ${b}`,
    );
  }
  if (query.q) {
    const q = query.q.replace(/^#/, '');
    if (/^\d+$/.test(q) && Number(q) < 2_147_483_647) where.push(Prisma.sql`o.number = ${Number(q)}`);
    else if (q.includes('@')) where.push(Prisma.sql`o.email = ${q.toLowerCase()}`);
    else {
      const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(Prisma.sql`(EXISTS (SELECT 1 FROM order_lines ol WHERE ol.order_id = o.id AND ol.sku = ${q})
        OR EXISTS (SELECT 1 FROM customers c WHERE c.id = o.customer_id AND (c.last_name ILIKE
          ${prefix} OR c.first_name ILIKE ${prefix} OR (c.first_name || ' ' || c.last_name) ILIKE ${prefix}))
        OR o.external_id = ${q})`);
    }
  }
  return where;
}

/**
 * The order list: server-side filters, sort and keyset (cursor) pagination, so a page costs the same
 * at a million orders as at a hundred (indexes on placed_at and on status/channel/payment with it).
 */
export async function orderList(
  query: TOrderListQuery,
  timeZone: string,
  tx: Tx = db,
): Promise<{ data: OrderRow[]; next_cursor: string | null }> {
  const where = orderFilterSql(query, timeZone);
  const byTotal = query.sort.startsWith('total');
  const desc = query.sort.endsWith('desc');
  const key = byTotal ? Prisma.sql`o.total` : Prisma.sql`o.placed_at`;
  if (query.cursor) {
    const [k, id] = decodeCursor(query.cursor, ZOrderCursor);
    if ((typeof k === 'number') !== byTotal)
      throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [
        { field: 'cursor', message: 'This cursor belongs to another sort order; start from the first page' },
      ]);
    const value = typeof k === 'number' ? k : new Date(k);
    where.push(
      desc
        ? Prisma.sql`(${key}, o.id) < (${value}, ${id}::uuid)`
        : Prisma.sql`(${key}, o.id) > (${value}, ${id}::uuid)`,
    );
  }
  const order = desc ? Prisma.sql`${key} DESC, o.id DESC` : Prisma.sql`${key} ASC, o.id ASC`;
  const rows = await tx.$queryRaw<
    {
      id: string;
      number: number;
      channel: string;
      status: string;
      payment_status: OrderRow['payment_status'];
      first_name: string;
      last_name: string;
      email: string;
      total: number;
      currency: string;
      items: bigint;
      risk_level: string;
      risk_score: number;
      placed_at: Date;
    }[]
  >`
    SELECT o.id::text, o.number, o.channel::text, o.status::text, o.payment_status::text,
      c.first_name, c.last_name, o.email, o.total, o.currency,
           (SELECT coalesce(sum(ol.quantity), 0) FROM order_lines ol WHERE ol.order_id = o.id) AS
             items, o.risk_level, o.risk_score, o.placed_at
    FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${order}
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit).map((r) => ({
    id: r.id,
    number: r.number,
    channel: r.channel,
    status: r.status,
    payment_status: r.payment_status,
    customer: `${r.first_name} ${r.last_name}`.trim(),
    email: r.email,
    total: r.total,
    currency: r.currency,
    items: Number(r.items),
    risk_level: r.risk_level,
    risk_score: r.risk_score,
    placed_at: r.placed_at.toISOString(),
  }));
  const last = page[page.length - 1];
  const next =
    rows.length > query.limit && last ? encodeCursor([byTotal ? last.total : last.placed_at, last.id]) : null;
  return { data: page, next_cursor: next };
}

/** The most orders the list counts; beyond it the screen says "10,000+" (a count must stay cheap). */
export const ORDER_COUNT_CAP = 10_000;

/**
 * How many orders the list's filters match, over every page, up to ORDER_COUNT_CAP + 1: the "select
 * all N matching" of the list's bulk actions names this number before it acts.
 */
export async function orderCount(
  query: Omit<TOrderListQuery, 'limit' | 'cursor' | 'sort'>,
  timeZone: string,
  tx: Tx = db,
): Promise<{ count: number; capped: boolean }> {
  const where = orderFilterSql(query, timeZone);
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (
      SELECT 1 FROM orders o WHERE ${Prisma.join(where, ' AND ')} LIMIT ${ORDER_COUNT_CAP + 1}) AS m`;
  const n = Number(row?.n ?? 0);
  return { count: Math.min(n, ORDER_COUNT_CAP), capped: n > ORDER_COUNT_CAP };
}

/** The order's timeline: every audit row about it, oldest first. */
export async function orderTimeline(id: string, tx: Tx = db) {
  // The order's own rows, and its returns' and refunds' steps — looked up by their ids, so every
  // branch of the OR is an index probe on (entity_type, entity_id) however long the audit log grows.
  const [returns, refunds] = await allOn(tx, [
    () => tx.return.findMany({ where: { orderId: id }, select: { id: true } }),
    () => tx.refund.findMany({ where: { orderId: id }, select: { id: true } }),
  ]);
  return auditTimeline(
    {
      OR: [
        { entityType: 'order', entityId: id },
        ...(returns.length ? [{ entityType: 'return', entityId: { in: returns.map((r) => r.id) } }] : []),
        ...(refunds.length ? [{ entityType: 'refund', entityId: { in: refunds.map((r) => r.id) } }] : []),
      ],
    },
    tx,
  );
}
