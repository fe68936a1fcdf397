import 'server-only';
import { allOn, db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { formatMoney } from '@/lib/money';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { renderPurchaseOrder } from '@/lib/documents/purchase-order';
import { lockLevel } from '@/lib/inventory/stock';
import { postalLines, type PostalAddress } from '@/lib/documents/layout';
import { purchaseOrderDetail, type PurchaseOrderDto } from './queries';
import { lockPurchaseOrder, recordPoEvent } from './po-store';
import { nextPurchaseOrderStatus } from './rules';

/** The PO as the supplier's PDF: shop, supplier, ship-to location, lines, total. */
export async function purchaseOrderPdf(po: PurchaseOrderDto, tx: Tx = db): Promise<Uint8Array> {
  const [settings, location, supplier] = await allOn(tx, [
    () => tx.shopSettings.findUnique({ where: { id: 1 }, select: { shopName: true, timezone: true } }),
    () =>
      tx.location.findUniqueOrThrow({ where: { code: po.location }, select: { name: true, address: true } }),
    () => tx.supplier.findUniqueOrThrow({ where: { id: po.supplier_id }, select: { paymentTerms: true } }),
  ]);
  const address = location.address as PostalAddress | null;
  // a dropship PO ships to the customer's address (decision 041), not to our location
  const shipTo = po.dropship
    ? {
        code: `Order #${po.dropship.order_number}`,
        name: typeof po.dropship.ship_to.name === 'string' ? po.dropship.ship_to.name : 'The customer',
        lines: postalLines(po.dropship.ship_to as PostalAddress),
      }
    : { code: po.location, name: location.name, lines: address ? postalLines(address) : [] };
  const tz = settings?.timezone ?? 'UTC';
  return renderPurchaseOrder({
    shopName: settings?.shopName ?? 'Backroom',
    label: po.label,
    revision: po.revision,
    supplier: { name: po.supplier.name, email: po.supplier.email },
    shipTo,
    currency: po.currency,
    issuedOn: new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(po.sent_at ?? Date.now())),
    expectedAt: po.expected_at,
    paymentTerms: supplier.paymentTerms,
    notes: po.notes,
    lines: po.lines
      .filter((l) => l.quantity - l.cancelled > 0)
      .map((l) => ({
        sku: l.sku,
        supplier_sku: l.supplier_sku,
        name: l.name,
        quantity: l.quantity - l.cancelled,
        unit_cost: l.unit_cost,
      })),
    total: po.total,
  });
}

/**
 * Sends a draft PO: status sent, the PDF rendered and queued to the supplier's email in the outbox
 * as an attachment (sent by the worker after commit), a timeline event and the audit row, all in
 * one transaction. From now on its open quantity counts as on order (every SKU gets a stock level at
 * the receiving location, empty until the goods arrive, so stock views list it).
 */
export async function sendPurchaseOrder(
  options: { purchaseOrderId: string; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<PurchaseOrderDto> {
  const run = async (t: Tx) => {
    const locked = await lockPurchaseOrder(t, options.purchaseOrderId);
    const status = nextPurchaseOrderStatus(locked.status, 'send');
    const now = options.now ?? new Date();
    await t.purchaseOrder.update({
      where: { id: locked.id },
      data: { status, sentAt: now },
      select: { id: true },
    });
    // Every SKU on order gets a stock level at the receiving location (empty until the goods arrive),
    // so stock views list it with its on-order units. Locked in variant order, like receipts do.
    const lines = await t.purchaseOrderLine.findMany({
      where: { purchaseOrderId: locked.id, purchaseOrder: { orderId: null } }, // not a dropship PO's
      select: { variantId: true, purchaseOrder: { select: { locationId: true } } },
      orderBy: { variantId: 'asc' },
    });
    for (const l of lines) await lockLevel(t, l.variantId, l.purchaseOrder.locationId);
    const po = (await purchaseOrderDetail(locked.id, t))!;
    const pdf = await purchaseOrderPdf(po, t);
    const location = await t.location.findUniqueOrThrow({
      where: { code: po.location },
      select: { name: true },
    });
    const message = await enqueueNotification(
      {
        template: 'purchase_order_sent',
        to: po.supplier.email,
        data: {
          supplier_name: po.supplier.name,
          po_label: po.label,
          revision: po.revision,
          expected_at: po.expected_at,
          location_name: location.name,
          lines: po.lines.length,
          total: formatMoney(po.total, po.currency),
        },
        purchaseOrderId: po.id,
        attachments: [{ filename: `${po.label}.pdf`, contentType: 'application/pdf', content: pdf }],
        dedupeKey: `purchase_order_sent:${po.id}:${po.revision}`,
      },
      t,
    );
    await recordPoEvent(t, {
      purchaseOrderId: po.id,
      kind: 'sent',
      message: `${po.label} sent to ${po.supplier.name} <${po.supplier.email}> with the PDF attached.`,
      data: { outbox_message_id: message.id },
      actor: options.actor,
      at: now,
    });
    await audit(t, {
      actor: options.actor,
      action: 'purchase_order.sent',
      entityType: 'purchase_order',
      entityId: po.id,
      before: { status: locked.status },
      after: { status, to: po.supplier.email, outbox_message_id: message.id },
    });
    return po;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
