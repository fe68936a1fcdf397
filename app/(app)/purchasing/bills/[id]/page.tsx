import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { billDetail } from '@/lib/purchasing/bill-queries';
import { canMoveBill } from '@/lib/purchasing/bill-rules';
import { formatMoney, toDecimalString } from '@/lib/money';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { BillStatusBadge } from '@/components/purchasing/bill-status-badge';
import { BillDecision, BillPayment } from '@/components/purchasing/bill-actions';

export const metadata: Metadata = { title: 'Supplier bill' };

export default async function BillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePagePermission('purchasing:read', `/purchasing/bills/${id}`);
  const [bill, settings] = await Promise.all([billDetail(id), shopSettings()]);
  if (!bill) notFound();
  const money = (n: number) => formatMoney(n, bill.currency);
  const base = (n: number | null) => (n === null ? '—' : formatMoney(n, settings.currency));
  const canDecide = roleHas(user.role, 'purchasing:approve') && canMoveBill(bill.status, 'approve');
  const canPay = roleHas(user.role, 'purchasing:write') && canMoveBill(bill.status, 'pay');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/purchasing/bills" className="inline-flex min-h-11 items-center text-brand-700 underline">
          ← Bills
        </Link>
      </p>
      <PageHeader
        title={`Bill ${bill.label}`}
        description={
          `${bill.supplier.name} invoice ${bill.supplier_reference} · ` +
          `billed ${bill.bill_date} · due ${bill.due_date}`
        }
        actions={<BillStatusBadge status={bill.status} />}
      />
      <div className="space-y-6">
        <section aria-labelledby="match-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="match-title" className="px-4 pt-4 text-lg font-semibold">
            Three-way match
          </h2>
          <p className="px-4 text-sm text-slate-700">
            For{' '}
            <Link href={`/purchasing/${bill.purchase_order.id}`} className="text-brand-700 underline">
              {bill.purchase_order.label}
            </Link>
            : ordered, received and billed per line.
          </p>
          <StaticTable
            label="Bill lines"
            className="mt-2"
            caption="Lines of this bill against the purchase order"
            columns={[
              { id: 'sku', header: 'SKU', className: 'font-mono' },
              { id: 'ordered', header: 'Ordered', align: 'end' },
              { id: 'received', header: 'Received', align: 'end' },
              { id: 'billed', header: 'Billed', align: 'end' },
              { id: 'cost', header: 'Unit cost', align: 'end' },
              { id: 'amount', header: 'Amount', align: 'end' },
            ]}
            rows={bill.lines.map((l) => ({
              id: l.sku,
              cells: {
                sku: l.sku,
                ordered: l.ordered,
                received: l.received,
                billed: (
                  <>
                    {l.quantity}
                    {l.previously_billed > 0 && (
                      <span className="block text-xs text-slate-600">
                        {l.previously_billed} billed before
                      </span>
                    )}
                  </>
                ),
                cost: money(l.unit_cost),
                amount: money(l.amount),
              },
            }))}
          />
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 p-4 text-sm sm:grid-cols-4">
            <dt className="text-slate-600">Subtotal</dt>
            <dd className="tabular-nums">{money(bill.subtotal)}</dd>
            <dt className="text-slate-600">Input tax</dt>
            <dd className="tabular-nums">{money(bill.input_tax)}</dd>
            <dt className="text-slate-600">Total</dt>
            <dd className="font-semibold tabular-nums">{money(bill.total)}</dd>
            <dt className="text-slate-600">Payable ({settings.currency})</dt>
            <dd className="tabular-nums">{base(bill.base_total)}</dd>
            <dt className="text-slate-600">Received cost cleared</dt>
            <dd className="tabular-nums">{base(bill.grni_value)}</dd>
            <dt className="text-slate-600">Price variance</dt>
            <dd className="tabular-nums">{base(bill.variance)}</dd>
            {bill.fx_rate && (
              <>
                <dt className="text-slate-600">Rate</dt>
                <dd className="tabular-nums">{bill.fx_rate}</dd>
              </>
            )}
          </dl>
        </section>

        <section
          aria-labelledby="next-title"
          className="space-y-3 rounded-xl border border-slate-200 bg-white p-5"
        >
          <h2 id="next-title" className="text-lg font-semibold">
            Next steps
          </h2>
          {bill.status === 'awaiting_approval' && (
            <>
              <ul className="list-disc pl-5 text-slate-800" aria-label="Match findings">
                {bill.match_issues.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              {canDecide ? (
                <BillDecision billId={bill.id} />
              ) : (
                <p className="text-slate-700">
                  A manager must approve or reject this bill before it is posted.
                </p>
              )}
            </>
          )}
          {(bill.status === 'posted' || bill.status === 'partially_paid') &&
            (canPay ? (
              <>
                <p className="text-slate-700">
                  {bill.status === 'posted' ? 'Posted to accounts payable.' : 'Partly paid.'}{' '}
                  {money(bill.open_amount)} is open. Record a payment when the money leaves the bank.
                </p>
                <BillPayment
                  billId={bill.id}
                  today={todayIn(settings.timezone)}
                  currency={bill.currency}
                  open={toDecimalString(bill.open_amount, bill.currency)}
                />
              </>
            ) : (
              <p className="text-slate-700">
                Posted to accounts payable; {money(bill.open_amount)} waiting for payment.
              </p>
            ))}
          {bill.payments.length > 0 && (
            <ul aria-label="Payments" className="list-disc pl-5 text-sm text-slate-800">
              {bill.payments.map((p, i) => (
                <li key={i}>
                  {p.paid_on}: {money(p.amount)} ({base(p.bank_amount)} from the bank
                  {p.realized_fx ? `, exchange difference ${base(p.realized_fx)}` : ''})
                </li>
              ))}
            </ul>
          )}
          {bill.status === 'paid' && (
            <p className="text-slate-700">
              Paid in full on {bill.paid_on} ({base(bill.payment_base)}
              {bill.realized_fx ? `, exchange difference ${base(bill.realized_fx)}` : ''}). Nothing more to
              do.
            </p>
          )}
          {bill.status === 'rejected' && (
            <p className="text-slate-700">
              Rejected by {bill.approved_by}. Ask the supplier for a corrected bill and enter it.
            </p>
          )}
        </section>
      </div>
    </>
  );
}
