import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { SUPPLIER_SORT, supplierList } from '@/lib/purchasing/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort, sortParams } from '@/lib/list/sort';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Suppliers' };

export default async function SuppliersPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('purchasing:read', '/purchasing/suppliers');
  const canWrite = roleHas(user.role, 'purchasing:write');
  const raw = await searchParams;
  const cursor = typeof raw.cursor === 'string' ? raw.cursor : undefined;
  const { sort } = readSort(raw, SUPPLIER_SORT);
  const list = await supplierList({ cursor, limit: 50 }, undefined, sort);
  return (
    <>
      <PageHeader
        title="Purchasing"
        description="Suppliers: who you buy from, their lead times, and what each sells you at what cost."
        actions={
          canWrite && (
            <Link
              href="/purchasing/suppliers/new"
              className={
                'inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm ' +
                'font-semibold text-white hover:bg-brand-800'
              }
            >
              New supplier
            </Link>
          )
        }
      />
      <PurchasingTabs current="/purchasing/suppliers" canRead />
      {list.data.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          No suppliers yet.{' '}
          {canWrite ? 'Choose “New supplier” to add the first one with the products it sells.' : ''}
        </p>
      ) : (
        <section aria-label="Suppliers" className="rounded-xl border border-slate-200 bg-white">
          <ListTable
            caption="Suppliers"
            noun={['supplier', 'suppliers']}
            storageKey="suppliers"
            sort={sort}
            columns={[
              { id: 'name', header: 'Supplier', hideable: false, sortable: true },
              { id: 'email', header: 'Email' },
              { id: 'currency', header: 'Currency' },
              { id: 'lead', header: 'Lead time', className: 'lg:text-right' },
              { id: 'products', header: 'Products', className: 'lg:text-right' },
              { id: 'open', header: 'Open POs', className: 'lg:text-right' },
            ]}
            rows={list.data.map((s) => ({
              id: s.id,
              cells: {
                name: (
                  <Link
                    href={`/purchasing/suppliers/${s.id}`}
                    className="font-medium text-brand-700 underline"
                  >
                    {s.name}
                  </Link>
                ),
                email: <span className="break-all">{s.email}</span>,
                currency: s.currency,
                lead: (
                  <span className="tabular-nums">
                    {s.lead_time_days} d ± {s.lead_time_stddev_days}
                  </span>
                ),
                products: <span className="tabular-nums">{s.products.length}</span>,
                open: <span className="tabular-nums">{s.open_purchase_orders}</span>,
              },
            }))}
          />
          {list.next_cursor && (
            <p className="p-4">
              <Link
                href={`/purchasing/suppliers?${new URLSearchParams({
                  ...sortParams(sort, SUPPLIER_SORT),
                  cursor: list.next_cursor,
                })}`}
                className="text-brand-700 underline"
              >
                More suppliers →
              </Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
