import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { resolveSkus } from '@/lib/inventory/stock';
import { reserveStock } from '@/lib/inventory/reservations';
import { scoreOrder } from '@/lib/fraud/rules';
import { orderTotals, paymentStatusFor } from '@/lib/orders/rules';
import { postCapture, postSale } from '@/lib/orders/posting';
import { orderDetail, type OrderDto } from '@/lib/orders/queries';
import { ZCreateOrderInput, type TCreateOrderInput } from '@/lib/orders/schemas';
import type { Prisma } from '@/lib/generated/prisma/client.ts';

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
    const settings = await t.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true, fraudReviewThreshold: true, fulfillingLocationId: true, fulfillingLocation: { select: { code: true } } } });
    if (!settings?.fulfillingLocationId || !settings.fulfillingLocation) throw new AppError('INVALID_STATE', 'Set a fulfilling location in Settings before taking orders.');
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

    const variants = await resolveSkus(t, input.lines.map((l, i) => ({ sku: l.sku, field: `lines.${i}.sku` })));
    const archived = input.lines.findIndex((l) => variants.get(l.sku)!.status !== 'active');
    if (archived >= 0) throw new AppError('VALIDATION_FAILED', `${input.lines[archived].sku} is archived`, [{ field: `lines.${archived}.sku`, message: 'This SKU is archived and cannot be sold' }]);

    const { firstName, lastName } = splitName(input.customer.name);
    const [customer] = await t.$queryRaw<{ id: string; is_new: boolean }[]>`
      INSERT INTO customers (email, first_name, last_name, phone)
      VALUES (${input.customer.email}, ${firstName}, ${lastName}, ${input.customer.phone ?? null})
      ON CONFLICT (email) DO UPDATE SET updated_at = now()
      RETURNING id::text, (xmax = 0) AS is_new`;

    const totals = orderTotals(input.lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unit_price })), { discount: input.discount_amount, shipping: input.shipping_amount, tax: input.tax_amount });
    const placedAt = input.placed_at ? new Date(input.placed_at) : new Date();
    const since = new Date(placedAt.getTime() - 24 * 3600_000);
    const [fromEmail, fromIp, previous] = await Promise.all([
      t.order.count({ where: { email: input.customer.email, placedAt: { gt: since, lte: placedAt } } }),
      input.customer_ip ? t.order.count({ where: { customerIp: input.customer_ip, placedAt: { gt: since, lte: placedAt } } }) : Promise.resolve(0),
      customer.is_new ? Promise.resolve(0) : t.order.count({ where: { customerId: customer.id } }),
    ]);
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

    const order = await t.order.create({
      data: {
        channel: input.channel, externalId: input.external_id ?? null, status, paymentStatus: paymentStatusFor(captured, authorized, 0, totals.total),
        customerId: customer.id, email: input.customer.email, currency: input.currency, subtotal: totals.subtotal,
        discountAmount: input.discount_amount, shippingAmount: input.shipping_amount, taxAmount: input.tax_amount, total: totals.total,
        shippingAddress: input.shipping_address as Prisma.InputJsonValue, billingAddress: (input.billing_address ?? undefined) as Prisma.InputJsonValue | undefined,
        shippingMethod: input.shipping_method ?? null, placedAt, promisedShipBy: input.promised_ship_by ? new Date(input.promised_ship_by) : defaultShipBy(placedAt),
        locationId: settings.fulfillingLocationId, riskScore: risk.score, riskLevel: risk.level, riskReasons: risk.reasons as unknown as Prisma.InputJsonValue,
        customerIp: input.customer_ip ?? null, amountPaid: captured, note: input.note ?? null,
        lines: {
          create: input.lines.map((l, i) => {
            const v = variants.get(l.sku)!;
            return { variantId: v.id, sku: l.sku, name: l.sku, quantity: l.quantity, unitPrice: l.unit_price, discountAmount: totals.lineDiscounts[i], taxAmount: totals.lineTaxes[i] };
          }),
        },
      },
      select: { id: true, number: true },
    });
    // Line names from the catalog, in one statement.
    await t.$executeRaw`
      UPDATE order_lines ol SET name = p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END
      FROM variants v JOIN products p ON p.id = v.product_id
      WHERE ol.order_id = ${order.id}::uuid AND v.id = ol.variant_id`;

    await reserveStock(t, {
      lines: input.lines.map((l) => ({ variantId: variants.get(l.sku)!.id, sku: l.sku, locationId: settings.fulfillingLocationId!, locationCode: settings.fulfillingLocation!.code, quantity: l.quantity })),
      reference: { type: 'order', id: order.id },
      actor: options.actor,
    });

    if (input.payment) {
      await t.payment.create({
        data: {
          orderId: order.id, method: input.payment.method, status: input.payment.status, amount: input.payment.amount, currency: input.currency,
          feeAmount: input.payment.status === 'captured' ? input.payment.fee ?? 0 : 0, avsResult: input.payment.avs_result ?? null, cvvResult: input.payment.cvv_result ?? null,
        },
        select: { id: true },
      });
    }
    const ref = { id: order.id, number: order.number };
    await postSale(t, { ...ref, subtotal: totals.subtotal, discount: input.discount_amount, shipping: input.shipping_amount, tax: input.tax_amount, total: totals.total }, options.actor);
    if (captured > 0) await postCapture(t, ref, captured, input.payment?.fee ?? 0, options.actor);

    const dto = (await orderDetail(order.id, t))!;
    await audit(t, { actor: options.actor, action: 'order.created', entityType: 'order', entityId: order.id, after: { number: dto.number, status: dto.status, total: dto.total, risk: dto.risk, channel: dto.channel } });
    return dto;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}

/** Promise to ship within two days of the order unless the channel says otherwise. */
function defaultShipBy(placedAt: Date): Date {
  return new Date(placedAt.getTime() + 2 * 24 * 3600_000);
}
