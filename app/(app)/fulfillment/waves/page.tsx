import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { waveList } from '@/lib/fulfillment/wave-queries';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';

export const metadata: Metadata = { title: 'Pick waves' };

const STATUS: Record<string, string> = { open: 'Picking', done: 'Picked', cancelled: 'Cancelled' };

export default async function WavesPage() {
  await requirePagePermission('fulfillment:write', '/fulfillment/waves');
  const [waves, timeZone] = await Promise.all([waveList(), shopTimezone()]);
  const when = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title="Pick waves"
        description="Scanner picks of one order or a batch. Open a wave to pick it, or its labels once packed."
      />
      <FulfillmentTabs current="/fulfillment/waves" />
      <section aria-labelledby="waves-title" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="waves-title" className="px-4 pt-4 text-lg font-semibold">
          Waves
        </h2>
        {waves.length === 0 ? (
          <p className="p-4 text-slate-700">
            No waves yet. In the{' '}
            <Link href="/fulfillment" className="text-brand-700 underline">
              queue
            </Link>
            , select orders and choose “Pick with scanner”.
          </p>
        ) : (
          <ScrollRegion label="Pick waves" className="mt-2">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Wave
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    State
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Orders
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Picked
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Parcels
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Started
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {waves.map((w) => (
                  <tr key={w.id} className="border-b border-slate-100">
                    <td className="px-4 py-2 font-semibold">Wave {w.number}</td>
                    <td className="px-3 py-2">{STATUS[w.status] ?? w.status}</td>
                    <td className="px-3 py-2">{w.orders.map((n) => `#${n}`).join(', ')}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {w.picked} / {w.units}
                      {w.short ? ` (${w.short} short)` : ''}
                    </td>
                    <td className="px-3 py-2">
                      {w.packed} packed · {w.shipped} shipped
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {when.format(new Date(w.created_at))}
                      <span className="block text-slate-600">{w.created_by}</span>
                    </td>
                    <td className="whitespace-nowrap px-4 py-1">
                      <Link
                        href={`/fulfillment/waves/${w.id}`}
                        className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline"
                      >
                        {w.status === 'open' ? 'Pick' : 'View'}
                        <span className="sr-only"> wave {w.number}</span>
                      </Link>
                      <Link
                        href={`/fulfillment/waves/${w.id}/labels`}
                        className="inline-flex min-h-11 items-center px-2 font-medium text-brand-700 underline"
                      >
                        Labels<span className="sr-only"> of wave {w.number}</span>
                      </Link>
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
