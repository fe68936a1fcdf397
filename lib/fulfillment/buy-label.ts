import 'server-only';
import { randomInt } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { lockOrder } from '@/lib/orders/lock-order';
import { recordShipment } from '@/lib/orders/record-shipment';
import { downgradeOf, quoteForOrder } from '@/lib/fulfillment/order-quotes';
import { chooseQuote } from '@/lib/shipping/rules';
import { buildParcel } from '@/lib/fulfillment/build-parcel';
import { ZBuyLabelInput, type TBuyLabelInput } from '@/lib/fulfillment/schemas';
import { openQuantity } from '@/lib/orders/rules';
import { assertCustomsComplete, parcelCustoms } from '@/lib/fulfillment/parcel-customs';

/** A carrier-style tracking number: the carrier's initials and 16 digits. */
function trackingNumber(carrier: string): string {
  const digits = Array.from({ length: 16 }, () => randomInt(10)).join('');
  return `${carrier.slice(0, 2).toUpperCase()}${digits}`;
}

/**
 * Buys a label for a packed parcel: rates every service against the order's promise (quoteForOrder),
 * takes the preselected one or the override (a downgrade from the service paid for needs a reason,
 * audited as shipment.service_downgraded on the order's timeline), and in one transaction records the
 * shipment (consumes the reserved stock, posts COGS, moves the order to partially fulfilled /
 * fulfilled), stores the package and label cost, posts the shipping expense (Dr Shipping expense /
 * Cr Accounts payable to the carrier) and a "label created" tracking event. A parcel leaving the
 * shop's country gets its customs form (CN22/CN23) and duties terms; a variant without customs data
 * refuses it before any rate is asked (decision 040). Two tablets buying for the same order are
 * serialised by the order's row lock: the second finds nothing left to ship (or, with the same
 * Idempotency-Key, gets the first response).
 */
export async function buyLabel(options: { orderId: string; input: TBuyLabelInput; actor: Actor }, tx?: Tx) {
  const input = ZBuyLabelInput.parse(options.input);
  const run = async (t: Tx) => {
    const order = await lockOrder(t, options.orderId);
    if (order.status !== 'open' && order.status !== 'partially_fulfilled') {
      throw new AppError(
        'INVALID_STATE',
        `Order #${order.number} is ${order.status.replace('_', ' ')}: only open orders can be shipped.`,
      );
    }
    const full = await t.order.findUniqueOrThrow({
      where: { id: order.id },
      select: {
        shippingAddress: true,
        lines: {
          where: { dropshipPoLineId: null }, // dropship lines: their supplier ships them (decision 041)
          select: { sku: true, quantity: true, quantityFulfilled: true, quantityCancelled: true },
          orderBy: { id: 'asc' },
        },
      },
    });
    const lines =
      input.lines ??
      full.lines.map((l) => ({ sku: l.sku, quantity: openQuantity(l) })).filter((l) => l.quantity > 0);
    if (!lines.length)
      throw new AppError('INVALID_STATE', `Nothing is left to ship on order #${order.number}.`);
    // Leaving the country: every variant needs its customs data, checked before any carrier is asked.
    const customs = await parcelCustoms({ orderId: order.id, lines, dutiesTerms: input.duties_terms }, t);
    assertCustomsComplete(customs);

    const { parcel, packageCode } = await buildParcel(input, t);

    const quotes = await quoteForOrder(
      {
        orderId: order.id,
        toAddress: full.shippingAddress as { postal_code: string; country: string },
        parcel,
      },
      t,
    );
    const chosen = chooseQuote(quotes, input.service ?? null);
    // Slower than paid for: refused without a reason, before anything is bought (decision 031).
    const downgrade = downgradeOf(chosen, quotes.promise, input.downgrade_reason);
    const tracking = trackingNumber(chosen.carrier);

    const shipment = await recordShipment(
      {
        orderId: order.id,
        input: {
          lines,
          carrier: chosen.carrier_name,
          service: chosen.service_name,
          tracking_number: tracking,
        },
        source: 'label',
        actor: options.actor,
      },
      t,
    );
    const cost = chosen.price ?? 0;
    await t.shipment.update({
      where: { id: shipment.id },
      data: {
        status: 'label_created',
        packageType: packageCode,
        weightGrams: parcel.weight_grams,
        lengthMm: parcel.length_mm,
        widthMm: parcel.width_mm,
        heightMm: parcel.height_mm,
        billableGrams: chosen.billable_weight_grams,
        labelCost: cost,
        customsForm: customs.form,
        dutiesTerms: customs.international ? customs.duties_terms : null,
      },
      select: { id: true },
    });
    await t.trackingEvent.create({
      data: {
        shipmentId: shipment.id,
        status: 'label_created',
        description: `${chosen.carrier_name} ${chosen.service_name} label created`,
        actorLabel: options.actor.label,
      },
      select: { id: true },
    });
    await postJournalEntry(t, {
      memo: `Label ${tracking} (${chosen.carrier_name} ${chosen.service_name}), shipment #${shipment.number}`,
      source: { type: 'shipment', id: shipment.id },
      actor: options.actor,
      lines: [dr(ACCOUNTS.shippingExpense, cost), cr(ACCOUNTS.payable, cost)],
    });
    const result = {
      ...shipment,
      tracking_number: tracking,
      service_key: chosen.key,
      carrier: chosen.carrier_name,
      service: chosen.service_name,
      label_cost: cost,
      billable_weight_grams: chosen.billable_weight_grams,
      delivery_date: chosen.delivery_date,
      service_level: chosen.service_level,
      paid_service_level: quotes.promise.service_level,
      promised_by: quotes.promise.promised_by,
      meets_promise: chosen.meets_promise,
      customs_form: customs.form,
      duties_terms: customs.international ? customs.duties_terms : null,
    };
    if (downgrade)
      await audit(t, {
        actor: options.actor,
        action: 'shipment.service_downgraded',
        entityType: 'order',
        entityId: order.id,
        after: { shipment_id: shipment.id, tracking_number: tracking, ...downgrade },
      });
    await audit(t, {
      actor: options.actor,
      action: 'shipment.label_bought',
      entityType: 'order',
      entityId: order.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000, maxWait: 10_000 });
}

/** A bought label as the screens answer it: its shipment, tracking and cost, and where the order is now. */
export function boughtLabelSummary(label: Awaited<ReturnType<typeof buyLabel>>) {
  return {
    shipment_id: label.id,
    shipment_number: label.number,
    tracking_number: label.tracking_number,
    carrier: label.carrier,
    service: label.service,
    label_cost: label.label_cost,
    order_status: label.status,
  };
}
