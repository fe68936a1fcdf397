import { Fragment } from 'react';
import type { Metadata } from 'next';
import { orderHasShippedUnits } from '@/lib/returns/rules';
import { orderHasMoneyToRefund } from '@/lib/refunds/rules';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { orderDetail, orderTimeline } from '@/lib/orders/queries';
import { customerEmails } from '@/lib/notify/queries';
import { CustomerEmails } from '@/components/notify/customer-emails';
import { availableMoves, isPastShipBy, type OrderStatus } from '@/lib/orders/rules';
import { shopSettings } from '@/lib/settings/queries';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { OrderStatusBadge, PaymentStatusBadge, RiskBadge } from '@/components/orders/order-badges';
import { CHANNEL_LABEL, STATUS_LABEL } from '@/lib/orders/labels';
import { OrderActions } from '@/components/orders/order-actions';
import { AddNoteForm } from '@/components/orders/add-note-form';
import { RecordPaymentForm } from '@/components/orders/record-payment-form';
import { toDecimalString } from '@/lib/money';
import { ratePercent } from '@/lib/ledger/tax-rules';
import { orderReturnsSummary } from '@/lib/returns/queries';
import { RefundStatusBadge, ReturnStatusBadge } from '@/components/returns/return-badges';
import { FactStrip } from '@/components/page/facts';
import { Card } from '@/components/page/card';
import { endColumns } from '@/components/page/columns';
import { PostalAddressBlock } from '@/components/page/postal-address';
import { Timeline } from '@/components/page/timeline';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'Order' };

type Details = Record<string, unknown> | null;

/** One timeline row in words: what happened, and the text that goes with it (reason, note). */
function describe(
  action: string,
  details: Details,
  money: (n: number) => string,
): { what: string; text?: string } {
  const d = details ?? {};
  const str = (k: string) => (typeof d[k] === 'string' ? d[k] : undefined);
  /** A record number from the details (audit rows carry it as a number). */
  const num = (k: string) => {
    const v = d[k];
    return typeof v === 'number' || typeof v === 'string' ? String(v) : '';
  };
  switch (action) {
    case 'order.created':
      return {
        what:
          `Order placed${str('channel') ? ` (${CHANNEL_LABEL[str('channel')!] ?? str('channel')})` : ''}` +
          `${str('status') === 'pending_review' ? ', held for fraud review' : ''}`,
      };
    case 'order.approved':
      return {
        what: `Approved after review${str('hold_reason') ? `, then on hold: ${str('hold_reason')}` : ''}`,
      };
    case 'order.payment_recorded':
      return {
        what:
          `Payment of ${typeof d.amount === 'number' ? money(d.amount) : ''} recorded ` +
          (`(${str('method') ?? ''}${d.payment === 'authorized' ? ', authorized' : ''})` +
            `${d.released ? ': paid in full, released to the fulfillment queue' : ''}`),
      };
    case 'shipment.service_downgraded':
      return {
        what:
          `Shipped by a slower service than paid for: ${str('chosen_service') ?? ''} instead ` +
          `of ${str('paid_level') ?? ''}`,
        text: str('reason'),
      };
    case 'order.held':
      return { what: 'Put on hold', text: str('reason') };
    case 'order.released':
      return { what: 'Released from hold' };
    case 'order.cancelled':
      return {
        what:
          `Cancelled` +
          (typeof d.refunded === 'number' && d.refunded > 0
            ? `, ${money(d.refunded)} returned to the customer`
            : ''),
        text: str('reason'),
      };
    case 'order.remaining_cancelled':
      return {
        what:
          `Unshipped units cancelled` +
          `${typeof d.credited === 'number' ? `, ${money(d.credited)} credited` : ''}` +
          `${typeof d.refunded === 'number' && d.refunded > 0 ? `, ${money(d.refunded)} refunded` : ''}`,
        text: str('reason'),
      };
    case 'order.shipping_address_changed':
      return { what: 'Shipping address changed', text: addressLine(d) };
    case 'order.billing_address_changed':
      return { what: 'Billing address changed', text: addressLine(d) };
    case 'order.note_added':
      return { what: 'Note', text: str('note') };
    case 'return.requested':
      return { what: `Return #${num('number')} requested` };
    case 'return.approved':
      return {
        what: `Return #${num('number')} approved${d.label ? ', return label issued' : ''}`,
        text: str('message'),
      };
    case 'return.rejected':
      return { what: `Return #${num('number')} rejected`, text: str('message') };
    case 'return.received':
      return {
        what: `Return #${num('number')}: units received${d.complete ? '' : ' (partly)'}`,
        text: Array.isArray(d.lines)
          ? (d.lines as { sku: string; quantity: number }[]).map((l) => `${l.quantity} × ${l.sku}`).join(', ')
          : undefined,
      };
    case 'return.inspected':
      return {
        what: `Return #${num('number')} inspected`,
        text: Array.isArray(d.lines)
          ? (d.lines as { sku: string; quantity: number; disposition: string }[])
              .map((l) => `${l.quantity} × ${l.sku} ${l.disposition}`)
              .join(', ')
          : undefined,
      };
    case 'return.exchanged':
      return { what: `Return #${num('number')} exchanged for order #${num('exchange_order_number')}` };
    case 'return.closed':
      return { what: `Return #${num('number')} closed` };
    case 'refund.issued':
      return {
        what: `Refund #${num('number')} of ${typeof d.amount === 'number' ? money(d.amount) : ''} issued`,
        text: str('reason'),
      };
    case 'refund.requested':
      return {
        what: `Refund #${num('number')} of ${typeof d.amount === 'number' ? money(d.amount) : ''} awaits a manager`,
        text: str('reason'),
      };
    case 'refund.approved':
      return { what: `Refund #${num('number')} approved` };
    case 'refund.declined':
      return { what: `Refund #${num('number')} declined` };
    case 'order.shipped': {
      const lines = Array.isArray(d.lines) ? (d.lines as { sku: string; quantity: number }[]) : [];
      const units = lines.reduce((s, l) => s + (Number(l.quantity) || 0), 0);
      const via = [str('carrier'), str('tracking_number')].filter(Boolean).join(' ');
      return {
        what:
          `Shipped ${units} ${units === 1 ? 'unit' : 'units'}` +
          `${typeof d.number === 'number' ? ` (shipment #${num('number')})` : ''}${via ? ` via ${via}` : ''}`,
        text: lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ') || undefined,
      };
    }
    default:
      return { what: action.replace(/^order\./, '').replace(/_/g, ' ') };
  }
}

function addressLine(a: Record<string, unknown>): string | undefined {
  const parts = ['name', 'line1', 'line2', 'city', 'region', 'postal_code', 'country']
    .map((k) => a[k])
    .filter((v) => typeof v === 'string' && v);
  return parts.length ? parts.join(', ') : undefined;
}

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission('orders:read', `/orders/${id}`);
  const [order, timeline, settings, emails] = await Promise.all([
    orderDetail(id),
    orderTimeline(id),
    shopSettings(),
    customerEmails({ orderId: id }),
  ]);
  if (!order) notFound();
  const returnsSummary = await orderReturnsSummary(order.id);
  const canStartReturn = roleHas(user.role, 'returns:request') && orderHasShippedUnits(order.lines);
  const canRefund = roleHas(user.role, 'refunds:issue') && orderHasMoneyToRefund(order);
  // Money still owed (decision 031): a later payment is recorded here and releases the payment-due hold.
  const owed = order.total - order.amount_paid;
  const canRecordPayment =
    roleHas(user.role, 'orders:write') &&
    order.status !== 'cancelled' &&
    ['unpaid', 'partially_paid', 'authorized'].includes(order.payment_status) &&
    owed > 0;

  const money = (n: number) => formatMoney(n, order.currency);
  const tz = settings.timezone;
  const dateTime = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const legal = availableMoves(order.status as OrderStatus);
  const canWrite = roleHas(user.role, 'orders:write');
  const can = {
    approve: legal.includes('approve') && canWrite,
    hold: legal.includes('hold') && canWrite,
    release: legal.includes('release') && canWrite,
    cancel: legal.includes('cancel') && roleHas(user.role, 'orders:cancel'),
    cancelRemaining: legal.includes('cancel_remaining') && roleHas(user.role, 'orders:cancel'),
  };
  const emptyText =
    legal.length === 0
      ? `No status changes are possible for an order that ` +
        `is ${STATUS_LABEL[order.status]?.toLowerCase() ?? order.status}.`
      : 'Your role cannot change this order’s status.';
  const units = order.lines.reduce((s, l) => s + l.quantity, 0);
  const shippable = order.status === 'open' || order.status === 'partially_fulfilled';
  const pastShipBy = shippable && isPastShipBy(order.promised_ship_by, new Date());
  const canShip = shippable && roleHas(user.role, 'fulfillment:write');

  return (
    <>
      <BackLink href="/orders">Orders</BackLink>
      <PageHeader
        title={`Order #${order.number}`}
        description={
          `Placed ${dateTime.format(new Date(order.placed_at))} (${tz}) ` +
          `· ${CHANNEL_LABEL[order.channel] ?? order.channel}${order.external_id ? ` ${order.external_id}` : ''} ` +
          `· ${units} ${units === 1 ? 'item' : 'items'}`
        }
      />
      <FactStrip
        facts={[
          { label: 'Status', value: <OrderStatusBadge status={order.status} /> },
          { label: 'Payment', value: <PaymentStatusBadge status={order.payment_status} /> },
          { label: 'Risk', value: <RiskBadge level={order.risk.level} score={order.risk.score} /> },
          !!order.location && { label: 'Ships from', value: order.location },
          !!order.promised_ship_by &&
            !['cancelled', 'fulfilled', 'delivered'].includes(order.status) && {
              label: 'Ship by',
              className: pastShipBy ? 'font-semibold text-red-800' : '',
              value: (
                <>
                  {dateTime.format(new Date(order.promised_ship_by))}
                  {pastShipBy ? ' (passed)' : ''}
                </>
              ),
            },
        ]}
      />
      {pastShipBy && (
        <p
          role="status"
          className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          <strong>Past its ship-by date.</strong> It should have left by{' '}
          {dateTime.format(new Date(order.promised_ship_by!))}.{' '}
          {canShip ? (
            <Link href={`/fulfillment/orders/${order.id}`} className="font-medium underline">
              Ship it now
            </Link>
          ) : (
            'Ask the warehouse to ship it first.'
          )}
        </p>
      )}
      {canShip && !pastShipBy && (
        <p className="-mt-3 mb-4 text-sm">
          <Link href={`/fulfillment/orders/${order.id}`} className="text-brand-700 underline">
            Open its ship page
          </Link>
        </p>
      )}

      {order.status === 'on_hold' && order.hold_reason && (
        <p className="mb-4 rounded-md border border-orange-300 bg-orange-50 px-4 py-3 text-sm text-orange-950">
          <strong>On hold:</strong> {order.hold_reason}
        </p>
      )}
      {order.status === 'pending_review' && (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <strong>Waiting for fraud review.</strong> Check the risk signals below, then approve or cancel. Its
          stock is reserved meanwhile.
        </p>
      )}
      {order.status === 'cancelled' && (
        <p className="mb-4 rounded-md border border-slate-300 bg-slate-100 px-4 py-3 text-sm text-slate-800">
          <strong>Cancelled</strong>
          {order.cancelled_at ? ` ${dateTime.format(new Date(order.cancelled_at))}` : ''}
          {order.cancel_reason ? `: ${order.cancel_reason}` : ''}
        </p>
      )}

      <Card id="actions-title" title="Actions" className="mb-6" titleClassName="mb-3">
        <OrderActions orderId={order.id} number={order.number} can={can} emptyText={emptyText} />
      </Card>

      {(canStartReturn ||
        canRefund ||
        returnsSummary.returns.length > 0 ||
        returnsSummary.refunds.length > 0) && (
        <Card id="returns-title" title="Returns and refunds" className="mb-6" titleClassName="mb-3">
          <div className="flex flex-wrap gap-3">
            {canStartReturn && (
              <Link
                href={`/returns/new?orderId=${order.id}`}
                className={
                  'inline-flex min-h-10 items-center rounded-md bg-brand-700 px-4 py-2 ' +
                  'text-sm font-medium text-white hover:bg-brand-800'
                }
              >
                Start a return
              </Link>
            )}
            {canRefund && (
              <Link
                href={`/refunds/new?orderId=${order.id}`}
                className={
                  'inline-flex min-h-10 items-center rounded-md border border-slate-300 ' +
                  'bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50'
                }
              >
                Issue a refund
              </Link>
            )}
          </div>
          {returnsSummary.returns.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm" aria-label="Returns of this order">
              {returnsSummary.returns.map((r) => (
                <li key={r.id}>
                  <Link href={`/returns/${r.id}`} className="text-brand-700 underline">
                    Return #{r.number}
                  </Link>{' '}
                  · {r.units} {r.units === 1 ? 'unit' : 'units'} · <ReturnStatusBadge status={r.status} />
                </li>
              ))}
            </ul>
          )}
          {returnsSummary.refunds.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm" aria-label="Refunds of this order">
              {returnsSummary.refunds.map((f) => (
                <li key={f.id}>
                  Refund #{f.number} · {money(f.amount)} · <span className="capitalize">{f.kind}</span> ·{' '}
                  <RefundStatusBadge status={f.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}

      <Card id="lines-title" title="Lines" padding="none" className="min-w-0">
        <StaticTable
          label="Order lines table"
          className="mt-2"
          caption={`Lines of order #${order.number}`}
          columns={[
            { id: 'sku', header: 'SKU', className: 'whitespace-nowrap' },
            { id: 'item', header: 'Item' },
            { id: 'qty', header: 'Qty', align: 'end' },
            ...endColumns({ price: 'Unit price', total: 'Line total' }, 'whitespace-nowrap'),
            ...endColumns({
              reserved: 'Reserved',
              fulfilled: 'Fulfilled',
              returned: 'Returned',
              cancelled: 'Cancelled',
            }),
          ]}
          rows={order.lines.map((l) => ({
            id: l.id,
            cells: {
              sku: (
                <Link
                  href={`/inventory/${encodeURIComponent(l.sku)}`}
                  className="font-mono text-brand-700 underline"
                >
                  {l.sku}
                </Link>
              ),
              item: l.name,
              qty: l.quantity,
              price: money(l.unit_price),
              total: money(l.quantity * l.unit_price),
              reserved: l.quantity_reserved,
              fulfilled: l.quantity_fulfilled,
              returned: l.quantity_returned,
              cancelled: l.quantity_cancelled,
            },
          }))}
        />
      </Card>

      <div className="mt-6 grid gap-6 md:grid-cols-2 xl:grid-cols-4">
        <Card id="totals-title" title="Totals">
          <dl className="mt-3 grid grid-cols-2 gap-y-2 text-sm">
            <dt className="text-slate-600">Subtotal</dt>
            <dd className="text-right tabular-nums">{money(order.subtotal)}</dd>
            <dt className="text-slate-600">Discount</dt>
            <dd className="text-right tabular-nums">
              {order.discount_amount ? money(-order.discount_amount) : money(0)}
            </dd>
            <dt className="text-slate-600">
              Shipping{order.shipping_method ? ` (${order.shipping_method})` : ''}
            </dt>
            <dd className="text-right tabular-nums">{money(order.shipping_amount)}</dd>
            <dt className="text-slate-600">Tax</dt>
            <dd className="text-right tabular-nums">{money(order.tax_amount)}</dd>
            {/* The tax by jurisdiction and rate (decision 042), under the tax it adds up to. */}
            {order.tax_lines.map((t, i) => (
              <Fragment key={`${t.jurisdiction}-${t.rate}-${i}`}>
                <dt className="pl-3 text-slate-600">
                  {t.jurisdiction}, {ratePercent(t.rate)}
                  <span className="block text-xs">on {money(t.taxable)}</span>
                </dt>
                <dd className="text-right tabular-nums text-slate-700">{money(t.tax)}</dd>
              </Fragment>
            ))}
            <dt className="border-t border-slate-200 pt-2 font-semibold">Total</dt>
            <dd
              className="border-t border-slate-200 pt-2 text-right font-semibold tabular-nums"
              data-testid="order-total"
            >
              {money(order.total)}
            </dd>
            <dt className="text-slate-600">Paid</dt>
            <dd className="text-right tabular-nums">{money(order.amount_paid)}</dd>
          </dl>
        </Card>
        <Card id="customer-title" title="Customer">
          <p className="mt-2 text-sm">
            <Link
              href={`/orders/customers/${order.customer.id}`}
              className="font-medium text-brand-700 underline"
            >
              {order.customer.name || order.customer.email}
            </Link>
          </p>
          <p className="break-all text-sm text-slate-700">{order.customer.email}</p>
          {order.note && (
            <>
              <h3 className="mt-4 text-sm font-semibold">Order note</h3>
              <p className="whitespace-pre-wrap text-sm text-slate-800">{order.note}</p>
            </>
          )}
        </Card>
        <Card id="ship-title" title="Shipping address" className="text-sm" titleClassName="mb-2">
          <PostalAddressBlock a={order.shipping_address} />
        </Card>
        <Card id="bill-title" title="Billing address" className="text-sm" titleClassName="mb-2">
          {order.billing_address ? (
            <PostalAddressBlock a={order.billing_address} />
          ) : (
            <p className="text-slate-700">Same as shipping.</p>
          )}
        </Card>
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-3">
        <Card id="payments-title" title="Payments" padding="none" className="min-w-0 xl:col-span-2">
          {canRecordPayment && (
            <div className="px-5 pb-2 pt-2">
              <RecordPaymentForm
                orderId={order.id}
                currency={order.currency}
                owed={toDecimalString(owed, order.currency)}
              />
            </div>
          )}
          {order.payments.length === 0 ? (
            <p className="px-5 pb-5 pt-2 text-sm text-slate-700">
              No payment recorded yet.{canRecordPayment ? ' Record one above when the money arrives.' : ''}
            </p>
          ) : (
            <StaticTable
              label="Payments table"
              className="mt-2"
              caption="Payments on this order"
              columns={[
                { id: 'method', header: 'Method' },
                { id: 'status', header: 'Status', className: 'capitalize' },
                ...endColumns({ amount: 'Amount', fee: 'Fee' }, 'whitespace-nowrap'),
                { id: 'avs', header: 'AVS', className: 'font-mono' },
                { id: 'cvv', header: 'CVV', className: 'font-mono' },
                { id: 'when', header: 'When', className: 'whitespace-nowrap' },
              ]}
              rows={order.payments.map((p) => ({
                id: p.id,
                cells: {
                  method: p.method,
                  status: p.status,
                  amount: money(p.amount),
                  fee: money(p.fee_amount),
                  avs: p.avs_result ?? '—',
                  cvv: p.cvv_result ?? '—',
                  when: dateTime.format(new Date(p.created_at)),
                },
              }))}
            />
          )}
        </Card>

        <Card id="risk-title" title="Fraud risk">
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="text-2xl font-bold tabular-nums">{order.risk.score}</span>
            <span className="text-slate-600">/ 100</span>
            <RiskBadge level={order.risk.level} />
          </p>
          <p className="mt-1 text-sm text-slate-600">
            Orders scoring {settings.fraud_review_threshold} or more wait for review.
          </p>
          {order.risk.reasons.length === 0 ? (
            <p className="mt-3 text-sm text-slate-700">No risk signals fired.</p>
          ) : (
            <ul className="mt-3 space-y-1 text-sm" aria-label="Risk signals">
              {order.risk.reasons.map((r) => (
                <li key={r.code} className="flex justify-between gap-3 border-b border-slate-100 pb-1">
                  <span>{r.label}</span>
                  <span className="whitespace-nowrap font-medium tabular-nums">+{r.points}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card id="timeline-title" title="Timeline" className="mt-6">
        <Timeline
          label="Order history"
          format={dateTime}
          keepLineBreaks
          events={timeline.map((e) => ({
            id: e.id,
            actor: e.actor,
            at: e.at,
            ...describe(e.action, e.details as Details, money),
          }))}
        />
        <h3 className="mt-6 text-base font-semibold">Emails to the customer</h3>
        <div className="mt-2 max-w-3xl">
          <CustomerEmails emails={emails} timeZone={tz} empty="No emails were sent about this order yet." />
        </div>
        {roleHas(user.role, 'orders:create') && (
          <div className="mt-5 max-w-2xl border-t border-slate-200 pt-4">
            <AddNoteForm orderId={order.id} />
          </div>
        )}
      </Card>
    </>
  );
}
