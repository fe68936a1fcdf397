import 'server-only';
import type { Tx } from '@/lib/db';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import type { PostEntryInput } from '@/lib/ledger/post-entry';
import { postOrderEntry } from '@/lib/ledger/post-foreign-entry';

/**
 * Posting rules for orders (accrual basis, revenue at order intake):
 *   sale:     Dr Accounts receivable total, Dr Sales discounts discount
 *             / Cr Sales revenue subtotal, Cr Shipping revenue shipping, Cr Sales tax payable tax
 *   capture:  Dr Payment processor clearing amount / Cr Accounts receivable amount
 *   fee:      Dr Payment processing fees fee / Cr Payment processor clearing fee
 * Cancelling reverses the sale and returns captured money (Dr Accounts receivable / Cr clearing);
 * processor fees are not returned by processors, so they stay as an expense.
 * The amounts are the order's, in its currency; an order in another currency posts at its carried
 * rate (lib/ledger/post-foreign-entry.ts postOrderEntry, decision 035).
 */
type OrderRef = { id: string; number: number | string };
type EntryDraft = Omit<PostEntryInput, 'actor'>;

/** The sale's entry. `number` may be '{number}' when the database assigns it (lib/orders/take-order.ts). */
export function saleEntry(
  o: OrderRef & { subtotal: number; discount: number; shipping: number; tax: number; total: number },
): EntryDraft {
  return {
    memo: `Sale, order #${o.number}`,
    source: { type: 'order', id: o.id },
    lines: [
      dr(ACCOUNTS.receivable, o.total),
      dr(ACCOUNTS.discounts, o.discount),
      cr(ACCOUNTS.sales, o.subtotal),
      cr(ACCOUNTS.shippingRevenue, o.shipping),
      cr(ACCOUNTS.salesTax, o.tax),
    ],
  };
}

/** The capture's entry, with the processor's fee. */
export function captureEntry(o: OrderRef, amount: number, fee: number): EntryDraft {
  return {
    memo: `Payment captured, order #${o.number}`,
    source: { type: 'payment', id: o.id },
    lines: [
      dr(ACCOUNTS.clearing, amount),
      cr(ACCOUNTS.receivable, amount),
      dr(ACCOUNTS.paymentFees, fee, 'processor fee'),
      cr(ACCOUNTS.clearing, fee),
    ],
  };
}

export async function postCapture(
  tx: Tx,
  o: { id: string; number: number },
  amount: number,
  fee: number,
  actor: Actor,
) {
  return postOrderEntry(tx, o.id, { ...captureEntry(o, amount, fee), actor });
}

export async function postCaptureReturned(
  tx: Tx,
  o: { id: string; number: number },
  amount: number,
  actor: Actor,
) {
  return postOrderEntry(tx, o.id, {
    memo: `Captured payment returned on cancellation, order #${o.number}`,
    source: { type: 'payment', id: o.id },
    actor,
    lines: [dr(ACCOUNTS.receivable, amount), cr(ACCOUNTS.clearing, amount)],
  });
}
