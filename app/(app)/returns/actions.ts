'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { parseInput, runAction, type ActionState } from '@/lib/server-action';
import { AppError, toAppError } from '@/lib/errors';
import { amountExample, formatMoney, parseAmountInput } from '@/lib/money';
import { shopSettings } from '@/lib/settings/queries';
import { requestReturn } from '@/lib/returns/request-return';
import { ZCreateReturnInput } from '@/lib/returns/schemas';
import { approveReturn } from '@/lib/returns/approve-return';
import { rejectReturn } from '@/lib/returns/reject-return';
import { receiveReturn } from '@/lib/returns/receive-return';
import { inspectReturn } from '@/lib/returns/inspect-return';
import { closeReturn } from '@/lib/returns/close-return';
import { exchangeReturn } from '@/lib/returns/exchange-return';
import { scanToSku } from '@/lib/returns/scan';
import { refundReturn } from '@/lib/refunds/refund-return';
import { createGoodwillRefund } from '@/lib/refunds/create-goodwill-refund';
import { decideRefund } from '@/lib/refunds/decide-refund';
import { formText } from '@/lib/form-data';

const field = (f: FormData, name: string) => formText(f, name);
const all = (f: FormData, name: string) => f.getAll(name).map(String);
const optional = (f: FormData, name: string) => field(f, name).trim() || undefined;
/** A money input in major units ("12.50"; "1250" in JPY) → minor units of `currency`; blank → undefined. */
function minor(f: FormData, name: string, currency: string): number | undefined {
  const amount = parseAmountInput(field(f, name), currency);
  if (amount === null) {
    const example = amountExample(currency);
    throw new AppError('VALIDATION_FAILED', `Enter an amount like ${example}`, [
      { field: name, message: `Enter an amount like ${example}` },
    ]);
  }
  return amount;
}
const returnPath = (id: string) => `/returns/${encodeURIComponent(id)}`;

function touch(returnId: string, orderId?: string) {
  revalidatePath(returnPath(returnId));
  revalidatePath('/returns');
  if (orderId) revalidatePath(`/orders/${orderId}`);
}

/** Start a return from the order page or a ticket: returns:request. Lines with quantity 0 are left out. */
export async function requestReturnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let createdId: string | null = null;
  const state = await runAction<undefined>(async () => {
    const user = await requirePermission('returns:request');
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
      actor: userActor(user),
    });
    createdId = created.id;
    touch(created.id, created.order_id);
    return { message: `Return #${created.number} requested.` };
  });
  if (createdId) redirect(returnPath(createdId));
  return state;
}

export async function approveReturnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('returns:request');
    const r = await approveReturn({
      returnId: field(formData, 'returnId'),
      input: { message: optional(formData, 'message'), issue_label: formData.get('issueLabel') === 'on' },
      actor: userActor(user),
    });
    touch(r.id, r.order_id);
    return {
      message: `Return #${r.number} approved${r.label ? ` with a ${r.label.carrier} label` : ''}; the customer has been emailed.`,
    };
  });
}

export async function rejectReturnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('returns:request');
    const r = await rejectReturn({
      returnId: field(formData, 'returnId'),
      input: { message: field(formData, 'message') },
      actor: userActor(user),
    });
    touch(r.id, r.order_id);
    return { message: `Return #${r.number} rejected; the customer has been told why.` };
  });
}

export async function closeReturnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('returns:request');
    const r = await closeReturn({
      returnId: field(formData, 'returnId'),
      note: optional(formData, 'note'),
      actor: userActor(user),
    });
    touch(r.id, r.order_id);
    return { message: `Return #${r.number} closed.` };
  });
}

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
    return {
      ok: true,
      message:
        `Received 1 × ${sku} (${line.quantity_received} of ${line.quantity}). ${r.status === 'received' ? 'Everything approved has arrived.' : ''}`.trim(),
      at: Date.now(),
    };
  } catch (error) {
    return { ok: false, message: toAppError(error).message, at: Date.now() };
  }
}

const ZDisposition = z.enum(['restock', 'damaged', 'scrap']);
/** Dispositions for received units: returns:receive. Fields: sku[], restock[], damaged[], scrap[]. */
export async function inspectReturnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('returns:receive');
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
      actor: userActor(user),
    });
    touch(r.id, r.order_id);
    return {
      message: `Inspected ${lines.reduce((s, l) => s + l.quantity, 0)} unit(s) of return #${r.number}.${r.status === 'inspected' ? ' The return is fully inspected.' : ''}`,
    };
  });
}

/** Refund a return's received units: refunds:issue (above the limit it waits for a manager). */
export async function refundReturnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('refunds:issue');
    const returnId = field(formData, 'returnId');
    const { currency } = await shopSettings();
    const refund = await refundReturn({
      returnId,
      input: {
        shipping_amount: minor(formData, 'shipping', currency) ?? 0,
        waive_restocking_fee: formData.get('waiveFee') === 'on',
        amount: minor(formData, 'amount', currency),
        reason: optional(formData, 'reason'),
        ticket_id: optional(formData, 'ticketId'),
      },
      actor: userActor(user),
      idempotencyKey: optional(formData, 'idempotencyKey'),
    });
    touch(returnId, refund.order_id);
    const amount = formatMoney(refund.amount, refund.currency);
    return {
      message:
        refund.status === 'pending_approval'
          ? `Refund #${refund.number} of ${amount} is above your limit and waits for a manager's approval.`
          : `Refund #${refund.number} of ${amount} issued; the customer has been emailed.`,
    };
  });
}

/** A goodwill refund without a return, with a reason: refunds:issue. */
export async function goodwillRefundAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('refunds:issue');
    const amount = minor(formData, 'amount', (await shopSettings()).currency);
    if (amount === undefined)
      throw new AppError('VALIDATION_FAILED', 'Enter the amount to refund.', [
        { field: 'amount', message: 'Enter the amount to refund' },
      ]);
    const refund = await createGoodwillRefund({
      input: {
        order_id: field(formData, 'orderId'),
        amount,
        reason: field(formData, 'reason'),
        ticket_id: optional(formData, 'ticketId'),
      },
      actor: userActor(user),
      idempotencyKey: optional(formData, 'idempotencyKey'),
    });
    revalidatePath(`/orders/${refund.order_id}`);
    revalidatePath('/returns/refunds');
    const formatted = formatMoney(refund.amount, refund.currency);
    return {
      message:
        refund.status === 'pending_approval'
          ? `Refund #${refund.number} of ${formatted} waits for a manager's approval.`
          : `Refund #${refund.number} of ${formatted} issued; the customer has been emailed.`,
    };
  });
}

/** A manager approves or declines a refund above the support limit: refunds:approve. */
export async function decideRefundAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('refunds:approve');
    const approve = field(formData, 'decision') === 'approve';
    const refund = await decideRefund({
      refundId: field(formData, 'refundId'),
      approve,
      actor: userActor(user),
    });
    revalidatePath('/returns/refunds');
    revalidatePath(`/orders/${refund.order_id}`);
    if (refund.return_id) touch(refund.return_id);
    return { message: `Refund #${refund.number} ${approve ? 'approved and issued' : 'declined'}.` };
  });
}

/** Exchange received units for a replacement order: returns:request. Fields: sku, quantity. */
export async function exchangeReturnAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runAction(async () => {
    const user = await requirePermission('returns:request');
    const r = await exchangeReturn({
      returnId: field(formData, 'returnId'),
      input: {
        lines: [{ sku: field(formData, 'sku').trim(), quantity: Number(field(formData, 'quantity') || 1) }],
      },
      actor: userActor(user),
    });
    touch(r.id, r.order_id);
    const s = r.settlement;
    return {
      message: `Replacement order #${r.exchange_order!.number} created. ${s.charged ? `${formatMoney(s.charged, r.currency)} charged to the customer.` : s.refunded ? `${formatMoney(s.refunded, r.currency)} refunded to the customer.` : 'No difference to settle.'}`,
    };
  });
}
