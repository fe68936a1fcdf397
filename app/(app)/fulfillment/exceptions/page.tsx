import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { exceptionList } from '@/lib/fulfillment/queries';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';

export const metadata: Metadata = { title: 'Fulfillment exceptions' };

export default async function FulfillmentExceptionsPage() {
  await requirePagePermission('fulfillment:write', '/fulfillment/exceptions');
  const [rows, timeZone] = await Promise.all([exceptionList(), shopTimezone()]);
  const at = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title="Fulfillment"
        description={`Parcels the carrier reported a problem with, the latest first. Times are in ${timeZone}.`}
      />
      <FulfillmentTabs current="/fulfillment/exceptions" />
      <section aria-labelledby="exceptions-title" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="exceptions-title" className="px-4 pt-4 text-lg font-semibold">
          Exceptions <span className="text-base font-normal text-slate-600">· {rows.length}</span>
        </h2>
        {rows.length === 0 ? (
          <p className="p-4 text-slate-700">No parcel is in exception.</p>
        ) : (
          <ScrollRegion label="Shipments in exception" className="mt-2">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Order
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Shipment / tracking
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Last event
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    When
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.shipment_id} className="border-b border-slate-100">
                    <td className="whitespace-nowrap px-4 py-1">
                      <Link
                        href={`/fulfillment/orders/${r.order_id}`}
                        className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
                        aria-label={`Order #${r.order_number}, shipment #${r.shipment_number}`}
                      >
                        #{r.order_number}
                      </Link>
                    </td>
                    <td className="px-3 py-2">
                      #{r.shipment_number} · {r.carrier ?? 'Carrier unknown'}
                      <span className="block font-mono text-slate-700">
                        {r.tracking_number ?? 'No tracking number'}
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      {r.last_event?.description ?? 'Exception'}
                      {r.last_event?.location && (
                        <span className="block text-slate-600">{r.last_event.location}</span>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {r.last_event ? at.format(new Date(r.last_event.occurred_at)) : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}
