import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { apAging } from '@/lib/purchasing/bill-queries';
import { ZApAgingQuery } from '@/lib/purchasing/bill-schemas';
import { AGING_BUCKETS, AGING_BUCKET_LABEL } from '@/lib/purchasing/bill-rules';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { inputClass } from '@/components/ui/form';
import { PurchasingTabs } from '@/components/purchasing/purchasing-tabs';

export const metadata: Metadata = { title: 'AP aging' };

export default async function ApAgingPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
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
        <div>
          <label htmlFor="as_of" className="block text-sm font-medium">
            As of
          </label>
          <input id="as_of" name="as_of" type="date" defaultValue={aging.as_of} className={inputClass} />
        </div>
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
          <ScrollRegion label="AP aging table">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Supplier
                  </th>
                  {AGING_BUCKETS.map((b) => (
                    <th key={b} scope="col" className="px-3 py-2 text-right font-medium">
                      {AGING_BUCKET_LABEL[b]}
                    </th>
                  ))}
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {aging.suppliers.map((s) => (
                  <tr key={s.supplier.id} className="border-b border-slate-100">
                    <th scope="row" className="px-4 py-2 text-left font-medium">
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
                    </th>
                    {AGING_BUCKETS.map((b) => (
                      <td key={b} className="px-3 py-2 text-right tabular-nums">
                        {s.buckets[b] ? money(s.buckets[b]) : '—'}
                      </td>
                    ))}
                    <td className="px-3 py-2 text-right font-semibold tabular-nums">{money(s.total)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" className="px-4 py-2 text-left font-semibold">
                    Total
                  </th>
                  {AGING_BUCKETS.map((b) => (
                    <td key={b} className="px-3 py-2 text-right font-semibold tabular-nums">
                      {money(aging.totals[b])}
                    </td>
                  ))}
                  <td className="px-3 py-2 text-right font-semibold tabular-nums">
                    {money(aging.totals.total)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </ScrollRegion>
        </section>
      )}
    </>
  );
}
