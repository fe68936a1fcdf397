import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { WAVE_SORT, waveList } from '@/lib/fulfillment/wave-queries';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Pick waves' };

const STATUS: Record<string, string> = { open: 'Picking', done: 'Picked', cancelled: 'Cancelled' };

export default async function WavesPage({ searchParams }: ListPageProps) {
  await requirePagePermission('fulfillment:write', '/fulfillment/waves');
  const { sort } = readSort(await searchParams, WAVE_SORT);
  const [waves, timeZone] = await Promise.all([waveList({ sort }), shopTimezone()]);
  const when = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <>
      <PageHeader
        title="Pick waves"
        description="Scanner picks of one order or a batch. Open a wave to pick it, or its labels once packed."
      />
      <FulfillmentTabs current="/fulfillment/waves" />
      <Card id="waves-title" title="Waves" padding="none" titleClassName="px-4 pt-4">
        {waves.length === 0 ? (
          <p className="p-4 text-slate-700">
            No waves yet. In the{' '}
            <Link href="/fulfillment" className="text-brand-700 underline">
              queue
            </Link>
            , select orders and choose “Pick with scanner”.
          </p>
        ) : (
          <div className="mt-2">
            <ListTable
              caption="Pick waves"
              regionLabel="Pick waves"
              noun={['wave', 'waves']}
              sort={sort}
              columns={[
                { id: 'wave', header: 'Wave', sortable: true, sortDescFirst: true },
                { id: 'state', header: 'State', sortable: true },
                { id: 'orders', header: 'Orders' },
                { id: 'picked', header: 'Picked', className: 'lg:text-right tabular-nums' },
                { id: 'parcels', header: 'Parcels' },
                { id: 'started', header: 'Started', sortable: true, sortDescFirst: true },
                { id: 'actions', header: 'Actions' },
              ]}
              rows={waves.map((w) => ({
                id: w.id,
                cells: {
                  wave: <span className="font-semibold">Wave {w.number}</span>,
                  state: STATUS[w.status] ?? w.status,
                  orders: w.orders.map((n) => `#${n}`).join(', '),
                  picked: (
                    <>
                      {w.picked} / {w.units}
                      {w.short ? ` (${w.short} short)` : ''}
                    </>
                  ),
                  parcels: (
                    <>
                      {w.packed} packed · {w.shipped} shipped
                    </>
                  ),
                  started: (
                    <span className="whitespace-nowrap">
                      {when.format(new Date(w.created_at))}
                      <span className="block text-slate-600">{w.created_by}</span>
                    </span>
                  ),
                  actions: (
                    <span className="whitespace-nowrap">
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
