import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { shopToday } from '@/lib/kpi/queries';
import { addDays } from '@/lib/dates';
import { ZWhatToFixQuery } from '@/lib/feedback/schemas';
import { whatToFixBySku, whatToFixByTheme } from '@/lib/feedback/report';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import { FilterInput } from '@/components/page/filter-fields';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';
import { endColumns } from '@/components/page/columns';

export const metadata: Metadata = { title: 'What to fix' };

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * What to fix: per SKU and per theme, ratings beside returns, refunds and tickets, sorted by what the
 * problems cost (refunds + return shipping + lost margin; decision 027). Every figure opens its records.
 */
export default async function WhatToFixPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('feedback:read', '/feedback/report');
  const raw = await searchParams;
  const { today } = await shopToday();
  const fallback = { from: addDays(today, -89), to: today };
  const asked = {
    from: typeof raw.from === 'string' && raw.from ? raw.from : fallback.from,
    to: typeof raw.to === 'string' && raw.to ? raw.to : fallback.to,
  };
  const parsed = ZWhatToFixQuery.safeParse(asked);
  const query = parsed.success ? parsed.data : fallback;
  const [skus, themes] = await Promise.all([whatToFixBySku(query), whatToFixByTheme(query)]);
  const money = (v: number) => formatMoney(v, skus.currency);
  const range = new URLSearchParams(query).toString();
  const drill = (sku: string, figure: string) =>
    `/feedback/report/records?${new URLSearchParams({ ...query, sku, figure }).toString()}`;
  const inbox = (extra: Record<string, string>) =>
    `/feedback?${new URLSearchParams({ ...query, ...extra }).toString()}`;
  const link = 'text-brand-700 underline';
  return (
    <>
      <PageHeader
        title="What to fix"
        description={
          'Which products and which themes cost the most: ratings next to returns, ' +
          'refunds and tickets. Cost = refunds + return shipping + lost margin ' +
          '(returned units that cannot be sold again, at cost).'
        }
      />
      <FeedbackTabs current="/feedback/report" showSettings={roleHas(user.role, 'settings:write')} />
      <form method="get" aria-label="Report range" className="mb-4 flex flex-wrap items-end gap-3">
        <FilterInput id="r-from" name="from" label="From" type="date" value={query.from} />
        <FilterInput id="r-to" name="to" label="To" type="date" value={query.to} />
        <button
          type="submit"
          className={
            'min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm ' +
            'font-medium hover:bg-slate-50'
          }
        >
          Show
        </button>
      </form>
      {!parsed.success && (
        <p
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {parsed.error.issues[0]?.message}. Showing the last 90 days instead.
        </p>
      )}

      <Card id="by-sku" title="By product" padding="none" className="mb-6" titleClassName="px-4 pt-4">
        {skus.rows.length === 0 ? (
          <p className="p-4 text-slate-700">
            Nothing to fix in this range: no ratings, returns, refunds or tickets. Try a longer range.
          </p>
        ) : (
          <StaticTable
            label="By product table"
            caption="What each product's problems cost, largest first"
            columns={[
              { id: 'product', header: 'Product', rowHeader: true },
              { id: 'rating', header: 'Rating', align: 'end' },
              { id: 'returned', header: 'Returned', align: 'end' },
              { id: 'reason', header: 'Top reason' },
              ...endColumns({
                refunds: 'Refunds',
                shipping: 'Return shipping',
                lost: 'Lost margin',
                tickets: 'Tickets',
              }),
              { id: 'cost', header: 'Cost', align: 'end', className: 'font-semibold' },
            ]}
            rows={skus.rows.map((r) => ({
              id: r.sku,
              data: { 'data-sku': r.sku },
              cells: {
                product: (
                  <>
                    <span className="font-medium">{r.name}</span>
                    <br />
                    <span className="text-slate-600">{r.sku}</span>
                  </>
                ),
                rating:
                  r.ratings > 0 ? (
                    <Link href={inbox({ sku: r.sku })} className={link}>
                      {r.rating_avg?.toFixed(1)} over {r.ratings}
                    </Link>
                  ) : (
                    '—'
                  ),
                returned:
                  r.units_returned > 0 ? (
                    <Link href={drill(r.sku, 'returns')} className={link}>
                      {r.units_returned} of {r.units_shipped} ({pct(r.return_rate)})
                    </Link>
                  ) : (
                    `0 of ${r.units_shipped}`
                  ),
                reason: r.top_reason
                  ? `“${r.top_reason.label}” on ${r.top_reason.units} of ${r.units_returned}`
                  : '—',
                refunds: (
                  <Link href={drill(r.sku, 'refunds')} className={link}>
                    {money(r.refunds)}
                  </Link>
                ),
                shipping: (
                  <Link href={drill(r.sku, 'shipping')} className={link}>
                    {money(r.return_shipping)}
                  </Link>
                ),
                lost: (
                  <Link href={drill(r.sku, 'lost')} className={link}>
                    {money(r.lost_margin)}
                  </Link>
                ),
                tickets: (
                  <Link href={drill(r.sku, 'tickets')} className={link}>
                    {r.tickets}
                  </Link>
                ),
                cost: money(r.cost),
              },
            }))}
          />
        )}
      </Card>

      <Card id="by-theme" title="By theme" padding="none" titleClassName="px-4 pt-4">
        <p className="px-4 text-sm text-slate-600">
          Answers tagged with the theme in the range, what their orders cost, and tickets whose words match
          the theme&apos;s keywords.{' '}
          <Link href={`/feedback/themes?${range}`} className={link}>
            Edit themes
          </Link>
        </p>
        <StaticTable
          label="By theme table"
          caption="What customers' feedback themes cost"
          columns={[
            { id: 'theme', header: 'Theme', rowHeader: true, className: 'font-medium' },
            ...endColumns({
              answers: 'Answers',
              rating: 'Avg rating',
              low: 'Low ratings',
              tickets: 'Tickets mentioning',
            }),
            { id: 'skus', header: 'Top products' },
            { id: 'cost', header: 'Cost', align: 'end', className: 'font-semibold' },
          ]}
          rows={themes.rows.map((t) => ({
            id: t.slug,
            data: { 'data-theme': t.slug },
            cells: {
              theme: t.label,
              answers: (
                <Link href={inbox({ theme: t.slug })} className={link}>
                  {t.answers}
                </Link>
              ),
              rating: t.rating_avg?.toFixed(1) ?? '—',
              low: t.low_ratings,
              tickets: (
                <Link
                  href={`/feedback/report/records?${new URLSearchParams({
                    ...query,
                    theme: t.slug,
                    figure: 'tickets',
                  })}`}
                  className={link}
                >
                  {t.tickets_mentioning}
                </Link>
              ),
              skus: t.top_skus.join(', ') || '—',
              cost: money(t.cost),
            },
          }))}
        />
      </Card>
    </>
  );
}
