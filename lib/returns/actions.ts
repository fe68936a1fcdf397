'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { action, parseInput } from '@/lib/server-action';
import { AppError, toAppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money';
import { requestReturn } from '@/lib/returns/request-return';
import { ZCreateReturnInput } from '@/lib/returns/schemas';
import { approveReturn } from '@/lib/returns/approve-return';
import { rejectReturn } from '@/lib/returns/reject-return';
import { receiveReturn } from '@/lib/returns/receive-return';
import { inspectReturn } from '@/lib/returns/inspect-return';
import { closeReturn } from '@/lib/returns/close-return';
import { exchangeReturn } from '@/lib/returns/exchange-return';
import { scanToSku } from '@/lib/returns/scan';
import { formText } from '@/lib/form-data';

// Refunds (of a return, goodwill, a manager's decision) are lib/refunds/actions.ts.
const field = (f: FormData, name: string) => formText(f, name);
const all = (f: FormData, name: string) => f.getAll(name).map(String);
const optional = (f: FormData, name: string) => field(f, name).trim() || undefined;
const returnPath = (id: string) => `/returns/${encodeURIComponent(id)}`;

function touch(returnId: string, orderId?: string) {
  revalidatePath(returnPath(returnId));
  revalidatePath('/returns');
  if (orderId) revalidatePath(`/orders/${orderId}`);
}

/** Start a return from the order page or a ticket: returns:request. Lines with quantity 0 are left out. */
export const requestReturnAction = action({ permission: 'returns:request' }, async ({ actor, formData }) => {
  const skus = all(formData, 'sku');
  const quantities = all(formData, 'quantity');
  const reasons = all(formData, 'reason');
  const lines = skus
    .map((sku, i) => ({ sku, quantity: Number(quantities[i] || 0), reason: reasons[i] }))
    .filter((l) => l.quantity > 0);
  if (!lines.length)
    throw new AppError('VALIDATION_FAILED', 'Choose at least one unit to return.', [
      { field: 'lines', message: 'Choose at least one unit' },
    ]);
  const created = await requestReturn({
    input: parseInput(ZCreateReturnInput, {
      order_id: field(formData, 'orderId'),
      ticket_id: optional(formData, 'ticketId'),
      resolution: field(formData, 'resolution') || 'refund',
      note: optional(formData, 'note'),
      lines,
    }),
    actor,
  });
  touch(created.id, created.order_id);
  return { message: `Return #${created.number} requested.`, redirectTo: returnPath(created.id) };
});

export const approveReturnAction = action({ permission: 'returns:request' }, async ({ actor, formData }) => {
  const r = await approveReturn({
    returnId: field(formData, 'returnId'),
    input: { message: optional(formData, 'message'), issue_label: formData.get('issueLabel') === 'on' },
    actor,
  });
  touch(r.id, r.order_id);
  const label = r.label ? ` with a ${r.label.carrier} label` : '';
  return { message: `Return #${r.number} approved${label}; the customer has been emailed.` };
});

export const rejectReturnAction = action({ permission: 'returns:request' }, async ({ actor, formData }) => {
  const r = await rejectReturn({
    returnId: field(formData, 'returnId'),
    input: { message: field(formData, 'message') },
    actor,
  });
  touch(r.id, r.order_id);
  return { message: `Return #${r.number} rejected; the customer has been told why.` };
});

export const closeReturnAction = action({ permission: 'returns:request' }, async ({ actor, formData }) => {
  const r = await closeReturn({
    returnId: field(formData, 'returnId'),
    note: optional(formData, 'note'),
    actor,
  });
  touch(r.id, r.order_id);
  return { message: `Return #${r.number} closed.` };
});

export type ScanState = { ok: boolean; message: string; at: number } | null;

/** One scan at the receiving station = one unit received (a SKU or a barcode): returns:receive. */
export async function receiveScanAction(_prev: ScanState, formData: FormData): Promise<ScanState> {
  try {
    const user = await requirePermission('returns:receive');
    const returnId = field(formData, 'returnId');
    const code = field(formData, 'code').trim();
    if (!code)
      return {
        ok: false,
        message: 'Scan an item barcode or type its SKU, then press Enter.',
        at: Date.now(),
      };
    const sku = await scanToSku(returnId, code);
    const r = await receiveReturn({
      returnId,
      input: { lines: [{ sku, quantity: 1 }] },
      actor: userActor(user),
    });
    touch(r.id, r.order_id);
    const line = r.lines.find((l) => l.sku === sku)!;
    const arrived = r.status === 'received' ? 'Everything approved has arrived.' : '';
    const message = `Received 1 × ${sku} (${line.quantity_received} of ${line.quantity}). ${arrived}`.trim();
    return { ok: true, message, at: Date.now() };
  } catch (error) {
    return { ok: false, message: toAppError(error).message, at: Date.now() };
  }
}

const ZDisposition = z.enum(['restock', 'damaged', 'scrap']);
/** Dispositions for received units: returns:receive. Fields: sku[], restock[], damaged[], scrap[]. */
export const inspectReturnAction = action({ permission: 'returns:receive' }, async ({ actor, formData }) => {
  const skus = all(formData, 'sku');
  const lines = skus
    .flatMap((sku, i) =>
      ZDisposition.options.map((d) => ({
        sku,
        quantity: Number(all(formData, d)[i] || 0),
        disposition: d,
      })),
    )
    .filter((l) => l.quantity > 0);
  if (!lines.length)
    throw new AppError('VALIDATION_FAILED', 'Give at least one unit a disposition.', [
      { field: 'lines', message: 'Nothing to inspect' },
    ]);
  const r = await inspectReturn({
    returnId: field(formData, 'returnId'),
    input: { lines },
    actor,
  });
  touch(r.id, r.order_id);
  const units = lines.reduce((sum, l) => sum + l.quantity, 0);
  const done = r.status === 'inspected' ? ' The return is fully inspected.' : '';
  return { message: `Inspected ${units} unit(s) of return #${r.number}.${done}` };
});

/** Exchange received units for a replacement order: returns:request. Fields: sku, quantity. */
export const exchangeReturnAction = action({ permission: 'returns:request' }, async ({ actor, formData }) => {
  const r = await exchangeReturn({
    returnId: field(formData, 'returnId'),
    input: {
      lines: [{ sku: field(formData, 'sku').trim(), quantity: Number(field(formData, 'quantity') || 1) }],
    },
    actor,
  });
  touch(r.id, r.order_id);
  const s = r.settlement;
  const settled = s.charged
    ? `${formatMoney(s.charged, r.currency)} charged to the customer.`
    : s.refunded
      ? `${formatMoney(s.refunded, r.currency)} refunded to the customer.`
      : 'No difference to settle.';
  return { message: `Replacement order #${r.exchange_order!.number} created. ${settled}` };
});
