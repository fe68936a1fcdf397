import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { returnDetail } from '@/lib/returns/queries';
import { canInspect, canReceive } from '@/lib/returns/rules';
import { PageHeader } from '@/components/ui/page-header';
import { ReturnStatusBadge } from '@/components/returns/return-badges';
import { ReceiveScanner } from '@/components/returns/receive-scanner';
import { InspectForm } from '@/components/returns/return-forms';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Receive return' };

/** The warehouse tablet: scan each unit of the parcel, then give each a disposition. */
export default async function ReceiveReturnPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePagePermission('returns:receive', `/returns/${id}/receive`);
  const r = await returnDetail(id);
  if (!r) notFound();
  const receiving = canReceive(r.status);
  const expected = r.lines.reduce((s, l) => s + l.quantity, 0);
  const arrived = r.lines.reduce((s, l) => s + l.quantity_received, 0);
  return (
    <>
      <BackLink href={`/returns/${r.id}`}>Return #{r.number}</BackLink>
      <PageHeader
        title={`Receive return #${r.number}`}
        description={
          `Order #${r.order_number} · ${r.customer.name || r.customer.email} ` +
          `· ${arrived} of ${expected} units received`
        }
      />
      <p className="-mt-3 mb-4 text-sm">
        Status: <ReturnStatusBadge status={r.status} />
      </p>
      <section aria-labelledby="scan-title" className="mb-6 rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="scan-title" className="sr-only">
          Scan
        </h2>
        {receiving ? (
          <ReceiveScanner returnId={r.id} />
        ) : (
          <p className="text-slate-700">
            {r.status === 'requested'
              ? 'This return is not approved yet: support approves it before the warehouse receives it.'
              : 'Everything approved on this return has been received.'}
          </p>
        )}
      </section>
      <Card id="expected-title" title="Expected in this parcel" className="mb-6" titleClassName="mb-2">
        <ul className="divide-y divide-slate-100 text-base">
          {r.lines.map((l) => (
            <li key={l.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                <span className="font-mono">{l.sku}</span> {l.name}
              </span>
              <span
                className="tabular-nums font-medium"
                aria-label={`${l.quantity_received} of ${l.quantity} received`}
              >
                {l.quantity_received} / {l.quantity}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      {canInspect(r.status) && (
        <Card id="inspect-title" title="Inspect" titleClassName="mb-2">
          <InspectForm
            returnId={r.id}
            lines={r.lines.map((l) => ({ sku: l.sku, name: l.name, uninspected: l.quantity_uninspected }))}
          />
        </Card>
      )}
    </>
  );
}
