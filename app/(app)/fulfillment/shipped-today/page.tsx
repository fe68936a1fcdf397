import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { shippedToday } from '@/lib/fulfillment/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';
import { TRACKING_LABEL } from '@/components/fulfillment/tracking-labels';

export const metadata: Metadata = { title: 'Shipped today' };

export default async function ShippedTodayPage() {
  await requirePagePermission('fulfillment:write', '/fulfillment/shipped-today');
  const settings = await shopSettings();
  const rows = await shippedToday({ timeZone: settings.timezone });
  const at = new Intl.DateTimeFormat('en-US', { timeZone: settings.timezone, timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title="Fulfillment"
        description={`Parcels that left today (${settings.timezone}), the latest first.`}
      />
      <FulfillmentTabs current="/fulfillment/shipped-today" />
      <section aria-labelledby="shipped-title" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="shipped-title" className="px-4 pt-4 text-lg font-semibold">
          Shipped today <span className="text-base font-normal text-slate-600">· {rows.length}</span>
        </h2>
        {rows.length === 0 ? (
          <p className="p-4 text-slate-700">Nothing has shipped yet today.</p>
        ) : (
          <ScrollRegion label="Shipments today" className="mt-2">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Order
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Time
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Carrier / tracking
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Items
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Label
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
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
                      >
                        #{r.order_number}
                      </Link>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{at.format(new Date(r.shipped_at))}</td>
                    <td className="px-3 py-2">
                      {[r.carrier, r.service].filter(Boolean).join(' · ') || '—'}
                      <span className="block font-mono text-slate-700">{r.tracking_number ?? ''}</span>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.units}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                      {r.label_cost ? formatMoney(r.label_cost, settings.currency) : '—'}
                    </td>
                    <td className="px-3 py-2">{TRACKING_LABEL[r.status] ?? r.status}</td>
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
