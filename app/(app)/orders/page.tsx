import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { orderCount, orderList } from '@/lib/orders/queries';
import {
  HOLD_FILTERS,
  listQueryString,
  orderSortOf,
  readListQuery,
  SHIP_FILTERS,
} from '@/lib/orders/list-query';
import {
  BULK_DOCUMENTS,
  BULK_ORDER_ACTION_KEYS,
  BULK_ORDER_ACTIONS,
  type BulkDocument,
} from '@/lib/orders/bulk-schemas';
import { OrderTable } from '@/components/orders/order-table';
import { savedViews } from '@/lib/orders/view-queries';
import { CHANNELS, ORDER_STATUSES, PAYMENT_STATUSES } from '@/lib/orders/schemas';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { FilterChoice, FilterInput, FilterSelect, IgnoredNotice } from '@/components/page/filter-fields';
import { FilterBar } from '@/components/data-table/list-chrome';
import { OrdersTabs } from '@/components/orders/orders-tabs';
import { SavedViews } from '@/components/orders/saved-views';
import { CHANNEL_LABEL, PAYMENT_LABEL, STATUS_LABEL } from '@/lib/orders/labels';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Orders' };

const PAGE_SIZE = 50;
const SORTS = [
  { value: 'placed_desc', label: 'Newest first' },
  { value: 'placed_asc', label: 'Oldest first' },
  { value: 'total_desc', label: 'Highest total' },
  { value: 'total_asc', label: 'Lowest total' },
];
const IGNORED_LABEL: Record<string, string> = {
  status: 'status',
  payment_status: 'payment status',
  channel: 'channel',
  risk: 'risk',
  from: 'from date',
  to: 'to date',
  q: 'search',
  ship: 'shipping state',
  shipped_from: 'shipped from',
  shipped_to: 'shipped to',
  sort: 'sort',
  hold: 'hold',
};

export default async function OrdersPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('orders:read', '/orders');
  const raw = await searchParams;
  const { query, cursor, ignored } = readListQuery(raw);
  const canonical = listQueryString({
    ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
    cursor,
  });
  // The filter form submits every field, blank ones too: answer with the short, shareable URL.
  if (Object.values(raw).some((v) => v === '') && !ignored.length)
    redirect(canonical ? `/orders?${canonical}` : '/orders');
  const timeZone = await shopTimezone();
  const [page, matching, views] = await Promise.all([
    orderList({ ...query, cursor, limit: PAGE_SIZE }, timeZone),
    orderCount(query, timeZone),
    savedViews(user.id),
  ]);

  const filters = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) as Record<
    string,
    string
  >;
  const current = listQueryString(filters);
  const href = (extra: Record<string, string | undefined> = {}) => {
    const s = listQueryString({ ...filters, ...extra });
    return s ? `/orders?${s}` : '/orders';
  };
  const filtered = Object.keys(filters).some((k) => k !== 'sort');
  const canCreate = roleHas(user.role, 'orders:create');
  const tab = current === 'status=pending_review' ? '/orders?status=pending_review' : '/orders';

  return (
    <>
      <PageHeader
        title="Orders"
        description={`Orders from every sales channel. Dates are in the shop's time zone (${timeZone}).`}
        actions={
          <div className="flex flex-wrap gap-2">
            <a
              href={current ? `/orders/export?${current}` : '/orders/export'}
              className={
                'inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
                'bg-white px-4 text-sm font-medium hover:bg-slate-50'
              }
            >
              Export CSV
            </a>
            {canCreate && (
              <Link
                href="/orders/new"
                className={
                  'inline-flex min-h-10 items-center rounded-md bg-brand-700 px-4 text-sm ' +
                  'font-medium text-white hover:bg-brand-800'
                }
              >
                New order
              </Link>
            )}
          </div>
        }
      />
      <OrdersTabs current={tab} canCreate={canCreate} canImport={roleHas(user.role, 'orders:import')} />
      <SavedViews views={views} currentQuery={current} />

      <FilterBar
        label="Filter orders"
        search
        boxed
        primary
        action="/orders"
        submitLabel="Apply filters"
        active={filtered}
        clearHref={href({
          status: undefined,
          payment_status: undefined,
          channel: undefined,
          risk: undefined,
          from: undefined,
          to: undefined,
          q: undefined,
        })}
        below={
          <details
            className="mt-3"
            open={!!(filters.payment_status || filters.risk || filters.from || filters.to)}
          >
            <summary className="cursor-pointer text-sm font-medium text-brand-800">
              More filters: payment, risk, dates
            </summary>
            <div className="mt-3 flex flex-wrap items-end gap-3">
              <FilterSelect
                id="payment_status"
                label="Payment"
                value={filters.payment_status}
                className="w-44"
                options={PAYMENT_STATUSES.map((s) => ({ value: s, label: PAYMENT_LABEL[s] }))}
              />
              <FilterSelect
                id="risk"
                label="Risk"
                value={filters.risk}
                className="w-36"
                options={[
                  { value: 'low', label: 'Low' },
                  { value: 'medium', label: 'Medium' },
                  { value: 'high', label: 'High' },
                ]}
              />
              <FilterInput id="from" label="Placed from" type="date" value={filters.from} className="w-44" />
              <FilterInput id="to" label="Placed to" type="date" value={filters.to} className="w-44" />
            </div>
          </details>
        }
      >
        {/* Filters the form has no field for (dashboard drill-downs) travel along. */}
        {(['ship', 'shipped_from', 'shipped_to', 'hold'] as const).map((k) =>
          filters[k] ? <input key={k} type="hidden" name={k} value={filters[k]} /> : null,
        )}
        <FilterInput
          id="q"
          label="Search"
          type="search"
          listSearch
          value={filters.q}
          placeholder="Number, name, email, SKU or ID"
          title="Order number, customer name, email, SKU or external id"
          className="min-w-0 flex-[1_1_16rem]"
        />
        <FilterSelect
          id="status"
          label="Status"
          value={filters.status}
          className="w-44"
          options={ORDER_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
        />
        <FilterSelect
          id="channel"
          label="Channel"
          value={filters.channel}
          className="w-40"
          options={CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))}
        />
        <FilterChoice
          id="sort"
          label="Sort"
          value={filters.sort ?? 'placed_desc'}
          options={SORTS}
          className="w-40"
        />
      </FilterBar>
      {(filters.ship || filters.shipped_from || filters.shipped_to) && (
        <p className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          {filters.ship ? SHIP_FILTERS[filters.ship as keyof typeof SHIP_FILTERS] : 'Orders by last shipment'}
          {filters.shipped_from || filters.shipped_to
            ? `, last shipment ${filters.shipped_from ?? '…'} to ${filters.shipped_to ?? '…'}`
            : ''}
          .{' '}
          <Link
            href={href({
              ship: undefined,
              shipped_from: undefined,
              shipped_to: undefined,
              cursor: undefined,
            })}
            className="font-medium underline"
          >
            Clear this filter
          </Link>
        </p>
      )}
      {filters.hold && (
        <p className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-950">
          {HOLD_FILTERS[filters.hold as keyof typeof HOLD_FILTERS]}: record the payment on the order to
          release it.{' '}
          <Link href={href({ hold: undefined, cursor: undefined })} className="font-medium underline">
            Clear this filter
          </Link>
        </p>
      )}
      {ignored.length > 0 && (
        <IgnoredNotice>
          Ignored a filter that is not valid: {ignored.map((k) => IGNORED_LABEL[k] ?? k).join(', ')}.
        </IgnoredNotice>
      )}

      <section aria-labelledby="orders-title" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="orders-title" className="sr-only">
          Order list
        </h2>
        <OrderTable
          rows={page.data}
          total={matching.count}
          sort={orderSortOf(query.sort)}
          timeZone={timeZone}
          filter={listQueryString({ ...filters, sort: undefined })}
          allowed={{
            actions: BULK_ORDER_ACTION_KEYS.filter((a) =>
              roleHas(user.role, BULK_ORDER_ACTIONS[a].permission),
            ),
            documents: (Object.keys(BULK_DOCUMENTS) as BulkDocument[]).filter((d) =>
              roleHas(user.role, BULK_DOCUMENTS[d].permission),
            ),
          }}
          pagination={{
            kind: 'cursor',
            summary: `${SORTS.find((s) => s.value === query.sort)?.label} · ${page.data.length} shown of ${
              matching.capped ? `${matching.count}+` : matching.count
            }`,
            firstHref: cursor ? href() : undefined,
            nextHref: page.next_cursor ? href({ cursor: page.next_cursor }) : undefined,
          }}
          empty={
            filtered ? (
              <p>
                No orders match these filters.{' '}
                <Link href="/orders" className="text-brand-700 underline">
                  Clear the filters
                </Link>{' '}
                or widen the date range.
              </p>
            ) : cursor ? (
              <p>
                No more orders.{' '}
                <Link href={href()} className="text-brand-700 underline">
                  Back to the first page
                </Link>
                .
              </p>
            ) : (
              <p>
                No orders yet. Orders from your sales channels arrive through the API
                {canCreate ? (
                  <>
                    ; to take a phone or email order, use{' '}
                    <Link href="/orders/new" className="text-brand-700 underline">
                      New order
                    </Link>
                  </>
                ) : (
                  ''
                )}
                .
              </p>
            )
          }
        />
      </section>
    </>
  );
}
