import 'server-only';
import { randomUUID } from 'node:crypto';
import { sequentialUuids } from '@/lib/ids';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { unknownSkus } from '@/lib/inventory/stock';
import { reserveStock } from '@/lib/inventory/reservations';
import { scoreOrder } from '@/lib/fraud/rules';
import { orderTotals, paymentStatusFor } from '@/lib/orders/rules';
import { postCapture, postSale } from '@/lib/orders/posting';
import type { OrderDto } from '@/lib/orders/queries';
import { ZCreateOrderInput, type TCreateOrderInput } from '@/lib/orders/schemas';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { recordKpiFacts } from '@/lib/kpi/facts';

/** The shop's average order value over 90 days, cached per process for 5 minutes (a heuristic input). */
let averageCache: { at: number; value: number | null } | null = null;
async function averageOrderValue(tx: Tx): Promise<number | null> {
  if (averageCache && Date.now() - averageCache.at < 5 * 60_000) return averageCache.value;
  const [row] = await tx.$queryRaw<{ avg: number | null; n: bigint }[]>`
    SELECT avg(total)::float8 AS avg, count(*) AS n FROM orders
    WHERE placed_at > now() - interval '90 days' AND status <> 'cancelled'`;
  averageCache = { at: Date.now(), value: Number(row.n) >= 20 && row.avg ? Math.round(row.avg) : null };
  return averageCache.value;
}

function splitName(name: string) {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts[0] ?? name, lastName: parts.slice(1).join(' ') };
}

/**
 * Takes an order in: validates it, upserts the customer, screens it for fraud, reserves stock for every
 * line at the fulfilling location (all or nothing: 409 OUT_OF_STOCK with per-SKU details), records the
 * payment, posts the sale (and capture and fee) to the ledger and audits it — one transaction.
 * A second order with the same channel + external_id is 409 DUPLICATE_ORDER naming the first.
 */
export async function createOrder(options: { input: TCreateOrderInput; actor: Actor }, tx?: Tx): Promise<OrderDto> {
  const input = ZCreateOrderInput.parse(options.input);
  const run = async (t: Tx): Promise<OrderDto> => {
    // Every statement here is a round trip inside the order's transaction: keep them few (bench/README.md).
    const [settings] = await t.$queryRaw<{ currency: string; fraudReviewThreshold: number; fulfillingLocationId: string | null; locationCode: string | null }[]>`
      SELECT s.currency, s.fraud_review_threshold AS "fraudReviewThreshold", s.fulfilling_location_id::text AS "fulfillingLocationId", l.code AS "locationCode"
      FROM shop_settings s LEFT JOIN locations l ON l.id = s.fulfilling_location_id WHERE s.id = 1`;
    if (!settings?.fulfillingLocationId || !settings.locationCode) throw new AppError('INVALID_STATE', 'Set a fulfilling location in Settings before taking orders.');
    const location = { id: settings.fulfillingLocationId, code: settings.locationCode };
    if (input.currency !== settings.currency) {
      throw new AppError('VALIDATION_FAILED', `The shop sells in ${settings.currency}`, [{ field: 'currency', message: `Must be ${settings.currency}, the shop's currency` }]);
    }

    if (input.external_id) {
      // Serialise orders with the same channel + external id, so a duplicate is a clean 409.
      await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`order:${input.channel}:${input.external_id}`}))`;
      const existing = await t.order.findUnique({ where: { channel_externalId: { channel: input.channel, externalId: input.external_id } }, select: { id: true, number: true } });
      if (existing) {
        throw new AppError('DUPLICATE_ORDER', `Order ${input.channel}/${input.external_id} already exists as #${existing.number}`, { order_id: existing.id, number: existing.number });
      }
    }

    const skus = [...new Set(input.lines.map((l) => l.sku))];
    const rows = await t.$queryRaw<{ id: string; sku: string; status: string; name: string }[]>`
      SELECT v.id::text, v.sku, v.status::text AS status, p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END AS name
      FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ANY(${skus})`;
    const variants = new Map(rows.map((r) => [r.sku, r]));
    const missing = input.lines.map((l, i) => ({ sku: l.sku, field: `lines.${i}.sku` })).filter((l) => !variants.has(l.sku));
    if (missing.length) throw unknownSkus(missing);
    const archived = input.lines.findIndex((l) => variants.get(l.sku)!.status !== 'active');
    if (archived >= 0) throw new AppError('VALIDATION_FAILED', `${input.lines[archived].sku} is archived`, [{ field: `lines.${archived}.sku`, message: 'This SKU is archived and cannot be sold' }]);

    const { firstName, lastName } = splitName(input.customer.name);
    const [customer] = await t.$queryRaw<{ id: string; first_name: string; last_name: string; is_new: boolean }[]>`
      INSERT INTO customers (email, first_name, last_name, phone)
      VALUES (${input.customer.email}, ${firstName}, ${lastName}, ${input.customer.phone ?? null})
      ON CONFLICT (email) DO UPDATE SET updated_at = now()
      RETURNING id::text, first_name, last_name, (xmax = 0) AS is_new`;

    const totals = orderTotals(input.lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unit_price })), { discount: input.discount_amount, shipping: input.shipping_amount, tax: input.tax_amount });
    const placedAt = input.placed_at ? new Date(input.placed_at) : new Date();
    const since = new Date(placedAt.getTime() - 24 * 3600_000);
    // Velocity and history for the fraud screen, in one statement.
    const [history] = await t.$queryRaw<{ from_email: number; from_ip: number; previous: number }[]>`
      SELECT (SELECT count(*) FROM orders WHERE email = ${input.customer.email} AND placed_at > ${since} AND placed_at <= ${placedAt})::int AS from_email,
             (SELECT count(*) FROM orders WHERE ${input.customer_ip ?? null}::text IS NOT NULL AND customer_ip = ${input.customer_ip ?? null} AND placed_at > ${since} AND placed_at <= ${placedAt})::int AS from_ip,
             (SELECT count(*) FROM (SELECT 1 FROM orders WHERE customer_id = ${customer.id}::uuid LIMIT 1) x)::int AS previous`;
    const fromEmail = history.from_email;
    const fromIp = history.from_ip;
    const previous = customer.is_new ? 0 : history.previous;
    const risk = scoreOrder(
      {
        avsResult: input.payment?.avs_result, cvvResult: input.payment?.cvv_result, billingCountry: input.billing_address?.country,
        shippingCountry: input.shipping_address.country, total: totals.total, averageOrderValue: await averageOrderValue(t),
        isFirstOrder: previous === 0, shippingMethod: input.shipping_method, ordersFromEmail24h: fromEmail, ordersFromIp24h: fromIp, email: input.customer.email,
      },
      settings.fraudReviewThreshold,
    );
    const status = risk.level === 'high' ? 'pending_review' : 'open';
    const captured = input.payment?.status === 'captured' ? input.payment.amount : 0;
    const authorized = input.payment?.status === 'authorized' ? input.payment.amount : 0;

    const orderId = randomUUID();
    // Line ids sort in the order the lines were given, so the order shows them as entered.
    const lineIds = sequentialUuids(input.lines.length);
    const lineRows = input.lines.map((l, i) => {
      const v = variants.get(l.sku)!;
      return { id: lineIds[i], orderId, variantId: v.id, sku: l.sku, name: v.name, quantity: l.quantity, unitPrice: l.unit_price, discountAmount: totals.lineDiscounts[i], taxAmount: totals.lineTaxes[i] };
    });
    const promisedShipBy = input.promised_ship_by ? new Date(input.promised_ship_by) : defaultShipBy(placedAt);
    const paymentStatus = paymentStatusFor(captured, authorized, 0, totals.total);
    const order = await t.order.create({
      data: {
        id: orderId, channel: input.channel, externalId: input.external_id ?? null, status, paymentStatus,
        customerId: customer.id, email: input.customer.email, currency: input.currency, subtotal: totals.subtotal,
        discountAmount: input.discount_amount, shippingAmount: input.shipping_amount, taxAmount: input.tax_amount, total: totals.total,
        shippingAddress: input.shipping_address as Prisma.InputJsonValue, billingAddress: (input.billing_address ?? undefined) as Prisma.InputJsonValue | undefined,
        shippingMethod: input.shipping_method ?? null, placedAt, promisedShipBy,
        locationId: location.id, riskScore: risk.score, riskLevel: risk.level, riskReasons: risk.reasons as unknown as Prisma.InputJsonValue,
        customerIp: input.customer_ip ?? null, amountPaid: captured, note: input.note ?? null,
      },
      select: { number: true },
    });
    await t.orderLine.createMany({ data: lineRows });

    await reserveStock(t, {
      lines: input.lines.map((l) => ({ variantId: variants.get(l.sku)!.id, sku: l.sku, locationId: location.id, locationCode: location.code, quantity: l.quantity })),
      reference: { type: 'order', id: orderId },
      actor: options.actor,
    });

    const paymentId = randomUUID();
    const fee = input.payment?.status === 'captured' ? input.payment.fee ?? 0 : 0;
    const createdAt = new Date();
    if (input.payment) {
      await t.payment.create({
        data: {
          id: paymentId, createdAt,
          orderId, method: input.payment.method, status: input.payment.status, amount: input.payment.amount, currency: input.currency,
          feeAmount: fee, avsResult: input.payment.avs_result ?? null, cvvResult: input.payment.cvv_result ?? null,
        },
        select: { id: true },
      });
    }
    const ref = { id: orderId, number: order.number };
    await postSale(t, { ...ref, subtotal: totals.subtotal, discount: input.discount_amount, shipping: input.shipping_amount, tax: input.tax_amount, total: totals.total }, options.actor);
    if (captured > 0) await postCapture(t, ref, captured, input.payment?.fee ?? 0, options.actor);
    await recordKpiFacts(t, [{ at: placedAt, channel: input.channel, facts: { orders_placed: 1, gross_sales: totals.subtotal } }]);

    // The response is built from what was just written, not read back (four fewer round trips).
    const reserving = status === 'pending_review' || status === 'open';
    const dto: OrderDto = {
      id: orderId, number: order.number, channel: input.channel, external_id: input.external_id ?? null, status, payment_status: paymentStatus, currency: input.currency,
      customer: { id: customer.id, email: input.customer.email, name: `${customer.first_name} ${customer.last_name}`.trim() },
      subtotal: totals.subtotal, discount_amount: input.discount_amount, shipping_amount: input.shipping_amount, tax_amount: input.tax_amount, total: totals.total, amount_paid: captured,
      shipping_address: input.shipping_address as Record<string, string>, billing_address: (input.billing_address as Record<string, string> | undefined) ?? null, shipping_method: input.shipping_method ?? null,
      placed_at: placedAt.toISOString(), promised_ship_by: promisedShipBy.toISOString(), hold_reason: null, cancelled_at: null, cancel_reason: null, note: input.note ?? null,
      location: location.code, risk: { score: risk.score, level: risk.level, reasons: risk.reasons },
      lines: lineRows.map((l) => ({
        id: l.id, sku: l.sku, name: l.name, quantity: l.quantity, unit_price: l.unitPrice, discount_amount: l.discountAmount, tax_amount: l.taxAmount,
        quantity_reserved: reserving ? l.quantity : 0, quantity_fulfilled: 0, quantity_returned: 0, quantity_cancelled: 0,
      })),
      payments: input.payment ? [{ id: paymentId, method: input.payment.method, status: input.payment.status, amount: input.payment.amount, fee_amount: fee, avs_result: input.payment.avs_result ?? null, cvv_result: input.payment.cvv_result ?? null, created_at: createdAt.toISOString() }] : [],
    };
    await audit(t, { actor: options.actor, action: 'order.created', entityType: 'order', entityId: orderId, after: { number: dto.number, status: dto.status, total: dto.total, risk: dto.risk, channel: dto.channel } });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}

/** Promise to ship within two days of the order unless the channel says otherwise. */
function defaultShipBy(placedAt: Date): Date {
  return new Date(placedAt.getTime() + 2 * 24 * 3600_000);
}
