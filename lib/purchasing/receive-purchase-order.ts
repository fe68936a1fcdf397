import 'server-only';
import { recordEvent } from '@/lib/events/record-event';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { receiveStock, type ReceiptResult } from '@/lib/inventory/receive-stock';
import { purchaseOrderDetail, type PurchaseOrderDto } from './queries';
import { ZReceivePurchaseOrderInput, type TReceivePurchaseOrderInput } from './schemas';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { applyLandedCharges, type LandedChargeDto } from './apply-landed-cost';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { currencyDigits } from '@/lib/money';
import { convertMinor, formatRate } from '@/lib/ledger/fx';
import { rateOn } from '@/lib/ledger/fx-queries';
import { assertPurchaseOrderMove, openQuantity, receiptStatus, receivableLimit } from './rules';

export type PurchaseOrderReceipt = {
  receipt: ReceiptResult & { charges: LandedChargeDto[] };
  purchase_order: PurchaseOrderDto;
};

/**
 * The rate a receipt of a PO in `currency` converts at: the receipt day's (or the last before it);
 * none in the shop's currency. No rate → 422 naming the currency and the day.
 */
async function receiptRate(t: Tx, currency: string, receivedOn: string | undefined) {
  const { currency: base, timezone } = await shopSettings(t);
  if (currency === base) return { rate: null, toBase: (amount: number) => amount };
  const day = receivedOn ?? todayIn(timezone);
  const { rate } = await rateOn(
    { currency, base, date: day, field: receivedOn ? 'received_on' : 'currency' },
    t,
  );
  const digits = [currencyDigits(currency), currencyDigits(base)] as const;
  return {
    rate: formatRate(rate),
    toBase: (amount: number) => Number(convertMinor(BigInt(amount), rate, ...digits)),
  };
}

/**
 * Receives units against a sent or partially received PO, in one transaction: the stock receipt
 * (lib/inventory/receive-stock.ts: movements, cost layers at the PO's unit cost, Dr Inventory /
 * Cr Goods received not invoiced), the lines' received quantities, the status (partially received
 * while anything is open, received when nothing is), a timeline event and the audit row.
 * A line may receive up to its ordered quantity plus the supplier's over-receipt tolerance; more is
 * refused naming the line (lines.i.quantity). A SKU not on the PO is refused naming lines.i.sku.
 */
export async function receivePurchaseOrder(
  options: { purchaseOrderId: string; input: TReceivePurchaseOrderInput; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<PurchaseOrderReceipt> {
  const input = ZReceivePurchaseOrderInput.parse(options.input);
  const run = async (t: Tx): Promise<PurchaseOrderReceipt> => {
    const locked = await lockPurchaseOrder(t, options.purchaseOrderId);
    assertPurchaseOrderMove(locked.status, 'receive');
    const po = (await purchaseOrderDetail(locked.id, t))!;
    const bySku = new Map(po.lines.map((l) => [l.sku.toUpperCase(), l]));
    const tolerance = po.supplier.over_receipt_tolerance_pct;
    const issues: { field: string; message: string }[] = [];
    const taking = new Map<string, number>();
    input.lines.forEach((r, i) => {
      const line = bySku.get(r.sku.toUpperCase());
      if (!line) {
        issues.push({ field: `lines.${i}.sku`, message: `${r.sku} is not on ${po.label}` });
        return;
      }
      const total = (taking.get(line.sku) ?? 0) + r.quantity;
      taking.set(line.sku, total);
      const q = { ordered: line.quantity, received: line.received, cancelled: line.cancelled };
      const limit = receivableLimit(q, tolerance);
      if (line.received + total > limit)
        issues.push({
          field: `lines.${i}.quantity`,
          message:
            `${line.sku}: ${total} is more than the ${openQuantity(q)} still open ` +
            `(ordered ${line.quantity}, ` +
            `received ${line.received}${tolerance ? `, tolerance ${tolerance} %` : ''})`,
        });
    });
    if (issues.length)
      throw new AppError(
        'VALIDATION_FAILED',
        issues.some((i) => i.field.endsWith('.quantity'))
          ? `Over-receipt refused: ${issues.map((i) => i.message).join('; ')}`
          : issues.map((i) => i.message).join('; '),
        issues,
      );

    // A foreign-currency PO converts at the receipt day's rate: the layers are in the shop's currency.
    const fx = await receiptRate(t, po.currency, input.received_on);
    const received = [...taking.entries()].map(([sku, quantity]) => ({
      sku,
      quantity,
      unit_cost: fx.toBase(bySku.get(sku.toUpperCase())!.unit_cost),
    }));
    const receipt = await receiveStock(
      {
        input: {
          location: po.location,
          reference: po.label,
          kind: 'purchase',
          received_on: input.received_on,
          lines: received,
        },
        actor: options.actor,
        purchaseOrder: { id: po.id, label: po.label },
      },
      t,
    );
    if (fx.rate)
      await t.receipt.update({ where: { id: receipt.id }, data: { fxRate: fx.rate }, select: { id: true } });
    for (const r of received)
      await t.purchaseOrderLine.updateMany({
        where: { purchaseOrderId: po.id, sku: r.sku },
        data: {
          quantityReceived: { increment: r.quantity },
          receivedValue: { increment: r.quantity * r.unit_cost },
        },
      });
    const charges = await applyLandedCharges(t, {
      purchaseOrder: { id: po.id, label: po.label, currency: po.currency },
      receiptIds: [receipt.id],
      receiptId: receipt.id,
      charges: input.charges ?? [],
      chargedOn: input.received_on,
      actor: options.actor,
    });
    const status = receiptStatus(
      po.lines.map((l) => ({
        ordered: l.quantity,
        cancelled: l.cancelled,
        received: l.received + (taking.get(l.sku) ?? 0),
      })),
    );
    await t.purchaseOrder.update({ where: { id: po.id }, data: { status }, select: { id: true } });
    const units = received.reduce((s, r) => s + r.quantity, 0);
    await recordPoEvent(t, {
      purchaseOrderId: po.id,
      kind: 'received',
      message:
        `Receipt #${receipt.number}: ${units} ${units === 1 ? 'unit' : 'units'} ` +
        `(${received.map((r) => `${r.quantity} × ${r.sku}`).join(', ')})` +
        (status === 'received' ? '; everything has arrived.' : '.'),
      data: { receipt_id: receipt.id, lines: received },
      actor: options.actor,
    });
    const after = (await purchaseOrderDetail(po.id, t))!;
    await audit(t, {
      actor: options.actor,
      action: 'purchase_order.received',
      entityType: 'purchase_order',
      entityId: po.id,
      before: { status: po.status, lines: po.lines.map((l) => ({ sku: l.sku, received: l.received })) },
      after: {
        status,
        receipt_id: receipt.id,
        charges,
        lines: after.lines.map((l) => ({ sku: l.sku, received: l.received })),
      },
    });
    // The domain event (decision 022): the PO as the API returns it, with this receipt's lines.
    await recordEvent(t, {
      type: 'purchase_order.received',
      resourceId: po.id,
      data: { ...after, receipt: { id: receipt.id, number: receipt.number, lines: received } },
    });
    return { receipt: { ...receipt, charges }, purchase_order: after };
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 60_000 });
}
