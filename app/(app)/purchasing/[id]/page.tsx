import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { purchaseOrderDetail, purchaseOrderTimeline } from '@/lib/purchasing/queries';
import { canMovePurchaseOrder } from '@/lib/purchasing/rules';
import { formatMoney } from '@/lib/money';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { PurchaseOrderStatusBadge } from '@/components/purchasing/po-status-badge';
import { PurchaseOrderActions } from '@/components/purchasing/po-actions';
import { BillStatusBadge } from '@/components/purchasing/bill-status-badge';
import { billList } from '@/lib/purchasing/bill-queries';
import { DropshipShipmentForm } from '@/components/purchasing/dropship-shipment-form';
import { postalLines, type PostalAddress } from '@/lib/documents/layout';

import { Card } from '@/components/page/card';
import { endColumns } from '@/components/page/columns';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'Purchase order' };

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission('purchasing:read', `/purchasing/${id}`);
  const [po, timeline, tz] = await Promise.all([
    purchaseOrderDetail(id),
    purchaseOrderTimeline(id),
    shopTimezone(),
  ]);
  if (!po) notFound();
  const money = (n: number) => formatMoney(n, po.currency);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const moves = roleHas(user.role, 'purchasing:write')
    ? (['send', 'close', 'cancel'] as const).filter((m) => canMovePurchaseOrder(po.status, m))
    : [];
  const open = canMovePurchaseOrder(po.status, 'receive');
  const canReceive = !po.dropship && roleHas(user.role, 'purchasing:receive') && open;
  const canShipDropship = !!po.dropship && roleHas(user.role, 'purchasing:write') && open;
  // The supplier's latest shipment stays in view after its form goes (the PO is then fully shipped).
  const lastDropshipShipment = po.dropship
    ? timeline.findLast((e) => e.kind === 'dropship_shipped')
    : undefined;
  const shipTo = po.dropship?.ship_to as (PostalAddress & { name?: unknown }) | undefined;
  const canBill =
    roleHas(user.role, 'purchasing:write') &&
    ['sent', 'partially_received', 'received', 'closed'].includes(po.status);
  const bills = (await billList({ purchase_order_id: po.id, limit: 200 })).data;
  return (
    <>
      <BackLink href="/purchasing" tall>
        Purchase orders
      </BackLink>
      <PageHeader
        title={`Purchase order ${po.label}`}
        description={
          `${po.supplier.name} · ` +
          (po.dropship ? `dropship for order #${po.dropship.order_number}` : `deliver to ${po.location}`) +
          ` · expected ${po.expected_at ?? 'no date'}${po.revision ? ` · revision ${po.revision}` : ''}`
        }
        actions={<PurchaseOrderStatusBadge status={po.status} />}
      />
      <div className="space-y-6">
        {po.dropship && shipTo && (
          <section
            aria-labelledby="dropship-title"
            className="space-y-2 rounded-xl border border-violet-200 bg-violet-50 p-5"
          >
            <h2 id="dropship-title" className="text-lg font-semibold">
              Dropship to the customer
            </h2>
            <p className="text-slate-800">
              The supplier ships these units straight to the customer of{' '}
              <Link href={`/orders/${po.dropship.order_id}`} className="text-brand-700 underline">
                order #{po.dropship.order_number}
              </Link>
              ; none of our stock moves.
            </p>
            <address className="not-italic text-slate-800" aria-label="Ship to">
              {typeof shipTo.name === 'string' && <span className="block font-medium">{shipTo.name}</span>}
              {postalLines(shipTo).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          </section>
        )}
        <Card id="lines-title" title="Lines" padding="none" titleClassName="px-4 pt-4">
          <StaticTable
            label="Purchase order lines"
            className="mt-2"
            caption={`Lines of ${po.label}`}
            columns={[
              { id: 'sku', header: 'SKU', className: 'font-mono' },
              { id: 'item', header: 'Item' },
              ...endColumns({
                ordered: 'Ordered',
                received: 'Received',
                open: 'Open',
                cost: 'Unit cost',
                amount: 'Amount',
              }),
            ]}
            rows={po.lines.map((l) => ({
              id: l.sku,
              cells: {
                sku: (
                  <>
                    {l.sku}
                    {l.supplier_sku && (
                      <span className="block text-xs text-slate-600">Theirs: {l.supplier_sku}</span>
                    )}
                  </>
                ),
                item: l.name,
                ordered: (
                  <>
                    {l.quantity}
                    {l.cancelled > 0 && (
                      <span className="block text-xs text-slate-600">{l.cancelled} cut short</span>
                    )}
                  </>
                ),
                received: l.received,
                open: l.open,
                cost: money(l.unit_cost),
                amount: money(l.line_total),
              },
            }))}
            footer={[{ id: 'total', cells: { cost: 'Total', amount: money(po.total) } }]}
          />
          {po.notes && <p className="px-4 pb-4 text-slate-700">Notes: {po.notes}</p>}
        </Card>

        <Card id="actions-title" title="Next steps" className="space-y-3">
          <p className="text-slate-700">
            {po.status === 'draft'
              ? 'Check the lines, then send: the supplier gets an email with this PO as a PDF.'
              : po.dropship && open
                ? 'When the supplier tells you it has shipped, record its carrier and tracking number: ' +
                  'the order line is fulfilled and its cost is booked at this PO’s cost.'
                : po.status === 'sent' || po.status === 'partially_received'
                  ? 'When the goods arrive, receive them on the Receive screen (scan this PO’s ' +
                    'number). Close the PO if the rest will not come.'
                  : 'Nothing more to do on this purchase order.'}
          </p>
          <div className="flex flex-wrap gap-3">
            {canReceive && (
              <Link
                href={`/purchasing/receive?po=${po.number}`}
                className={
                  'inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-5 text-base ' +
                  'font-semibold text-white hover:bg-brand-800'
                }
              >
                Receive goods
              </Link>
            )}
            {canBill && (
              <Link
                href={`/purchasing/${po.id}/bill`}
                className={
                  'inline-flex min-h-12 items-center rounded-lg border border-slate-300 ' +
                  'bg-white px-5 text-base font-medium hover:bg-slate-50'
                }
              >
                Enter supplier bill
              </Link>
            )}
            <a
              href={`/purchasing/${po.id}/pdf`}
              className={
                'inline-flex min-h-12 items-center rounded-lg border border-slate-300 ' +
                'bg-white px-5 text-base font-medium hover:bg-slate-50'
              }
            >
              View PDF
            </a>
          </div>
          {lastDropshipShipment && (
            <p role="status" className="rounded-lg bg-green-50 p-3 text-green-900">
              {lastDropshipShipment.message}
            </p>
          )}
          {canShipDropship && <DropshipShipmentForm purchaseOrderId={po.id} />}
          <PurchaseOrderActions purchaseOrderId={po.id} moves={moves} />
        </Card>

        {bills.length > 0 && (
          <Card id="bills-title" title="Bills">
            <ul className="mt-2 space-y-1">
              {bills.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/purchasing/bills/${b.id}`} className="font-medium text-brand-700 underline">
                    {b.label}
                  </Link>
                  <span>
                    {b.supplier_reference} · {money(b.total)} · due {b.due_date}
                  </span>
                  <BillStatusBadge status={b.status} />
                </li>
              ))}
            </ul>
          </Card>
        )}

        <Card id="timeline-title" title="Timeline">
          <ol className="mt-3 space-y-3" data-testid="po-timeline">
            {timeline.map((e) => (
              <li key={e.id} className="border-l-2 border-slate-200 pl-3">
                <p className="text-sm text-slate-600">
                  {date.format(new Date(e.at))} · {e.actor}
                </p>
                <p>{e.message}</p>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
