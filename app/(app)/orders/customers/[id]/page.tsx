import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { customerDetail } from '@/lib/customers/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { OrderStatusBadge, PaymentStatusBadge } from '@/components/orders/order-badges';
import { CHANNEL_LABEL } from '@/lib/orders/labels';

export const metadata: Metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('orders:read', `/orders/customers/${id}`);
  const [customer, settings] = await Promise.all([customerDetail(id), shopSettings()]);
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
      <p className="mb-2 text-sm">
        <Link href="/orders/customers" className="text-brand-700 underline">
          ← Customers
        </Link>
      </p>
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
        <section
          aria-labelledby="history-title"
          className="min-w-0 rounded-xl border border-slate-200 bg-white xl:col-span-2"
        >
          <h2 id="history-title" className="px-5 pt-4 text-lg font-semibold">
            Order history
          </h2>
          {customer.orders.length === 0 ? (
            <p className="px-5 pb-5 pt-2 text-slate-700">No orders yet.</p>
          ) : (
            <ScrollRegion label="Order history table" className="mt-2">
              <table className="w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="px-5 py-2 font-medium">
                      Order
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Placed
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Channel
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-3 py-2 font-medium">
                      Payment
                    </th>
                    <th scope="col" className="px-3 py-2 text-right font-medium">
                      Items
                    </th>
                    <th scope="col" className="px-5 py-2 text-right font-medium">
                      Total
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {customer.orders.map((o) => (
                    <tr key={o.id} className="border-b border-slate-100">
                      <td className="px-5 py-2">
                        <Link href={`/orders/${o.id}`} className="font-medium text-brand-700 underline">
                          #{o.number}
                        </Link>
                      </td>
                      <td className="whitespace-nowrap px-3 py-2">
                        {dateTime.format(new Date(o.placed_at))}
                      </td>
                      <td className="px-3 py-2">{CHANNEL_LABEL[o.channel] ?? o.channel}</td>
                      <td className="px-3 py-2">
                        <OrderStatusBadge status={o.status} />
                      </td>
                      <td className="px-3 py-2">
                        <PaymentStatusBadge status={o.payment_status} />
                      </td>
                      <td className="px-3 py-2 text-right tabular-nums">{o.items}</td>
                      <td
                        className={
                          `whitespace-nowrap px-5 py-2 text-right ` +
                          `tabular-nums ${o.status === 'cancelled' ? 'text-slate-500 line-through' : ''}`
                        }
                      >
                        {money(o.total)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          {customer.more_orders && (
            <p className="px-5 py-3 text-sm text-slate-700">
              Showing the latest {customer.orders.length}.{' '}
              <Link
                href={`/orders?q=${encodeURIComponent(customer.email)}`}
                className="text-brand-700 underline"
              >
                See all their orders
              </Link>
              .
            </p>
          )}
        </section>

        <div className="space-y-6">
          <section aria-labelledby="tags-title" className="rounded-xl border border-slate-200 bg-white p-5">
            <h2 id="tags-title" className="text-lg font-semibold">
              Tags
            </h2>
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
          </section>
          <section
            aria-labelledby="addresses-title"
            className="rounded-xl border border-slate-200 bg-white p-5"
          >
            <h2 id="addresses-title" className="text-lg font-semibold">
              Addresses
            </h2>
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
                    <address className="not-italic leading-relaxed">
                      {a.name}
                      <br />
                      {a.line1}
                      <br />
                      {a.line2 && (
                        <>
                          {a.line2}
                          <br />
                        </>
                      )}
                      {[a.city, a.region].filter(Boolean).join(', ')} {a.postal_code}
                      <br />
                      {a.country}
                      {a.phone && (
                        <>
                          <br />
                          {a.phone}
                        </>
                      )}
                    </address>
                  </li>
                ))}
              </ul>
            )}
          </section>
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
