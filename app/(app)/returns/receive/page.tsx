import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { returnList } from '@/lib/returns/queries';
import { findReturnByScan } from '@/lib/returns/find-return-by-scan';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ReturnsTabs } from '@/components/returns/returns-tabs';
import { ReturnStatusBadge } from '@/components/returns/return-badges';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Receive returns' };

/**
 * The receiving desk: the returns whose parcels are expected (approved, not wholly received) and a scan
 * box. Scanning an RMA number or a return label's tracking number opens that return's receiving page.
 */
export default async function ReceiveReturnsPage({ searchParams }: ListPageProps) {
  const user = await requirePagePermission('returns:receive', '/returns/receive');
  const raw = await searchParams;
  const code = typeof raw.code === 'string' ? raw.code.trim().slice(0, 100) : '';
  if (code) {
    const found = await findReturnByScan(code);
    if (found) redirect(`/returns/${found.id}/receive`);
  }
  const [list, tz] = await Promise.all([
    returnList({ stage: 'awaiting_receipt', limit: 200 }),
    shopTimezone(),
  ]);
  const date = new Intl.DateTimeFormat('en-US', { timeZone: tz, dateStyle: 'medium' });
  return (
    <>
      <PageHeader
        title="Receive returns"
        description={
          'Returns whose parcels are on their way back. Scan the RMA number on the parcel ' +
          'or its return label’s tracking number to open it.'
        }
      />
      <ReturnsTabs current="/returns/receive" showRefunds={roleHas(user.role, 'refunds:issue')} showReceive />
      <form
        method="get"
        role="search"
        aria-label="Find a return by scanning"
        className="mb-4 rounded-xl border border-slate-200 bg-white p-4"
      >
        <label htmlFor="return-scan" className="block text-base font-semibold">
          Scan an RMA number or a return label’s tracking number
        </label>
        <div className="mt-2 flex flex-wrap gap-2">
          <input
            id="return-scan"
            name="code"
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            defaultValue=""
            aria-describedby={code ? 'return-scan-error' : 'return-scan-hint'}
            aria-invalid={code ? true : undefined}
            className="min-w-0 flex-1 rounded-md border-2 border-brand-700 bg-white px-4 py-3 font-mono text-xl"
          />
          <button
            type="submit"
            className="min-h-12 rounded-md bg-brand-700 px-5 text-base font-medium text-white hover:bg-brand-800"
          >
            Open
          </button>
        </div>
        {code ? (
          <p
            id="return-scan-error"
            role="alert"
            className="mt-2 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-base font-medium text-red-900"
          >
            No return has the number or tracking number “{code}”. Check the label on the parcel and scan
            again, or set the parcel aside for support.
          </p>
        ) : (
          <p id="return-scan-hint" className="mt-2 text-sm text-slate-700">
            For example RMA-12, #12 or the tracking number printed under the barcode.
          </p>
        )}
      </form>
      <Card
        id="awaiting-title"
        title={`Awaiting receipt (${list.data.length})`}
        padding="p-4"
        titleClassName="mb-2"
      >
        {list.data.length === 0 ? (
          <p className="text-slate-700">
            No parcels are expected back. Approved returns appear here until every unit is received.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Returns awaiting receipt">
            {list.data.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0">
                  <p className="font-medium">
                    Return #{r.number} · order #{r.order_number}
                  </p>
                  <p className="text-sm text-slate-700">
                    {r.customer || r.email} · {r.units_received} of {r.units} units received · requested{' '}
                    {date.format(new Date(r.created_at))}
                  </p>
                </div>
                <div className="flex items-center gap-3">
                  <ReturnStatusBadge status={r.status} />
                  <Link
                    href={`/returns/${r.id}/receive`}
                    className={
                      'inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
                      'px-4 text-sm font-medium text-brand-700 hover:bg-slate-50'
                    }
                  >
                    Receive<span className="sr-only"> return #{r.number}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
