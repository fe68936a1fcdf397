import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { orderDetail } from '@/lib/orders/queries';
import { returnableLines } from '@/lib/returns/returnable';
import { RETURN_REASONS, returnReasonForTags } from '@/lib/returns/rules';
import { ticketTags } from '@/lib/support/queries';
import { PageHeader } from '@/components/ui/page-header';
import { NoOrderChosen } from '@/components/orders/no-order-chosen';
import { RequestReturnForm } from '@/components/returns/return-forms';
import { isUuid } from '@/lib/boundary';
import { BackLink } from '@/components/page/back-link';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Start a return' };

/** Start a return for an order; linked from the order page and from a support ticket (?ticketId=). */
export default async function NewReturnPage({ searchParams }: ListPageProps) {
  const sp = await searchParams;
  const orderId = typeof sp.orderId === 'string' ? sp.orderId : '';
  const ticketId = isUuid(sp.ticketId) ? sp.ticketId : undefined;
  await requirePagePermission(
    'returns:request',
    `/returns/new?orderId=${encodeURIComponent(orderId)}${ticketId ? `&ticketId=${ticketId}` : ''}`,
  );
  const order = isUuid(orderId) ? await orderDetail(orderId) : null;
  if (!order) return <NoOrderChosen title="Start a return" />;
  const [lines, tags] = await Promise.all([
    returnableLines(order.id),
    ticketId ? ticketTags(ticketId) : Promise.resolve([]),
  ]);
  const shipped = lines.some((l) => l.shipped > 0);
  return (
    <>
      <BackLink href={`/orders/${order.id}`}>Order #{order.number}</BackLink>
      <PageHeader
        title={`Start a return for order #${order.number}`}
        description={
          `${order.customer.name || order.customer.email}. Only shipped units can be ` +
          `returned, less any already on a return.`
        }
      />
      {!shipped ? (
        <p className="rounded-xl border border-slate-200 bg-white p-5 text-slate-700">
          Nothing on this order has shipped yet, so there is nothing to return. To stop an order that has not
          shipped, cancel it from the order page.
        </p>
      ) : (
        <section className="rounded-xl border border-slate-200 bg-white p-5">
          <RequestReturnForm
            orderId={order.id}
            ticketId={ticketId}
            lines={lines.filter((l) => l.shipped > 0)}
            defaultReason={returnReasonForTags(tags)}
            reasons={Object.entries(RETURN_REASONS).map(([value, r]) => ({
              value,
              label: r.feePercent ? `${r.label} (${r.feePercent} % restocking fee)` : r.label,
            }))}
          />
        </section>
      )}
    </>
  );
}
