import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { REFUND_SORT, refundList } from '@/lib/refunds/queries';
import { ZRefundListQuery } from '@/lib/refunds/schemas';
import { shopTimezone } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ListTable } from '@/components/data-table/list-table';
import { readSort, sortParams } from '@/lib/list/sort';
import { inputClass } from '@/components/ui/form';
import { ReturnsTabs } from '@/components/returns/returns-tabs';
import { REFUND_STATUS_LABEL, RefundStatusBadge } from '@/components/returns/return-badges';
import { DecideRefundForm } from '@/components/returns/return-forms';

export const metadata: Metadata = { title: 'Refunds' };

export default async function RefundsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission('refunds:issue', '/returns/refunds');
  const raw = await searchParams;
  const status = typeof raw.status === 'string' && raw.status ? raw.status : undefined;
  const parsed = ZRefundListQuery.safeParse({
    status,
    cursor: typeof raw.cursor === 'string' ? raw.cursor : undefined,
  });
  const query = parsed.success ? parsed.data : ZRefundListQuery.parse({});
  const { sort } = readSort(raw, REFUND_SORT);
  const [list, tz] = await Promise.all([refundList(query, undefined, sort), shopTimezone()]);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const canDecide = roleHas(user.role, 'refunds:approve');
  return (
    <>
      <PageHeader
        title="Refunds"
        description={
          'Every refund: for returns, exchanges and goodwill. Refunds above the support ' +
          'limit wait here for a manager.'
        }
      />
      <ReturnsTabs
        current="/returns/refunds"
        showRefunds
        showReceive={roleHas(user.role, 'returns:receive')}
      />
      <form method="get" aria-label="Filter refunds" className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="refund-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="refund-status" name="status" defaultValue={query.status ?? ''} className={inputClass}>
            <option value="">Any status</option>
            {Object.entries(REFUND_STATUS_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className={
            'min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm ' +
            'font-medium hover:bg-slate-50'
          }
        >
          Apply
        </button>
      </form>
      {list.data.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          {query.status
            ? 'No refunds with this status.'
            : 'No refunds yet. Refund a received return from its page, or a goodwill refund from an order.'}
        </p>
      ) : (
        <section aria-label="Refunds" className="rounded-xl border border-slate-200 bg-white">
          <ListTable
            caption="Refunds"
            noun={['refund', 'refunds']}
            storageKey="refunds"
            sort={sort}
            columns={[
              { id: 'refund', header: 'Refund', hideable: false, sortable: true, sortDescFirst: true },
              { id: 'order', header: 'Order' },
              { id: 'kind', header: 'Kind' },
              { id: 'amount', header: 'Amount', hideable: false, className: 'lg:text-right' },
              { id: 'status', header: 'Status', hideable: false },
              { id: 'by', header: 'By' },
              { id: 'when', header: 'When' },
              ...(canDecide ? [{ id: 'decision', header: 'Decision', hideable: false }] : []),
            ]}
            rows={list.data.map((f) => ({
              id: f.id,
              cells: {
                refund: (
                  <>
                    #{f.number}
                    {f.return_id && (
                      <>
                        {' '}
                        ·{' '}
                        <Link href={`/returns/${f.return_id}`} className="text-brand-700 underline">
                          return
                        </Link>
                      </>
                    )}
                  </>
                ),
                order: (
                  <Link href={`/orders/${f.order_id}`} className="text-brand-700 underline">
                    #{f.order_number}
                  </Link>
                ),
                kind: (
                  <span className="capitalize">
                    {f.kind}
                    {f.reason ? <span className="block text-slate-600 normal-case">{f.reason}</span> : null}
                  </span>
                ),
                amount: (
                  <span className="whitespace-nowrap tabular-nums">{formatMoney(f.amount, f.currency)}</span>
                ),
                status: <RefundStatusBadge status={f.status} />,
                by: (
                  <>
                    {f.requested_by}
                    {f.decided_by ? (
                      <span className="block text-slate-600">decided by {f.decided_by}</span>
                    ) : null}
                  </>
                ),
                when: <span className="whitespace-nowrap">{date.format(new Date(f.created_at))}</span>,
                decision:
                  f.status === 'pending_approval' ? (
                    <DecideRefundForm refundId={f.id} number={f.number} />
                  ) : (
                    '—'
                  ),
              },
            }))}
          />
          {list.next_cursor && (
            <p className="p-4">
              <Link
                href={`/returns/refunds?${new URLSearchParams({ ...(query.status ? { status: query.status } : {}), ...sortParams(sort, REFUND_SORT), cursor: list.next_cursor })}`}
                className="text-brand-700 underline"
              >
                Older refunds →
              </Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
