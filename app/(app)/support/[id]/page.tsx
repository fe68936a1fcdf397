import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import {
  cannedReplies,
  supportAgents,
  ticketActivity,
  ticketDetail,
  ticketSidebar,
  type TicketMessageDto,
} from '@/lib/support/queries';
import { PLACEHOLDERS, statusChoices, TICKET_PRIORITIES } from '@/lib/support/rules';
import { shopTimezone } from '@/lib/settings/queries';
import { customerEmails } from '@/lib/notify/queries';
import { returnList } from '@/lib/returns/queries';
import { CustomerEmails } from '@/components/notify/customer-emails';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import {
  PriorityBadge,
  SlaBadge,
  TicketStatusBadge,
  TICKET_CHANNEL_LABEL,
  TICKET_STATUS_LABEL,
} from '@/components/support/ticket-badges';
import { OrderStatusBadge } from '@/components/orders/order-badges';
import { ReplyComposer } from '@/components/support/reply-composer';
import { TicketProperties } from '@/components/support/ticket-properties';
import { ResendShippingEmail } from '@/components/support/resend-shipping-email';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'Ticket' };

const KIND_STYLE: Record<TicketMessageDto['kind'], { box: string; label: string }> = {
  customer: { box: 'border-slate-200 bg-white', label: 'Customer' },
  reply: { box: 'border-brand-100 bg-brand-50', label: 'Reply (emailed)' },
  note: { box: 'border-amber-300 border-dashed bg-amber-50', label: 'Internal note — not sent' },
};

export default async function TicketPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission('support:tickets', `/support/${id}`);
  const ticket = await ticketDetail(id);
  if (!ticket) notFound();
  const [sidebar, canned, agents, timeZone, activity, emails, started] = await Promise.all([
    ticketSidebar(ticket),
    cannedReplies(),
    supportAgents(),
    shopTimezone(),
    ticketActivity(ticket.id),
    customerEmails({ ticketId: ticket.id, orderId: ticket.order?.id }),
    returnList({ ticket_id: ticket.id, limit: 20 }),
  ]);
  // Replies are in the thread already; the emails section lists everything else the customer got.
  const otherEmails = emails.filter((e) => e.template !== 'ticket_reply');
  const when = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const closed = ticket.status === 'closed';
  const actionOrder =
    ticket.order ??
    (sidebar.orders[0] ? { id: sidebar.orders[0].id, number: sidebar.orders[0].number } : null);
  const shipped = ticket.order
    ? sidebar.shipments.some((s) => s.order_id === ticket.order!.id && s.status !== 'voided')
    : false;
  const canReturn = roleHas(user.role, 'returns:request');
  const canRefund = roleHas(user.role, 'refunds:issue');
  const query = actionOrder
    ? `orderId=${encodeURIComponent(actionOrder.id)}&ticketId=${encodeURIComponent(ticket.id)}`
    : '';

  return (
    <>
      <BackLink href="/support">Inbox</BackLink>
      <PageHeader
        title={`#${ticket.number} ${ticket.subject}`}
        description={
          `${TICKET_CHANNEL_LABEL[ticket.channel] ?? ticket.channel} · ` +
          `opened ${when.format(new Date(ticket.created_at))} ` +
          `by ${ticket.customer.name || ticket.customer.email}`
        }
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <TicketStatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            <SlaBadge
              firstResponse={ticket.sla.first_response}
              resolution={ticket.sla.resolution}
              nextDueAt={ticket.sla.next_due_at}
              timeZone={timeZone}
            />
          </div>
        }
      />

      {/* Side by side from tablet width (820 px): the customer stays beside the composer, not under it. */}
      <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_17rem] xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="thread-title">
            <h2 id="thread-title" className="mb-3 text-lg font-semibold">
              Conversation
            </h2>
            <ol className="space-y-3">
              {ticket.messages.map((m) => (
                <li
                  key={m.id}
                  className={
                    `rounded-xl border p-4 ${KIND_STYLE[m.kind].box} ` +
                    `${m.kind === 'customer' ? 'mr-8' : 'ml-8'}`
                  }
                  data-kind={m.kind}
                >
                  <p className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
                    <span>
                      <span className="font-semibold">{m.author.label}</span>{' '}
                      <span className={m.kind === 'note' ? 'font-medium text-amber-950' : 'text-slate-700'}>
                        · {KIND_STYLE[m.kind].label}
                      </span>
                    </span>
                    <time dateTime={m.created_at} className="text-slate-600">
                      {when.format(new Date(m.created_at))}
                    </time>
                  </p>
                  <p className="whitespace-pre-wrap break-words">{m.body}</p>
                </li>
              ))}
            </ol>
          </section>

          <section aria-labelledby="emails-title">
            <h2 id="emails-title" className="mb-2 text-lg font-semibold">
              Other emails to the customer
            </h2>
            <p className="mb-2 text-sm text-slate-700">
              Return, refund and shipping emails about this ticket and its order, as they were sent.
            </p>
            <CustomerEmails
              emails={otherEmails}
              timeZone={timeZone}
              empty="No other emails were sent about this ticket or its order."
            />
          </section>

          {closed && (
            <p className="rounded-xl border border-slate-200 bg-white p-4 text-slate-700">
              This ticket is closed: it takes no more replies, and a new message from the customer opens a new
              ticket. Internal notes are still possible.
            </p>
          )}
          <ReplyComposer
            key={closed ? 'closed' : 'active'}
            ticketId={ticket.id}
            status={ticket.status}
            sendAs={statusChoices(ticket.status).filter((s) => s !== ticket.status && s !== 'open')}
            notesOnly={closed}
            canned={canned.map((c) => ({ id: c.id, name: c.name, body: c.body }))}
            placeholders={Object.entries(PLACEHOLDERS).map(([name, label]) => ({ name, label }))}
          />
        </div>

        <aside aria-label="Ticket details and customer" className="space-y-4">
          <Panel title="Ticket">
            <TicketProperties
              ticketId={ticket.id}
              status={ticket.status}
              statusChoices={statusChoices(ticket.status)}
              priority={ticket.priority}
              assigneeId={ticket.assignee?.id ?? null}
              tags={ticket.tags}
              agents={agents}
              priorities={TICKET_PRIORITIES}
            />
            <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 border-t border-slate-200 pt-3 text-sm">
              <dt className="text-slate-600">First response due</dt>
              <dd>{when.format(new Date(ticket.sla.first_response_due_at))}</dd>
              <dt className="text-slate-600">First response</dt>
              <dd>
                {ticket.first_responded_at ? when.format(new Date(ticket.first_responded_at)) : '—'}
                {ticket.sla.first_response_breached ? ' (late)' : ''}
              </dd>
              <dt className="text-slate-600">Resolution due</dt>
              <dd>{when.format(new Date(ticket.sla.resolution_due_at))}</dd>
              <dt className="text-slate-600">Solved</dt>
              <dd>
                {ticket.solved_at ? when.format(new Date(ticket.solved_at)) : '—'}
                {ticket.sla.resolution_breached ? ' (late)' : ''}
              </dd>
            </dl>
          </Panel>

          {started.data.length > 0 && (
            <Panel title="Started from this ticket">
              <ul className="divide-y divide-slate-100 text-sm">
                {started.data.map((r) => (
                  <li key={r.id} className="py-1.5">
                    <Link href={`/returns/${r.id}`} className="text-brand-700 underline">
                      Return #{r.number}
                    </Link>{' '}
                    · order #{r.order_number} · {r.status.replace(/_/g, ' ')} · {r.units_received} of{' '}
                    {r.units} units back
                  </li>
                ))}
              </ul>
            </Panel>
          )}

          <Panel title="Customer">
            <p className="font-medium">{sidebar.customer.name || sidebar.customer.email}</p>
            <p className="text-sm text-slate-700">
              {sidebar.customer.email}
              {sidebar.customer.phone ? ` · ${sidebar.customer.phone}` : ''}
            </p>
            <p className="text-sm text-slate-600">
              {sidebar.customer.order_count} {sidebar.customer.order_count === 1 ? 'order' : 'orders'} ·
              customer since{' '}
              {new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', year: 'numeric' }).format(
                new Date(sidebar.customer.since),
              )}
            </p>
            <p className="mt-1 text-sm">
              <Link href={`/orders/customers/${sidebar.customer.id}`} className="text-brand-700 underline">
                Customer page
              </Link>
            </p>
          </Panel>

          <Panel title="Actions">
            {actionOrder ? (
              <div className="space-y-2">
                <p className="text-sm text-slate-700">
                  For order{' '}
                  <Link href={`/orders/${actionOrder.id}`} className="text-brand-700 underline">
                    #{actionOrder.number}
                  </Link>
                  {ticket.order ? '' : ' (latest; no order is linked to this ticket)'}.
                </p>
                <div className="flex flex-wrap gap-2">
                  {canReturn && (
                    <Link
                      href={`/returns/new?${query}`}
                      className={
                        'inline-flex min-h-10 items-center rounded-md border ' +
                        'border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50'
                      }
                    >
                      Start a return
                    </Link>
                  )}
                  {canRefund && (
                    <Link
                      href={`/refunds/new?${query}`}
                      className={
                        'inline-flex min-h-10 items-center rounded-md border ' +
                        'border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50'
                      }
                    >
                      Issue a refund
                    </Link>
                  )}
                </div>
                {shipped && !closed && (
                  <ResendShippingEmail
                    ticketId={ticket.id}
                    orderNumber={ticket.order!.number}
                    email={ticket.customer.email}
                  />
                )}
              </div>
            ) : (
              <p className="text-sm text-slate-700">
                This customer has no orders, so there is nothing to return or refund.
              </p>
            )}
          </Panel>

          <Panel title="Orders">
            {sidebar.orders.length === 0 ? (
              <p className="text-sm text-slate-700">No orders.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {sidebar.orders.map((o) => (
                  <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                    <Link href={`/orders/${o.id}`} className="text-brand-700 underline">
                      #{o.number}
                    </Link>
                    <span className="text-slate-600">
                      {new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium' }).format(
                        new Date(o.placed_at),
                      )}
                    </span>
                    <OrderStatusBadge status={o.status} />
                    <span className="tabular-nums">{formatMoney(o.total, o.currency)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel title="Shipments">
            {sidebar.shipments.length === 0 ? (
              <p className="text-sm text-slate-700">Nothing shipped yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {sidebar.shipments.map((s) => (
                  <li key={s.id} className="py-1.5">
                    <span className="font-medium">#{s.number}</span> for order #{s.order_number} ·{' '}
                    {s.status.replace(/_/g, ' ')}
                    <span className="block text-slate-700">
                      {[s.carrier, s.service].filter(Boolean).join(' ') || 'Carrier not recorded'}
                      {s.tracking_number && (
                        <>
                          {' '}
                          ·{' '}
                          {s.tracking_url ? (
                            <a
                              href={s.tracking_url}
                              target="_blank"
                              rel="noreferrer"
                              className="text-brand-700 underline"
                            >
                              {s.tracking_number}
                              <span className="sr-only"> (track, opens in a new tab)</span>
                            </a>
                          ) : (
                            s.tracking_number
                          )}
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel title="Returns and refunds">
            {sidebar.returns.length + sidebar.refunds.length === 0 ? (
              <p className="text-sm text-slate-700">No returns or refunds.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {sidebar.returns.map((r) => (
                  <li key={r.id} className="py-1.5">
                    <Link href={`/returns/${r.id}`} className="text-brand-700 underline">
                      Return #{r.number}
                    </Link>{' '}
                    · order #{r.order_number} · {r.status.replace(/_/g, ' ')}
                  </li>
                ))}
                {sidebar.refunds.map((r) => (
                  <li key={r.id} className="py-1.5">
                    Refund {formatMoney(r.amount, r.currency)} · order #{r.order_number} ·{' '}
                    {r.status.replace(/_/g, ' ')}
                  </li>
                ))}
              </ul>
            )}
          </Panel>

          <Panel title="Activity">
            {activity.length === 0 ? (
              <p className="text-sm text-slate-700">No changes yet.</p>
            ) : (
              <ol className="divide-y divide-slate-100 text-sm">
                {activity.map((a) => (
                  <li key={a.id} className="py-1.5">
                    {a.href ? (
                      <Link href={a.href} className="text-brand-700 underline">
                        {a.label}
                      </Link>
                    ) : (
                      a.label
                    )}
                    <span className="block text-slate-600">
                      {a.actor} ·{' '}
                      {new Intl.DateTimeFormat('en-US', {
                        timeZone,
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      }).format(new Date(a.at))}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </Panel>

          <Panel title="Other tickets">
            {sidebar.past_tickets.length === 0 ? (
              <p className="text-sm text-slate-700">This is the customer’s first ticket.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm">
                {sidebar.past_tickets.map((t) => (
                  <li key={t.id} className="py-1.5">
                    <Link href={`/support/${t.id}`} className="text-brand-700 underline">
                      #{t.number} {t.subject}
                    </Link>{' '}
                    <span className="text-slate-600">· {TICKET_STATUS_LABEL[t.status]}</span>
                  </li>
                ))}
              </ul>
            )}
          </Panel>
        </aside>
      </div>
    </>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 className="mb-2 font-semibold">{title}</h2>
      {children}
    </section>
  );
}
