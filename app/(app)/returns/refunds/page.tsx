import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { refundList } from '@/lib/refunds/queries';
import { ZRefundListQuery } from '@/lib/refunds/schemas';
import { shopTimezone } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
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
  const [list, tz] = await Promise.all([refundList(query), shopTimezone()]);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const canDecide = roleHas(user.role, 'refunds:approve');
  return (
    <>
      <PageHeader
        title="Refunds"
        description="Every refund: for returns, exchanges and goodwill. Refunds above the support limit wait here for a manager."
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
          className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
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
          <ScrollRegion label="Refunds table">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Refund
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Order
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Kind
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Amount
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    By
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    When
                  </th>
                  {canDecide && (
                    <th scope="col" className="px-3 py-2 font-medium">
                      Decision
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {list.data.map((f) => (
                  <tr key={f.id} className="border-b border-slate-100 align-top">
                    <td className="px-4 py-2">
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
                    </td>
                    <td className="px-3 py-2">
                      <Link href={`/orders/${f.order_id}`} className="text-brand-700 underline">
                        #{f.order_number}
                      </Link>
                    </td>
                    <td className="px-3 py-2 capitalize">
                      {f.kind}
                      {f.reason ? <span className="block text-slate-600 normal-case">{f.reason}</span> : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">
                      {formatMoney(f.amount, f.currency)}
                    </td>
                    <td className="px-3 py-2">
                      <RefundStatusBadge status={f.status} />
                    </td>
                    <td className="px-3 py-2">
                      {f.requested_by}
                      {f.decided_by ? (
                        <span className="block text-slate-600">decided by {f.decided_by}</span>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{date.format(new Date(f.created_at))}</td>
                    {canDecide && (
                      <td className="px-3 py-2">
                        {f.status === 'pending_approval' ? (
                          <DecideRefundForm refundId={f.id} number={f.number} />
                        ) : (
                          '—'
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {list.next_cursor && (
            <p className="p-4">
              <Link
                href={`/returns/refunds?${new URLSearchParams({ ...(query.status ? { status: query.status } : {}), cursor: list.next_cursor })}`}
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
