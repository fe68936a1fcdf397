import 'server-only';
import { recordPayment } from '@/lib/orders/record-payment';
import { db, type Tx } from '@/lib/db';
import { auditReturn } from '@/lib/returns/audit-return';
import { AppError } from '@/lib/errors';
import { ZAddress } from '@/lib/address';
import type { Actor } from '@/lib/auth/actor';
import { formatMoney } from '@/lib/money';
import { createOrder } from '@/lib/orders/create-order';
import { resolveSkus } from '@/lib/inventory/stock';
import { customerOf, lockReturn } from '@/lib/returns/lock-return';
import { notifyCustomer } from '@/lib/returns/notify';
import { exchangeSettlement, nextReturnStatus } from '@/lib/returns/rules';
import { share } from '@/lib/money';
import { returnDetail, type ReturnDto } from '@/lib/returns/queries';
import { ZExchangeReturnInput, type TExchangeReturnInput } from '@/lib/returns/schemas';
import { createRefund } from '@/lib/refunds/create-refund';
import { draftReturnRefund } from '@/lib/refunds/draft-return-refund';

export type ExchangeResult = ReturnDto & {
  settlement: {
    credit: number;
    replacement_total: number;
    applied: number;
    difference: number;
    charged: number;
    refunded: number;
  };
};

/**
 * Exchanges a return's received units for a replacement order, one transaction:
 * 1. credit = what the units would refund (price − discount share + tax share; no restocking fee);
 *    posted on the original order as an exchange refund (Dr Sales returns, Dr Tax / Cr clearing);
 * 2. a replacement order (lib/orders/create-order: stock reserved, sale posted) at current prices,
 *    taxed at the original order's effective rate (tax ÷ (subtotal − discount)), paid first by the
 *    credit (a captured "exchange_credit" payment: Dr clearing / Cr receivable);
 * 3. the difference: replacement total − credit > 0 is charged to the customer (a captured payment);
 *    < 0 the rest of the credit goes back to the customer (clearing nets to it).
 * WORKED EXAMPLE in tests/integration/returns/returns.test.ts ("exchange").
 */
export async function exchangeReturn(
  options: { returnId: string; input: TExchangeReturnInput; actor: Actor },
  tx?: Tx,
): Promise<ExchangeResult> {
  const input = ZExchangeReturnInput.parse(options.input);
  const run = async (t: Tx) => {
    const r = await lockReturn(t, options.returnId);
    const status = nextReturnStatus(r.status, 'exchange');
    const draft = await draftReturnRefund(t, r, { waive_restocking_fee: true });
    const credit = draft.goods + draft.tax;
    const original = await t.order.findUniqueOrThrow({
      where: { id: r.orderId },
      select: {
        currency: true,
        email: true,
        subtotal: true,
        discountAmount: true,
        taxAmount: true,
        shippingAddress: true,
        customer: { select: { firstName: true, lastName: true } },
      },
    });
    const variants = await resolveSkus(
      t,
      input.lines.map((l, i) => ({ sku: l.sku, field: `lines.${i}.sku` })),
    );
    const lines = input.lines.map((l) => ({
      sku: l.sku,
      quantity: l.quantity,
      unit_price: variants.get(l.sku)!.price,
    }));
    const subtotal = lines.reduce((s, l) => s + l.quantity * l.unit_price, 0);
    const taxable = original.subtotal - original.discountAmount;
    const tax = taxable > 0 ? share(original.taxAmount, subtotal, taxable) : 0;
    const total = subtotal + tax;
    const s = exchangeSettlement(credit, total);

    const refund = await createRefund(
      t,
      r.order,
      {
        ...draft,
        kind: 'exchange',
        returnId: r.id,
        ticketId: r.ticketId,
        reason: `Exchange, return #${r.number}`,
        skipApproval: true,
      },
      options.actor,
    );
    const replacement = await createOrder(
      {
        input: {
          channel: 'manual',
          external_id: `exchange-R${r.number}`,
          currency: original.currency,
          customer: {
            email: original.email,
            name: `${original.customer.firstName} ${original.customer.lastName}`.trim(),
          },
          shipping_address: ZAddress.parse(original.shippingAddress),
          lines,
          tax_amount: tax,
          ...(s.applied > 0
            ? {
                payment: {
                  method: 'exchange_credit',
                  amount: s.applied,
                  status: 'captured' as const,
                  fee: 0,
                },
              }
            : {}),
          note: `Replacement for return #${r.number} of order #${r.order.number}`,
        },
        actor: options.actor,
      },
      t,
    );
    let replacementStatus: string = replacement.status;
    if (s.charge > 0) {
      // The customer pays the difference (card on file; a real processor call plugs in here). Recorded
      // as a payment, so the payment-due hold the replacement was taken into is released (decision 031).
      const paid = await recordPayment(
        {
          orderId: replacement.id,
          input: { amount: s.charge, method: 'card', status: 'captured', fee: 0 },
          actor: options.actor,
        },
        t,
      );
      replacementStatus = paid.status;
    }
    if (replacementStatus !== 'open' && replacementStatus !== 'pending_review')
      throw new AppError('INVALID_STATE', 'The replacement order could not be opened.');
    await t.return.update({
      where: { id: r.id },
      data: { status, exchangeOrderId: replacement.id },
      select: { id: true },
    });
    const settlement = {
      credit,
      replacement_total: total,
      applied: s.applied,
      difference: s.difference,
      charged: s.charge,
      refunded: s.refund,
    };
    const customer = await customerOf(t, r.orderId);
    await notifyCustomer(t, {
      template: 'exchange_created',
      to: customer.email,
      orderId: r.orderId,
      returnId: r.id,
      ticketId: r.ticketId,
      dedupeKey: `return:${r.id}:exchanged`,
      data: {
        customer_name: customer.name,
        order_number: customer.orderNumber,
        return_number: r.number,
        replacement_order_number: replacement.number,
        lines: replacement.lines.map((l) => ({ sku: l.sku, name: l.name, quantity: l.quantity })),
        credit_formatted: formatMoney(credit, original.currency),
        charged_formatted: s.charge ? formatMoney(s.charge, original.currency) : null,
        refunded_formatted: s.refund ? formatMoney(s.refund, original.currency) : null,
      },
    });
    await auditReturn(t, {
      actor: options.actor,
      action: 'return.exchanged',
      return: r,
      status,
      details: {
        exchange_order_id: replacement.id,
        exchange_order_number: replacement.number,
        refund_id: refund.refund.id,
        ...settlement,
      },
    });
    return { ...(await returnDetail(r.id, t))!, settlement };
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
