import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { EXCEPTION_SORT, exceptionList } from '@/lib/fulfillment/queries';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Fulfillment exceptions' };

export default async function FulfillmentExceptionsPage({ searchParams }: ListPageProps) {
  await requirePagePermission('fulfillment:write', '/fulfillment/exceptions');
  const { sort } = readSort(await searchParams, EXCEPTION_SORT);
  const [rows, timeZone] = await Promise.all([exceptionList({ sort }), shopTimezone()]);
  const at = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title="Fulfillment"
        description={`Parcels the carrier reported a problem with, the latest first. Times are in ${timeZone}.`}
      />
      <FulfillmentTabs current="/fulfillment/exceptions" />
      <Card
        id="exceptions-title"
        title={
          <>
            Exceptions <span className="text-base font-normal text-slate-600">· {rows.length}</span>
          </>
        }
        padding="none"
        titleClassName="px-4 pt-4"
      >
        {rows.length === 0 ? (
          <p className="p-4 text-slate-700">
            No parcel is in exception. A parcel the carrier reports a problem with shows here.
          </p>
        ) : (
          <div className="mt-2">
            <ListTable
              caption="Shipments in exception"
              regionLabel="Shipments in exception"
              noun={['shipment', 'shipments']}
              sort={sort}
              columns={[
                { id: 'order', header: 'Order', sortable: true },
                { id: 'shipment', header: 'Shipment / tracking' },
                { id: 'event', header: 'Last event' },
                { id: 'when', header: 'When', sortable: true, sortDescFirst: true },
              ]}
              rows={rows.map((r) => ({
                id: r.shipment_id,
                cells: {
                  order: (
                    <Link
                      href={`/fulfillment/orders/${r.order_id}`}
                      className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
                      aria-label={`Order #${r.order_number}, shipment #${r.shipment_number}`}
                    >
                      #{r.order_number}
                    </Link>
                  ),
                  shipment: (
                    <>
                      #{r.shipment_number} · {r.carrier ?? 'Carrier unknown'}
                      <span className="block font-mono text-slate-700">
                        {r.tracking_number ?? 'No tracking number'}
                      </span>
                    </>
                  ),
                  event: (
                    <>
                      {r.last_event?.description ?? 'Exception'}
                      {r.last_event?.location && (
                        <span className="block text-slate-600">{r.last_event.location}</span>
                      )}
                    </>
                  ),
                  when: (
                    <span className="whitespace-nowrap">
                      {r.last_event ? at.format(new Date(r.last_event.occurred_at)) : '—'}
                    </span>
                  ),
                },
              }))}
            />
          </div>
        )}
      </Card>
    </>
  );
}
