import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { billList } from '@/lib/purchasing/bill-queries';
import { ZBillListQuery } from '@/lib/purchasing/bill-schemas';
import { SUPPLIER_BILL_STATUSES, SUPPLIER_BILL_STATUS_LABEL } from '@/lib/purchasing/bill-rules';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { FilterSelect } from '@/components/ui/form';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';
import { BillStatusBadge } from '@/components/purchasing/bill-status-badge';

export const metadata: Metadata = { title: 'Supplier bills' };

export default async function BillsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePagePermission('purchasing:read', '/purchasing/bills');
  const raw = await searchParams;
  const status = typeof raw.status === 'string' && raw.status ? raw.status : undefined;
  const parsed = ZBillListQuery.safeParse({ status, limit: 200 });
  const query = parsed.success ? parsed.data : ZBillListQuery.parse({ limit: 200 });
  const { data } = await billList(query);
  return (
    <>
      <PageHeader
        title="Supplier bills"
        description={
          'Bills entered against purchase orders: matched to what was ordered and ' +
          'received, posted, waiting for a manager, or paid.'
        }
      />
      <PurchasingTabs current="/purchasing/bills" canRead />
      <form method="get" aria-label="Filter bills" className="mb-4 flex flex-wrap items-end gap-3">
        <FilterSelect
          id="status"
          label="Status"
          value={query.status}
          options={SUPPLIER_BILL_STATUSES.map((s) => ({ value: s, label: SUPPLIER_BILL_STATUS_LABEL[s] }))}
        />
        <button
          type="submit"
          className={
            'min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm ' +
            'font-medium hover:bg-slate-50'
          }
        >
          Apply
        </button>
      </form>
      {data.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          {query.status
            ? 'No bills with this status. Clear the filter to see them all.'
            : 'No bills yet. Open a received purchase order and choose “Enter supplier bill”.'}
        </p>
      ) : (
        <section aria-label="Bills" className="rounded-xl border border-slate-200 bg-white">
          <ScrollRegion label="Bills table">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Bill
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Supplier
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    PO
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Due
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.map((b) => (
                  <tr key={b.id} className="border-b border-slate-100">
                    <td className="px-4 py-2">
                      <Link
                        href={`/purchasing/bills/${b.id}`}
                        className="font-medium text-brand-700 underline"
                      >
                        {b.label}
                      </Link>
                      <span className="block text-xs text-slate-600">{b.supplier_reference}</span>
                    </td>
                    <td className="px-3 py-2">{b.supplier.name}</td>
                    <td className="px-3 py-2">{b.purchase_order.label}</td>
                    <td className="px-3 py-2">
                      <BillStatusBadge status={b.status} />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{b.due_date}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMoney(b.total, b.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}
    </>
  );
}
