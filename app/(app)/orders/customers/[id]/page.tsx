import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { CUSTOMER_ORDER_SORT, customerDetail } from '@/lib/customers/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { OrderStatusBadge, PaymentStatusBadge } from '@/components/orders/order-badges';
import { CHANNEL_LABEL } from '@/lib/orders/labels';

import { Card } from '@/components/page/card';
import { PostalAddressBlock } from '@/components/page/postal-address';
import { BackLink } from '@/components/page/back-link';
import type { RecordPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  await requirePagePermission('orders:read', `/orders/customers/${id}`);
  const { sort } = readSort(await searchParams, CUSTOMER_ORDER_SORT);
  const [customer, settings] = await Promise.all([customerDetail(id, { ordersSort: sort }), shopSettings()]);
  if (!customer) notFound();
  const money = (n: number) => formatMoney(n, settings.currency);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: settings.timezone, dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat('en-US', {
    timeZone: settings.timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const s = customer.stats;
  return (
    <>
      <BackLink href="/orders/customers">Customers</BackLink>
      <PageHeader
        title={customer.name || customer.email}
        description={
          `${customer.email}${customer.phone ? ` · ${customer.phone}` : ''} · customer ` +
          `since ${date.format(new Date(customer.created_at))}`
        }
      />

      <dl className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label="Lifetime value"
          value={money(s.lifetime_value)}
          hint="Order totals, cancelled orders left out"
          testId="customer-ltv"
        />
        <Stat
          label="Orders"
          value={String(s.order_count)}
          hint={s.cancelled_count ? `${s.cancelled_count} cancelled` : 'None cancelled'}
          testId="customer-order-count"
        />
        <Stat label="First order" value={s.first_order_at ? date.format(new Date(s.first_order_at)) : '—'} />
        <Stat label="Last order" value={s.last_order_at ? date.format(new Date(s.last_order_at)) : '—'} />
      </dl>

      <div className="grid gap-6 xl:grid-cols-3">
        <Card id="history-title" title="Order history" padding="none" className="min-w-0 xl:col-span-2">
          {customer.orders.length === 0 ? (
            <p className="px-5 pb-5 pt-2 text-slate-700">
              No orders yet. Their orders show here as soon as they buy, or when you take one for them.
            </p>
          ) : (
            <div className="mt-2">
              <ListTable
                caption="Order history table"
                regionLabel="Order history table"
                noun={['order', 'orders']}
                sort={sort}
                columns={[
                  { id: 'number', header: 'Order', sortable: true, sortDescFirst: true },
                  { id: 'placed', header: 'Placed', sortable: true, sortDescFirst: true },
                  { id: 'channel', header: 'Channel' },
                  { id: 'status', header: 'Status', sortable: true },
                  { id: 'payment', header: 'Payment' },
                  { id: 'items', header: 'Items', className: 'lg:text-right tabular-nums' },
                  {
                    id: 'total',
                    header: 'Total',
                    sortable: true,
                    sortDescFirst: true,
                    className: 'lg:text-right tabular-nums',
                  },
                ]}
                rows={customer.orders.map((o) => ({
                  id: o.id,
                  cells: {
                    number: (
                      <Link href={`/orders/${o.id}`} className="font-medium text-brand-700 underline">
                        #{o.number}
                      </Link>
                    ),
                    placed: (
                      <span className="whitespace-nowrap">{dateTime.format(new Date(o.placed_at))}</span>
                    ),
                    channel: CHANNEL_LABEL[o.channel] ?? o.channel,
                    status: <OrderStatusBadge status={o.status} />,
                    payment: <PaymentStatusBadge status={o.payment_status} />,
                    items: o.items,
                    total: (
                      <span
                        className={`whitespace-nowrap ${o.status === 'cancelled' ? 'text-slate-500 line-through' : ''}`}
                      >
                        {money(o.total)}
                      </span>
                    ),
                  },
                }))}
              />
            </div>
          )}
          {customer.more_orders && (
            <p className="px-5 py-3 text-sm text-slate-700">
              Showing {CUSTOMER_ORDER_SORT.default.id === sort.id && sort.desc ? 'the latest ' : ''}
              {customer.orders.length}.{' '}
              <Link
                href={`/orders?q=${encodeURIComponent(customer.email)}`}
                className="text-brand-700 underline"
              >
                See all their orders
              </Link>
              .
            </p>
          )}
        </Card>

        <div className="space-y-6">
          <Card id="tags-title" title="Tags">
            {customer.tags.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">No tags.</p>
            ) : (
              <ul className="mt-2 flex flex-wrap gap-2" aria-label="Tags">
                {customer.tags.map((t) => (
                  <li key={t} className="rounded-full bg-slate-100 px-2.5 py-0.5 text-sm text-slate-800">
                    {t}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card id="addresses-title" title="Addresses">
            {customer.addresses.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">No saved addresses; each order keeps its own.</p>
            ) : (
              <ul className="mt-2 space-y-4 text-sm">
                {customer.addresses.map((a) => (
                  <li key={a.id}>
                    {a.is_default && (
                      <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                        Default
                      </p>
                    )}
                    <PostalAddressBlock a={a} />
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-sm text-slate-600">{hint}</dd>}
    </div>
  );
}
