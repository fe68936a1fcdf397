import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { fulfillmentQueue, queueShippingMethods } from '@/lib/fulfillment/queries';
import { readQueueQuery } from '@/lib/fulfillment/queue-schemas';
import { MAX_WAVE_ORDERS } from '@/lib/fulfillment/pick-list-data';
import { CHANNELS } from '@/lib/orders/schemas';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { inputClass } from '@/components/ui/form';
import { FulfillmentTabs } from '@/components/fulfillment/fulfillment-tabs';
import { OrderStatusBadge } from '@/components/orders/order-badges';
import { CHANNEL_LABEL } from '@/lib/orders/labels';
import { startWaveAction } from './scan-actions';

export const metadata: Metadata = { title: 'Fulfillment' };

const selectClass = `${inputClass} min-h-11`;

export default async function FulfillmentQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission('fulfillment:write', '/fulfillment');
  const params = await searchParams;
  const query = readQueueQuery(params);
  const waveError = typeof params.wave_error === 'string' ? params.wave_error.slice(0, 500) : null;
  const [queue, methods, timeZone] = await Promise.all([
    fulfillmentQueue(query),
    queueShippingMethods(),
    shopTimezone(),
  ]);
  const shipBy = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const filtered = !!(query.channel || query.shipping_method || query.size || query.overdue);

  return (
    <>
      <PageHeader
        title="Fulfillment"
        description={`Orders ready to ship, the earliest promised ship-by first. Times are in the shop's time zone (${timeZone}).`}
      />
      <FulfillmentTabs current="/fulfillment" />

      <form
        method="get"
        action="/fulfillment"
        role="search"
        aria-label="Filter the queue"
        className="mb-4 rounded-xl border border-slate-200 bg-white p-4"
      >
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-40">
            <label htmlFor="channel" className="block text-sm font-medium">
              Channel
            </label>
            <select id="channel" name="channel" defaultValue={query.channel ?? ''} className={selectClass}>
              <option value="">Any</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABEL[c]}
                </option>
              ))}
            </select>
          </div>
          <div className="w-44">
            <label htmlFor="shipping_method" className="block text-sm font-medium">
              Shipping method
            </label>
            <select
              id="shipping_method"
              name="shipping_method"
              defaultValue={query.shipping_method ?? ''}
              className={selectClass}
            >
              <option value="">Any</option>
              {[...new Set([...methods, ...(query.shipping_method ? [query.shipping_method] : [])])].map(
                (m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ),
              )}
            </select>
          </div>
          <div className="w-40">
            <label htmlFor="size" className="block text-sm font-medium">
              Items
            </label>
            <select id="size" name="size" defaultValue={query.size ?? ''} className={selectClass}>
              <option value="">Any</option>
              <option value="single">Single item</option>
              <option value="multi">Multiple items</option>
            </select>
          </div>
          <label className="flex min-h-11 cursor-pointer items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="overdue"
              value="1"
              defaultChecked={query.overdue}
              className="size-5"
            />
            Overdue only
          </label>
          <button
            type="submit"
            className="min-h-11 rounded-md bg-brand-700 px-5 text-sm font-medium text-white hover:bg-brand-800"
          >
            Apply filters
          </button>
          {filtered && (
            <Link
              href="/fulfillment"
              className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline"
            >
              Clear filters
            </Link>
          )}
        </div>
      </form>

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
        {queue.data.length === 0 ? (
          <p className="p-4 text-slate-700">
            {filtered ? (
              <>
                No orders match these filters.{' '}
                <Link href="/fulfillment" className="text-brand-700 underline">
                  Clear the filters
                </Link>
                .
              </>
            ) : (
              'Nothing to ship: every open order has gone out.'
            )}
          </p>
        ) : (
          <form method="get" action="/fulfillment/pick-list" target="_blank" aria-label="Print a pick list">
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
                className="min-h-11 rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
              >
                Print pick list for selected
              </button>
              <span className="text-sm text-slate-600">Up to {MAX_WAVE_ORDERS} orders, one tote each.</span>
            </div>
            <ScrollRegion label="Orders to ship" className="mt-2">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="w-12 px-4 py-2 font-medium">
                      <span className="sr-only">Select</span>
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Order · ship by
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Items to ship
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Customer · channel
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {queue.data.map((o) => (
                    <tr key={o.id} className={`border-b border-slate-100 ${o.overdue ? 'bg-red-50' : ''}`}>
                      <td className="px-4 py-1 align-top">
                        <input
                          type="checkbox"
                          name="orders"
                          value={o.id}
                          aria-label={`Select order #${o.number}`}
                          className="size-5"
                        />
                      </td>
                      {/* Three text columns so a row stays one or two lines at tablet width (820 px). */}
                      <td className="whitespace-nowrap px-4 py-1 align-top">
                        <Link
                          href={`/fulfillment/orders/${o.id}`}
                          className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline"
                          aria-label={`Ship order #${o.number}`}
                        >
                          #{o.number}
                        </Link>
                        {o.status !== 'open' && (
                          <span className="ml-2">
                            <OrderStatusBadge status={o.status} />
                          </span>
                        )}
                        <span className="block pb-1 text-slate-700">
                          {o.promised_ship_by ? (
                            shipBy.format(new Date(o.promised_ship_by))
                          ) : (
                            <span className="text-slate-600">No promise</span>
                          )}
                          {o.overdue && (
                            <span className="ml-2 rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
                              Overdue
                            </span>
                          )}
                        </span>
                      </td>
                      <td className="min-w-48 px-3 py-2 align-top">
                        <span className="font-medium">
                          {o.units_open} {o.units_open === 1 ? 'item' : 'items'}
                        </span>
                        <span className="block text-slate-600">
                          {o.lines_open.slice(0, 3).map((l, i) => (
                            <span key={i} className="whitespace-nowrap">
                              {i ? ', ' : ''}
                              {l}
                            </span>
                          ))}
                          {o.lines_open.length > 3 ? `, +${o.lines_open.length - 3} more` : ''}
                        </span>
                      </td>
                      <td className="min-w-36 px-3 py-2 align-top">
                        {o.customer}
                        <span className="block text-slate-600">
                          {CHANNEL_LABEL[o.channel] ?? o.channel}
                          {o.shipping_method ? ` · ${o.shipping_method}` : ''}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </form>
        )}
      </section>
    </>
  );
}
