'use server';

import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { runAction, type ActionState } from '@/lib/server-action';
import { createSupplier, updateSupplier } from '@/lib/purchasing/save-supplier';
import { createPurchaseOrder } from '@/lib/purchasing/create-purchase-order';
import { sendPurchaseOrder } from '@/lib/purchasing/send-purchase-order';
import { cancelPurchaseOrder } from '@/lib/purchasing/cancel-purchase-order';
import { closePurchaseOrder } from '@/lib/purchasing/close-purchase-order';
import { receivePurchaseOrder } from '@/lib/purchasing/receive-purchase-order';
import { purchaseOrderByNumber, type PurchaseOrderDto } from '@/lib/purchasing/queries';
import { parsePoNumber, poLabel } from '@/lib/purchasing/rules';
import type {
  TCreatePurchaseOrderInput,
  TCreateSupplierInput,
  TReceivePurchaseOrderInput,
} from '@/lib/purchasing/schemas';

const paths = (id?: string) => {
  revalidatePath('/purchasing');
  revalidatePath('/purchasing/suppliers');
  if (id) revalidatePath(`/purchasing/${id}`);
};

/** Suppliers: the form sends typed values (numbers as numbers), validated by the same zod schema. */
export async function saveSupplierAction(
  supplierId: string | null,
  input: TCreateSupplierInput,
): Promise<ActionState<{ id: string }>> {
  return runAction(async () => {
    const user = await requirePermission('purchasing:write');
    const actor = userActor(user);
    const saved = supplierId
      ? await updateSupplier({ supplierId, input, actor })
      : await createSupplier({ input, actor });
    paths();
    revalidatePath(`/purchasing/suppliers/${saved.id}`);
    return { message: `${saved.name} saved.`, data: { id: saved.id } };
  });
}

export async function createPurchaseOrderAction(
  input: TCreatePurchaseOrderInput,
): Promise<ActionState<{ id: string }>> {
  return runAction(async () => {
    const user = await requirePermission('purchasing:write');
    const po = await createPurchaseOrder({ input, actor: userActor(user) });
    paths();
    return { message: `${po.label} drafted.`, data: { id: po.id } };
  });
}

export async function movePurchaseOrderAction(
  purchaseOrderId: string,
  move: 'send' | 'cancel' | 'close',
  reason?: string,
): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('purchasing:write');
    const actor = userActor(user);
    const po =
      move === 'send'
        ? await sendPurchaseOrder({ purchaseOrderId, actor })
        : move === 'cancel'
          ? await cancelPurchaseOrder({ purchaseOrderId, reason, actor })
          : await closePurchaseOrder({ purchaseOrderId, reason, actor });
    paths(purchaseOrderId);
    revalidatePath('/inventory');
    const said = {
      send: `${po.label} sent to ${po.supplier.email} with the PDF attached.`,
      cancel: `${po.label} cancelled.`,
      close: `${po.label} closed.`,
    };
    return { message: said[move] };
  });
}

/** The receiving screen's look-up: a scanned or typed PO number → the PO (only one that can receive). */
export async function findPurchaseOrderAction(code: string): Promise<ActionState<PurchaseOrderDto>> {
  return runAction(async () => {
    await requirePermission('purchasing:receive');
    const number = parsePoNumber(code);
    if (number === null)
      throw new AppError('VALIDATION_FAILED', `“${code}” is not a PO number. Scan the barcode on the PO.`);
    const po = await purchaseOrderByNumber(number);
    if (!po) throw new AppError('NOT_FOUND', `There is no ${poLabel(number)}.`);
    if (po.status !== 'sent' && po.status !== 'partially_received')
      throw new AppError(
        'INVALID_STATE',
        `${po.label} is ${po.status.replace('_', ' ')}: only sent or partially received POs can be received.`,
      );
    return { message: `${po.label} from ${po.supplier.name}: scan each unit, then “Receive”.`, data: po };
  });
}

export async function receivePurchaseOrderAction(
  purchaseOrderId: string,
  lines: TReceivePurchaseOrderInput['lines'],
): Promise<ActionState<PurchaseOrderDto>> {
  return runAction(async () => {
    const user = await requirePermission('purchasing:receive');
    const r = await receivePurchaseOrder({ purchaseOrderId, input: { lines }, actor: userActor(user) });
    paths(purchaseOrderId);
    revalidatePath('/inventory');
    const units = r.receipt.lines.reduce((s, l) => s + l.quantity, 0);
    return {
      message: `Receipt #${r.receipt.number}: ${units} ${units === 1 ? 'unit' : 'units'} into ${r.receipt.location}. ${r.purchase_order.label} is ${r.purchase_order.status === 'received' ? 'fully received' : 'partially received; the rest stays open'}.`,
      data: r.purchase_order,
    };
  });
}
