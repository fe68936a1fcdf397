import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { payoutList } from '@/lib/ledger/fx-balances';
import { fxRevaluations, previousPeriod } from '@/lib/ledger/revalue-foreign-balances';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { StaticTable } from '@/components/data-table/static-table';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { PayoutForm, RevalueForm } from '@/components/ledger/fx-settlement-forms';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Payouts and FX · Ledger' };

export default async function PayoutsAndFxPage() {
  const user = await requirePagePermission('ledger:read', '/ledger/fx');
  const canPost = roleHas(user.role, 'ledger:write');
  const [settings, payouts, revaluations] = await Promise.all([
    shopSettings(),
    payoutList(),
    fxRevaluations(),
  ]);
  const base = settings.currency;
  return (
    <>
      <PageHeader
        title="Ledger"
        description={
          `Payouts of the processor balance into the bank, with the exchange difference ` +
          `they realize (7100), and the month-end revaluations of open ` +
          `foreign-currency balances (7200), all in ${base}.`
        }
      />
      <LedgerTabs current="/ledger/fx" />
      <div className="space-y-6">
        <Card
          id="payouts-title"
          title={`Payouts (${payouts.length})`}
          padding="none"
          titleClassName="px-4 pt-5 sm:px-6"
        >
          {payouts.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">
              No payouts yet.{' '}
              {canPost
                ? 'Record one below when the processor pays into the bank.'
                : 'A manager records them.'}
            </p>
          ) : (
            <StaticTable
              label="Payouts table"
              className="mt-3"
              caption="Payouts in other currencies and the exchange gain or loss on each"
              columns={[
                { id: 'date', header: 'Date', className: 'whitespace-nowrap' },
                { id: 'reference', header: 'Reference', rowHeader: true, className: 'font-mono' },
                { id: 'amount', header: 'Paid out', align: 'end', className: 'whitespace-nowrap' },
                { id: 'bank', header: 'To the bank', align: 'end', className: 'whitespace-nowrap' },
                { id: 'carrying', header: 'Carried at', align: 'end', className: 'whitespace-nowrap' },
                { id: 'fx', header: 'Exchange gain/loss', align: 'end', className: 'whitespace-nowrap' },
              ]}
              rows={payouts.map((p) => ({
                id: p.id,
                cells: {
                  date: p.date,
                  reference: (
                    <a
                      className="underline"
                      href={`/ledger/journal?q=${encodeURIComponent(`#${p.entry_number}`)}`}
                    >
                      {p.reference}
                    </a>
                  ),
                  amount: formatMoney(p.amount, p.currency),
                  bank: formatMoney(p.bank_amount, base),
                  carrying: formatMoney(p.carrying_amount, base),
                  fx: p.currency === base ? '—' : formatMoney(p.fx_difference, base),
                },
              }))}
            />
          )}
        </Card>
        <Card
          id="revaluations-title"
          title={`Month-end revaluations (${revaluations.length})`}
          padding="none"
          titleClassName="px-4 pt-5 sm:px-6"
        >
          {revaluations.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">
              None yet. The month-end job revalues the month just ended on the 1st;{' '}
              {canPost ? 'or run it below.' : 'a manager can run it too.'}
            </p>
          ) : (
            <StaticTable
              label="Revaluations table"
              className="mt-3"
              caption="Month-end revaluations of balances open in other currencies"
              columns={[
                { id: 'month', header: 'Month', rowHeader: true, className: 'whitespace-nowrap' },
                { id: 'account', header: 'Account', className: 'font-mono' },
                { id: 'balance', header: 'Open balance', align: 'end', className: 'whitespace-nowrap' },
                { id: 'rate', header: 'Closing rate', align: 'end', className: 'font-mono' },
                { id: 'carrying', header: 'Carried at', align: 'end', className: 'whitespace-nowrap' },
                { id: 'difference', header: 'Unrealized', align: 'end', className: 'whitespace-nowrap' },
              ]}
              rows={revaluations.flatMap((r) =>
                r.lines.length === 0
                  ? [
                      {
                        id: r.period,
                        cells: { month: r.period, account: 'Nothing open in another currency' },
                      },
                    ]
                  : r.lines.map((l, i) => ({
                      id: `${r.period}-${l.account}-${l.currency}`,
                      cells: {
                        month:
                          i === 0
                            ? `${r.period} (#${r.entry_number}, reversed #${r.reversal_entry_number})`
                            : '',
                        account: l.account,
                        balance: formatMoney(l.balance, l.currency),
                        rate: l.rate,
                        carrying: formatMoney(l.carrying, base),
                        difference: formatMoney(l.difference, base),
                      },
                    })),
              )}
            />
          )}
        </Card>
        {canPost && (
          <div className="grid gap-6 lg:grid-cols-2">
            <PayoutForm currency={base} today={todayIn(settings.timezone)} />
            <RevalueForm period={previousPeriod(settings.timezone)} />
          </div>
        )}
      </div>
    </>
  );
}
