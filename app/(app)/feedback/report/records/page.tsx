import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { ZWhatToFixQuery } from '@/lib/feedback/schemas';
import {
  FIX_FIGURES,
  FIX_RECORD_SORT,
  reportCurrency,
  sortFixRecords,
  themeTicketRecords,
  whatToFixRecords,
} from '@/lib/feedback/report';
import { formatMoney } from '@/lib/money';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort } from '@/lib/list/sort';
import { FeedbackTabs } from '@/components/feedback/feedback-tabs';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'What to fix: records' };

const FIGURE_TITLE: Record<string, string> = {
  returns: 'Returned units',
  refunds: 'Refunds',
  shipping: 'Return shipping',
  lost: 'Lost margin (units inspected damaged or scrap)',
  tickets: 'Tickets',
};

const ZParams = z.intersection(
  ZWhatToFixQuery,
  z.union([
    z.object({ sku: z.string().min(1).max(100), figure: z.enum(FIX_FIGURES) }),
    z.object({ theme: z.string().regex(/^[a-z0-9_]{1,40}$/), figure: z.literal('tickets') }),
  ]),
);

/** The records behind one figure of the What to fix report: its amounts add up to the figure. */
export default async function WhatToFixRecordsPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('feedback:read', '/feedback/report');
  const raw = await searchParams;
  const parsed = ZParams.safeParse(raw);
  const { sort } = readSort(raw, FIX_RECORD_SORT);
  const header = (
    <FeedbackTabs current="/feedback/report" showSettings={roleHas(user.role, 'settings:write')} />
  );
  if (!parsed.success)
    return (
      <>
        <PageHeader title="What to fix: records" />
        {header}
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          This link does not name a figure of the report. Open one from{' '}
          <Link href="/feedback/report" className="underline">
            What to fix
          </Link>
          .
        </p>
      </>
    );
  const q = parsed.data;
  const records =
    'theme' in q
      ? await themeTicketRecords({ from: q.from, to: q.to, theme: q.theme })
      : await whatToFixRecords({ from: q.from, to: q.to, sku: q.sku, figure: q.figure });
  const [tz, cur] = await Promise.all([shopTimezone(), reportCurrency()]);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium' });
  const total = records.reduce((s, r) => s + (r.amount ?? 0), 0);
  const subject = 'theme' in q ? `theme “${q.theme}”` : q.sku;
  const href = (r: (typeof records)[number]) =>
    r.kind === 'return'
      ? `/returns/${r.id}`
      : r.kind === 'ticket'
        ? `/support/${r.id}`
        : `/orders/${r.order_id}`;
  return (
    <>
      <PageHeader
        title={`${FIGURE_TITLE[q.figure]}: ${subject}`}
        description={
          `${q.from} to ${q.to}. ${records.length} ` +
          (`record${records.length === 1 ? '' : 's'}` +
            `${records.some((r) => r.amount !== null) ? `, ${formatMoney(total, cur)} in all` : ''}.`)
        }
        actions={
          <Link
            href={`/feedback/report?${new URLSearchParams({ from: q.from, to: q.to })}`}
            className="text-brand-700 underline"
          >
            ← Back to the report
          </Link>
        }
      />
      {header}
      {records.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          No records behind this figure in the range. Widen the range on the report.
        </p>
      ) : (
        <section aria-label="Records" className="rounded-xl border border-slate-200 bg-white">
          <ListTable
            caption="Records table"
            regionLabel="Records table"
            noun={['record', 'records']}
            sort={sort}
            columns={[
              { id: 'record', header: 'Record', sortable: true },
              { id: 'order', header: 'Order', sortable: true },
              { id: 'date', header: 'Date', sortable: true },
              { id: 'detail', header: 'Detail' },
              { id: 'amount', header: 'Amount', sortable: true, className: 'lg:text-right tabular-nums' },
            ]}
            rows={sortFixRecords(records, sort).map((r, i) => ({
              id: `${r.id}-${i}`,
              cells: {
                record: (
                  <Link href={href(r)} className="text-brand-700 underline">
                    {r.kind === 'return' ? 'Return' : r.kind === 'refund' ? 'Refund' : 'Ticket'} #{r.number}
                  </Link>
                ),
                order: r.order_id ? (
                  <Link href={`/orders/${r.order_id}`} className="text-brand-700 underline">
                    #{r.order_number}
                  </Link>
                ) : (
                  '—'
                ),
                date: <span className="whitespace-nowrap">{date.format(new Date(r.at))}</span>,
                detail: r.detail,
                amount: r.amount === null ? '—' : formatMoney(r.amount, cur),
              },
            }))}
          />
        </section>
      )}
    </>
  );
}
