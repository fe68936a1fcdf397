import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { apAging } from '@/lib/purchasing/bill-queries';
import { ZApAgingQuery } from '@/lib/purchasing/bill-schemas';
import { AGING_BUCKETS, AGING_BUCKET_LABEL } from '@/lib/purchasing/bill-rules';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';
import { FilterInput } from '@/components/page/filter-fields';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'AP aging' };

export default async function ApAgingPage({ searchParams }: ListPageProps) {
  await requirePagePermission('purchasing:read', '/purchasing/aging');
  const raw = await searchParams;
  const parsed = ZApAgingQuery.safeParse({
    as_of: typeof raw.as_of === 'string' && raw.as_of ? raw.as_of : undefined,
  });
  const aging = await apAging(parsed.success ? parsed.data : {});
  const money = (n: number) => formatMoney(n, aging.currency);
  return (
    <>
      <PageHeader
        title="Accounts payable aging"
        description={`What is owed to suppliers on ${aging.as_of}, by days past the due date (${aging.currency}).`}
      />
      <PurchasingTabs current="/purchasing/aging" canRead />
      <form method="get" aria-label="Aging date" className="mb-4 flex flex-wrap items-end gap-3">
        <FilterInput id="as_of" label="As of" type="date" value={aging.as_of} />
        <button
          type="submit"
          className={
            'min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm ' +
            'font-medium hover:bg-slate-50'
          }
        >
          Show
        </button>
      </form>
      {aging.suppliers.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          Nothing is owed on this date. Posted bills that are not yet paid show here;{' '}
          <Link href="/purchasing/bills" className="text-brand-700 underline">
            see all bills
          </Link>
          .
        </p>
      ) : (
        <section aria-label="AP aging by supplier" className="rounded-xl border border-slate-200 bg-white">
          <StaticTable
            label="AP aging table"
            caption="Open supplier bills by how far past due they are"
            columns={[
              { id: 'supplier', header: 'Supplier', rowHeader: true, className: 'font-medium' },
              ...AGING_BUCKETS.map((b) => ({ id: b, header: AGING_BUCKET_LABEL[b], align: 'end' as const })),
              { id: 'total', header: 'Total', align: 'end', className: 'font-semibold' },
            ]}
            rows={aging.suppliers.map((s) => ({
              id: s.supplier.id,
              cells: {
                supplier: (
                  <>
                    {s.supplier.name}
                    <span className="block text-xs font-normal text-slate-600">
                      {s.bills.map((b, i) => (
                        <span key={b.id}>
                          {i > 0 && ', '}
                          <Link href={`/purchasing/bills/${b.id}`} className="text-brand-700 underline">
                            {b.label}
                          </Link>
                        </span>
                      ))}
                    </span>
                  </>
                ),
                ...Object.fromEntries(
                  AGING_BUCKETS.map((b) => [b, s.buckets[b] ? money(s.buckets[b]) : '—']),
                ),
                total: money(s.total),
              },
            }))}
            footer={[
              {
                id: 'total',
                cells: {
                  supplier: 'Total',
                  ...Object.fromEntries(AGING_BUCKETS.map((b) => [b, money(aging.totals[b])])),
                  total: money(aging.totals.total),
                },
              },
            ]}
          />
        </section>
      )}
    </>
  );
}
