import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { roleHas } from '@/lib/auth/permissions';
import { payoutList } from '@/lib/ledger/fx-balances';
import { fxRevaluations, previousPeriod } from '@/lib/ledger/revalue-foreign-balances';
import { shopSettings } from '@/lib/settings/queries';
import { todayIn } from '@/lib/dates';
import { formatMoney } from '@/lib/money';
import { PageHeader } from '@/components/ui/page-header';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { LedgerTabs } from '@/components/ledger/ledger-tabs';
import { PayoutForm, RevalueForm } from '@/components/ledger/fx-settlement-forms';

export const metadata: Metadata = { title: 'Payouts and FX · Ledger' };

const th = 'px-3 py-2 font-medium';
const td = 'px-3 py-2 whitespace-nowrap';

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
        <section aria-labelledby="payouts-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="payouts-title" className="px-4 pt-5 text-lg font-semibold sm:px-6">
            Payouts ({payouts.length})
          </h2>
          {payouts.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">
              No payouts yet.{' '}
              {canPost
                ? 'Record one below when the processor pays into the bank.'
                : 'A manager records them.'}
            </p>
          ) : (
            <ScrollRegion label="Payouts table" className="mt-3">
              <table className="w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className={`${th} sm:pl-6`}>
                      Date
                    </th>
                    <th scope="col" className={th}>
                      Reference
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Paid out
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      To the bank
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Carried at
                    </th>
                    <th scope="col" className={`${th} text-right sm:pr-6`}>
                      Exchange gain/loss
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {payouts.map((p) => (
                    <tr key={p.id} className="border-b border-slate-100">
                      <td className={`${td} sm:pl-6`}>{p.date}</td>
                      <th scope="row" className={`${td} font-mono font-normal`}>
                        <a
                          className="underline"
                          href={`/ledger/journal?q=${encodeURIComponent(`#${p.entry_number}`)}`}
                        >
                          {p.reference}
                        </a>
                      </th>
                      <td className={`${td} text-right tabular-nums`}>{formatMoney(p.amount, p.currency)}</td>
                      <td className={`${td} text-right tabular-nums`}>{formatMoney(p.bank_amount, base)}</td>
                      <td className={`${td} text-right tabular-nums`}>
                        {formatMoney(p.carrying_amount, base)}
                      </td>
                      <td className={`${td} text-right tabular-nums sm:pr-6`}>
                        {p.currency === base ? '—' : formatMoney(p.fx_difference, base)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
        <section aria-labelledby="revaluations-title" className="rounded-xl border border-slate-200 bg-white">
          <h2 id="revaluations-title" className="px-4 pt-5 text-lg font-semibold sm:px-6">
            Month-end revaluations ({revaluations.length})
          </h2>
          {revaluations.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600 sm:px-6">
              None yet. The month-end job revalues the month just ended on the 1st;{' '}
              {canPost ? 'or run it below.' : 'a manager can run it too.'}
            </p>
          ) : (
            <ScrollRegion label="Revaluations table" className="mt-3">
              <table className="w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className={`${th} sm:pl-6`}>
                      Month
                    </th>
                    <th scope="col" className={th}>
                      Account
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Open balance
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Closing rate
                    </th>
                    <th scope="col" className={`${th} text-right`}>
                      Carried at
                    </th>
                    <th scope="col" className={`${th} text-right sm:pr-6`}>
                      Unrealized
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {revaluations.flatMap((r) =>
                    r.lines.length === 0
                      ? [
                          <tr key={r.period} className="border-b border-slate-100">
                            <th scope="row" className={`${td} font-normal sm:pl-6`}>
                              {r.period}
                            </th>
                            <td className={td} colSpan={5}>
                              Nothing open in another currency
                            </td>
                          </tr>,
                        ]
                      : r.lines.map((l, i) => (
                          <tr
                            key={`${r.period}-${l.account}-${l.currency}`}
                            className="border-b border-slate-100"
                          >
                            <th scope="row" className={`${td} font-normal sm:pl-6`}>
                              {i === 0
                                ? `${r.period} (#${r.entry_number}, reversed #${r.reversal_entry_number})`
                                : ''}
                            </th>
                            <td className={`${td} font-mono`}>{l.account}</td>
                            <td className={`${td} text-right tabular-nums`}>
                              {formatMoney(l.balance, l.currency)}
                            </td>
                            <td className={`${td} text-right font-mono tabular-nums`}>{l.rate}</td>
                            <td className={`${td} text-right tabular-nums`}>
                              {formatMoney(l.carrying, base)}
                            </td>
                            <td className={`${td} text-right tabular-nums sm:pr-6`}>
                              {formatMoney(l.difference, base)}
                            </td>
                          </tr>
                        )),
                  )}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
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
