import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { countReview } from '@/lib/inventory/cycle-counts/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { CycleCountStatusBadge } from '@/components/cycle-counts/status-badge';
import { CountActions } from '@/components/cycle-counts/count-actions';
import { reviewLineShown, type ReviewLineFilter } from '@/lib/inventory/cycle-counts/rules';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';
import type { RecordPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Review cycle count' };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const signed = (v: number) => (v > 0 ? `+${v}` : String(v));

/** Expected, counted, variance and value per line: for reviewers only (counters count blind). */
export default async function ReviewCycleCountPage({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  const filter: ReviewLineFilter = (await searchParams).lines === 'differences' ? 'differences' : 'all';
  const user = await requirePagePermission('inventory:approve_count', `/inventory/cycle-counts/${id}/review`);
  const review = await countReview(id, userActor(user));
  if (!review) notFound();
  const money = (v: number) => formatMoney(v, review.currency);
  const t = review.totals;
  const estimated = review.status !== 'completed';
  const shown = review.lines.filter((l) => reviewLineShown(l, filter));
  const base = `/inventory/cycle-counts/${review.id}/review`;
  return (
    <>
      <BackLink href={`/inventory/cycle-counts/${review.id}`} tall>
        Count #{review.number}
      </BackLink>
      <PageHeader
        title={`Review count #${review.number}`}
        description={`${review.location_name} (${review.location}) · ${review.scope_description}`}
        actions={
          <div className="flex items-center gap-3">
            <CycleCountStatusBadge status={review.status} />
            <a
              href={`/inventory/cycle-counts/${review.id}/export`}
              className={
                'inline-flex min-h-11 items-center rounded-md border border-slate-300 ' +
                'bg-white px-4 text-sm font-medium hover:bg-slate-50'
              }
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
        <div className="flex flex-wrap items-center justify-between gap-3 p-4">
          <h2 id="lines-title" className="text-lg font-semibold">
            Lines
          </h2>
          <nav aria-label="Which lines" className="flex flex-wrap gap-2 text-sm">
            {(
              [
                ['all', `All lines (${t.lines})`, base],
                ['differences', `With a difference (${t.with_variance})`, `${base}?lines=differences`],
              ] as const
            ).map(([key, label, href]) => (
              <Link
                key={key}
                href={href}
                aria-current={filter === key ? 'page' : undefined}
                className={
                  `inline-flex min-h-10 items-center rounded-md border px-3 ` +
                  (`font-medium ` +
                    (filter === key
                      ? 'border-brand-700 bg-brand-50 text-brand-900'
                      : 'border-slate-300 bg-white hover:bg-slate-50'))
                }
              >
                {label}
              </Link>
            ))}
          </nav>
        </div>
        {shown.length === 0 && (
          <p className="px-4 pb-4 text-slate-700">
            No counted line differs from what was expected.{' '}
            <Link href={base} className="text-brand-700 underline">
              Show all lines
            </Link>
          </p>
        )}
        <StaticTable
          label="Count lines with differences"
          caption="Counted lines against the expected quantities"
          columns={[
            { id: 'bin', header: 'Bin', className: 'font-mono' },
            { id: 'sku', header: 'SKU' },
            { id: 'expected', header: 'Expected', align: 'end' },
            { id: 'counted', header: 'Counted', align: 'end' },
            { id: 'difference', header: 'Difference', align: 'end', className: 'font-semibold' },
            { id: 'value', header: estimated ? 'Value (est.)' : 'Value', align: 'end' },
            { id: 'by', header: 'Counted by' },
          ]}
          rows={shown.map((l) => ({
            id: l.sku,
            className: l.variance ? 'bg-amber-50' : '',
            data: { 'data-testid': `review-${l.sku}` },
            cells: {
              bin: l.bin_code ?? '—',
              sku: (
                <>
                  <span className="font-mono">{l.sku}</span>
                  <span className="block text-xs text-slate-700">{l.name}</span>
                </>
              ),
              expected: l.expected ?? (
                <span title="Read when the line is counted">{l.expected_at_start ?? '—'} at start</span>
              ),
              counted: l.counted ?? 'not counted',
              difference: (
                <span className={l.variance ? (l.variance < 0 ? 'text-red-800' : 'text-green-900') : ''}>
                  {l.variance === null ? '—' : signed(l.variance)}
                </span>
              ),
              value: l.variance ? money(l.value) : '—',
              by: l.counted_by ?? '—',
            },
          }))}
        />
      </section>
      {review.status === 'counting' && (
        <Card id="complete-title" title="Post the differences" className="space-y-3">
          <p className="text-slate-700">
            Completing posts each difference as a count correction at cost (losses to inventory shrinkage,
            found units back), closes the count and counts it in the inventory accuracy KPI.
            {t.not_counted > 0 &&
              ` ${t.not_counted} ${t.not_counted === 1 ? 'line was' : 'lines were'} not counted and ` +
                `will be left as they are.`}
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
        </Card>
      )}
    </>
  );
}
