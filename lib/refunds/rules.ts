import { share } from '@/lib/money';

/**
 * Pure rules of refunds, imported by the use cases and the refund forms alike (docs/decisions/012).
 * Amounts are minor units of the order's currency.
 */

/** The parts a refund is made of: goods, tax and shipping given back, less the restocking fee kept. */
export type RefundParts = { goods: number; tax: number; shipping: number; fee: number };

/** What a refund comes to: goods + tax + shipping − restocking fee. 1,900 + 160 + 0 − 285 → 1,775. */
export function refundTotal(p: RefundParts): number {
  return p.goods + p.tax + p.shipping - p.fee;
}

/**
 * The most an order can still give back: what it has paid and not had refunded, less what waits for
 * approval (never below 0); for a return's units also no more than they come to (`units`).
 * refundCap({ amountPaid: 5,000, pending: 1,200 }) → 3,800; with units 2,000 → 2,000.
 */
export function refundCap(o: { amountPaid: number; pending?: number; units?: number }): number {
  const left = Math.max(o.amountPaid - (o.pending ?? 0), 0);
  return o.units === undefined ? left : Math.min(left, o.units);
}

/**
 * A refund of less than its parts come to (a partial refund): tax, shipping and fee are scaled to
 * `amount` (rounded half away from zero) and the goods take the rest, so the parts add up to it.
 * Parts 1,900 / 160 / 0 / 285 (total 1,775) scaled to 1,000: tax round(160 × 1,000 / 1,775) = 90,
 * fee round(285 × 1,000 / 1,775) = 161, goods 1,000 − 90 − 0 + 161 = 1,071.
 */
export function scaleRefund(p: RefundParts, amount: number): RefundParts {
  const total = refundTotal(p);
  const tax = share(p.tax, amount, total);
  const shipping = share(p.shipping, amount, total);
  const fee = share(p.fee, amount, total);
  return { tax, shipping, fee, goods: amount - tax - shipping + fee };
}

/** An order can be refunded (with or without a return) while it has money paid and not refunded. */
export const orderHasMoneyToRefund = (order: { amount_paid: number }) => order.amount_paid > 0;

/** Payment status once `refunded` of `paid` (captured) has gone back. */
export function paymentStatusAfterRefund(amountPaidLeft: number): 'partially_refunded' | 'refunded' {
  return amountPaidLeft <= 0 ? 'refunded' : 'partially_refunded';
}

/**
 * Whether a refund needs a manager: an actor without refunds:approve (a support agent, or an API key
 * without that scope) may issue up to the shop's support refund limit; above it the refund waits.
 */
export function needsApproval(amount: number, limit: number, canApprove: boolean): boolean {
  return !canApprove && amount > limit;
}
