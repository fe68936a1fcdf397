import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { supplierList } from '@/lib/purchasing/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';

export const metadata: Metadata = { title: 'Suppliers' };

export default async function SuppliersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission('purchasing:read', '/purchasing/suppliers');
  const canWrite = roleHas(user.role, 'purchasing:write');
  const raw = await searchParams;
  const cursor = typeof raw.cursor === 'string' ? raw.cursor : undefined;
  const list = await supplierList({ cursor, limit: 50 });
  return (
    <>
      <PageHeader
        title="Purchasing"
        description="Suppliers: who you buy from, their lead times, and what each sells you at what cost."
        actions={
          canWrite && (
            <Link
              href="/purchasing/suppliers/new"
              className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800"
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
          <ScrollRegion label="Suppliers table">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Supplier
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Email
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Currency
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Lead time
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Products
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Open POs
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map((s) => (
                  <tr key={s.id} className="border-b border-slate-100">
                    <td className="px-4 py-2">
                      <Link
                        href={`/purchasing/suppliers/${s.id}`}
                        className="font-medium text-brand-700 underline"
                      >
                        {s.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{s.email}</td>
                    <td className="px-3 py-2">{s.currency}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {s.lead_time_days} d ± {s.lead_time_stddev_days}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{s.products.length}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{s.open_purchase_orders}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {list.next_cursor && (
            <p className="p-4">
              <Link
                href={`/purchasing/suppliers?cursor=${encodeURIComponent(list.next_cursor)}`}
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
