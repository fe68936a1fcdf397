import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/boundary';
import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/permissions';
import { assertBillMove, type SupplierBillStatus } from './bill-rules';
import { postSupplierBill } from './post-bill';
import { billDetail, type SupplierBillDto } from './bill-queries';
import { recordPoEvent } from './po-store';

/** Locks the bill row, then reads it: what a concurrent payment wrote is seen (404 when there is none). */
export async function lockBill(t: Tx, id: string) {
  if (isUuid(id)) await t.$queryRaw`SELECT id FROM supplier_bills WHERE id = ${id}::uuid FOR UPDATE`;
  const bill = await billDetail(id, t);
  if (!bill) throw new AppError('NOT_FOUND', 'That bill does not exist.');
  return bill;
}

function assertApprover(actor: Actor) {
  if (!actorCan(actor, 'purchasing:approve'))
    throw new AppError(
      'FORBIDDEN',
      'Only a manager or an admin can approve or reject a bill outside the match tolerance.',
    );
}

type Decision = { billId: string; reason?: string; actor: Actor };

/**
 * approve: a manager accepts a bill outside the three-way-match tolerance as billed; it posts
 * (postSupplierBill; the difference is purchase price variance). Audited with the reason.
 */
export async function approveSupplierBill(options: Decision, tx?: Tx): Promise<SupplierBillDto> {
  return decide(options, tx, 'approve', async (t, before) => {
    await t.supplierBill.update({
      where: { id: before.id },
      data: { approvedBy: options.actor.label, approvedAt: new Date() },
      select: { id: true },
    });
    await postSupplierBill(t, before.id, options.actor);
  });
}

/** reject: set a waiting bill aside; nothing was posted, and the PO lines' billed units are given back. */
export async function rejectSupplierBill(options: Decision, tx?: Tx): Promise<SupplierBillDto> {
  return decide(options, tx, 'reject', async (t, before) => {
    const lines = await t.supplierBillLine.findMany({
      where: { billId: before.id },
      select: { purchaseOrderLineId: true, quantity: true },
    });
    for (const l of lines)
      await t.purchaseOrderLine.update({
        where: { id: l.purchaseOrderLineId },
        data: { quantityBilled: { decrement: l.quantity } },
        select: { id: true },
      });
    await t.supplierBill.update({
      where: { id: before.id },
      data: {
        status: 'rejected' satisfies SupplierBillStatus,
        approvedBy: options.actor.label,
        approvedAt: new Date(),
      },
      select: { id: true },
    });
  });
}

/** A manager's decision on a locked bill the move allows: `act`, then the PO event and the audit row. */
async function decide(
  options: Decision,
  tx: Tx | undefined,
  move: 'approve' | 'reject',
  act: (t: Tx, before: SupplierBillDto) => Promise<void>,
): Promise<SupplierBillDto> {
  assertApprover(options.actor);
  const verb = move === 'approve' ? 'approved' : 'rejected';
  const run = async (t: Tx) => {
    const before = await lockBill(t, options.billId);
    assertBillMove(before.status, move);
    await act(t, before);
    const after = (await billDetail(before.id, t))!;
    await recordPoEvent(t, {
      purchaseOrderId: before.purchase_order.id,
      kind: `bill_${verb}`,
      message: `${before.label} ${verb} by ${options.actor.label}${options.reason ? `: ${options.reason}` : '.'}`,
      data: { bill_id: before.id },
      actor: options.actor,
    });
    await audit(t, {
      actor: options.actor,
      action: `supplier_bill.${verb}`,
      entityType: 'supplier_bill',
      entityId: before.id,
      before: { status: before.status },
      after: { status: after.status, reason: options.reason ?? null, variance: after.variance },
    });
    return after;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
