import { stateMachine } from '@/lib/state-machine';
import { allocate } from '@/lib/money';
import { productMinor, sumMinor } from '@/lib/boundary';

/** An order line's unit counts, as a row (camelCase) or as a DTO (snake_case). */
export type LineCounts =
  | { quantity: number; quantityFulfilled: number; quantityCancelled: number }
  | { quantity: number; quantity_fulfilled: number; quantity_cancelled: number };

/**
 * Units of an order line still to ship: ordered − fulfilled − cancelled (5 − 2 − 1 → 2). These are
 * the units the order holds reserved. SQL over order_lines says the same with openQuantitySql
 * (lib/orders/open-quantity-sql.ts).
 */
export function openQuantity(l: LineCounts): number {
  const fulfilled = 'quantityFulfilled' in l ? l.quantityFulfilled : l.quantity_fulfilled;
  const cancelled = 'quantityCancelled' in l ? l.quantityCancelled : l.quantity_cancelled;
  return l.quantity - fulfilled - cancelled;
}

export type OrderStatus =
  'pending_review' | 'open' | 'on_hold' | 'partially_fulfilled' | 'fulfilled' | 'delivered' | 'cancelled';

/**
 * Statuses whose unshipped, uncancelled units are held for the order at its location: each line
 * reserves quantity − quantity_fulfilled − quantity_cancelled (lib/inventory/verify-stock.ts checks
 * that the stock levels' reserved equals this sum).
 */
export const RESERVING_STATUSES: readonly OrderStatus[] = [
  'pending_review',
  'open',
  'on_hold',
  'partially_fulfilled',
];

/**
 * The only moves an order's status can make, by name. Anything else is INVALID_STATE.
 * (fulfil/deliver moves arrive with the fulfillment issue.)
 */
export const TRANSITIONS = {
  approve: { from: ['pending_review'], to: 'open' },
  hold: { from: ['pending_review', 'open'], to: 'on_hold' },
  release: { from: ['on_hold'], to: 'open' },
  cancel: { from: ['pending_review', 'open', 'on_hold'], to: 'cancelled' },
  /** a partly shipped order gives up its unshipped units: what shipped is the whole order */
  cancel_remaining: { from: ['partially_fulfilled'], to: 'fulfilled' },
  fulfil_partially: { from: ['open', 'partially_fulfilled'], to: 'partially_fulfilled' },
  fulfil: { from: ['open', 'partially_fulfilled'], to: 'fulfilled' },
  deliver: { from: ['fulfilled'], to: 'delivered' },
  /** a voided label: its units are back on the order; no other parcel of the order left */
  unfulfil: { from: ['partially_fulfilled', 'fulfilled'], to: 'open' },
  /** a voided label while another parcel of the order did leave */
  unfulfil_partially: { from: ['partially_fulfilled', 'fulfilled'], to: 'partially_fulfilled' },
} as const satisfies Record<string, { from: readonly OrderStatus[]; to: OrderStatus }>;
export type Transition = keyof typeof TRANSITIONS;

const orderMachine = stateMachine<OrderStatus, typeof TRANSITIONS>(TRANSITIONS, { noun: 'an order' });
export const canTransition = orderMachine.can;
/** The status after `move`, or INVALID_STATE naming what is allowed. */
export const nextStatus = orderMachine.next;

/** Moves a person may pick from the order page for an order in this status. */
export function availableMoves(status: OrderStatus): Transition[] {
  return (['approve', 'hold', 'release', 'cancel', 'cancel_remaining'] as const).filter((m) =>
    canTransition(status, m),
  );
}

export type LineInput = { quantity: number; unitPrice: number };

/**
 * Order totals in minor units: subtotal = Σ quantity × unit price; total = subtotal − discount +
 * shipping + tax. The order-level discount and tax are spread over the lines in proportion to their
 * value (largest remainder, so the lines add up exactly), for refunds per line later.
 */
export function orderTotals(
  lines: LineInput[],
  amounts: { discount: number; shipping: number; tax: number },
) {
  // Summed and checked in bigint (lib/boundary.ts): past an int4 column it is a 422, before any write.
  const lineValues = lines.map((l, i) =>
    sumMinor([productMinor(l.quantity, l.unitPrice)], `lines.${i}.unit_price`),
  );
  const subtotal = sumMinor(lineValues, 'lines');
  sumMinor([subtotal, -amounts.discount, amounts.shipping, amounts.tax], 'total');
  const weights = subtotal > 0 ? lineValues : lines.map(() => 1);
  return {
    subtotal,
    total: subtotal - amounts.discount + amounts.shipping + amounts.tax,
    lineDiscounts: allocate(amounts.discount, weights),
    lineTaxes: allocate(amounts.tax, weights),
  };
}

export type PaymentStatus =
  'unpaid' | 'partially_paid' | 'authorized' | 'paid' | 'partially_refunded' | 'refunded';

/**
 * Payment status follows the money (decision 031), amounts in minor units:
 *   refunded > 0:                      captured − refunded ≤ 0 → refunded, else partially_refunded
 *   captured ≥ total:                  paid (a zero-total order is paid)
 *   captured + authorized ≥ total, with an authorization: authorized (the whole total is secured)
 *   anything received or authorized:   partially_paid
 *   nothing:                           unpaid
 * The repro of issue 15: total 5,995 with 100 captured → partially_paid (it used to say authorized).
 */
export function paymentStatusFor(m: {
  captured: number;
  authorized: number;
  refunded: number;
  total: number;
}): PaymentStatus {
  if (m.refunded > 0) return m.captured - m.refunded <= 0 ? 'refunded' : 'partially_refunded';
  if (m.captured >= m.total) return 'paid';
  if (m.authorized > 0 && m.captured + m.authorized >= m.total) return 'authorized';
  if (m.captured > 0 || m.authorized > 0) return 'partially_paid';
  return 'unpaid';
}

/** Not paid and not authorized in full: the order waits in the payment-due hold (unless the shop ships on invoice). */
export function isPaymentDue(status: string): boolean {
  return status === 'unpaid' || status === 'partially_paid';
}

/** The hold reason of the payment-due hold; recording the payment that covers the order releases it. */
export const PAYMENT_DUE_HOLD_REASON = 'Payment due';

/** Whether an order is in the payment-due hold (a hold someone placed by hand for another reason is not). */
export function inPaymentDueHold(o: { status: string; hold_reason: string | null }): boolean {
  return o.status === 'on_hold' && o.hold_reason === PAYMENT_DUE_HOLD_REASON;
}
