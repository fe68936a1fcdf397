import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { shopToday } from '@/lib/kpi/queries';
import { addDays } from '@/lib/kpi/rules';
import { ZWhatToFixQuery } from '@/lib/feedback/schemas';
import { whatToFixBySku, whatToFixByTheme } from '@/lib/feedback/report';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { inputClass } from '@/components/ui/form';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';

export const metadata: Metadata = { title: 'What to fix' };

const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 tabular-nums';
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * What to fix: per SKU and per theme, ratings beside returns, refunds and tickets, sorted by what the
 * problems cost (refunds + return shipping + lost margin; decision 027). Every figure opens its records.
 */
export default async function WhatToFixPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
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
        <div>
          <label htmlFor="r-from" className="block text-sm font-medium">
            From
          </label>
          <input id="r-from" name="from" type="date" defaultValue={query.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="r-to" className="block text-sm font-medium">
            To
          </label>
          <input id="r-to" name="to" type="date" defaultValue={query.to} className={inputClass} />
        </div>
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

      <section aria-labelledby="by-sku" className="mb-6 rounded-xl border border-slate-200 bg-white">
        <h2 id="by-sku" className="px-4 pt-4 text-lg font-semibold">
          By product
        </h2>
        {skus.rows.length === 0 ? (
          <p className="p-4 text-slate-700">
            Nothing to fix in this range: no ratings, returns, refunds or tickets. Try a longer range.
          </p>
        ) : (
          <ScrollRegion label="By product table">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className={th}>
                    Product
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Rating
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Returned
                  </th>
                  <th scope="col" className={th}>
                    Top reason
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Refunds
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Return shipping
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Lost margin
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Tickets
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    Cost
                  </th>
                </tr>
              </thead>
              <tbody>
                {skus.rows.map((r) => (
                  <tr key={r.sku} className="border-b border-slate-100" data-sku={r.sku}>
                    <th scope="row" className="px-3 py-2 text-left font-normal">
                      <span className="font-medium">{r.name}</span>
                      <br />
                      <span className="text-slate-600">{r.sku}</span>
                    </th>
                    <td className={`${td} text-right`}>
                      {r.ratings > 0 ? (
                        <Link href={inbox({ sku: r.sku })} className={link}>
                          {r.rating_avg?.toFixed(1)} over {r.ratings}
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className={`${td} text-right`}>
                      {r.units_returned > 0 ? (
                        <Link href={drill(r.sku, 'returns')} className={link}>
                          {r.units_returned} of {r.units_shipped} ({pct(r.return_rate)})
                        </Link>
                      ) : (
                        `0 of ${r.units_shipped}`
                      )}
                    </td>
                    <td className="px-3 py-2">
                      {r.top_reason
                        ? `“${r.top_reason.label}” on ${r.top_reason.units} of ${r.units_returned}`
                        : '—'}
                    </td>
                    <td className={`${td} text-right`}>
                      <Link href={drill(r.sku, 'refunds')} className={link}>
                        {money(r.refunds)}
                      </Link>
                    </td>
                    <td className={`${td} text-right`}>
                      <Link href={drill(r.sku, 'shipping')} className={link}>
                        {money(r.return_shipping)}
                      </Link>
                    </td>
                    <td className={`${td} text-right`}>
                      <Link href={drill(r.sku, 'lost')} className={link}>
                        {money(r.lost_margin)}
                      </Link>
                    </td>
                    <td className={`${td} text-right`}>
                      <Link href={drill(r.sku, 'tickets')} className={link}>
                        {r.tickets}
                      </Link>
                    </td>
                    <td className={`${td} text-right font-semibold`}>{money(r.cost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section aria-labelledby="by-theme" className="rounded-xl border border-slate-200 bg-white">
        <h2 id="by-theme" className="px-4 pt-4 text-lg font-semibold">
          By theme
        </h2>
        <p className="px-4 text-sm text-slate-600">
          Answers tagged with the theme in the range, what their orders cost, and tickets whose words match
          the theme&apos;s keywords.{' '}
          <Link href={`/feedback/themes?${range}`} className={link}>
            Edit themes
          </Link>
        </p>
        <ScrollRegion label="By theme table">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
              <tr>
                <th scope="col" className={th}>
                  Theme
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Answers
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Avg rating
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Low ratings
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Tickets mentioning
                </th>
                <th scope="col" className={th}>
                  Top products
                </th>
                <th scope="col" className={`${th} text-right`}>
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {themes.rows.map((t) => (
                <tr key={t.slug} className="border-b border-slate-100" data-theme={t.slug}>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {t.label}
                  </th>
                  <td className={`${td} text-right`}>
                    <Link href={inbox({ theme: t.slug })} className={link}>
                      {t.answers}
                    </Link>
                  </td>
                  <td className={`${td} text-right`}>{t.rating_avg?.toFixed(1) ?? '—'}</td>
                  <td className={`${td} text-right`}>{t.low_ratings}</td>
                  <td className={`${td} text-right`}>
                    <Link
                      href={
                        `/feedback/report/records?` +
                        `${new URLSearchParams({ ...query, theme: t.slug, figure: 'tickets' })}`
                      }
                      className={link}
                    >
                      {t.tickets_mentioning}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{t.top_skus.join(', ') || '—'}</td>
                  <td className={`${td} text-right font-semibold`}>{money(t.cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </>
  );
}
