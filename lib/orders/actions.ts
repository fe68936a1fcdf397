'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { action, callAction } from '@/lib/server-action';
import { AppError, toAppError, validationError } from '@/lib/errors';
import { shopSettings } from '@/lib/settings/queries';
import { ZCreateOrderInput, ZReasonInput } from '@/lib/orders/schemas';
import { createOrder } from '@/lib/orders/create-order';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { cancelOrder } from '@/lib/orders/cancel-order';
import { addOrderNote } from '@/lib/orders/add-order-note';
import { saveView } from '@/lib/orders/save-view';
import { deleteView } from '@/lib/orders/delete-view';
import { orderLineLookup, type LineLookupRow } from '@/lib/orders/line-lookup';
import { buildManualOrder, formError, manualOrderFromForm } from '@/lib/orders/manual-order-form';
import { customerSearch, type CustomerMatch } from '@/lib/customers/queries';
import { STATUS_LABEL } from '@/lib/orders/labels';
import { formText } from '@/lib/form-data';

const field = (formData: FormData, name: string) => formText(formData, name);
const orderPath = (id: string) => `/orders/${encodeURIComponent(id)}`;

const ZMove = z.enum(['approve', 'hold', 'release']);
const MOVE_DONE = {
  approve: 'approved: it is open for fulfillment',
  hold: 'put on hold',
  release: 'released from hold',
} as const;

/** Approve (after fraud review), hold with a reason, or release a hold: orders:write. */
export const changeOrderStatusAction = action({ permission: 'orders:write' }, async ({ actor, formData }) => {
  const move = ZMove.safeParse(field(formData, 'move'));
  if (!move.success) throw new AppError('BAD_REQUEST', 'Unknown action.');
  const orderId = field(formData, 'orderId');
  const result = await changeOrderStatus({
    orderId,
    move: move.data,
    reason: field(formData, 'reason').trim() || undefined,
    actor,
  });
  revalidatePath(orderPath(orderId));
  revalidatePath('/orders');
  const status = STATUS_LABEL[result.status] ?? result.status;
  return { message: `Order #${result.number} ${MOVE_DONE[move.data]}. Status: ${status}.` };
});

/**
 * Cancels, with a reason, an order nothing of which has shipped, or the unshipped rest of a partly
 * shipped one (cancelOrder decides by status): orders:cancel (support may).
 */
export const cancelOrderAction = action({ permission: 'orders:cancel' }, async ({ actor, formData }) => {
  const parsed = ZReasonInput.safeParse({ reason: field(formData, 'reason') });
  if (!parsed.success) throw validationError(parsed.error);
  const orderId = field(formData, 'orderId');
  const result = await cancelOrder({ orderId, reason: parsed.data.reason, actor });
  revalidatePath(orderPath(orderId));
  revalidatePath('/orders');
  if (result.status === 'fulfilled') {
    const refund = result.refunded > 0 ? '; the overpayment is refunded' : '';
    return {
      message:
        `Order #${result.number}: the unshipped units are cancelled and their stock released${refund}.` +
        ' What shipped is the whole order.',
    };
  }
  const refund = result.refunded > 0 ? ' and the captured payment returned' : '';
  return { message: `Order #${result.number} cancelled; its stock is released${refund}.` };
});

/**
 * A staff note on the order's timeline. orders:create, not orders:write: support agents take and
 * cancel orders and must be able to write down why (docs/decisions/007-orders-screens.md).
 */
export const addOrderNoteAction = action({ permission: 'orders:create' }, async ({ actor, formData }) => {
  const orderId = field(formData, 'orderId');
  await addOrderNote({ orderId, note: field(formData, 'note'), actor });
  revalidatePath(orderPath(orderId));
  return { message: 'Note added to the timeline.' };
});

/**
 * The manual order form: parses the typed form (amounts in the shop currency), creates the order
 * on channel 'manual' as the signed-in user, and goes to the new order. Errors come back keyed by
 * the form's own fields and rows, OUT_OF_STOCK beside each short line's quantity.
 */
export const createManualOrderAction = action<{ id: string }>(
  { permission: 'orders:create' },
  async ({ actor, formData }) => {
    const { currency } = await shopSettings();
    const { input, issues, rowOf } = buildManualOrder(manualOrderFromForm(formData), currency);
    try {
      const parsed = ZCreateOrderInput.safeParse(input);
      const all = [
        ...issues,
        ...(parsed.success
          ? []
          : (validationError(parsed.error).details as { field: string; message: string }[])),
      ];
      if (all.length) throw new AppError('VALIDATION_FAILED', 'Check the highlighted fields.', all);
      const order = await createOrder({ input, actor });
      revalidatePath('/orders');
      return {
        message: `Order #${order.number} created.`,
        data: { id: order.id },
        redirectTo: orderPath(order.id),
      };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') throw error; // runAction logs the original
      throw formError(appError, input, rowOf);
    }
  },
);

/** Saves the list's current filters under a name for the signed-in user. */
export const saveViewAction = action({ permission: 'orders:read' }, async ({ user, actor, formData }) => {
  const view = await saveView({
    userId: user.id,
    input: { name: field(formData, 'name'), query: field(formData, 'query') },
    actor,
  });
  revalidatePath('/orders');
  return { message: view.replaced ? `View “${view.name}” updated.` : `View “${view.name}” saved.` };
});

export const deleteViewAction = action({ permission: 'orders:read' }, async ({ user, actor, formData }) => {
  const view = await deleteView({ userId: user.id, viewId: field(formData, 'viewId'), actor });
  revalidatePath('/orders');
  return { message: `View “${view.name}” deleted.` };
});

/** Customers matching what was typed (up to 10), to fill a manual order in. */
export const searchCustomersAction = callAction<[text: string], CustomerMatch[]>(
  { permission: 'orders:create' },
  async (_ctx, text) => {
    const data = await customerSearch(String(text ?? ''), { limit: 10 });
    return { message: `${data.length} found`, data };
  },
);

/** Variants matching a SKU, barcode or name (up to 10) with price and stock at the fulfilling location. */
export const lookupSkuAction = callAction<[text: string], LineLookupRow[]>(
  { permission: 'orders:create' },
  async (_ctx, text) => {
    const data = await orderLineLookup(String(text ?? ''), { limit: 10 });
    return { message: `${data.length} found`, data };
  },
);
