import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { countReview } from '@/lib/inventory/cycle-counts/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { CycleCountStatusBadge } from '@/components/cycle-counts/status-badge';
import { CountActions } from '@/components/cycle-counts/count-actions';

export const metadata: Metadata = { title: 'Review cycle count' };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

/** Expected, counted, variance and value per line: for reviewers only (counters count blind). */
export default async function ReviewCycleCountPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission('inventory:approve_count', `/inventory/cycle-counts/${id}/review`);
  const review = await countReview(id, userActor(user));
  if (!review) notFound();
  const money = (v: number) => formatMoney(v, review.currency);
  const t = review.totals;
  const estimated = review.status !== 'completed';
  return (
    <>
      <p className="mb-2 text-sm">
        <Link
          href={`/inventory/cycle-counts/${review.id}`}
          className="inline-flex min-h-11 items-center text-brand-700 underline"
        >
          ← Count #{review.number}
        </Link>
      </p>
      <PageHeader
        title={`Review count #${review.number}`}
        description={`${review.location_name} (${review.location}) · ${review.scope_description}`}
        actions={
          <div className="flex items-center gap-3">
            <CycleCountStatusBadge status={review.status} />
            <a
              href={`/inventory/cycle-counts/${review.id}/export`}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50"
            >
              Export CSV
            </a>
          </div>
        }
      />
      <dl className="mb-4 grid gap-3 sm:grid-cols-4">
        {[
          ['Lines counted', `${t.counted} of ${t.lines}`],
          ['With a difference', String(t.with_variance)],
          ['Accuracy', `${pct(t.accuracy)} (${t.abs_variance} of ${t.expected} units off)`],
          [estimated ? 'Value (estimate)' : 'Value posted', money(t.value)],
        ].map(([k, v]) => (
          <div key={k} className="rounded-xl border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-700">{k}</dt>
            <dd
              className="text-xl font-semibold tabular-nums"
              data-testid={`total-${k.split(' ')[0].toLowerCase()}`}
            >
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="lines-title" className="mb-6 rounded-xl border border-slate-200 bg-white">
        <h2 id="lines-title" className="p-4 text-lg font-semibold">
          Lines
        </h2>
        <ScrollRegion label="Count lines with differences">
          <table className="w-full text-left text-sm">
            <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Bin
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  SKU
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Expected
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Counted
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Difference
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  {estimated ? 'Value (est.)' : 'Value'}
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Counted by
                </th>
              </tr>
            </thead>
            <tbody>
              {review.lines.map((l) => (
                <tr
                  key={l.sku}
                  className={`border-b border-slate-100 ${l.variance ? 'bg-amber-50' : ''}`}
                  data-testid={`review-${l.sku}`}
                >
                  <td className="px-4 py-2 font-mono">{l.bin_code ?? '—'}</td>
                  <td className="px-3 py-2">
                    <span className="font-mono">{l.sku}</span>
                    <span className="block text-xs text-slate-700">{l.name}</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {l.expected ?? (
                      <span title="Read when the line is counted">{l.expected_at_start ?? '—'} at start</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.counted ?? 'not counted'}</td>
                  <td
                    className={`px-3 py-2 text-right font-semibold tabular-nums ${l.variance ? (l.variance < 0 ? 'text-red-800' : 'text-green-900') : ''}`}
                  >
                    {l.variance === null ? '—' : signed(l.variance)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.variance ? money(l.value) : '—'}</td>
                  <td className="px-3 py-2">{l.counted_by ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      {review.status === 'counting' && (
        <section
          aria-labelledby="complete-title"
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-5"
        >
          <h2 id="complete-title" className="text-lg font-semibold">
            Post the differences
          </h2>
          <p className="text-slate-700">
            Completing posts each difference as a count correction at cost (losses to inventory shrinkage,
            found units back), closes the count and counts it in the inventory accuracy KPI.
            {t.not_counted > 0 &&
              ` ${t.not_counted} ${t.not_counted === 1 ? 'line was' : 'lines were'} not counted and will be left as they are.`}
            {t.counted === 0 && ' Nothing is counted yet: ask the counter to count first.'}
          </p>
          {t.counted > 0 && (
            <CountActions
              countId={review.id}
              moves={['complete', 'cancel']}
              completeLabel="Complete count and post"
              afterComplete={`/inventory/cycle-counts/${review.id}/review`}
            />
          )}
        </section>
      )}
    </>
  );
}
