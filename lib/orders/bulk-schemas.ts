import { z } from 'zod';
import { zUuid } from '@/lib/boundary';
import type { Permission } from '@/lib/auth/permissions';

/**
 * The order list's bulk actions (decision 039). Each one runs an order through the use case its own
 * page uses, one transaction per order, so an order either changes completely or not at all and one
 * order's refusal never stops the others. Printing is a document, not a change: see BULK_DOCUMENTS.
 */
export const BULK_ORDER_ACTIONS = {
  approve: { label: 'Approve', permission: 'orders:write', reason: false, done: 'approved' },
  hold: { label: 'Hold', permission: 'orders:write', reason: true, done: 'put on hold' },
  cancel: { label: 'Cancel', permission: 'orders:cancel', reason: true, done: 'cancelled' },
  labels: { label: 'Buy labels', permission: 'fulfillment:write', reason: false, done: 'label bought' },
} as const satisfies Record<string, { label: string; permission: Permission; reason: boolean; done: string }>;
export type BulkOrderAction = keyof typeof BULK_ORDER_ACTIONS;
export const BULK_ORDER_ACTION_KEYS = Object.keys(BULK_ORDER_ACTIONS) as BulkOrderAction[];

/** One document of many orders, opened in a new tab: the pick list and the packing slips. */
export const BULK_DOCUMENTS = {
  'pick-list': { label: 'Print pick list', permission: 'fulfillment:write' },
  'packing-slips': { label: 'Print packing slips', permission: 'fulfillment:write' },
  /** every label bought for the orders (not voided), each followed by its customs papers (decision 040) */
  labels: { label: 'Print labels', permission: 'fulfillment:write' },
} as const satisfies Record<string, { label: string; permission: Permission }>;
export type BulkDocument = keyof typeof BULK_DOCUMENTS;

/** Orders a step acts on at most; the screen sends the next step when one answers (progress). */
export const BULK_STEP_SIZE = 10;
/** Orders one bulk document holds at most (a pick list of more is no longer one walk). */
export const BULK_DOCUMENT_MAX = 200;

/**
 * One step of a bulk action: the selected orders' ids (at most a step's worth), or the list's filter
 * as its query string (`status=pending_review&channel=web`: "all matching" sends the filter, not the
 * ids) with the cursor the previous step answered.
 */
export const ZBulkOrderStep = z
  .object({
    action: z.enum(BULK_ORDER_ACTION_KEYS as [BulkOrderAction, ...BulkOrderAction[]]),
    reason: z.string().trim().max(500, 'At most 500 characters').optional(),
    ids: z.array(zUuid()).max(BULK_STEP_SIZE, `At most ${BULK_STEP_SIZE} orders a step`).optional(),
    filter: z.string().max(2000, 'At most 2000 characters').optional(),
    cursor: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.ids?.length && v.filter === undefined)
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Select at least one order' });
    if (BULK_ORDER_ACTIONS[v.action].reason && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Give a reason' });
  });
export type TBulkOrderStep = z.output<typeof ZBulkOrderStep>;

/** What happened to one order. */
export type BulkOrderResult =
  | { order_id: string; number: number; ok: true; status: string; message: string }
  | { order_id: string; number: number | null; ok: false; code: string; message: string };

export type BulkStepResult = { results: BulkOrderResult[]; next_cursor: string | null };
