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

import { Card } from '@/components/page/card';
import { endColumns } from '@/components/page/columns';
import { FactList } from '@/components/page/facts';
import { BackLink } from '@/components/page/back-link';

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
      <BackLink href="/purchasing/bills" tall>
        Bills
      </BackLink>
      <PageHeader
        title={`Bill ${bill.label}`}
        description={
          `${bill.supplier.name} invoice ${bill.supplier_reference} · ` +
          `billed ${bill.bill_date} · due ${bill.due_date}`
        }
        actions={<BillStatusBadge status={bill.status} />}
      />
      <div className="space-y-6">
        <Card id="match-title" title="Three-way match" padding="none" titleClassName="px-4 pt-4">
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
              ...endColumns({
                ordered: 'Ordered',
                received: 'Received',
                billed: 'Billed',
                cost: 'Unit cost',
                amount: 'Amount',
              }),
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
          <FactList
            className="grid grid-cols-2 gap-x-4 gap-y-1 p-4 text-sm sm:grid-cols-4"
            valueClassName="tabular-nums"
            facts={[
              { label: 'Subtotal', value: money(bill.subtotal) },
              { label: 'Input tax', value: money(bill.input_tax) },
              { label: 'Total', value: money(bill.total), className: 'font-semibold' },
              { label: `Payable (${settings.currency})`, value: base(bill.base_total) },
              { label: 'Received cost cleared', value: base(bill.grni_value) },
              { label: 'Price variance', value: base(bill.variance) },
              !!bill.fx_rate && { label: 'Rate', value: bill.fx_rate },
            ]}
          />
        </Card>

        <Card id="next-title" title="Next steps" className="space-y-3">
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
        </Card>
      </div>
    </>
  );
}
