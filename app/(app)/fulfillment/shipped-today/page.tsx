import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { SHIPPED_SORT, shippedToday } from '@/lib/fulfillment/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';
import { TRACKING_LABEL } from '@/components/fulfillment/tracking-labels';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Shipped today' };

export default async function ShippedTodayPage({ searchParams }: ListPageProps) {
  await requirePagePermission('fulfillment:write', '/fulfillment/shipped-today');
  const { sort } = readSort(await searchParams, SHIPPED_SORT);
  const settings = await shopSettings();
  const rows = await shippedToday({ timeZone: settings.timezone, sort });
  const at = new Intl.DateTimeFormat('en-US', { timeZone: settings.timezone, timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title="Fulfillment"
        description={`Parcels that left today (${settings.timezone}), the latest first.`}
      />
      <FulfillmentTabs current="/fulfillment/shipped-today" />
      <Card
        id="shipped-title"
        title={
          <>
            Shipped today <span className="text-base font-normal text-slate-600">· {rows.length}</span>
          </>
        }
        padding="none"
        titleClassName="px-4 pt-4"
      >
        {rows.length === 0 ? (
          <p className="p-4 text-slate-700">
            Nothing has shipped yet today. Pack an order in the queue and buy its label to ship it.
          </p>
        ) : (
          <div className="mt-2">
            <ListTable
              caption="Shipments today"
              regionLabel="Shipments today"
              noun={['shipment', 'shipments']}
              sort={sort}
              columns={[
                { id: 'order', header: 'Order', sortable: true },
                { id: 'time', header: 'Time', sortable: true, sortDescFirst: true },
                { id: 'carrier', header: 'Carrier / tracking', sortable: true },
                { id: 'items', header: 'Items', className: 'lg:text-right tabular-nums' },
                { id: 'label', header: 'Label', sortable: true, className: 'lg:text-right tabular-nums' },
                { id: 'status', header: 'Status', sortable: true },
              ]}
              rows={rows.map((r) => ({
                id: r.shipment_id,
                cells: {
                  order: (
                    <Link
                      href={`/fulfillment/orders/${r.order_id}`}
                      className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
                    >
                      #{r.order_number}
                    </Link>
                  ),
                  time: <span className="whitespace-nowrap">{at.format(new Date(r.shipped_at))}</span>,
                  carrier: (
                    <>
                      {[r.carrier, r.service].filter(Boolean).join(' · ') || '—'}
                      <span className="block font-mono text-slate-700">{r.tracking_number ?? ''}</span>
                    </>
                  ),
                  items: r.units,
                  label: (
                    <span className="whitespace-nowrap">
                      {r.label_cost ? formatMoney(r.label_cost, settings.currency) : '—'}
                    </span>
                  ),
                  status: TRACKING_LABEL[r.status] ?? r.status,
                },
              }))}
            />
          </div>
        )}
      </Card>
    </>
  );
}
