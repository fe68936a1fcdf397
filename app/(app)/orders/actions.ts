'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { runAction, type ActionState } from '@/lib/server-action';
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
export async function changeOrderStatusAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('orders:write');
    const move = ZMove.safeParse(field(formData, 'move'));
    if (!move.success) throw new AppError('BAD_REQUEST', 'Unknown action.');
    const orderId = field(formData, 'orderId');
    const result = await changeOrderStatus({
      orderId,
      move: move.data,
      reason: field(formData, 'reason').trim() || undefined,
      actor: userActor(user),
    });
    revalidatePath(orderPath(orderId));
    revalidatePath('/orders');
    return {
      message: `Order #${result.number} ${MOVE_DONE[move.data]}. Status: ${STATUS_LABEL[result.status] ?? result.status}.`,
    };
  });
}

/**
 * Cancels, with a reason, an order nothing of which has shipped, or the unshipped rest of a partly
 * shipped one (cancelOrder decides by status): orders:cancel (support may).
 */
export async function cancelOrderAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('orders:cancel');
    const parsed = ZReasonInput.safeParse({ reason: field(formData, 'reason') });
    if (!parsed.success) throw validationError(parsed.error);
    const orderId = field(formData, 'orderId');
    const result = await cancelOrder({ orderId, reason: parsed.data.reason, actor: userActor(user) });
    revalidatePath(orderPath(orderId));
    revalidatePath('/orders');
    if (result.status === 'fulfilled') {
      return {
        message: `Order #${result.number}: the unshipped units are cancelled and their stock released${result.refunded > 0 ? '; the overpayment is refunded' : ''}. What shipped is the whole order.`,
      };
    }
    return {
      message: `Order #${result.number} cancelled; its stock is released${result.refunded > 0 ? ' and the captured payment returned' : ''}.`,
    };
  });
}

/**
 * A staff note on the order's timeline. orders:create, not orders:write: support agents take and
 * cancel orders and must be able to write down why (docs/decisions/007-orders-screens.md).
 */
export async function addOrderNoteAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('orders:create');
    const orderId = field(formData, 'orderId');
    await addOrderNote({ orderId, note: field(formData, 'note'), actor: userActor(user) });
    revalidatePath(orderPath(orderId));
    return { message: 'Note added to the timeline.' };
  });
}

/**
 * The manual order form: parses the typed form (amounts in the shop currency), creates the order
 * on channel 'manual' as the signed-in user, and goes to the new order. Errors come back keyed by
 * the form's own fields and rows, OUT_OF_STOCK beside each short line's quantity.
 */
export async function createManualOrderAction(
  _prev: ActionState<{ id: string }>,
  formData: FormData,
): Promise<ActionState<{ id: string }>> {
  const state = await runAction<{ id: string }>(async () => {
    const user = await requirePermission('orders:create');
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
      const order = await createOrder({ input, actor: userActor(user) });
      revalidatePath('/orders');
      return { message: `Order #${order.number} created.`, data: { id: order.id } };
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') throw error; // runAction logs the original
      throw formError(appError, input, rowOf);
    }
  });
  // redirect() throws by design, so it runs after runAction has turned errors into the form's state.
  if (state?.ok && state.data) redirect(orderPath(state.data.id));
  return state;
}

/** Saves the list's current filters under a name for the signed-in user. */
export async function saveViewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('orders:read');
    const view = await saveView({
      userId: user.id,
      input: { name: field(formData, 'name'), query: field(formData, 'query') },
      actor: userActor(user),
    });
    revalidatePath('/orders');
    return { message: view.replaced ? `View “${view.name}” updated.` : `View “${view.name}” saved.` };
  });
}

export async function deleteViewAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('orders:read');
    const view = await deleteView({
      userId: user.id,
      viewId: field(formData, 'viewId'),
      actor: userActor(user),
    });
    revalidatePath('/orders');
    return { message: `View “${view.name}” deleted.` };
  });
}

/** Customers matching what was typed (up to 10), to fill a manual order in. */
export async function searchCustomersAction(text: string): Promise<ActionState<CustomerMatch[]>> {
  return runAction(async () => {
    await requirePermission('orders:create');
    const data = await customerSearch(String(text ?? ''), { limit: 10 });
    return { message: `${data.length} found`, data };
  });
}

/** Variants matching a SKU, barcode or name (up to 10) with price and stock at the fulfilling location. */
export async function lookupSkuAction(text: string): Promise<ActionState<LineLookupRow[]>> {
  return runAction(async () => {
    await requirePermission('orders:create');
    const data = await orderLineLookup(String(text ?? ''), { limit: 10 });
    return { message: `${data.length} found`, data };
  });
}
