import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { orderDetail } from '@/lib/orders/queries';
import { orderShipments } from '@/lib/fulfillment/queries';
import { packageTypeList } from '@/lib/shipping/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { OrderStatusBadge } from '@/components/orders/order-badges';
import { CHANNEL_LABEL, STATUS_LABEL } from '@/lib/orders/labels';
import { ShipOrderForm } from '@/components/fulfillment/ship-order-form';
import { TrackingEventForm } from '@/components/fulfillment/tracking-event-form';
import { TRACKING_LABEL } from '@/components/fulfillment/tracking-labels';
import { VoidLabelForm } from '@/components/fulfillment/void-label-form';
import { startWaveAction } from '@/lib/fulfillment/scan-actions';
import { openQuantity } from '@/lib/orders/rules';
import { parcelCustoms } from '@/lib/fulfillment/parcel-customs';
import { missingCustomsMessage } from '@/lib/shipping/customs';
import { FactStrip } from '@/components/page/facts';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Ship order' };

export default async function ShipOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('fulfillment:write', `/fulfillment/orders/${id}`);
  const [order, shipments, packageTypes, settings] = await Promise.all([
    orderDetail(id),
    orderShipments(id),
    packageTypeList(),
    shopSettings(),
  ]);
  if (!order) notFound();

  const tz = settings.timezone;
  const dateTime = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const open = order.lines.map((l) => ({ ...l, open: openQuantity(l) })).filter((l) => l.open > 0);
  const shippable = (order.status === 'open' || order.status === 'partially_fulfilled') && open.length > 0;
  const overdue = !!order.promised_ship_by && shippable && new Date(order.promised_ship_by) < new Date();
  const a = order.shipping_address;
  // A parcel leaving the shop's country: the form it gets, the duties terms, missing customs data (decision 040).
  const customs = shippable
    ? await parcelCustoms({ orderId: order.id, lines: open.map((l) => ({ sku: l.sku, quantity: l.open })) })
    : null;

  return (
    <>
      <BackLink href="/fulfillment" tall>
        Fulfillment queue
      </BackLink>
      <PageHeader
        title={`Ship order #${order.number}`}
        description={
          `${order.customer.name} · ${CHANNEL_LABEL[order.channel] ?? order.channel}` +
          `${order.shipping_method ? ` · ${order.shipping_method}` : ''}` +
          `${order.location ? ` · ships from ${order.location}` : ''}`
        }
      />
      <FactStrip
        facts={[
          { label: 'Status', value: <OrderStatusBadge status={order.status} /> },
          !!order.promised_ship_by &&
            shippable && {
              label: 'Ship by',
              className: overdue ? 'font-semibold text-red-800' : '',
              value: (
                <>
                  {dateTime.format(new Date(order.promised_ship_by))}
                  {overdue ? ' (overdue)' : ''}
                </>
              ),
            },
          {
            label: 'Ship to',
            value: [a.name, a.line1, a.line2, a.city, a.region, a.postal_code, a.country]
              .filter(Boolean)
              .join(', '),
          },
        ]}
      />

      {shippable && (
        // A <div>, not a <p>: a <form> inside a <p> is invalid HTML, the parser closes the <p> before it,
        // and React's hydration then meets a different tree (React error #418 on every ship page).
        <div className="-mt-3 mb-6 flex flex-wrap gap-3 text-sm">
          <a
            href={`/fulfillment/pick-list?orders=${order.id}`}
            target="_blank"
            rel="noopener"
            className={
              'inline-flex min-h-11 items-center rounded-md border border-slate-300 ' +
              'bg-white px-4 font-medium hover:bg-slate-50'
            }
          >
            Pick list (PDF)
          </a>
          <a
            href={`/fulfillment/orders/${order.id}/packing-slip`}
            target="_blank"
            rel="noopener"
            className={
              'inline-flex min-h-11 items-center rounded-md border border-slate-300 ' +
              'bg-white px-4 font-medium hover:bg-slate-50'
            }
          >
            Packing slip (PDF)
          </a>
          <form action={startWaveAction}>
            <input type="hidden" name="orders" value={order.id} />
            <button
              type="submit"
              className={
                'inline-flex min-h-11 items-center rounded-md border border-slate-300 ' +
                'bg-white px-4 font-medium hover:bg-slate-50'
              }
            >
              Pick with scanner
            </button>
          </form>
          <a
            href="/fulfillment/pack"
            className={
              'inline-flex min-h-11 items-center rounded-md border border-slate-300 ' +
              'bg-white px-4 font-medium hover:bg-slate-50'
            }
          >
            Pack station
          </a>
        </div>
      )}

      {!shippable && (
        <p className="mb-4 rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
          {order.status === 'fulfilled' || order.status === 'delivered'
            ? 'Everything on this order has shipped.'
            : order.status === 'open' || order.status === 'partially_fulfilled'
              ? 'Nothing is left to ship on this order.'
              : `This order is ${(STATUS_LABEL[order.status] ?? order.status).toLowerCase()}: only ` +
                `open orders can be shipped.`}
        </p>
      )}

      {open.length > 0 && (
        <Card id="lines-title" title="To ship" padding="none" className="mb-6">
          <StaticTable
            label="Lines to ship"
            className="mt-2"
            caption="Lines still to ship"
            columns={[
              { id: 'sku', header: 'SKU', className: 'whitespace-nowrap font-mono' },
              { id: 'item', header: 'Item' },
              { id: 'ordered', header: 'Ordered', align: 'end' },
              { id: 'open', header: 'To ship', align: 'end', className: 'text-base font-semibold' },
            ]}
            rows={open.map((l) => ({
              id: l.id,
              cells: { sku: l.sku, item: l.name, ordered: l.quantity, open: l.open },
            }))}
          />
        </Card>
      )}

      <Card id="pack-title" title="Pack and buy a label" className="mb-6" titleClassName="mb-4">
        {shippable && packageTypes.length === 0 && (
          <p className="mb-3 text-sm text-slate-700">
            The shop has no boxes set up yet: enter the parcel&apos;s size.
          </p>
        )}
        <ShipOrderForm
          orderId={order.id}
          packageTypes={packageTypes.map((p) => ({
            code: p.code,
            name: p.name,
            length_mm: p.length_mm,
            width_mm: p.width_mm,
            height_mm: p.height_mm,
            tare_grams: p.tare_grams,
            max_weight_grams: p.max_weight_grams,
          }))}
          canShip={shippable}
          currency={settings.currency}
          customs={
            customs?.international && customs.form
              ? {
                  form: customs.form,
                  duties_terms: customs.duties_terms,
                  from_country: customs.from_country ?? '',
                  to_country: customs.to_country ?? '',
                  missing: customs.missing.map(missingCustomsMessage),
                }
              : null
          }
        />
        {!shippable && <p className="text-sm text-slate-700">No label to buy.</p>}
      </Card>

      <Card id="shipments-title" title="Shipments" titleClassName="mb-3">
        {shipments.length === 0 ? (
          <p className="text-sm text-slate-700">None yet.</p>
        ) : (
          <ul className="space-y-4">
            {shipments.map((s) => (
              <li key={s.id} className="rounded-lg border border-slate-200 p-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h3 className="font-semibold">
                      Shipment #{s.number} · {TRACKING_LABEL[s.status] ?? s.status}
                    </h3>
                    <p className="text-sm text-slate-700">
                      {[s.carrier, s.service].filter(Boolean).join(' · ') || 'Carrier unknown'}
                      {s.tracking_number && (
                        <>
                          {' '}
                          · <span className="font-mono">{s.tracking_number}</span>
                        </>
                      )}
                      {s.label_cost > 0 && <> · label {formatMoney(s.label_cost, settings.currency)}</>}
                      {' · '}
                      {dateTime.format(new Date(s.shipped_at))}
                    </p>
                    <p className="text-sm text-slate-600">
                      {s.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}
                    </p>
                  </div>
                  {s.has_label && (
                    <a
                      href={`/fulfillment/shipments/${s.id}/label`}
                      target="_blank"
                      rel="noopener"
                      className={
                        'inline-flex min-h-11 items-center rounded-md border ' +
                        'border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50'
                      }
                    >
                      Print label (PDF)<span className="sr-only"> for shipment #{s.number}</span>
                    </a>
                  )}
                </div>
                {s.events.length > 0 && (
                  <ol
                    aria-label={`Tracking events of shipment #${s.number}`}
                    className="mt-3 space-y-1 text-sm"
                  >
                    {s.events.map((e) => (
                      <li key={e.id} className="flex flex-wrap gap-x-3">
                        <time dateTime={e.occurred_at} className="text-slate-600">
                          {dateTime.format(new Date(e.occurred_at))}
                        </time>
                        <span className={`font-medium ${e.status === 'exception' ? 'text-red-800' : ''}`}>
                          {TRACKING_LABEL[e.status] ?? e.status}
                        </span>
                        {e.description && <span>{e.description}</span>}
                        {e.location && <span className="text-slate-600">{e.location}</span>}
                      </li>
                    ))}
                  </ol>
                )}
                {s.status !== 'delivered' && s.status !== 'voided' && (
                  <TrackingEventForm shipmentId={s.id} shipmentNumber={s.number} orderId={order.id} />
                )}
                {s.source === 'label' &&
                  s.status === 'label_created' &&
                  s.events.every((e) => e.status === 'label_created') && (
                    <VoidLabelForm shipmentId={s.id} shipmentNumber={s.number} />
                  )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
