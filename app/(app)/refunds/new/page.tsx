import type { Metadata } from 'next';
import Link from 'next/link';
import { randomUUID } from 'node:crypto';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { refundRoom } from '@/lib/refunds/queries';
import { orderReturnsSummary } from '@/lib/returns/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { NoOrderChosen } from '@/components/orders/no-order-chosen';
import { PaymentStatusBadge } from '@/components/orders/order-badges';
import { ReturnStatusBadge } from '@/components/returns/return-badges';
import { GoodwillRefundForm } from '@/components/returns/return-forms';
import { isUuid } from '@/lib/boundary';
import { BackLink } from '@/components/page/back-link';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Issue a refund' };

/**
 * Issue a refund on an order (linked from the order page and from a support ticket): returned units
 * are refunded on their return's page; anything else is a goodwill refund with a reason.
 */
export default async function NewRefundPage({ searchParams }: ListPageProps) {
  const sp = await searchParams;
  const orderId = typeof sp.orderId === 'string' ? sp.orderId : '';
  const ticketId = isUuid(sp.ticketId) ? sp.ticketId : undefined;
  const user = await requirePagePermission(
    'refunds:issue',
    `/refunds/new?orderId=${encodeURIComponent(orderId)}${ticketId ? `&ticketId=${ticketId}` : ''}`,
  );
  const room = await refundRoom(orderId);
  if (!room) return <NoOrderChosen title="Issue a refund" />;
  const [summary, settings] = await Promise.all([orderReturnsSummary(room.id), shopSettings()]);
  const money = (n: number) => formatMoney(n, room.currency);
  const open = summary.returns.filter((r) =>
    ['partially_received', 'received', 'inspected'].includes(r.status),
  );
  return (
    <>
      <BackLink href={`/orders/${room.id}`}>Order #{room.number}</BackLink>
      <PageHeader
        title={`Issue a refund on order #${room.number}`}
        description={
          `${room.email} · ${money(room.amountPaid)} paid and not ` +
          `refunded${room.pending ? `, ${money(room.pending)} awaiting approval` : ''}.`
        }
      />
      <p className="-mt-3 mb-4 text-sm">
        Payment: <PaymentStatusBadge status={room.paymentStatus} />
      </p>
      {open.length > 0 && (
        <Card id="returns-title" title="Refund returned items" className="mb-6">
          <p className="mt-1 text-sm text-slate-700">
            Items that came back are refunded from their return, with tax, restocking fee and shipping worked
            out per line:
          </p>
          <ul className="mt-2 space-y-1 text-sm">
            {open.map((r) => (
              <li key={r.id}>
                <Link href={`/returns/${r.id}`} className="text-brand-700 underline">
                  Return #{r.number}
                </Link>{' '}
                · {r.units} units · <ReturnStatusBadge status={r.status} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card id="goodwill-title" title="Goodwill refund (no return)">
        <p className="mb-3 mt-1 text-sm text-slate-700">
          For a late parcel, a scuffed box, a missing freebie: money back without anything coming back. Give
          the reason.
        </p>
        {room.paidLeft > 0 ? (
          <GoodwillRefundForm
            orderId={room.id}
            ticketId={ticketId}
            idempotencyKey={randomUUID()}
            currency={room.currency}
            paidLeft={room.paidLeft}
            limit={roleHas(user.role, 'refunds:approve') ? null : settings.support_refund_limit}
          />
        ) : (
          <p className="text-sm text-slate-700">
            Nothing is left to refund on this order
            {room.pending ? ' (a refund awaits a manager’s approval)' : ''}.
          </p>
        )}
      </Card>
    </>
  );
}
