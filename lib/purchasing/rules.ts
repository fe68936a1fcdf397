import { stateMachine, statusLabels } from '@/lib/state-machine';

export const PURCHASE_ORDER_STATUSES = [
  'draft',
  'sent',
  'partially_received',
  'received',
  'closed',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

export const PURCHASE_ORDER_STATUS_LABEL = statusLabels(PURCHASE_ORDER_STATUSES);

/**
 * The moves of a purchase order (decision 023):
 * - send: the PDF goes to the supplier; the PO is now on order;
 * - edit: change lines, expected date or notes; after sending it is a revision on the timeline;
 * - receive: units arrive; the status follows the open quantity (receiptStatus);
 * - cancel: only before anything arrived (draft or sent);
 * - close: stop waiting for the rest (a short shipment the supplier will not complete), or file a
 *   fully received PO away. The open rest stops counting as on order.
 */
export const PURCHASE_ORDER_TRANSITIONS = {
  send: { from: ['draft'], to: 'sent' },
  edit: { from: ['draft', 'sent'], to: null },
  receive: { from: ['sent', 'partially_received'], to: null },
  cancel: { from: ['draft', 'sent'], to: 'cancelled' },
  close: { from: ['sent', 'partially_received', 'received'], to: 'closed' },
} as const satisfies Record<string, { from: readonly PurchaseOrderStatus[]; to: PurchaseOrderStatus | null }>;
export type PurchaseOrderMove = keyof typeof PURCHASE_ORDER_TRANSITIONS;

const purchaseOrderMachine = stateMachine<PurchaseOrderStatus, typeof PURCHASE_ORDER_TRANSITIONS>(
  PURCHASE_ORDER_TRANSITIONS,
  {
    noun: 'a purchase order',
    label: (s) => PURCHASE_ORDER_STATUS_LABEL[s].toLowerCase(),
    allowed: 'only when',
  },
);
export const canMovePurchaseOrder = purchaseOrderMachine.can;
/** Refuses an illegal move with INVALID_STATE naming what is allowed; never a silent no-op. */
export const assertPurchaseOrderMove = purchaseOrderMachine.assert;

/** The status a move leads to; for `receive`, the one the quantities give. */
export function nextPurchaseOrderStatus(
  status: PurchaseOrderStatus,
  move: Exclude<PurchaseOrderMove, 'receive' | 'edit'>,
): PurchaseOrderStatus {
  return purchaseOrderMachine.next(status, move);
}

export type LineQuantities = { ordered: number; received: number; cancelled: number };

/** Units still expected on a line: ordered − cancelled − received, never below zero. */
export const openQuantity = (l: LineQuantities) => Math.max(0, l.ordered - l.cancelled - l.received);

/** Statuses whose open quantity counts as on order (incoming stock). Drafts are not yet ordered. */
export const ON_ORDER_STATUSES = [
  'sent',
  'partially_received',
] as const satisfies readonly PurchaseOrderStatus[];

/**
 * The most a line may have received in total: its ordered quantity (less cancelled) plus the
 * supplier's over-receipt tolerance, a percentage of the ordered quantity rounded down
 * (10 ordered at 10 % → 11; at 0 %, the default, exactly 10).
 */
export function receivableLimit(l: LineQuantities, tolerancePct: number): number {
  return l.ordered - l.cancelled + Math.floor((l.ordered * tolerancePct) / 100);
}

/** After a receipt: received when no line has anything open, partially received otherwise. */
export function receiptStatus(lines: LineQuantities[]): PurchaseOrderStatus {
  return lines.every((l) => openQuantity(l) === 0) ? 'received' : 'partially_received';
}

/** A PO's value: Σ (ordered − cancelled) × unit cost, minor units. */
export function purchaseOrderTotal(lines: (LineQuantities & { unit_cost: number })[]): number {
  return lines.reduce((s, l) => s + (l.ordered - l.cancelled) * l.unit_cost, 0);
}

/** How people and labels write a PO number: PO-1001. */
export const poLabel = (number: number) => `PO-${number}`;

/**
 * Reads a scanned or typed PO number: "PO-1001", "po1001", "1001" → 1001; anything else → null.
 */
export function parsePoNumber(code: string): number | null {
  const m = /^\s*(?:po[-\s#]?)?#?(\d{1,9})\s*$/i.exec(code);
  return m ? Number(m[1]) : null;
}
