import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { refundForUnits, RETURN_REASONS, spreadQuantity, type ReturnReason } from '@/lib/returns/rules';
import type { RefundDraft } from '@/lib/refunds/create-refund';
import { linesOfSku, returnLinesOf } from '@/lib/returns/lock-return';

/** What a return's units come to, before any amount override (also used by the refund form's live cap). */
export async function draftReturnRefund(
  t: Tx,
  r: { id: string; number: number; orderId: string },
  input: {
    lines?: { sku: string; quantity: number }[];
    shipping_amount?: number;
    waive_restocking_fee?: boolean;
  },
): Promise<Omit<RefundDraft, 'kind'>> {
  const lines = await returnLinesOf(t, r.id, {
    id: true,
    orderLineId: true,
    sku: true,
    reason: true,
    quantityReceived: true,
    quantityRefunded: true,
    orderLine: { select: { quantity: true, unitPrice: true, discountAmount: true, taxAmount: true } },
  });
  const open = new Map(lines.map((l) => [l.id, l.quantityReceived - l.quantityRefunded]));
  const wanted =
    input.lines ??
    lines.filter((l) => open.get(l.id)! > 0).map((l) => ({ sku: l.sku, quantity: open.get(l.id)! }));
  if (!wanted.length)
    throw new AppError('INVALID_STATE', `Return #${r.number} has no received units left to refund.`);
  const picks: { line: (typeof lines)[number]; quantity: number }[] = [];
  wanted.forEach((req, i) => {
    const candidates = linesOfSku(lines, req.sku, r, `lines.${i}.sku`);
    const { takes, short } = spreadQuantity(candidates, req.quantity, open, (l) => l.id);
    picks.push(...takes);
    if (short > 0) {
      const can = req.quantity - short;
      throw new AppError(
        'VALIDATION_FAILED',
        `Only ${can} received unit${can === 1 ? '' : 's'} of ${req.sku} can be refunded on return #${r.number}`,
        [{ field: `lines.${i}.quantity`, message: `At most ${can} (received and not refunded)` }],
      );
    }
  });
  const out: RefundDraft['lines'] = [];
  let goods = 0,
    tax = 0,
    fee = 0;
  const counted = new Map<string, number>();
  for (const p of picks) {
    // Units of this order line refunded on any return before these (and earlier in this refund),
    // so the shares of discount and tax add up exactly over the whole line.
    if (!counted.has(p.line.orderLineId)) {
      const [before] = await t.$queryRaw<
        { n: number }[]
      >`SELECT COALESCE(SUM(quantity_refunded), 0)::int AS n FROM return_lines WHERE order_line_id =
        ${p.line.orderLineId}::uuid`;
      counted.set(p.line.orderLineId, before.n);
    }
    const before = counted.get(p.line.orderLineId)!;
    counted.set(p.line.orderLineId, before + p.quantity);
    const feePercent = input.waive_restocking_fee
      ? 0
      : (RETURN_REASONS[p.line.reason as ReturnReason]?.feePercent ?? 0);
    const m = refundForUnits(p.line.orderLine, before, p.quantity, feePercent);
    out.push({
      return_line_id: p.line.id,
      order_line_id: p.line.orderLineId,
      sku: p.line.sku,
      quantity: p.quantity,
      goods: m.goods,
      tax: m.tax,
      fee: m.fee,
    });
    goods += m.goods;
    tax += m.tax;
    fee += m.fee;
  }
  let shipping = input.shipping_amount ?? 0;
  if (shipping > 0) {
    const order = await t.order.findUniqueOrThrow({
      where: { id: r.orderId },
      select: { shippingAmount: true },
    });
    const [done] = await t.$queryRaw<
      { sum: number }[]
    >`SELECT COALESCE(SUM(shipping_amount), 0)::int AS sum FROM refunds WHERE order_id =
      ${r.orderId}::uuid AND status <> 'declined'`;
    const left = order.shippingAmount - done.sum;
    if (shipping > left)
      throw new AppError('VALIDATION_FAILED', `At most ${left} of the order's shipping is left to refund.`, [
        { field: 'shipping_amount', message: `At most ${left}` },
      ]);
  } else shipping = 0;
  return { goods, tax, shipping, fee, lines: out };
}
