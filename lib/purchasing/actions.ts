'use server';

import { revalidatePath } from 'next/cache';
import { AppError } from '@/lib/errors';
import { callAction } from '@/lib/server-action';
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
export const saveSupplierAction = callAction<
  [supplierId: string | null, input: TCreateSupplierInput],
  { id: string }
>({ permission: 'purchasing:write' }, async ({ actor }, supplierId, input) => {
  const saved = supplierId
    ? await updateSupplier({ supplierId, input, actor })
    : await createSupplier({ input, actor });
  paths();
  revalidatePath(`/purchasing/suppliers/${saved.id}`);
  return { message: `${saved.name} saved.`, data: { id: saved.id } };
});

export const createPurchaseOrderAction = callAction<[input: TCreatePurchaseOrderInput], { id: string }>(
  { permission: 'purchasing:write' },
  async ({ actor }, input) => {
    const po = await createPurchaseOrder({ input, actor });
    paths();
    return { message: `${po.label} drafted.`, data: { id: po.id } };
  },
);

export const movePurchaseOrderAction = callAction<
  [purchaseOrderId: string, move: 'send' | 'cancel' | 'close', reason?: string],
  undefined
>({ permission: 'purchasing:write' }, async ({ actor }, purchaseOrderId, move, reason?) => {
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

/** The receiving screen's look-up: a scanned or typed PO number → the PO (only one that can receive). */
export const findPurchaseOrderAction = callAction<[code: string], PurchaseOrderDto>(
  { permission: 'purchasing:receive' },
  async (_ctx, code) => {
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
  },
);

export const receivePurchaseOrderAction = callAction<
  [purchaseOrderId: string, lines: TReceivePurchaseOrderInput['lines']],
  PurchaseOrderDto
>({ permission: 'purchasing:receive' }, async ({ actor }, purchaseOrderId, lines) => {
  const r = await receivePurchaseOrder({ purchaseOrderId, input: { lines }, actor });
  paths(purchaseOrderId);
  revalidatePath('/inventory');
  const units = r.receipt.lines.reduce((s, l) => s + l.quantity, 0);
  return {
    message:
      `Receipt #${r.receipt.number}: ${units} ${units === 1 ? 'unit' : 'units'} ` +
      `into ${r.receipt.location}. ${r.purchase_order.label} ` +
      `is ${r.purchase_order.status === 'received' ? 'fully received' : 'partially received; the rest stays open'}.`,
    data: r.purchase_order,
  };
});
