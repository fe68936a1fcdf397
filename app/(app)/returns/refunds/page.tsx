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
import { FilterBar, ListPanel } from '@/components/data-table/list-chrome';
import { readSort, sortParams } from '@/lib/list/sort';
import { inputClass } from '@/components/ui/form';
import { ReturnsTabs } from '@/components/returns/returns-tabs';
import { REFUND_STATUS_LABEL, RefundStatusBadge } from '@/components/returns/return-badges';
import { DecideRefundForm } from '@/components/returns/return-forms';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Refunds' };

export default async function RefundsPage({ searchParams }: ListPageProps) {
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
  const statusFilter: Record<string, string> = query.status ? { status: query.status } : {};
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
      <FilterBar
        label="Filter refunds"
        active={!!query.status}
        clearHref="/returns/refunds"
        sort={sortParams(sort, REFUND_SORT)}
      >
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
      </FilterBar>
      <ListPanel
        label="Refunds"
        isEmpty={list.data.length === 0}
        empty={
          query.status
            ? 'No refunds with this status.'
            : 'No refunds yet. Refund a received return from its page, or a goodwill refund from an order.'
        }
        more={
          list.next_cursor
            ? {
                href: `/returns/refunds?${new URLSearchParams({
                  ...statusFilter,
                  ...sortParams(sort, REFUND_SORT),
                  cursor: list.next_cursor,
                })}`,
                label: `${sort.desc ? 'Older' : 'Newer'} refunds →`,
              }
            : null
        }
      >
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
      </ListPanel>
    </>
  );
}
