import type { Metadata } from 'next';
import Link from 'next/link';
import { randomUUID } from 'node:crypto';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { returnDetail, returnTimeline } from '@/lib/returns/queries';
import {
  canInspect,
  canMoveReturn,
  canReceive,
  RETURN_REASONS,
  type ReturnReason,
} from '@/lib/returns/rules';
import { refundRoom, returnRefundPreview } from '@/lib/refunds/queries';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { PaymentStatusBadge } from '@/components/orders/order-badges';
import { RefundStatusBadge, ReturnStatusBadge } from '@/components/returns/return-badges';
import { ReturnsTabs } from '@/components/returns/returns-tabs';
import {
  ApproveReturnForm,
  CloseReturnForm,
  ExchangeForm,
  InspectForm,
  RefundForm,
  RejectReturnForm,
} from '@/components/returns/return-forms';
import { FactStrip } from '@/components/page/facts';
import { Card } from '@/components/page/card';
import { endColumns } from '@/components/page/columns';
import { Timeline } from '@/components/page/timeline';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'Return' };

const STEP: Record<string, string> = {
  'return.requested': 'Return requested',
  'return.approved': 'Approved',
  'return.rejected': 'Rejected',
  'return.received': 'Units received',
  'return.inspected': 'Inspected',
  'return.exchanged': 'Exchanged for a replacement order',
  'return.closed': 'Closed',
  'refund.issued': 'Refund issued',
  'refund.requested': 'Refund waiting for a manager',
  'refund.approved': 'Refund approved',
  'refund.declined': 'Refund declined',
};

export default async function ReturnPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission(['returns:request', 'returns:receive'] as const, `/returns/${id}`);
  const r = await returnDetail(id);
  if (!r) notFound();
  const [timeline, settings, room, preview] = await Promise.all([
    returnTimeline(r.id),
    shopSettings(),
    refundRoom(r.order_id),
    returnRefundPreview({ id: r.id, number: r.number, orderId: r.order_id }),
  ]);
  const money = (n: number) => formatMoney(n, r.currency);
  const date = new Intl.DateTimeFormat('en-US', {
    timeZone: settings.timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const can = {
    decide: r.status === 'requested' && roleHas(user.role, 'returns:request'),
    receive: canReceive(r.status) && roleHas(user.role, 'returns:receive'),
    inspect:
      canInspect(r.status) &&
      roleHas(user.role, 'returns:receive') &&
      r.lines.some((l) => l.quantity_uninspected > 0),
    refund: canMoveReturn(r.status, 'refund') && roleHas(user.role, 'refunds:issue') && !!preview && !!room,
    exchange: canMoveReturn(r.status, 'exchange') && roleHas(user.role, 'returns:request') && !!preview,
    close: canMoveReturn(r.status, 'close') && roleHas(user.role, 'returns:request'),
  };
  const limit = roleHas(user.role, 'refunds:approve') ? null : settings.support_refund_limit;
  const nothing = !Object.values(can).some(Boolean);
  return (
    <>
      <BackLink href="/returns">Returns</BackLink>
      <PageHeader
        title={`Return #${r.number}`}
        description={
          `Order #${r.order_number} · ${r.customer.name || r.customer.email} · ` +
          `requested ${date.format(new Date(r.created_at))} by ${r.created_by}`
        }
      />
      <ReturnsTabs
        current="/returns"
        showRefunds={roleHas(user.role, 'refunds:issue')}
        showReceive={roleHas(user.role, 'returns:receive')}
      />
      <FactStrip
        className="-mt-2 mb-6"
        facts={[
          { label: 'Status', value: <ReturnStatusBadge status={r.status} /> },
          { label: 'Customer wants', value: r.resolution, className: 'capitalize' },
          {
            label: 'Order',
            value: (
              <Link href={`/orders/${r.order_id}`} className="text-brand-700 underline">
                #{r.order_number}
              </Link>
            ),
          },
          { label: 'Payment', value: <PaymentStatusBadge status={r.order_payment_status} /> },
          !!r.exchange_order && {
            label: 'Replacement',
            value: (
              <Link href={`/orders/${r.exchange_order.id}`} className="text-brand-700 underline">
                #{r.exchange_order.number}
              </Link>
            ),
          },
          !!r.label && {
            label: 'Return label',
            value: (
              <a href={`/returns/${r.id}/label`} className="text-brand-700 underline">
                {r.label.carrier} {r.label.tracking_number} (PDF)
              </a>
            ),
          },
        ]}
      />
      {r.customer_message && (
        <p className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm">
          <strong>Told the customer:</strong> {r.customer_message}
        </p>
      )}

      <Card id="lines-title" title="Items" padding="none" className="min-w-0">
        <StaticTable
          label="Return items table"
          className="mt-2"
          caption="Items on this return"
          columns={[
            { id: 'sku', header: 'SKU', className: 'font-mono' },
            { id: 'item', header: 'Item' },
            { id: 'reason', header: 'Reason' },
            ...endColumns({
              approved: 'Approved',
              received: 'Received',
              restocked: 'Restocked',
              damaged: 'Damaged',
              scrapped: 'Scrapped',
              refunded: 'Refunded',
            }),
          ]}
          rows={r.lines.map((l) => ({
            id: l.id,
            cells: {
              sku: l.sku,
              item: l.name,
              reason: RETURN_REASONS[l.reason as ReturnReason]?.label ?? l.reason,
              approved: l.quantity,
              received: l.quantity_received,
              restocked: l.quantity_restocked,
              damaged: l.quantity_damaged,
              scrapped: l.quantity_scrapped,
              refunded: l.quantity_refunded,
            },
          }))}
        />
      </Card>

      <Card id="next-title" title="Next steps" className="mt-6 space-y-6">
        {nothing && (
          <p className="text-sm text-slate-700">
            {['refunded', 'exchanged', 'closed', 'rejected'].includes(r.status)
              ? 'This return is settled; nothing is left to do.'
              : 'Your role has nothing to do on this return right now.'}
          </p>
        )}
        {can.decide && (
          <div className="grid gap-6 md:grid-cols-2">
            <div>
              <h3 className="mb-2 font-semibold">Approve</h3>
              <ApproveReturnForm returnId={r.id} />
            </div>
            <div>
              <h3 className="mb-2 font-semibold">Reject</h3>
              <RejectReturnForm returnId={r.id} />
            </div>
          </div>
        )}
        {can.receive && (
          <p>
            <Link
              href={`/returns/${r.id}/receive`}
              className={
                'inline-flex min-h-10 items-center rounded-md bg-brand-700 px-4 py-2 ' +
                'text-sm font-medium text-white hover:bg-brand-800'
              }
            >
              Receive by scanning
            </Link>
          </p>
        )}
        {can.inspect && (
          <div>
            <h3 className="mb-2 font-semibold">Inspect</h3>
            <InspectForm
              returnId={r.id}
              lines={r.lines.map((l) => ({ sku: l.sku, name: l.name, uninspected: l.quantity_uninspected }))}
            />
          </div>
        )}
        {can.refund && preview && room && (
          <div>
            <h3 className="mb-2 font-semibold">
              Refund {preview.units} received {preview.units === 1 ? 'unit' : 'units'}
            </h3>
            <RefundForm
              returnId={r.id}
              ticketId={r.ticket_id ?? undefined}
              idempotencyKey={randomUUID()}
              currency={r.currency}
              goods={preview.goods}
              tax={preview.tax}
              fee={preview.fee}
              shippingLeft={room.shippingLeft}
              paidLeft={room.paidLeft}
              limit={limit}
            />
          </div>
        )}
        {can.exchange && (
          <div>
            <h3 className="mb-2 font-semibold">Exchange</h3>
            <ExchangeForm returnId={r.id} />
          </div>
        )}
        {can.close && <CloseReturnForm returnId={r.id} />}
      </Card>

      <Card id="refunds-title" title="Refunds" className="mt-6">
        {r.refunds.length === 0 ? (
          <p className="mt-2 text-sm text-slate-700">No refunds yet.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {r.refunds.map((f) => (
              <li key={f.id}>
                #{f.number} · {money(f.amount)} · <RefundStatusBadge status={f.status} />
                {f.restocking_fee ? ` · fee ${money(f.restocking_fee)}` : ''} · by {f.requested_by}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card id="timeline-title" title="Timeline" className="mt-6">
        <Timeline
          label="Return history"
          format={date}
          events={timeline.map((e) => {
            const d = (e.details ?? {}) as Record<string, unknown>;
            const lines = Array.isArray(d.lines)
              ? (d.lines as { sku: string; quantity: number; disposition?: string }[])
              : [];
            const text = [
              typeof d.message === 'string' ? d.message : null,
              typeof d.amount === 'number' ? money(d.amount) : null,
              lines
                .map((l) => `${l.quantity} × ${l.sku}${l.disposition ? ` ${l.disposition}` : ''}`)
                .join(', ') || null,
            ]
              .filter(Boolean)
              .join(' · ');
            return { id: e.id, what: STEP[e.action] ?? e.action, actor: e.actor, at: e.at, text };
          })}
        />
      </Card>
    </>
  );
}
