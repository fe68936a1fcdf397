import { stateMachine } from '@/lib/state-machine';
import { share } from '@/lib/money';

/** Pure rules of returns, refunds and exchanges: imported by use cases and screens alike. */

export const RETURN_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'partially_received',
  'received',
  'inspected',
  'refunded',
  'exchanged',
  'closed',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/**
 * The only moves a return's status can make, by name (docs/design.md: requested → approved | rejected →
 * received (partially) → inspected → refunded | exchanged | closed). Anything else is INVALID_STATE.
 * - receive_partially / receive: a receipt that leaves approved units outstanding, or completes them;
 * - inspect: every received unit has a disposition (only from received: a partial receipt is
 *   inspected unit by unit but stays partially_received until the rest arrives or it is refunded);
 * - refund / exchange settle the units that arrived; close ends a return nobody will settle
 *   (the customer never sent it, or store policy) and also files a settled one away.
 */
export const RETURN_TRANSITIONS = {
  approve: { from: ['requested'], to: 'approved' },
  reject: { from: ['requested'], to: 'rejected' },
  receive_partially: { from: ['approved', 'partially_received'], to: 'partially_received' },
  receive: { from: ['approved', 'partially_received'], to: 'received' },
  inspect: { from: ['received'], to: 'inspected' },
  refund: { from: ['partially_received', 'received', 'inspected'], to: 'refunded' },
  exchange: { from: ['received', 'inspected'], to: 'exchanged' },
  close: {
    from: ['approved', 'partially_received', 'received', 'inspected', 'refunded', 'exchanged'],
    to: 'closed',
  },
} as const satisfies Record<string, { from: readonly ReturnStatus[]; to: ReturnStatus }>;
export type ReturnMove = keyof typeof RETURN_TRANSITIONS;

const returnMachine = stateMachine<ReturnStatus, typeof RETURN_TRANSITIONS>(RETURN_TRANSITIONS, {
  noun: 'a return',
});
export const canMoveReturn = returnMachine.can;
export const nextReturnStatus = returnMachine.next;

/**
 * Spreads a quantity asked for one SKU over the lines that carry it, in their order, each taking up
 * to what it has left in `left` (updated in place, so a SKU asked for twice does not take a unit
 * twice). `short` is what no line could take. Requesting, receiving, inspecting and refunding a
 * return all pick their lines this way. 5 over lines with 3 and 4 left → takes 3 and 2, short 0.
 */
export function spreadQuantity<L, K>(
  candidates: readonly L[],
  quantity: number,
  left: Map<K, number>,
  key: (line: L) => K,
): { takes: { line: L; quantity: number }[]; short: number } {
  const takes: { line: L; quantity: number }[] = [];
  let want = quantity;
  for (const line of candidates) {
    const take = Math.min(want, left.get(key(line)) ?? 0);
    if (take <= 0) continue;
    takes.push({ line, quantity: take });
    left.set(key(line), (left.get(key(line)) ?? 0) - take);
    want -= take;
  }
  return { takes, short: want };
}

/** An order can have a return started once some of its units have shipped. */
export const orderHasShippedUnits = (lines: readonly { quantity_fulfilled: number }[]) =>
  lines.some((l) => l.quantity_fulfilled > 0);

/** Returns whose units may still be received: approved, the parcel not (wholly) back yet. */
export const AWAITING_RECEIPT_STATUSES = ['approved', 'partially_received'] as const satisfies ReturnStatus[];
/** Units that may still be received on a return (approved units only). */
export const canReceive = (status: ReturnStatus) =>
  (AWAITING_RECEIPT_STATUSES as readonly ReturnStatus[]).includes(status);
/** Received units can be inspected until the return is settled. */
export const canInspect = (status: ReturnStatus) => status === 'partially_received' || status === 'received';

/**
 * Reason codes per line and the restocking fee each carries, in percent of the goods value. Faults
 * of the shop or the carrier cost the customer nothing; a change of mind pays for handling.
 */
export const RETURN_REASONS = {
  damaged_in_transit: { label: 'Damaged in transit', feePercent: 0 },
  defective: { label: 'Defective', feePercent: 0 },
  wrong_item: { label: 'Wrong item sent', feePercent: 0 },
  not_as_described: { label: 'Not as described', feePercent: 0 },
  does_not_fit: { label: 'Does not fit', feePercent: 0 },
  changed_mind: { label: 'Changed mind', feePercent: 15 },
  other: { label: 'Other', feePercent: 0 },
} as const;
export type ReturnReason = keyof typeof RETURN_REASONS;
export const RETURN_REASON_CODES = Object.keys(RETURN_REASONS) as [ReturnReason, ...ReturnReason[]];

export const DISPOSITIONS = ['restock', 'damaged', 'scrap'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * The part of a total that k more units carry when `before` units were already counted, out of n:
 * share(total, before + k, n) − share(total, before, n). Summed over every unit of a line this is
 * exactly the total, so refunding a line one unit at a time never leaves a cent behind or over.
 */
export function slice(total: number, before: number, k: number, n: number): number {
  return share(total, before + k, n) - share(total, before, n);
}

export type RefundableLine = {
  quantity: number;
  unitPrice: number;
  discountAmount: number;
  taxAmount: number;
};

/**
 * Money for `k` units of an order line of which `before` were refunded already:
 *   goods = k × unit price − the units' share of the line discount
 *   tax   = the units' share of the line tax
 *   fee   = round(goods × fee% / 100) (restocking fee by reason)
 * WORKED EXAMPLE: line 3 × 2,000 with discount 300 and tax 480; refund 1 unit, none before, reason
 * changed_mind (15 %): goods = 2,000 − slice(300, 0, 1, 3) = 2,000 − 100 = 1,900; tax = 160;
 * fee = round(1,900 × 0.15) = 285; to the customer 1,900 + 160 − 285 = 1,775.
 */
export function refundForUnits(line: RefundableLine, before: number, k: number, feePercent: number) {
  const goods = k * line.unitPrice - slice(line.discountAmount, before, k, line.quantity);
  const tax = slice(line.taxAmount, before, k, line.quantity);
  const fee = share(goods, feePercent, 100);
  return { goods, tax, fee };
}

/**
 * How an exchange settles: the credit of the units sent back pays the replacement order first.
 *   difference = replacement total − credit
 *   difference > 0: the customer is charged it; difference < 0: the rest of the credit is refunded.
 */
export function exchangeSettlement(credit: number, replacementTotal: number) {
  const applied = Math.min(credit, replacementTotal);
  const difference = replacementTotal - credit;
  return { applied, difference, charge: Math.max(difference, 0), refund: Math.max(-difference, 0) };
}

/**
 * The return number a scan at the receiving desk names, if it names one: "RMA-12", "RMA 12", "RETURN #12"
 * (the return label's reference), "#12" or "12". Anything else may be a return label's tracking number.
 */
export function rmaNumberFromScan(code: string): number | null {
  const m = /^(?:RMA|RETURN|R)?\s*[#-]?\s*(\d{1,9})$/i.exec(code.trim());
  return m ? Number(m[1]) : null;
}

/** Ticket tags that say why the customer sends the item back, and the reason each preselects. */
const TAG_REASON: Record<string, ReturnReason> = {
  damaged: 'damaged_in_transit',
  damage: 'damaged_in_transit',
  broken: 'damaged_in_transit',
  defective: 'defective',
  faulty: 'defective',
  'wrong-item': 'wrong_item',
  wrong_item: 'wrong_item',
  'not-as-described': 'not_as_described',
  'does-not-fit': 'does_not_fit',
  sizing: 'does_not_fit',
  'changed-mind': 'changed_mind',
};

/**
 * The reason a return started from a ticket preselects: the first of the ticket's tags that names one
 * (a ticket tagged "damaged" → Damaged in transit), else Defective, the most common. A preselection only:
 * the agent can change it per line.
 */
export function returnReasonForTags(tags: readonly string[]): ReturnReason {
  for (const tag of tags) {
    const reason = TAG_REASON[tag.trim().toLowerCase()];
    if (reason) return reason;
  }
  return 'defective';
}
