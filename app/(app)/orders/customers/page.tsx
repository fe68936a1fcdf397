import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { zCursor } from '@/lib/boundary';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { CUSTOMER_SORT, customerList } from '@/lib/customers/queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { CursorPager, FilterBar, sortedSummary } from '@/components/data-table/list-chrome';
import { OrdersTabs } from '@/components/orders/orders-tabs';
import { FilterInput } from '@/components/page/filter-fields';

export const metadata: Metadata = { title: 'Customers' };

const ZFilter = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  cursor: zCursor().optional().catch(undefined),
});

const SORT_LABEL: Record<(typeof CUSTOMER_SORT.columns)[number], string> = {
  name: 'last name',
  orders: 'orders',
  ltv: 'lifetime value',
  last: 'last order',
};

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission('orders:read', '/orders/customers');
  const raw = await searchParams;
  const filter = ZFilter.parse(raw);
  const { sort } = readSort(raw, CUSTOMER_SORT);
  const sorted = sortParams(sort, CUSTOMER_SORT);
  const [page, settings] = await Promise.all([
    customerList({ q: filter.q || undefined, cursor: filter.cursor, limit: 50, sort }),
    shopSettings(),
  ]);
  const money = (n: number) => formatMoney(n, settings.currency);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: settings.timezone, dateStyle: 'medium' });
  const href = (cursor?: string) => {
    const p = new URLSearchParams();
    if (filter.q) p.set('q', filter.q);
    for (const [k, v] of Object.entries(sorted)) p.set(k, v);
    if (cursor) p.set('cursor', cursor);
    const s = p.toString();
    return s ? `/orders/customers?${s}` : '/orders/customers';
  };
  return (
    <>
      <PageHeader
        title="Customers"
        description={
          'Everyone who has ordered or been added, with their order count and lifetime ' +
          'value (the totals of their orders that were not cancelled).'
        }
      />
      <OrdersTabs
        current="/orders/customers"
        canCreate={roleHas(user.role, 'orders:create')}
        canImport={roleHas(user.role, 'orders:import')}
      />
      <FilterBar
        label="Search customers"
        search
        boxed
        primary
        submitLabel="Search"
        clearLabel="Clear search"
        active={!!filter.q}
        clearHref="/orders/customers"
        sort={sorted}
      >
        <FilterInput
          id="q"
          label="Search"
          type="search"
          value={filter.q}
          placeholder="Name or email (starts with)"
          className="w-full sm:w-80"
        />
      </FilterBar>

      <section aria-labelledby="customers-title" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="customers-title" className="sr-only">
          Customer list
        </h2>
        {page.data.length === 0 ? (
          <p className="p-6 text-slate-700">
            {filter.q ? (
              <>
                No customer&apos;s name or email starts with “{filter.q}”. Check the spelling, or search by
                email.
              </>
            ) : (
              'No customers yet. They are added with their first order.'
            )}
          </p>
        ) : (
          <ListTable
            caption="Customers"
            noun={['customer', 'customers']}
            storageKey="customers"
            sort={sort}
            columns={[
              { id: 'name', header: 'Name', hideable: false, sortable: true },
              { id: 'email', header: 'Email' },
              { id: 'tags', header: 'Tags' },
              // the most orders, the most spent and the latest order first
              {
                id: 'orders',
                header: 'Orders',
                className: 'lg:text-right',
                sortable: true,
                sortDescFirst: true,
              },
              {
                id: 'ltv',
                header: 'Lifetime value',
                className: 'lg:text-right',
                sortable: true,
                sortDescFirst: true,
              },
              { id: 'last', header: 'Last order', sortable: true, sortDescFirst: true },
            ]}
            rows={page.data.map((c) => ({
              id: c.id,
              cells: {
                name: (
                  <>
                    <Link href={`/orders/customers/${c.id}`} className="font-medium text-brand-700 underline">
                      {c.guest ? 'Guest (imported orders without an email)' : c.name || c.email}
                    </Link>
                    {c.guest && (
                      <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800">
                        Guest
                      </span>
                    )}
                  </>
                ),
                email: <span className="break-all">{c.email}</span>,
                tags: c.tags.length ? c.tags.join(', ') : <span className="text-slate-500">—</span>,
                orders: <span className="tabular-nums">{c.order_count}</span>,
                ltv: <span className="whitespace-nowrap tabular-nums">{money(c.lifetime_value)}</span>,
                last: c.last_order_at ? (
                  <span className="whitespace-nowrap">{date.format(new Date(c.last_order_at))}</span>
                ) : (
                  <span className="text-slate-500">Never</span>
                ),
              },
            }))}
          />
        )}
        <CursorPager
          summary={sortedSummary(SORT_LABEL[sort.id], sort.desc, page.data.length)}
          firstHref={filter.cursor && href()}
          nextHref={page.next_cursor && href(page.next_cursor)}
        />
      </section>
    </>
  );
}
