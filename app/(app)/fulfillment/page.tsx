import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { QUEUE_SORT, fulfillmentQueue, queueShippingMethods } from '@/lib/fulfillment/queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { readQueueQuery } from '@/lib/fulfillment/queue-schemas';
import { MAX_WAVE_ORDERS } from '@/lib/fulfillment/pick-list-data';
import { CHANNELS } from '@/lib/orders/schemas';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { inputClass } from '@/components/ui/form';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';
import { QueueTable } from '@/components/fulfillment/queue-table';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import { startWaveAction } from '@/lib/fulfillment/scan-actions';
import { FilterChoice } from '@/components/page/filter-fields';
import { FilterBar } from '@/components/data-table/list-chrome';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Fulfillment' };

const selectClass = `${inputClass} min-h-11`;

export default async function FulfillmentQueuePage({ searchParams }: ListPageProps) {
  await requirePagePermission('fulfillment:write', '/fulfillment');
  const params = await searchParams;
  const query = readQueueQuery(params);
  const { sort } = readSort(params, QUEUE_SORT);
  const waveError = typeof params.wave_error === 'string' ? params.wave_error.slice(0, 500) : null;
  const [queue, methods, timeZone] = await Promise.all([
    fulfillmentQueue(query, { sort }),
    queueShippingMethods(),
    shopTimezone(),
  ]);
  const filtered = !!(query.channel || query.shipping_method || query.size || query.overdue);

  return (
    <>
      <PageHeader
        title="Fulfillment"
        description={
          `Orders ready to ship, the earliest promised ship-by first. Times are in the ` +
          `shop's time zone (${timeZone}).`
        }
      />
      <FulfillmentTabs current="/fulfillment" />

      <FilterBar
        label="Filter the queue"
        search
        boxed
        primary
        action="/fulfillment"
        submitLabel="Apply filters"
        active={filtered}
        clearHref="/fulfillment"
        sort={sortParams(sort, QUEUE_SORT)}
      >
        <FilterChoice
          id="channel"
          label="Channel"
          value={query.channel}
          any="Any"
          options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))}
          className="w-40"
          fieldClassName={selectClass}
        />
        <FilterChoice
          id="shipping_method"
          label="Shipping method"
          value={query.shipping_method}
          any="Any"
          options={[...new Set([...methods, ...(query.shipping_method ? [query.shipping_method] : [])])].map(
            (m) => ({ value: m, label: m }),
          )}
          className="w-44"
          fieldClassName={selectClass}
        />
        <FilterChoice
          id="size"
          label="Items"
          value={query.size ?? ''}
          any="Any"
          options={[
            { value: 'single', label: 'Single item' },
            { value: 'multi', label: 'Multiple items' },
          ]}
          className="w-40"
          fieldClassName={selectClass}
        />
        <label className="flex min-h-11 cursor-pointer items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} className="size-5" />
          Overdue only
        </label>
      </FilterBar>

      {waveError && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
        >
          The pick was not started: {waveError}
        </p>
      )}
      <section aria-labelledby="queue-title" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="queue-title" className="px-4 pt-4 text-lg font-semibold">
          Queue{' '}
          <span className="text-base font-normal text-slate-600">
            · {queue.total} {queue.total === 1 ? 'order' : 'orders'}
            {queue.total > queue.data.length ? `, the first ${queue.data.length} shown` : ''}
          </span>
        </h2>
        <form method="get" action="/fulfillment/pick-list" target="_blank" aria-label="Print a pick list">
          {queue.data.length > 0 && (
            <div className="flex flex-wrap items-center gap-3 px-4 pt-2">
              <button
                type="submit"
                formAction={startWaveAction}
                className="min-h-11 rounded-md bg-brand-700 px-4 text-sm font-medium text-white hover:bg-brand-800"
              >
                Pick selected with scanner
              </button>
              <button
                type="submit"
                className={
                  'min-h-11 rounded-md border border-slate-300 bg-white px-4 text-sm ' +
                  'font-medium hover:bg-slate-50'
                }
              >
                Print pick list for selected
              </button>
              <span className="text-sm text-slate-600">Up to {MAX_WAVE_ORDERS} orders, one tote each.</span>
            </div>
          )}
          <div className="mt-2">
            <QueueTable
              rows={queue.data}
              total={queue.total}
              timeZone={timeZone}
              sort={sort}
              empty={
                filtered ? (
                  <>
                    No orders match these filters.{' '}
                    <Link href="/fulfillment" className="text-brand-700 underline">
                      Clear the filters
                    </Link>
                    .
                  </>
                ) : (
                  'Nothing to ship: every open order has gone out.'
                )
              }
            />
          </div>
        </form>
      </section>
    </>
  );
}
